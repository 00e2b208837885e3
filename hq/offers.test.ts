import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dashboardErrorSchema } from "../contract/dashboard";
import { offerReleaseSchema, offersAnswerSchema, releaseListSchema } from "../contract/head-office";
import { hqErrorSchema, pairResponseSchema } from "../contract/hq";
import { addOwner } from "./auth/owners";
import { addLocation, revokeTokens } from "./pairing";
import { buildServer } from "./server";
import { Browser, OWNER } from "./test/browser";
import { chainOffer } from "../db/test/chain-offer";
import { freshDatabase, pgUnavailable, type TestDatabase } from "./test/pg";

const unavailable = await pgUnavailable();

describe.skipIf(unavailable !== null)(
  `chain offer releases over PostgreSQL${unavailable ? ` — skipped: ${unavailable}` : ""}`,
  () => {
    let db: TestDatabase;
    let app: ReturnType<typeof buildServer>;
    let token = "";
    let locationId = "";
    beforeAll(async () => {
      db = await freshDatabase();
      app = buildServer({ pool: db.pool, logStream: null });
      await addOwner(db.pool, OWNER.email, OWNER.password);
      const added = await addLocation(db.pool, "Downtown");
      locationId = added.locationId;
      token = pairResponseSchema.parse(
        (await app.inject({ method: "POST", url: "/v1/pair", payload: { code: added.code } })).json(),
      ).token;
    });
    afterAll(async () => {
      await app?.close();
      await db?.drop();
    });
    const pull = (after: number, bearer = token) =>
      app.inject({ method: "GET", url: `/v1/offers?after=${after}`, headers: { authorization: `Bearer ${bearer}` } });

    it("an owner publishes numbered releases; a location pulls the newest newer than the one it applied", async () => {
      const owner = new Browser(app);
      expect((await owner.signIn()).statusCode).toBe(200);
      expect(offersAnswerSchema.parse((await pull(0)).json())).toEqual({ release: null });

      const first = await owner.post("/api/offer-releases", { offers: [chainOffer("face"), chainOffer("scalp")] });
      expect(first.statusCode).toBe(200);
      expect(offerReleaseSchema.parse(first.json())).toMatchObject({ number: 1 });
      const second = await owner.post("/api/offer-releases", {
        offers: [chainOffer("face", { priceCents: 3500, allowLocalOverride: true })],
      });
      expect(offerReleaseSchema.parse(second.json()).number).toBe(2);

      const pulled = offersAnswerSchema.parse((await pull(0)).json()).release;
      expect(pulled).toMatchObject({
        number: 2,
        offers: [{ code: "face", priceCents: 3500, allowLocalOverride: true }],
      });
      expect(offersAnswerSchema.parse((await pull(1)).json()).release?.number).toBe(2);
      expect(offersAnswerSchema.parse((await pull(2)).json())).toEqual({ release: null });

      const list = releaseListSchema.parse((await owner.request("GET", "/api/offer-releases")).json());
      expect(list.releases.map((r) => [r.number, r.publishedBy, r.offers.length])).toEqual([
        [2, OWNER.email, 1],
        [1, OWNER.email, 2],
      ]);
    });

    it("a malformed release is refused with what is wrong, and nothing is published", async () => {
      const owner = new Browser(app);
      await owner.signIn();
      const before = releaseListSchema.parse((await owner.request("GET", "/api/offer-releases")).json()).releases;
      const cases: [object, RegExp][] = [
        [{ offers: [chainOffer("face", { priceCents: 25.5 })] }, /offers\.0\.priceCents: Prices are whole cents/],
        [{ offers: [chainOffer("face", { priceCents: 200_000_00 })] }, /That price looks wrong/],
        [
          { offers: [chainOffer("face"), chainOffer("face")] },
          /offers\.1\.code: Add-on 1 already has the code face: each add-on code once\./,
        ],
        [{ offers: [chainOffer("Face!")] }, /offers\.0\.code: A code is 2 to 40/],
        [{ offers: [{ ...chainOffer("face"), texts: { es: chainOffer("face").texts.es } }] }, /offers\.0\.texts\.en/],
        [{ offers: [chainOffer("face", { services: [] })] }, /at least one service/],
        [{ offers: [] }, /at least one add-on/],
      ];
      for (const [body, message] of cases) {
        const res = await owner.post("/api/offer-releases", body);
        expect(res.statusCode).toBe(400);
        const { error } = dashboardErrorSchema.parse(res.json());
        expect(error.code).toBe("MALFORMED_RELEASE");
        expect(error.message).toMatch(message);
      }
      const after = releaseListSchema.parse((await owner.request("GET", "/api/offer-releases")).json()).releases;
      expect(after).toEqual(before);
    });

    it("two owners publishing from the same release: the second is refused, told who published what, and nothing of theirs is published until they publish again", async () => {
      await addOwner(db.pool, "partner@chain.example", "another long passphrase");
      const owner = new Browser(app);
      await owner.signIn();
      const partner = new Browser(app);
      await partner.signIn("partner@chain.example", "another long passphrase");
      const seen = releaseListSchema.parse((await owner.request("GET", "/api/offer-releases")).json()).releases[0];
      const basedOn = seen?.number ?? null;

      const mine = await owner.post("/api/offer-releases", {
        offers: [chainOffer("face", { priceCents: 4100 })],
        basedOn,
      });
      const published = offerReleaseSchema.parse(mine.json()).number;
      const theirs = await partner.post("/api/offer-releases", {
        offers: [chainOffer("face", { priceCents: 4200 })],
        basedOn,
      });
      expect(theirs.statusCode).toBe(409);
      expect(dashboardErrorSchema.parse(theirs.json()).error).toEqual({
        code: "RELEASE_CONFLICT",
        message: `Nothing was published: release ${published} was published by ${OWNER.email} while this one was being written. It is listed above now; publish again to replace it with yours.`,
      });
      const list = releaseListSchema.parse((await partner.request("GET", "/api/offer-releases")).json()).releases;
      expect(list[0]).toMatchObject({ number: published, offers: [{ priceCents: 4100 }] });

      // Publishing again from the release now shown replaces it; a page showing a release head office lacks is told so.
      const again = await partner.post("/api/offer-releases", {
        offers: [chainOffer("face", { priceCents: 4200 })],
        basedOn: published,
      });
      expect(offerReleaseSchema.parse(again.json())).toMatchObject({
        number: published + 1,
        offers: [{ priceCents: 4200 }],
      });
      const stray = await partner.post("/api/offer-releases", { offers: [chainOffer("face")], basedOn: published + 5 });
      expect(dashboardErrorSchema.parse(stray.json()).error.message).toBe(
        "Nothing was published: this page showed a release head office does not have. Reload the page.",
      );
    });

    it("publishing needs a signed-in owner and the page's CSRF token; pulling needs a live location token", async () => {
      const stranger = new Browser(app);
      await stranger.open();
      const signedOut = await stranger.post("/api/offer-releases", { offers: [chainOffer("face")] });
      expect(dashboardErrorSchema.parse(signedOut.json()).error.code).toBe("SIGNED_OUT");
      const owner = new Browser(app);
      await owner.signIn();
      const forged = await owner.post("/api/offer-releases", { offers: [chainOffer("face")] }, { "x-csrf-token": "x" });
      expect(dashboardErrorSchema.parse(forged.json()).error.code).toBe("CSRF_REFUSED");

      expect(hqErrorSchema.parse((await pull(0, "A".repeat(43))).json()).error.code).toBe("UNKNOWN_TOKEN");
      await revokeTokens(db.pool, locationId);
      expect(hqErrorSchema.parse((await pull(0)).json()).error.code).toBe("REVOKED_TOKEN");
    });
  },
);
