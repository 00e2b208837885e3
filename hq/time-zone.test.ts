import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { figuresOf } from "../contract/reports";
import { kioskSettings } from "../db/admin/kiosk";
import { uptakeReport } from "../db/reports/reports";
import { savePairing, syncState } from "../db/sync/outbox";
import { requestPairing, SyncWorker } from "../db/sync/worker";
import { manager, saveKioskSettings } from "../db/test/back-office";
import { demoModel } from "../db/test/helpers";
import { addLocation } from "./pairing";
import { locationFigures, weekdayHour, type WeekdayHourCell } from "./reports";
import { buildServer } from "./server";
import { pgUnavailable, servedDatabase, type TestDatabase } from "./test/pg";

/**
 * A location that corrects its time zone (Los Angeles → Madrid) after four weeks of check-ins: the visits that moved
 * to another day or hour are sent again (their check-in events, with the new day and hour), and head office's days and
 * weekday × hour grid are the location's own again once they are synced.
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
      const grid = (cells: readonly WeekdayHourCell[]) =>
        cells.map((c) => ({ weekday: c.weekday, hour: c.hour, figures: figuresOf(c.counts) }));
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
      const before = grid(await weekdayHour(db.pool, WEEKS, locationId));
      expect(before).toEqual(uptakeReport(spa, { ...WEEKS, grain: "month" }).weekdayHour);

      saveKioskSettings(spa, manager(spa), { ...kioskSettings(spa).settings, timeZone: "Europe/Madrid" });
      await sync();

      const after = grid(await weekdayHour(db.pool, WEEKS, locationId));
      expect(after).not.toEqual(before);
      expect(after).toEqual(uptakeReport(spa, { ...WEEKS, grain: "month" }).weekdayHour);
      for (const [day, head, own] of await days()) expect([day, head]).toEqual([day, own]);
    });
  },
);
