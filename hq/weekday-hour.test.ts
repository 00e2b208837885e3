import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { figuresOf } from "../contract/reports";
import { uptakeReport } from "../db/reports/reports";
import { savePairing, syncState } from "../db/sync/outbox";
import { requestPairing, SyncWorker } from "../db/sync/worker";
import { reportSpa, type ReportSpa } from "../db/test/report-fixture";
import { migrate } from "./migrate";
import { hqMigrations } from "./migrations";
import { addLocation, redeemPairingCode } from "./pairing";
import { weekdayHour, type WeekdayHourCell } from "./reports";
import { buildServer } from "./server";
import { freshDatabase, pgUnavailable, servedDatabase, type TestDatabase } from "./test/pg";

/**
 * The head office's weekday × hour grid, per location and chain-wide, from two real locations in
 * different time zones (each its own SQLite file, the kiosk's own check-in, the outbox and the
 * sync worker over loopback HTTP), with check-ins across each zone's DST change.
 */
const unavailable = await pgUnavailable();
const YEAR = { from: "2026-01-01", to: "2026-12-31" };

describe.skipIf(unavailable !== null)(
  `head-office weekday × hour${unavailable ? ` — skipped: ${unavailable}` : ""}`,
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

    /** A spa in `timeZone`, paired with the head office. */
    const pairedSpa = async (name: string, timeZone: string) => {
      const spa = reportSpa(timeZone);
      const { code } = await addLocation(db.pool, name);
      const { locationId, token } = await requestPairing(url, code);
      savePairing(spa, { kind: "system" }, { url, locationId, token });
      return { spa, locationId };
    };
    /** A guest booked 10 minutes after `iso` (spa-local), checked in at the kiosk at `iso`, taking the face massage. */
    const checkIn = (spa: ReportSpa, iso: string, day: string, bookedAt: string) =>
      spa.kiosk(spa.book(day, bookedAt, "swedish", "ana"), iso, ["face"]);
    const grid = (cells: readonly WeekdayHourCell[]) =>
      cells.map((c) => ({ weekday: c.weekday, hour: c.hour, figures: figuresOf(c.counts) }));

    it("puts each check-in on its own spa's weekday and hour across DST changes, per location and chain-wide", async () => {
      const la = await pairedSpa("Los Angeles", "America/Los_Angeles");
      const madrid = await pairedSpa("Madrid", "Europe/Madrid");
      // Los Angeles. Sat 7 Mar 23:30 PST is already Sunday in UTC.
      checkIn(la.spa, "2026-03-08T07:30:00.000Z", "2026-03-07", "23:40");
      // Sun 8 Mar: 02:00 PST jumps to 03:00 PDT; 03:30 PDT = 10:30 UTC.
      checkIn(la.spa, "2026-03-08T10:30:00.000Z", "2026-03-08", "03:40");
      // Sun 1 Nov: 01:30 happens twice, first PDT (08:30 UTC) then PST (09:30 UTC).
      checkIn(la.spa, "2026-11-01T08:30:00.000Z", "2026-11-01", "01:40");
      checkIn(la.spa, "2026-11-01T09:30:00.000Z", "2026-11-01", "01:45");
      // Madrid. Sun 25 Oct: 02:30 happens twice, first CEST (00:30 UTC) then CET (01:30 UTC).
      checkIn(madrid.spa, "2026-10-25T00:30:00.000Z", "2026-10-25", "02:40");
      checkIn(madrid.spa, "2026-10-25T01:30:00.000Z", "2026-10-25", "02:45");
      // The instant of LA's second 01:30 is 10:30 on the same Sunday in Madrid.
      checkIn(madrid.spa, "2026-11-01T09:30:00.000Z", "2026-11-01", "10:40");

      for (const { spa } of [la, madrid]) {
        expect((await new SyncWorker({ model: spa }).drain()).failed).toBeNull();
        expect(syncState(spa).waiting).toBe(0);
      }

      // Per location: the head office's grid is the location's own, figure by figure.
      for (const { spa, locationId } of [la, madrid]) {
        const own = uptakeReport(spa, { ...YEAR, grain: "month" }).weekdayHour;
        expect(grid(await weekdayHour(db.pool, YEAR, locationId))).toEqual(own);
      }
      const checkIns = (cells: readonly WeekdayHourCell[]) =>
        cells.map((c) => [c.weekday, c.hour, c.counts.check_ins, c.counts.taken]);
      expect(checkIns(await weekdayHour(db.pool, YEAR, la.locationId))).toEqual([
        [0, 1, 2, 2],
        [0, 3, 1, 1],
        [6, 23, 1, 1],
      ]);
      expect(checkIns(await weekdayHour(db.pool, YEAR, madrid.locationId))).toEqual([
        [0, 2, 2, 2],
        [0, 10, 1, 1],
      ]);
      // Chain-wide: each check-in at its own spa's local time; the range is of spa-local days.
      expect(checkIns(await weekdayHour(db.pool, YEAR))).toEqual([
        [0, 1, 2, 2],
        [0, 2, 2, 2],
        [0, 3, 1, 1],
        [0, 10, 1, 1],
        [6, 23, 1, 1],
      ]);
      // A range that is whole months (Apr–Oct, from the month cells) between partial ones at its ends (from the day
      // cells).
      expect(checkIns(await weekdayHour(db.pool, { from: "2026-03-08", to: "2026-11-01" }))).toEqual([
        [0, 1, 2, 2],
        [0, 2, 2, 2],
        [0, 3, 1, 1],
        [0, 10, 1, 1],
      ]);
      expect(checkIns(await weekdayHour(db.pool, { from: "2026-03-08", to: "2026-10-31" }, la.locationId))).toEqual([
        [0, 3, 1, 1],
      ]);
      expect(checkIns(await weekdayHour(db.pool, { from: "2026-11-01", to: "2026-11-01" }))).toEqual([
        [0, 1, 2, 2],
        [0, 10, 1, 1],
      ]);
      expect(checkIns(await weekdayHour(db.pool, { from: "2026-10-31", to: "2026-10-31" }))).toEqual([]);
    });

    it("migration 0003 fills the month cells from the day cells a head office already kept", async () => {
      const old = await freshDatabase(hqMigrations.filter((m) => m.version === 1));
      try {
        const { locationId, code } = await addLocation(old.pool, "Harbor");
        const { token } = await redeemPairingCode(old.pool, code.replace(/-/g, ""));
        // What a version-1 head office kept for five check-ins at 9 am (today's ingest also writes the month cells).
        const client = await old.pool.connect();
        try {
          await client.query("BEGIN");
          await client.query("SELECT set_config('app.token', $1, true)", [token]);
          await client.query(
            `INSERT INTO day_cells (location_id, local_day, dim, key, check_ins, taken, revenue_cents)
           SELECT $1, d::date, k.dim, k.key, 1, 1, 2500 FROM unnest($2::text[]) d, (VALUES ('hour', '9'), ('channel', 'kiosk')) k(dim, key)`,
            [locationId, ["2026-02-28", "2026-03-01", "2026-03-08", "2026-03-15", "2026-04-04"]],
          );
          await client.query("COMMIT");
        } finally {
          client.release();
        }
        await migrate(old.pool);
        const { rows } = await old.pool.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM (SELECT set_config('app.scope', 'chain', false)) s, month_hour_cells",
        );
        expect(rows[0]!.n).toBe(3); // at 9 am: February's Saturday, March's Sundays, April's Saturday
        const cells = await weekdayHour(old.pool, { from: "2026-02-01", to: "2026-04-30" });
        expect(
          cells.map((c) => [c.weekday, c.hour, c.counts.check_ins, c.counts.taken, c.counts.revenue_cents]),
        ).toEqual([
          [0, 9, 3, 3, 7500],
          [6, 9, 2, 2, 5000],
        ]);
      } finally {
        await old.drop();
      }
    });
  },
);
