import { connect } from "../db/open";
import { execFileSync } from "node:child_process";
import { closeSync, copyFileSync, existsSync, openSync, readdirSync, renameSync, rmSync, writeSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { listBackups } from "../db/maintenance/backup";
import { DEMO_STAFF } from "../db/demo/seed-demo";
import { fixedClock, tempDir } from "../db/test/helpers";
import { createAppCore, type AppCore } from "./core";
import type { CallerSession } from "./ipc/session";
import { createStartupController } from "./startup/controller";
import { FILE_LOST_MESSAGE, RESTORING_MESSAGE } from "./write-gate";

/**
 * The faults a spa meets, driven through the app's own dispatcher (what a kiosk or desk window
 * calls): for each, what the person at the screen is told and that no acknowledged check-in is lost.
 */
type R<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };
const clock = fixedClock("2026-11-25T15:07:00.000Z");
let cores: AppCore[] = [];
afterEach(async () => {
  for (const c of cores) await c.close();
  cores = [];
});

async function openCore(dir: string, seed: "demo" | "empty" = "demo"): Promise<AppCore> {
  const core = await createAppCore({ dataDir: dir, seed, clock });
  cores.push(core);
  // The startup backup (and the full check, retention) run in the background just after start.
  await core.maintenance.settled();
  return core;
}
const call = async <T>(core: AppCore, s: CallerSession, channel: string, payload: unknown = {}) =>
  (await core.dispatch(s, channel, payload)) as R<T>;

/** Today's booking codes that can still check in at the kiosk. */
const openCodes = (core: AppCore): { id: number; code: string }[] =>
  core.model.db
    .prepare(
      "SELECT id, booking_code AS code FROM appointments a WHERE local_day = '2026-11-25' AND ends_at > ? AND NOT EXISTS (SELECT 1 FROM check_ins c WHERE c.appointment_id = a.id) ORDER BY starts_at",
    )
    .all(clock.now().toISOString()) as { id: number; code: string }[];

/** A guest at the kiosk: finds their booking by code and checks in; the answer as the kiosk got it. */
async function checkIn(core: AppCore, code: string): Promise<R<unknown> & { id?: number }> {
  const kiosk = core.newSession("kiosk");
  const found = await call<{ matches: { appointmentId: number }[] }>(core, kiosk, "kiosk.findAppointments", {
    by: "code",
    code,
  });
  if (!found.ok) return found;
  const id = found.value.matches[0]!.appointmentId;
  return { ...(await call(core, kiosk, "kiosk.checkIn", { appointmentId: id, lang: "en" })), id };
}
const checkedInIds = (file: string): Set<number> => {
  const db = connect(file, { readonly: true });
  try {
    return new Set(
      (db.prepare("SELECT appointment_id AS id FROM check_ins").all() as { id: number }[]).map((r) => r.id),
    );
  } finally {
    db.close();
  }
};

async function signInManager(core: AppCore): Promise<CallerSession> {
  const s = core.newSession("staff");
  const list = (await call<{ staff: { id: number; name: string }[] }>(core, s, "staff.list")) as {
    ok: true;
    value: { staff: { id: number; name: string }[] };
  };
  const id = list.value.staff.find((x) => x.name === DEMO_STAFF[0].name)!.id;
  expect((await call(core, s, "staff.login", { staffId: id, pin: DEMO_STAFF[0].pin })).ok).toBe(true);
  return s;
}

describe("missing or replaced database", () => {
  it("a missing database file with backups beside it opens the recovery screen, not a new spa; on the guest's display only a manager's PIN from the backup opens it", async () => {
    const dir = tempDir();
    const core = await openCore(dir); // takes its first daily backup at start
    await core.close();
    cores = [];
    for (const suffix of ["", "-wal", "-shm"]) rmSync(path.join(dir, `happyhead.sqlite3${suffix}`), { force: true });
    let opened = 0;
    const controller = createStartupController({
      dataDir: dir,
      onStaffDisplay: false,
      clock,
      openCore: async () => {
        opened++;
        return openCore(dir);
      },
      onState: () => undefined,
      onReady: () => undefined,
      chooseFolder: () => undefined,
      quit: () => undefined,
    });
    expect(await controller.run()).toBeNull();
    expect(controller.state()).toMatchObject({
      phase: "problem",
      kind: "missing",
      title: "The spa's data file is missing",
      backups: [{ kind: "auto" }],
    });
    expect(opened).toBe(0);
    expect(existsSync(path.join(dir, "happyhead.sqlite3"))).toBe(false);
    // A guest at the kiosk: nothing works but calling staff.
    const backupName = listBackups(path.join(dir, "backups"))[0]!.name;
    expect(controller.state()).toMatchObject({ locked: true });
    for (const [channel, payload] of [
      ["recovery.restore", { name: backupName }],
      ["recovery.chooseFolder", {}],
      ["recovery.quit", {}],
      ["recovery.retry", {}],
    ] as const) {
      expect(await controller.dispatch(channel, payload)).toMatchObject({
        ok: false,
        error: { code: "FORBIDDEN", message: "A manager's PIN is needed here. Guests: please ask a member of staff." },
      });
    }
    expect(await controller.dispatch("recovery.unlock", { pin: DEMO_STAFF[1].pin })).toMatchObject({
      ok: false,
      error: { code: "WRONG_PIN" },
    }); // a receptionist's PIN
    expect(await controller.dispatch("recovery.unlock", { pin: DEMO_STAFF[0].pin })).toEqual({ ok: true, value: {} });
    expect(controller.state()).toMatchObject({ locked: false });
    expect(await controller.dispatch("recovery.restore", { name: backupName })).toEqual({ ok: true, value: {} });
    await expect.poll(() => opened).toBe(1);
  });

  it.each(["deleted", "replaced"] as const)(
    "a database file %s while running: the next check-in is refused, and every acknowledged one is in the rescued backup",
    async (how) => {
      const dir = tempDir();
      const core = await openCore(dir);
      const [a, b] = openCodes(core);
      const first = await checkIn(core, a!.code);
      expect(first.ok).toBe(true);
      const file = path.join(dir, "happyhead.sqlite3");
      if (how === "deleted") {
        for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
      } else {
        // Another program puts an older copy in its place (a sync tool, a person "restoring" by hand).
        copyFileSync(path.join(dir, "backups", listBackups(path.join(dir, "backups"))[0]!.name), `${file}.other`);
        renameSync(`${file}.other`, file);
      }
      const second = await checkIn(core, b!.code);
      expect(second).toMatchObject({ ok: false, error: { code: "NOT_AVAILABLE", message: FILE_LOST_MESSAGE } });
      await expect
        .poll(() => listBackups(path.join(dir, "backups")).filter((x) => x.kind === "rescued").length)
        .toBe(1);
      const rescued = listBackups(path.join(dir, "backups")).find((x) => x.kind === "rescued")!;
      expect(checkedInIds(path.join(dir, "backups", rescued.name)).has(first.id!)).toBe(true);
    },
  );
});

describe("restore under load", () => {
  it("guests check in throughout a restore: each is answered, refused calls say a restore is running, and none acknowledged is lost", async () => {
    const dir = tempDir();
    const core = await openCore(dir);
    const manager = await signInManager(core);
    const backup = listBackups(path.join(dir, "backups"))[0]!;
    const codes = openCodes(core);
    expect(codes.length).toBeGreaterThanOrEqual(6);
    const acknowledged: number[] = [];
    const refusals: string[] = [];
    const guests = (async () => {
      for (const { code } of codes) {
        for (let attempt = 0; attempt < 50; attempt++) {
          const r = await checkIn(core, code);
          if (r.ok) {
            acknowledged.push(r.id!);
            break;
          }
          refusals.push(r.error.message);
          await new Promise((res) => setTimeout(res, 2));
        }
      }
    })();
    const restore = call<{ safetyBackup: string }>(core, manager, "maintenance.restore", { name: backup.name });
    const [restored] = await Promise.all([restore, guests]);
    expect(restored.ok).toBe(true);
    const safety = checkedInIds(
      path.join(dir, "backups", (restored as { ok: true; value: { safetyBackup: string } }).value.safetyBackup),
    );
    const live = new Set(
      (core.model.db.prepare("SELECT appointment_id AS id FROM check_ins").all() as { id: number }[]).map((r) => r.id),
    );
    const lost = acknowledged.filter((id) => !safety.has(id) && !live.has(id));
    expect(acknowledged.length).toBe(codes.length);
    expect(lost).toEqual([]);
    expect(refusals.length).toBeGreaterThan(0);
    expect(new Set(refusals)).toEqual(new Set([RESTORING_MESSAGE]));
  });
});

/** Counts event-loop turns while `work` runs: a frozen main process counts none. */
async function ticksDuring<T>(work: () => Promise<T>): Promise<{ result: T; ticks: number }> {
  let ticks = 0;
  const timer = setInterval(() => ticks++, 10);
  try {
    return { result: await work(), ticks };
  } finally {
    clearInterval(timer);
  }
}

describe("another program holds the data file", () => {
  it("a check-in while another program holds the write lock answers by name, the app keeps turning, and it goes through once the lock is gone", async () => {
    const dir = tempDir();
    const core = await openCore(dir);
    const [a, b] = openCodes(core);
    const other = connect(path.join(dir, "happyhead.sqlite3"));
    try {
      other.exec("BEGIN IMMEDIATE");
      const { result, ticks } = await ticksDuring(() => checkIn(core, a!.code));
      expect(result).toMatchObject({
        ok: false,
        error: {
          code: "NOT_AVAILABLE",
          message: expect.stringMatching(/^Another program is using the spa's data file/) as unknown,
        },
      });
      expect(ticks).toBeGreaterThanOrEqual(20); // ≥ 200 ms of event-loop turns across the ~1.6 s of retries
      expect(checkedInIds(path.join(dir, "happyhead.sqlite3")).has(result.id ?? a!.id)).toBe(false);
      // A lock held briefly (a backup tool's copy) is waited out: the guest's check-in goes through.
      setTimeout(() => other.exec("ROLLBACK"), 300);
      const later = await checkIn(core, b!.code);
      expect(later.ok).toBe(true);
    } finally {
      if (other.inTransaction) other.exec("ROLLBACK");
      other.close();
    }
  });
});

const canMount =
  process.platform === "linux" &&
  process.getuid?.() === 0 &&
  (() => {
    const probe = tempDir();
    try {
      execFileSync("mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", probe], { stdio: "ignore" });
      execFileSync("umount", [probe]);
      return true;
    } catch {
      return false;
    }
  })();

/** Fills a file system until writes fail (ENOSPC), leaving `leave` bytes. */
function fill(dir: string, leave = 0): string {
  const filler = path.join(dir, "filler.bin");
  const fd = openSync(filler, "w");
  const chunk = Buffer.alloc(4096, 1);
  try {
    for (;;) writeSync(fd, chunk);
  } catch {
    // ENOSPC: full
  } finally {
    closeSync(fd);
  }
  if (leave > 0) execFileSync("truncate", ["-s", `-${leave}`, filler]);
  return filler;
}

describe("full disk", () => {
  it("a check-in on a database that can't grow says the disk is full and where; everything acknowledged is kept", async () => {
    const dir = tempDir();
    const core = await openCore(dir);
    // SQLite's own limit stands in for the disk: the same SQLITE_FULL a full drive gives.
    const pages = core.model.db.pragma("page_count", { simple: true }) as number;
    core.model.db.pragma(`max_page_count = ${pages}`);
    const acknowledged: number[] = [];
    let refused: R<unknown> | null = null;
    for (const { code } of openCodes(core)) {
      const r = await checkIn(core, code);
      if (!r.ok) {
        refused = r;
        break;
      }
      acknowledged.push(r.id!);
    }
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: "NOT_AVAILABLE",
        message: `The disk is full: free space on ${dir}; nothing was lost. This was not saved: try again once there is room.`,
      },
    });
    const saved = checkedInIds(path.join(dir, "happyhead.sqlite3"));
    expect(acknowledged.filter((id) => !saved.has(id))).toEqual([]);
  });

  it.skipIf(!canMount)(
    "on a full drive (tmpfs): the desk warns below a day's backups, sign-up and backups say the disk is full, and work again once there is room",
    async () => {
      const dir = tempDir();
      execFileSync("mount", ["-t", "tmpfs", "-o", "size=4m", "tmpfs", dir]);
      try {
        const core = await openCore(dir, "empty");
        expect(core.maintenance.diskSpace()).toMatchObject({ folder: dir, low: false });
        const filler = fill(dir);
        expect(core.maintenance.diskSpace().low).toBe(true);
        const staff = core.newSession("staff");
        const setup = {
          spaName: "Casa Calma",
          timeZone: "Europe/Madrid",
          otherLanguages: [],
          name: "Ada Manager",
          pin: "4826",
          pinAgain: "4826",
        };
        const full = `The disk is full: free space on ${dir}; nothing was lost. This was not saved: try again once there is room.`;
        expect(await call(core, staff, "staff.createFirstManager", setup)).toEqual({
          ok: false,
          error: { code: "NOT_AVAILABLE", message: full },
        });
        await expect(core.maintenance.backupNow("manual")).rejects.toMatchObject({
          code: expect.stringMatching(/^(SQLITE_FULL|ENOSPC)$/) as unknown,
        });
        expect(readdirSync(path.join(dir, "backups")).filter((f) => f.endsWith(".partial"))).toEqual([]); // no half backup left eating the space
        rmSync(filler);
        expect((await call(core, staff, "staff.createFirstManager", setup)).ok).toBe(true);
        expect((await call(core, staff, "maintenance.backupNow")).ok).toBe(true);
        await core.close();
        cores = [];
      } finally {
        execFileSync("umount", ["-l", dir]);
      }
    },
  );
});

describe("retention after restore and import", () => {
  afterEach(() => clock.set("2026-11-25T15:07:00.000Z"));

  it("restoring an old backup or importing an old booking export brings no erased guest back", async () => {
    const dir = tempDir();
    const core = await openCore(dir);
    const backup = listBackups(path.join(dir, "backups"))[0]!;
    // 70 days on, the demo's first weeks are past the 90-day window.
    clock.advance(70 * 24 * 60);
    const cutoff = "2026-11-05";
    const phones = () =>
      (
        core.model.db
          .prepare("SELECT count(*) AS n FROM appointments WHERE local_day < ? AND phone != ''")
          .get(cutoff) as { n: number }
      ).n;
    expect(phones()).toBeGreaterThan(0);
    const manager = await signInManager(core);
    const restored = await call(core, manager, "maintenance.restore", { name: backup.name });
    expect(restored).toMatchObject({ ok: true });
    expect(phones()).toBe(0);

    const csv =
      "Booking ID,Client Name,Mobile,Service,Therapist,Room,Date,Start Time\r\nPOS-OLD-1,Ada Lovelace,555 010 9001,Swedish massage,Ana Ruiz,Lotus,2026-10-29,9:00 AM\r\n";
    const preview = await call<{ mapping: Record<string, number> }>(core, manager, "desk.importPreview", {
      content: csv,
    });
    expect(preview.ok).toBe(true);
    const imported = await call(core, manager, "desk.importCommit", {
      content: csv,
      mapping: (preview as { ok: true; value: { mapping: Record<string, number> } }).value.mapping,
      skipBadRows: false,
    });
    expect(imported).toMatchObject({ ok: true, value: { created: 1 } });
    expect(
      core.model.db.prepare("SELECT guest_name AS name, phone FROM appointments WHERE external_id = 'POS-OLD-1'").get(),
    ).toEqual({
      name: "Ada L.",
      phone: "",
    });
  });
});

describe("the wall clock stepped back", () => {
  afterEach(() => clock.set("2026-11-25T15:07:00.000Z"));

  it("an hour back does not stretch a staff session's idle lock: it runs on elapsed (monotonic) time", async () => {
    let mono = 1_000;
    const core = await createAppCore({ dataDir: tempDir(), seed: "demo", clock, monotonicMs: () => mono });
    cores.push(core);
    const s = core.newSession("staff");
    const list = (await call<{ staff: { id: number; name: string }[] }>(core, s, "staff.list")) as {
      ok: true;
      value: { staff: { id: number; name: string }[] };
    };
    const id = list.value.staff.find((x) => x.name === DEMO_STAFF[0].name)!.id;
    expect((await core.dispatch(s, "staff.login", { staffId: id, pin: DEMO_STAFF[0].pin }, "person")).ok).toBe(true);
    clock.advance(-60);
    mono += 121_000; // the demo's staff idle time (120 s) has passed, whatever the wall clock says
    expect(await core.dispatch(s, "desk.queue", {}, "person")).toMatchObject({
      ok: false,
      error: { code: "NOT_AUTHENTICATED" },
    });
  });
});
