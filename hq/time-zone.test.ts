import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bookedAheadPerRow, figuresOf, type UptakeReport } from "../contract/reports";
import { kioskSettings } from "../db/admin/kiosk";
import { storeBookedAddons } from "../db/desk/booked-addons";
import { uptakeReport } from "../db/reports/reports";
import { savePairing, syncState } from "../db/sync/outbox";
import { requestPairing, SyncWorker } from "../db/sync/worker";
import { manager, saveKioskSettings } from "../db/test/back-office";
import { demoModel } from "../db/test/helpers";
import { aheadOf } from "./dashboard/compare";
import { addLocation } from "./pairing";
import { locationBreakdowns, locationFigures, weekdayHour, type WeekdayHourCell } from "./reports";
import { buildServer } from "./server";
import { breakdownsOfHeadOffice, breakdownsOfLocationReport } from "./test/compare";
import { pgUnavailable, servedDatabase, type TestDatabase } from "./test/pg";

/**
 * A location that corrects its time zone (Los Angeles → Madrid) after four weeks of check-ins: the visits that moved
 * to another day or hour are sent again (their check-in events, with the new day and hour), and head office's days,
 * breakdowns and weekday × hour grid — the add-ons booked ahead in them too — are the location's own again once they
 * are synced.
 */
const unavailable = await pgUnavailable();
const WEEKS = { from: "2026-10-20", to: "2026-11-30" };

describe.skipIf(unavailable !== null)(
  `head office after a time-zone change${unavailable ? ` — skipped: ${unavailable}` : ""}`,
  () => {
    let db: TestDatabase;
    let app: ReturnType<typeof buildServer>;
    let url: string;

    beforeAll(async () => {
      ({ db, app, url } = await servedDatabase());
    });
    afterAll(async () => {
      await app?.close();
      await db?.drop();
    });

    it("shows each check-in on its day and hour in the new zone, as the location's own report does", async () => {
      const spa = await demoModel();
      const { code } = await addLocation(db.pool, "Casa Calma");
      const { locationId, token } = await requestPairing(url, code);
      savePairing(spa, { kind: "system" }, { url, locationId, token });
      const sync = async () => {
        expect((await new SyncWorker({ model: spa }).drain()).failed).toBeNull();
        expect(syncState(spa).waiting).toBe(0);
      };
      // Imports book a scalp massage ahead for a quarter of the checked-in guests and a face massage too for some of
      // them; a later file drops it again for a few.
      const addon = (code: string) =>
        spa.db.prepare("SELECT id FROM addons WHERE code = ?").pluck().get(code) as number;
      const [scalp, face] = [addon("scalp"), addon("face")];
      const guests = spa.db.prepare("SELECT appointment_id FROM check_ins").pluck().all() as number[];
      for (const g of guests.filter((g) => g % 4 === 0)) storeBookedAddons(spa.db, g, [{ id: scalp, minutes: 20 }]);
      for (const g of guests.filter((g) => g % 12 === 0))
        storeBookedAddons(spa.db, g, [
          { id: scalp, minutes: 20 },
          { id: face, minutes: 15 },
        ]);
      for (const g of guests.filter((g) => g % 24 === 0)) storeBookedAddons(spa.db, g, []);
      const grid = (cells: readonly WeekdayHourCell[]) =>
        cells.map((c) => ({
          weekday: c.weekday,
          hour: c.hour,
          figures: figuresOf(c.counts),
          booked: aheadOf(c.booked),
        }));
      const ownGrid = (r: UptakeReport) =>
        r.weekdayHour.map((c) => ({ ...c, booked: bookedAheadPerRow(r.bookedAhead).weekdayHour(c) }));
      /** Head office's breakdowns and grid against the location's own report, each key's add-ons booked ahead too. */
      const sameAsOwn = async () => {
        const own = uptakeReport(spa, { ...WEEKS, grain: "month" });
        expect(own.bookedAhead.total.count).toBeGreaterThan(10);
        expect(breakdownsOfHeadOffice(await locationBreakdowns(db.pool, WEEKS, locationId))).toEqual(
          breakdownsOfLocationReport(own),
        );
        const cells = grid(await weekdayHour(db.pool, WEEKS, locationId));
        expect(cells).toEqual(ownGrid(own));
        return cells;
      };
      const days = async () => {
        const out: [string, number, number][] = [];
        for (const day of ["2026-11-23", "2026-11-24", "2026-11-25"]) {
          const [head] = await locationFigures(db.pool, { from: day, to: day }, [locationId]);
          const own = uptakeReport(spa, { from: day, to: day, grain: "day" }).totals.checkIns;
          out.push([day, head?.counts.check_ins ?? 0, own]);
        }
        return out;
      };
      await sync();
      const before = await sameAsOwn();

      saveKioskSettings(spa, manager(spa), { ...kioskSettings(spa).settings, timeZone: "Europe/Madrid" });
      await sync();

      const after = await sameAsOwn();
      expect(after).not.toEqual(before);
      for (const [day, head, own] of await days()) expect([day, head]).toEqual([day, own]);
      // Moved with their check-ins, never doubled: the booked-ahead add-ons of every hour add up to the total.
      const [head] = await locationFigures(db.pool, WEEKS, [locationId]);
      const total = (head?.byAddon ?? []).reduce((n, a) => n + a.counts.booked, 0);
      expect(after.reduce((n, c) => n + c.booked.count, 0)).toBe(total);
      expect(total).toBe(uptakeReport(spa, { ...WEEKS, grain: "month" }).bookedAhead.total.count);
    });
  },
);
