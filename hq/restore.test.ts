import { copyFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { confirmAddons } from "../db/desk/addons";
import { insertAppointment } from "../db/desk/appointments";
import { checkInAtKiosk } from "../db/kiosk/check-in";
import { chooseAddons } from "../db/kiosk/choose";
import { backupsDir, createBackup, restoreBackupFile } from "../db/maintenance/backup";
import { modelOf, type Model } from "../db/model";
import { openDatabase } from "../db/open";
import { figuresOf } from "../contract/reports";
import { uptakeReport } from "../db/reports/reports";
import { epochsOf } from "../db/sync/epochs";
import { savePairing, syncState } from "../db/sync/outbox";
import { requestPairing, SyncWorker } from "../db/sync/worker";
import { tempDir } from "../db/test/helpers";
import { reportSpa } from "../db/test/report-fixture";
import { zonedToUtc } from "../db/time";
import { addLocation } from "./pairing";
import { locationFigures } from "./reports";
import { COUNT_KEYS, countsOnly } from "./test/compare";
import { buildServer } from "./server";
import { freshDatabase, pgUnavailable, type TestDatabase } from "./test/pg";

/**
 * A location restored from a backup keeps syncing: paired and synced, backed up, more check-ins
 * synced (the timeline the restore will cut off), the backup restored (the startup recovery's
 * restore; the in-app one swaps the file in the same way, db/maintenance/backup.ts swapInBackup),
 * more check-ins — whose appointments get the ids the lost ones had — and synced with the same
 * token. The head office then holds what happened: the lost timeline's visits as it last heard of
 * them, and everything after the restore past them, each once.
 */
const unavailable = await pgUnavailable();
const RANGE = { from: "2026-11-01", to: "2026-11-30" };

describe.skipIf(unavailable !== null)(
  `sync after a restore from backup${unavailable ? ` — skipped: ${unavailable}` : ""}`,
  () => {
    let db: TestDatabase;
    let app: ReturnType<typeof buildServer>;
    let url: string;

    beforeAll(async () => {
      db = await freshDatabase();
      app = buildServer({ pool: db.pool, logStream: null });
      url = await app.listen({ port: 0, host: "127.0.0.1" });
    }, 60_000);
    afterAll(async () => {
      await app?.close();
      await db?.drop();
    });

    /** A spa (db/test/report-fixture.ts) in its own data folder, and what the test does with it. */
    const aLocation = () => {
      const spa = reportSpa();
      const file = spa.db.name;
      const backups = backupsDir(path.dirname(file));
      const live: Model = modelOf(spa.db, spa.clock);
      const desk = { kind: "staff", staffId: 1, name: "Riley Desk" } as const;
      const at = (iso: string): Model => modelOf(live.db, { now: () => new Date(iso) });
      /**
       * `n` guests booked and checked in at the kiosk on `day`, each taking the face massage, confirmed at the desk;
       * their appointment ids.
       */
      const guests = (day: string, n: number, hour: number): number[] =>
        Array.from({ length: n }, (_, i) => {
          const startsAt = zonedToUtc(
            day,
            `${String(hour + i).padStart(2, "0")}:00`,
            "America/Los_Angeles",
          ).toISOString();
          const id = insertAppointment(live, "America/Los_Angeles", {
            guestName: "Test Guest",
            phone: "5550100000",
            serviceId: spa.services.swedish,
            therapistId: spa.therapists.ana,
            roomId: 1,
            startsAt,
            source: "desk",
          });
          const arrived = new Date(Date.parse(startsAt) - 10 * 60_000).toISOString();
          checkInAtKiosk(at(arrived), id, "en");
          chooseAddons(at(arrived), { appointmentId: id, addonIds: [spa.addons.face], offerMs: 5000, lang: "en" });
          confirmAddons(at(arrived), desk, id);
          return id;
        });
      const drain = async () => {
        const worker = new SyncWorker({ model: live });
        expect(await worker.drain()).toMatchObject({ failed: null });
        expect(syncState(live)).toMatchObject({ waiting: 0, lastError: null });
      };
      /** A location report's counts (totals, add-on taken) and its outbox's size. */
      const countsIn = (m: Model) => {
        const r = uptakeReport(m, { ...RANGE, grain: "day" });
        const outbox = m.db.prepare("SELECT count(*) FROM outbox").pluck().get() as number;
        return { totals: countsOnly(r.totals), face: r.byAddon.find((a) => a.code === "face")!.taken, outbox };
      };
      /** The same of a backup, read from a copy (the report refreshes its cache). */
      const countsOf = (backup: string) => {
        const copy = path.join(tempDir(), "copy.sqlite3");
        copyFileSync(path.join(backups, backup), copy);
        const c = openDatabase(copy);
        try {
          return countsIn(modelOf(c, spa.clock));
        } finally {
          c.close();
        }
      };
      /**
       * Restores a backup the startup recovery's way (the database closed, the current file kept as a before-restore
       * backup) and reopens.
       */
      const restore = async (name: string) => {
        live.db.close();
        const { safetyBackup } = await restoreBackupFile(file, path.join(backups, name), spa.clock);
        live.db = modelOf(openDatabase(file), spa.clock).db;
        return safetyBackup!;
      };
      return { spa, file, backups, live, guests, drain, countsIn, countsOf, restore };
    };

    it("keeps the seqs past the head office's, gives new visits their own pseudonyms, and the head office's figures equal what happened", async () => {
      const { backups, live, guests, drain, countsIn, countsOf, restore } = aLocation();
      // Paired, 3 guests, synced; a backup.
      const { locationId, code } = await addLocation(db.pool, "Downtown");
      const { token } = await requestPairing(url, code);
      savePairing(live, { kind: "system" }, { url, locationId, token });
      guests("2026-11-02", 3, 9);
      await drain();
      const backup = await createBackup(live, backups, "manual");

      // The timeline the restore cuts off: 4 more guests, and one guest of before the backup voided at the desk; all
      // synced.
      const lost = guests("2026-11-03", 4, 9);
      live.db
        .prepare(
          "UPDATE offers SET status = 'voided', void_reason = 'Guest changed their mind' WHERE appointment_id = 1",
        )
        .run();
      await drain();
      const lostSeq = live.db.prepare("SELECT max(seq) FROM outbox").pluck().get() as number;

      // Restored from the backup (the current file kept as a before-restore backup), with the same pairing.
      const safetyBackup = await restore(backup.name);
      expect(syncState(live)).toMatchObject({ paired: true, waiting: 0 });
      expect(live.db.prepare("SELECT max(seq) FROM outbox").pluck().get()).toBeLessThan(lostSeq);

      // 2 guests after the restore: their appointments get ids the lost timeline had used. Synced without pairing
      // again.
      const after = guests("2026-11-04", 2, 9);
      expect(after).toEqual(lost.slice(0, 2));
      await drain();

      // What happened: the lost timeline's file (before-restore backup), plus what the restored file added to the
      // backup.
      const before = countsOf(backup.name);
      const cutOff = countsOf(safetyBackup);
      const now = countsIn(live);
      const happened = Object.fromEntries(
        COUNT_KEYS.map((k) => [k, cutOff.totals[k] + now.totals[k] - before.totals[k]]),
      );
      expect(happened).toMatchObject({ checkIns: 3 + 4 + 2, voided: 1, taken: 3 + 4 + 2 - 1 });

      const [head] = await locationFigures(db.pool, RANGE, [locationId]);
      expect(countsOnly(figuresOf(head!.counts))).toEqual(happened);
      expect(head!.byAddon.find((a) => a.addon === "face")?.counts.taken).toBe(cutOff.face + now.face - before.face);
      // Each event once, no seq twice, and the head office's position is the restored location's last event as sent.
      const held = await db.pool.query<{ n: number; distinct_seq: number; received: string; last_seq: string }>(
        `SELECT count(*)::int AS n, count(DISTINCT seq)::int AS distinct_seq,
         (SELECT events_received::text FROM locations WHERE id = $1) AS received, (SELECT last_seq::text FROM locations WHERE id = $1) AS last_seq
       FROM (SELECT set_config('app.scope', 'chain', false)) s, events WHERE location_id = $1`,
        [locationId],
      );
      // The restore's epoch starts at the first reused appointment id, and its seqs follow the lost timeline's last.
      const [epoch] = epochsOf(live.db);
      expect(epoch).toMatchObject({ fromAppointment: lost[0], seqOffset: lostSeq - (epoch!.fromSeq - 1) });
      const events = cutOff.outbox + now.outbox - before.outbox;
      const lastLocal = live.db.prepare("SELECT max(seq) FROM outbox").pluck().get() as number;
      expect(held.rows[0]).toEqual({
        n: events,
        distinct_seq: events,
        received: String(events),
        last_seq: String(lastLocal + epoch!.seqOffset!),
      });
    }, 120_000);

    it("a backup from before the pairing restores with the replaced database's pairing: no pairing again, nothing counted twice", async () => {
      const { backups, live, guests, drain, countsIn, restore } = aLocation();
      guests("2026-11-02", 2, 9);
      const backup = await createBackup(live, backups, "manual");
      const { locationId, code } = await addLocation(db.pool, "Harbor");
      const { token } = await requestPairing(url, code);
      savePairing(live, { kind: "system" }, { url, locationId, token });
      guests("2026-11-03", 3, 9);
      await drain();

      await restore(backup.name);
      // Paired as the replaced database was; the backup's events, never acknowledged in it, wait to be sent again.
      expect(syncState(live)).toMatchObject({
        paired: true,
        locationId,
        waiting: live.db.prepare("SELECT count(*) FROM outbox").pluck().get(),
      });
      guests("2026-11-04", 3, 9);
      await drain();
      // Head office: the 2 guests of the backup once (sent again, dropped as duplicates), the 3 cut off, the 3 after.
      const [head] = await locationFigures(db.pool, RANGE, [locationId]);
      expect(countsOnly(figuresOf(head!.counts))).toMatchObject({ checkIns: 2 + 3 + 3, taken: 8 });
      expect(countsIn(live).totals).toMatchObject({ checkIns: 2 + 3 });
    }, 120_000);
  },
);
