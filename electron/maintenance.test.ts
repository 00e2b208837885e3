import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEMO_GUESTS, DEMO_STAFF } from "../db/demo/seed-demo";
import { epochsOf } from "../db/sync/epochs";
import { appendAudit } from "../db/audit";
import { demoSpaIn } from "../db/test/helpers";
import { createAppCore, type AppCore } from "./core";
import type { CallerSession } from "./ipc/session";
import { decideStartCheck, START_CHECK_RUNNING } from "./startup/decide";

let core: AppCore;
let dir: string;
beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "happyhead-maint-"));
  await demoSpaIn(dir);
  core = await createAppCore({ dataDir: dir, seed: "demo" });
}, 120_000); // seeding and the PIN hashing take longer than the 10 s default on a busy 2-core machine
afterEach(async () => {
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

type R<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };
const call = async <T>(s: CallerSession, channel: string, payload: unknown = {}) =>
  (await core.dispatch(s, channel, payload)) as R<T>;
const value = <T>(r: R<T>): T => {
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
};

async function signIn(who: 0 | 1): Promise<CallerSession> {
  const s = core.newSession("staff");
  const list = value(await call<{ staff: { id: number; name: string }[] }>(s, "staff.list"));
  const id = list.staff.find((x) => x.name === DEMO_STAFF[who].name)?.id;
  value(await call(s, "staff.login", { staffId: id, pin: DEMO_STAFF[who].pin }));
  return s;
}
const checkedIn = () => (core.model.db.prepare("SELECT count(*) AS n FROM check_ins").get() as { n: number }).n;

describe("the quick check after a crash, for staff", () => {
  it("a manager sees it running, then its result, where the full check's result then replaces it", async () => {
    const manager = await signIn(0);
    const status = async () =>
      value(await call<{ status: { integrity: { state: string; message: string } } }>(manager, "maintenance.backups"))
        .status.integrity;
    let answer = () => undefined as void;
    core.maintenance.noteStartCheck(START_CHECK_RUNNING, new Promise<void>((resolve) => (answer = resolve)));
    expect(await status()).toEqual({ state: "pending", checkedAt: null, message: START_CHECK_RUNNING });
    const passed = decideStartCheck({ result: "ok" });
    if (passed.action !== "carry-on") throw new Error("a passed check carries on");
    core.maintenance.noteStartCheck(passed.staffMessage);
    answer();
    expect(await status()).toMatchObject({ state: "pending", message: passed.staffMessage });
    await core.maintenance.settled();
    expect(await status()).toMatchObject({
      state: "ok",
      message: "The database file passed the full integrity check.",
    });
    core.maintenance.noteStartCheck(START_CHECK_RUNNING); // too late: the full check's result stays
    expect((await status()).state).toBe("ok");
  });
});

describe("backups and restore for managers", () => {
  it("backs up at startup, on demand, and restores a backup after keeping the current database", async () => {
    const manager = await signIn(0);
    const pending = value(await call<{ status: { integrity: { state: string } } }>(manager, "maintenance.backups"));
    expect(pending.status.integrity.state).toBe("pending"); // the kiosk never waits for the upkeep
    await core.maintenance.settled();
    const first = value(
      await call<{ backups: { name: string; kind: string }[]; status: unknown }>(manager, "maintenance.backups"),
    );
    // No backup yet → one was taken after start, in the background, beside the full check.
    expect(first.backups.map((b) => b.kind)).toEqual(["auto"]);
    expect(first.status).toMatchObject({
      integrity: { state: "ok", message: "The database file passed the full integrity check." },
      retention: { erased: 0 },
    });
    const before = checkedIn();
    const kiosk = core.newSession("kiosk");
    const match = value(
      await call<{ matches: { appointmentId: number }[] }>(kiosk, "kiosk.findAppointments", {
        by: "phone",
        phone: DEMO_GUESTS.bothFit.phone,
      }),
    );
    value(await call(kiosk, "kiosk.checkIn", { appointmentId: match.matches[0]!.appointmentId, lang: "en" }));
    expect(checkedIn()).toBe(before + 1);

    const events: string[] = [];
    const listening = core.onEvent((_audience, event) => void events.push(event));
    const r = value(
      await call<{ restored: { name: string }; safetyBackup: string; leftOut: number }>(
        manager,
        "maintenance.restore",
        { name: first.backups[0]!.name },
      ),
    );
    listening();
    expect(r.safetyBackup).toMatch(/before-restore/);
    expect(checkedIn()).toBe(before);
    // The kiosk's check-in came after the backup: the restore says so, and every desk is told to read its list.
    expect(r.leftOut).toBe(1);
    expect(events).toContain("restoreGaps.changed");
    // The app keeps working on the restored database, and the restore is in its audit log.
    expect((await call(manager, "desk.queue")).ok).toBe(true);
    expect(value(await call<{ ok: boolean }>(manager, "maintenance.verifyAudit")).ok).toBe(true);
    expect(core.model.db.prepare("SELECT actor FROM audit_log WHERE action = 'backup.restore'").all()).toEqual([
      { actor: `staff:${DEMO_STAFF[0].name}` },
    ]);
    // Head-office sync goes on in a new epoch: the restored file reuses the cut-off check-in's outbox seq and
    // appointment ids (db/sync/epochs.ts).
    expect(epochsOf(core.model.db)).toEqual([
      expect.objectContaining({
        fromSeq: (core.model.db.prepare("SELECT max(seq) FROM outbox").pluck().get() as number) + 1,
        seqOffset: null,
      }),
    ]);
    // The desk lists that guest, checks them in again, and clears the list.
    const receptionist = await signIn(1);
    const { gaps } = value(
      await call<{
        gaps: { appointmentId: number; guestName: string; channel: string; checkedInAgain: boolean }[];
      }>(receptionist, "maintenance.restoreGaps"),
    );
    expect(gaps).toEqual([
      expect.objectContaining({
        appointmentId: match.matches[0]!.appointmentId,
        guestName: DEMO_GUESTS.bothFit.name,
        channel: "kiosk",
        checkedInAgain: false,
      }),
    ]);
    // The queue's Check in (as the list's) puts the arrival back as it was: at the kiosk, not a bare desk check-in.
    const queueEvents: unknown[] = [];
    const onQueue = core.onEvent((_audience, event, payload) => {
      if (event === "queue.changed") queueEvents.push(payload);
    });
    expect(
      value(
        await call<{ checkInChannel: string }>(receptionist, "desk.checkIn", {
          appointmentId: match.matches[0]!.appointmentId,
        }),
      ),
    ).toMatchObject({ checkInChannel: "kiosk" });
    onQueue();
    expect(queueEvents).toEqual([{ appointmentId: match.matches[0]!.appointmentId, reason: "desk" }]);
    expect(checkedIn()).toBe(before + 1);
    expect(
      value(await call<{ gaps: { checkedInAgain: boolean }[] }>(receptionist, "maintenance.restoreGaps")).gaps,
    ).toEqual([expect.objectContaining({ checkedInAgain: true })]);
    expect(value(await call(receptionist, "maintenance.dismissRestoreGaps"))).toEqual({ dismissed: 1 });
    expect(value(await call<{ gaps: unknown[] }>(manager, "maintenance.restoreGaps")).gaps).toEqual([]);
    const manual = value(await call<{ kind: string }>(manager, "maintenance.backupNow"));
    expect(manual.kind).toBe("manual");
  });

  it("a booking an import noted 'Also booked: Scalp Massage 15 min' before migration 0033 has it booked ahead after a restore, and at the app's start", async () => {
    const manager = await signIn(0);
    await core.maintenance.settled();
    const maria = () =>
      core.model.db.prepare("SELECT id FROM appointments WHERE booking_code = ?").pluck().get(DEMO_GUESTS.bothFit.code);
    // As a file from before 0033 holds it: migration 0034 marks such a file for the conversion at its next open.
    const oldNote = () => {
      core.model.db.prepare("INSERT OR IGNORE INTO pending_upkeep (step) VALUES ('joined-notes')").run();
      core.model.db.prepare("DELETE FROM booked_addons").run();
      core.model.db
        .prepare("UPDATE appointments SET note = 'Also booked: Scalp Massage 15 min · Light' WHERE id = ?")
        .run(maria());
    };
    const now = () => ({
      note: core.model.db.prepare("SELECT note FROM appointments WHERE id = ?").pluck().get(maria()),
      booked: core.model.db
        .prepare(
          "SELECT a.code, b.extra_minutes FROM booked_addons b JOIN addons a ON a.id = b.addon_id WHERE b.appointment_id = ?",
        )
        .raw()
        .all(maria()),
    });
    oldNote();
    const backup = value(await call<{ name: string }>(manager, "maintenance.backupNow"));
    value(await call(manager, "maintenance.restore", { name: backup.name }));
    expect(now()).toEqual({ note: "Light", booked: [["scalp", 15]] });
    oldNote();
    await core.close();
    core = await createAppCore({ dataDir: dir, seed: "demo" });
    expect(now()).toEqual({ note: "Light", booked: [["scalp", 15]] });
  }, 120_000);

  it("refuses a damaged backup and leaves the database as it was", async () => {
    const manager = await signIn(0);
    await core.maintenance.settled();
    const name = "happyhead-2026-01-01T00-00-00-000Z-manual.sqlite3";
    writeFileSync(path.join(core.maintenance.folder, name), Buffer.alloc(8192, 7));
    const before = checkedIn();
    const r = await call(manager, "maintenance.restore", { name });
    expect(r).toMatchObject({
      ok: false,
      error: { code: "CONFLICT", message: expect.stringMatching(/not a readable database.*Nothing was changed/) },
    });
    expect(checkedIn()).toBe(before);
    expect(await call(manager, "maintenance.restore", { name: "../../etc/passwd" })).toMatchObject({
      ok: false,
      error: { code: "INVALID_INPUT" },
    });
    expect(
      await call(manager, "maintenance.restore", { name: "happyhead-2026-01-02T00-00-00-000Z-manual.sqlite3" }),
    ).toMatchObject({
      ok: false,
      error: { code: "NOT_FOUND" },
    });
  });

  it("is for managers only", async () => {
    const receptionist = await signIn(1);
    for (const channel of ["maintenance.backups", "maintenance.backupNow", "maintenance.verifyAudit"]) {
      expect(await call(receptionist, channel)).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
      expect(await call(core.newSession("kiosk"), channel)).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    }
  });
});

describe("Check audit log", () => {
  it("walks a busy year's chain on the background reader while the main thread keeps answering, and finds the row edited", async () => {
    const manager = await signIn(0);
    const { db } = core.model;
    // 200,000 more rows, about a season of a busy spa's check-ins: about a second of hashing.
    db.transaction(() => {
      for (let i = 0; i < 200_000; i++)
        appendAudit(
          db,
          core.model.clock,
          { kind: "kiosk" },
          {
            action: "check_in.create",
            entity: "appointment",
            entityId: i + 1,
            after: { channel: "kiosk" },
          },
        );
    })();
    const rows = db.prepare("SELECT id FROM audit_log ORDER BY id").pluck().all() as number[];
    let ticks = 0;
    const ticking = setInterval(() => ticks++, 5);
    const intact = value(await call<{ ok: boolean; rows: number }>(manager, "maintenance.verifyAudit"));
    clearInterval(ticking);
    expect(intact).toMatchObject({ ok: true, rows: rows.length });
    expect(ticks).toBeGreaterThan(5); // a walk on the main thread would have let none through
    db.exec("DROP TRIGGER audit_log_no_update"); // as someone editing the file by hand would
    db.prepare('UPDATE audit_log SET after_json = \'{"channel":"desk"}\' WHERE id = ?').run(rows[1000]);
    expect(value(await call(manager, "maintenance.verifyAudit"))).toMatchObject({
      ok: false,
      firstBadId: rows[1000],
      problem: "this row was edited",
    });
  }, 120_000);
});
