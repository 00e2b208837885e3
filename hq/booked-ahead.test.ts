import { describe, expect, it } from "vitest";
import { pairingCodeSchema } from "../contract/hq";
import { chainComparison, locationReport } from "./dashboard/compare";
import { ingestBatch } from "./ingest";
import { migrate } from "./migrate";
import { hqMigrations } from "./migrations";
import { addLocation, redeemPairingCode } from "./pairing";
import { batchOf, EventLog } from "./test/events";
import { freshDatabase, pgUnavailable } from "./test/pg";

const unavailable = await pgUnavailable();
const NOVEMBER = { from: "2026-11-01", to: "2026-11-30" };

/**
 * Add-ons booked ahead at head office (hq migration 0007, the location's `booked_ahead` events): a chain whose
 * locations run different versions, one from before them.
 */
describe.skipIf(unavailable !== null)(
  `head office: add-ons booked ahead${unavailable ? ` — skipped: ${unavailable}` : ""}`,
  () => {
    it("0007 on a head office that already holds a location's kiosk figures keeps them; a location that never sends booked-ahead add-ons and one that does sit side by side", async () => {
      const db = await freshDatabase(hqMigrations.filter((m) => m.version <= 6));
      try {
        const pair = async (name: string) => {
          const { code } = await addLocation(db.pool, name);
          return redeemPairingCode(db.pool, pairingCodeSchema.parse(code));
        };
        const old = await pair("Old Town");
        const fresh = await pair("Riverside");
        // As a version-6 head office: with a token's location (row-level security), an add-on cell it kept.
        const asLocation = async (token: string, sql: string, params: unknown[] = []) => {
          const client = await db.pool.connect();
          try {
            await client.query("BEGIN");
            await client.query("SELECT set_config('app.token', $1, true)", [token]);
            const { rows } = await client.query<Record<string, unknown>>(sql, params);
            await client.query("COMMIT");
            return rows;
          } finally {
            client.release();
          }
        };
        await asLocation(
          old.token,
          `INSERT INTO day_addon_cells (location_id, local_day, addon, items, shown, chosen_kiosk, taken, revenue_cents, extra_minutes)
           VALUES ($1, '2026-10-15', 'face', 1, 1, 1, 1, 2500, 15)`,
          [old.locationId],
        );
        expect(await migrate(db.pool)).toBe(Math.max(...hqMigrations.map((m) => m.version)));
        expect(
          await asLocation(old.token, "SELECT addon, taken, booked, booked_minutes, booked_cents FROM day_addon_cells"),
        ).toEqual([{ addon: "face", taken: "1", booked: "0", booked_minutes: "0", booked_cents: "0" }]);

        // Both locations' guests, the kiosk's figures only; their visits' facts kept as a version-6 head office kept
        // them (no booked-ahead counts in them).
        const oldLog = new EventLog();
        oldLog.happyGuest("old-1");
        oldLog.decliningGuest("old-2");
        await ingestBatch(db.pool, old.token, batchOf(old.locationId, oldLog.events));
        const freshLog = new EventLog();
        freshLog.happyGuest("ana");
        freshLog.decliningGuest("ben");
        await ingestBatch(db.pool, fresh.token, batchOf(fresh.locationId, [...freshLog.events]));
        for (const p of [old, fresh])
          await asLocation(
            p.token,
            `UPDATE visit_facts SET addons = (SELECT coalesce(jsonb_agg(a #- '{counts,booked}' #- '{counts,booked_minutes}' #- '{counts,booked_cents}'), '[]')
                                             FROM jsonb_array_elements(addons) a)`,
          );
        const before = await chainComparison(db.pool, NOVEMBER);
        expect(before.bookedAhead).toEqual({ count: 0, minutes: 0, valueCents: 0 });

        // Riverside, upgraded, sends its booked-ahead add-ons: Ana's kept facts (from before 0007) get a scalp massage
        // booked ahead, dropped by the next file and booked again for 20 minutes; Ben's visit is cancelled and
        // reinstated. Each change is its own batch, and the last one is sent twice.
        const send = async (...changes: (() => void)[]) => {
          for (const change of changes) {
            const at = freshLog.events.length;
            change();
            const batch = batchOf(fresh.locationId, freshLog.events.slice(at));
            await ingestBatch(db.pool, fresh.token, batch);
          }
        };
        const scalp = (minutes: number) => ({ addon: "scalp", minutes, priceCents: 2000 });
        await send(
          () => freshLog.add("ana", "booked_ahead", { addons: [scalp(15)] }),
          () => freshLog.add("ana", "booked_ahead", { addons: [] }),
          () => freshLog.add("ana", "booked_ahead", { addons: [scalp(20)] }),
          () =>
            freshLog.add("ben", "booked_ahead", {
              addons: [scalp(15), { addon: "face", minutes: 15, priceCents: 2500 }],
            }),
          () => freshLog.add("ben", "booked_ahead", { addons: [] }),
          () => freshLog.add("ben", "booked_ahead", { addons: [{ addon: "face", minutes: 15, priceCents: 2500 }] }),
        );
        // Old Town's guest old-2, whose facts were kept before 0007, moves to the next day (a time-zone change at the
        // location sends the check-in again): the cells of the day it leaves move by facts without booked-ahead counts.
        const moved = new EventLog();
        moved.seq = 100;
        moved.add("old-2", "check_in", {
          localDay: "2026-11-03",
          hour: 1,
          channel: "kiosk",
          lang: "en",
          service: "Swedish massage",
        });
        await ingestBatch(db.pool, old.token, batchOf(old.locationId, moved.events));
        const replay = batchOf(fresh.locationId, freshLog.events.slice(-1));
        await ingestBatch(db.pool, fresh.token, replay);
        // Old Town, not upgraded, sends more kiosk facts: nothing of booked-ahead, nothing breaks.
        const oldMore = new EventLog();
        oldMore.seq = oldLog.seq;
        oldMore.happyGuest("old-3", "2026-11-03");
        await ingestBatch(db.pool, old.token, batchOf(old.locationId, oldMore.events));

        const after = await chainComparison(db.pool, NOVEMBER);
        const byName = (name: string) => after.locations.find((l) => l.name === name);
        expect(byName("Riverside")?.bookedAhead).toEqual({
          total: { count: 2, minutes: 35, valueCents: 4500 },
          byAddon: [
            { addon: "face", count: 1, minutes: 15, valueCents: 2500 },
            { addon: "scalp", count: 1, minutes: 20, valueCents: 2000 },
          ],
        });
        expect(byName("Old Town")?.bookedAhead).toEqual({
          total: { count: 0, minutes: 0, valueCents: 0 },
          byAddon: [],
        });
        expect(after.bookedAhead).toEqual({ count: 2, minutes: 35, valueCents: 4500 });
        expect(after.bookedAddons).toEqual(["face", "scalp"]);
        // The kiosk's figures are as they were: booked-ahead add-ons are in none of them.
        expect(byName("Riverside")?.figures).toEqual(before.locations.find((l) => l.name === "Riverside")?.figures);
        expect(byName("Riverside")?.byAddon).toEqual(before.locations.find((l) => l.name === "Riverside")?.byAddon);
        expect(byName("Old Town")?.figures.checkIns).toBe(3);
        const report = await locationReport(db.pool, NOVEMBER, fresh.locationId);
        expect(report?.bookedAhead).toEqual(byName("Riverside")?.bookedAhead);
      } finally {
        await db.drop();
      }
    });
  },
);
