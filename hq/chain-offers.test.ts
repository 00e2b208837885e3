import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { offerReleaseSchema, type ChainOffer } from "../contract/head-office";
import { listAddonsAdmin, saveAddon } from "../db/admin/addons";
import { saveScreening } from "../db/screening/screening";
import { insertStaff } from "../db/staff/staff";
import { applyChainRelease } from "../db/sync/chain-offers";
import { savePairing, syncState } from "../db/sync/outbox";
import { requestPairing, SyncWorker } from "../db/sync/worker";
import { reportSpa, type ReportSpa } from "../db/test/report-fixture";
import { addOwner } from "./auth/owners";
import { addLocation } from "./pairing";
import { buildServer } from "./server";
import { Browser, OWNER } from "./test/browser";
import { chainOffer } from "../db/test/chain-offer";
import { pgUnavailable, servedDatabase, type TestDatabase } from "./test/pg";

/**
 * Chain-wide offers end to end: an owner publishes over HTTP, a location's own sync worker pulls over loopback and
 * applies.
 */
const unavailable = await pgUnavailable();

describe.skipIf(unavailable !== null)(
  `chain-wide offers reach the locations${unavailable ? ` — skipped: ${unavailable}` : ""}`,
  () => {
    let db: TestDatabase;
    let app: ReturnType<typeof buildServer>;
    let url = "";
    let owner: Browser;
    beforeAll(async () => {
      ({ db, app, url } = await servedDatabase());
      await addOwner(db.pool, OWNER.email, OWNER.password);
      owner = new Browser(app);
      expect((await owner.signIn()).statusCode).toBe(200);
    });
    afterAll(async () => {
      await app?.close();
      await db?.drop();
    });

    /** A location paired with the head office, its worker's network switchable off. */
    const location = async (name: string) => {
      const spa = reportSpa();
      const { code } = await addLocation(db.pool, name);
      const paired = await requestPairing(url, code);
      savePairing(spa.m, { kind: "system" }, { url, locationId: paired.locationId, token: paired.token });
      const net = { online: true };
      const worker = new SyncWorker({
        model: spa.m,
        fetch: (input, init) => (net.online ? fetch(input, init) : Promise.reject(new TypeError("fetch failed"))),
        idleMs: 20,
        minBackoffMs: 20,
        maxBackoffMs: 40,
      });
      return { spa, worker, net };
    };
    const publish = async (offers: ChainOffer[]) => {
      const res = await owner.post("/api/offer-releases", { offers });
      expect(res.statusCode).toBe(200);
      return offerReleaseSchema.parse(res.json()).number;
    };
    /** The price the kiosk quotes for `code` to a guest checking in now for a Swedish massage. */
    let hour = 9;
    const quoted = (spa: ReportSpa, code: string) => {
      const at = `${(hour++).toString().padStart(2, "0")}:00`;
      const id = spa.book("2026-11-03", at, "swedish", "ana");
      spa.kiosk(id, spa.localIso("2026-11-03", at), []);
      return spa.db
        .prepare(
          "SELECT i.price_cents FROM offer_items i JOIN offers o ON o.id = i.offer_id JOIN addons a ON a.id = i.addon_id WHERE o.appointment_id = ? AND a.code = ?",
        )
        .pluck()
        .get(id, code) as number | undefined;
    };
    const manager = (spa: ReportSpa) => ({
      kind: "staff" as const,
      staffId: insertStaff(spa.m, { name: `Mia ${hour++}`, role: "manager", pinHash: "x" }),
      name: "Mia",
    });
    const audits = (spa: ReportSpa) =>
      spa.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'head_office.offers_applied'").pluck().get();

    it("publish → the location pulls after its push cycle → the kiosk quotes the new price; a location offline during the release gets it on reconnect", async () => {
      const online = await location("Downtown");
      const offline = await location("Harbor");
      expect(quoted(online.spa, "face")).toBe(2500);
      offline.net.online = false;
      online.worker.start();
      offline.worker.start();
      try {
        const number = await publish([chainOffer("face", { priceCents: 3200 }), chainOffer("scalp")]);
        await expect.poll(() => online.worker.status().offers.release, { timeout: 20_000 }).toBe(number);
        expect(quoted(online.spa, "face")).toBe(3200);
        expect(online.worker.status().lastError).toBeNull();

        await expect.poll(() => syncState(offline.spa).lastError, { timeout: 20_000 }).toMatch(/unreachable/);
        expect(offline.worker.status().offers.release).toBeNull();
        expect(quoted(offline.spa, "face")).toBe(2500);
        offline.net.online = true;
        offline.worker.wake();
        await expect.poll(() => offline.worker.status().offers.release, { timeout: 20_000 }).toBe(number);
        expect(quoted(offline.spa, "face")).toBe(3200);
        // The events its guests made while offline reached head office too.
        await expect.poll(() => offline.worker.status().waiting, { timeout: 20_000 }).toBe(0);
      } finally {
        await online.worker.stop();
        await offline.worker.stop();
      }
    }, 60_000);

    it("applying the same release twice changes nothing, and pulling again brings nothing new", async () => {
      const { spa, worker } = await location("Uptown");
      await publish([chainOffer("face", { priceCents: 2900 })]);
      expect(await worker.pullOffers()).not.toBeNull();
      const snapshot = () =>
        JSON.stringify({
          addons: listAddonsAdmin(spa.m),
          screening: spa.db.prepare("SELECT * FROM screening_sets ORDER BY id").all(),
          catalog: spa.db.prepare("SELECT version FROM addon_catalog_version").pluck().get(),
          audit: spa.db.prepare("SELECT count(*) FROM audit_log").pluck().get(),
        });
      const before = snapshot();
      const release = spa.db.prepare("SELECT release FROM chain_releases").pluck().get() as string;
      expect(applyChainRelease(spa.m, offerReleaseSchema.parse(JSON.parse(release)))).toEqual({
        applied: false,
        problems: [],
      });
      expect(await worker.pullOffers()).toBeNull();
      expect(snapshot()).toBe(before);
      expect(audits(spa)).toBe(1);
    });

    it("a manager's own price is kept while the chain allows it and replaced when it stops; not allowed, the back office refuses the change", async () => {
      const { spa, worker } = await location("Midtown");
      const mia = manager(spa);
      const face = () => listAddonsAdmin(spa.m).addons.find((a) => a.code === "face")!;
      const edit = (priceCents: number) => {
        const { pendingToday: _p, chain: _c, ...rest } = face();
        return saveAddon(spa.m, mia, { ...rest, priceCents });
      };

      const allowed = await publish([chainOffer("face", { priceCents: 3000, allowLocalOverride: true })]);
      await worker.pullOffers();
      expect(face()).toMatchObject({
        priceCents: 3000,
        chain: { release: allowed, allowOverride: true, overridden: false },
      });
      edit(2700);
      expect(face().chain).toMatchObject({ overridden: true });

      const stillAllowed = await publish([chainOffer("face", { priceCents: 3300, allowLocalOverride: true })]);
      await worker.pullOffers();
      expect(face()).toMatchObject({ priceCents: 2700, chain: { release: stillAllowed, overridden: true } });
      expect(quoted(spa, "face")).toBe(2700);

      await publish([chainOffer("face", { priceCents: 3400, allowLocalOverride: false })]);
      await worker.pullOffers();
      expect(face()).toMatchObject({ priceCents: 3400, chain: { allowOverride: false, overridden: false } });
      expect(worker.status().offers.problems).toEqual([
        "face: this spa's own price, minutes and copy were replaced: head office no longer allows a local change.",
        "face: no Chinese copy: guests reading Chinese see the English title and benefits.",
      ]);
      expect(() => edit(2000)).toThrow(/does not allow changing it here/);
      expect(quoted(spa, "face")).toBe(3400);
    });

    it("a service this spa doesn't have and copy missing in a language its kiosk offers are applied around and reported; an add-on the next release drops is withdrawn", async () => {
      const { spa, worker } = await location("Riverside");
      const number = await publish([chainOffer("face", { services: ["swedish", "Hot stone"] })]);
      await worker.pullOffers();
      const { addons } = listAddonsAdmin(spa.m);
      const face = addons.find((a) => a.code === "face")!;
      expect(face.serviceIds).toEqual([spa.services.swedish]);
      expect(addons.find((a) => a.code === "scalp")?.active).toBe(true); // the spa's own scalp add-on, never the chain's
      expect(worker.status().offers).toMatchObject({
        problems: [
          `face was this spa's own add-on: head office manages it from release ${number}.`,
          "face: this spa has no service named “Hot stone”, so the add-on is not offered with it.",
          "face: no Chinese copy: guests reading Chinese see the English title and benefits.",
        ],
      });
      // The questions are the chain's: a new version, and a manager can't replace them.
      expect(spa.db.prepare("SELECT version, saved_by FROM screening_sets WHERE addon_id = ?").all(face.id)).toEqual([
        { version: 1, saved_by: null },
      ]);
      expect(() => saveScreening(spa.m, manager(spa), { addonId: face.id, questions: [] })).toThrow(
        /Head office sets these questions/,
      );
      // Nothing of it goes to the outbox: the catalogue is not a guest's fact.
      const outbox = spa.db.prepare("SELECT count(*) FROM outbox").pluck().get();
      await publish([chainOffer("scalp")]);
      await worker.pullOffers();
      expect(listAddonsAdmin(spa.m).addons.find((a) => a.code === "face")?.active).toBe(false);
      expect(spa.db.prepare("SELECT count(*) FROM outbox").pluck().get()).toBe(outbox);
    });
  },
);
