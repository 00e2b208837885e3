import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { DEMO_STAFF } from "../db/demo/seed-demo";
import { createAppCore, type AppCore } from "./core";
import type { CallerSession } from "./ipc/session";

type R<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };
const dirs: string[] = [];
const cores: AppCore[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  while (cores.length) await cores.pop()!.close();
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});

async function start(seed: "empty" | "demo"): Promise<{ core: AppCore; dir: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), "happyhead-unlock-"));
  dirs.push(dir);
  const core = await createAppCore({ dataDir: dir, seed });
  cores.push(core);
  return { core, dir };
}
const call = async <T>(core: AppCore, s: CallerSession, channel: string, payload: unknown = {}) =>
  (await core.dispatch(s, channel, payload)) as R<T>;
const value = <T>(r: R<T>): T => {
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
};
const codeOf = (r: R<unknown>) => (r.ok ? "OK" : r.error.code);

const setup = {
  spaName: "Casa Calma",
  timeZone: "Europe/Madrid",
  otherLanguages: [],
  name: "Lucía Ortega",
  pin: "8642",
  pinAgain: "8642",
};
type Made = { staff: { id: number; name: string; role: string }; unlockCode: { code: string; madeAt: string } };

async function signIn(core: AppCore, who: (typeof DEMO_STAFF)[number], pad?: "kiosk-display"): Promise<CallerSession> {
  const s = core.newSession("staff", pad);
  const list = value(await call<{ staff: { id: number; name: string }[] }>(core, s, "staff.list"));
  value(await call(core, s, "staff.login", { staffId: list.staff.find((x) => x.name === who.name)?.id, pin: who.pin }));
  return s;
}

describe("the first run makes the spa's unlock code", () => {
  it("exactly one code, in the answer only: never in the database file, the audit log or the logs, and no channel shows it again", async () => {
    const lines: string[] = [];
    for (const method of ["log", "error", "warn", "info", "debug"] as const)
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(" ")));
    const { core, dir } = await start("empty");
    const first = core.newSession("staff");
    const other = core.newSession("staff");
    // Two windows racing through setup: one manager, one code.
    const [a, b] = await Promise.all([
      call<Made>(core, first, "staff.createFirstManager", setup),
      call<Made>(core, other, "staff.createFirstManager", setup),
    ]);
    expect([codeOf(a), codeOf(b)].sort()).toEqual(["CONFLICT", "OK"]);
    const made = a.ok ? a.value : value(b);
    const manager = a.ok ? first : other;
    expect(made.staff).toMatchObject({ name: "Lucía Ortega", role: "manager" });
    expect(made.unlockCode.code).toMatch(/^\d{10}$/);
    expect(core.model.db.prepare("SELECT count(*) FROM settings WHERE key = 'pinPadCode'").pluck().get()).toBe(1);
    expect(
      core.model.db.prepare("SELECT action FROM audit_log WHERE action = 'staff.padCodeMade'").pluck().all(),
    ).toHaveLength(1);

    // Shown again? The first run is over, and what a manager can ask is when it was made.
    expect(codeOf(await call(core, manager, "staff.createFirstManager", setup))).toBe("CONFLICT");
    expect(value(await call(core, manager, "staff.padCode"))).toEqual({ madeAt: made.unlockCode.madeAt });
    expect(JSON.stringify(value(await call(core, manager, "admin.kioskSettings")))).not.toContain(made.unlockCode.code);

    // It works: it opens a pad a guest made wait.
    const pad = core.newSession("staff", "kiosk-display");
    for (let i = 0; i < 3; i++) await call(core, pad, "staff.login", { staffId: made.staff.id, pin: "0000" });
    expect(value(await call<{ padWaitMs: number }>(core, pad, "staff.list")).padWaitMs).toBeGreaterThan(0);
    expect(value(await call(core, pad, "staff.openPad", { code: made.unlockCode.code }))).toEqual({ wasWaiting: true });

    // Stored only as a hash: not in the file's bytes (with its WAL), the audit log or anything logged.
    core.model.db.pragma("wal_checkpoint(TRUNCATE)");
    const files = readdirSync(dir).filter((n) => /\.sqlite3(-wal)?$/.test(n));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect(readFileSync(path.join(dir, f)).includes(made.unlockCode.code), f).toBe(false);
    expect(JSON.stringify(core.model.db.prepare("SELECT * FROM audit_log").all())).not.toContain(made.unlockCode.code);
    expect(lines.join("\n")).not.toContain(made.unlockCode.code);
  });

  it("a receptionist, a signed-out window and the kiosk can't make one or learn when it was made", async () => {
    const { core } = await start("demo");
    const receptionist = await signIn(core, DEMO_STAFF[1]);
    expect(codeOf(await call(core, receptionist, "staff.makePadCode"))).toBe("FORBIDDEN");
    expect(codeOf(await call(core, receptionist, "staff.padCode"))).toBe("FORBIDDEN");
    expect(codeOf(await call(core, core.newSession("staff"), "staff.makePadCode"))).toBe("NOT_AUTHENTICATED");
    expect(codeOf(await call(core, core.newSession("kiosk"), "staff.makePadCode"))).toBe("FORBIDDEN");
    expect(codeOf(await call(core, receptionist, "staff.createFirstManager", setup))).toBe("CONFLICT");
    expect(core.model.db.prepare("SELECT count(*) FROM settings WHERE key = 'pinPadCode'").pluck().get()).toBe(0);
  });
});

describe("a restored backup brings back its own unlock code, or none", () => {
  it("restoring an older backup: that backup's code opens a pad, the newer one doesn't; a backup from before any code leaves none", async () => {
    const { core } = await start("demo");
    const manager = await signIn(core, DEMO_STAFF[0]);
    await core.maintenance.settled();
    const backup = async () => value(await call<{ name: string }>(core, manager, "maintenance.backupNow")).name;
    const noCode = await backup();
    const older = value(await call<{ code: string; madeAt: string }>(core, manager, "staff.makePadCode"));
    const withOlder = await backup();
    const newer = value(await call<{ code: string; madeAt: string }>(core, manager, "staff.makePadCode"));

    value(await call(core, manager, "maintenance.restore", { name: withOlder }));
    expect(value(await call(core, manager, "staff.padCode"))).toEqual({ madeAt: older.madeAt });
    // Each try on a pad of its own: a wrong code slows the code entry on its pad.
    expect(
      codeOf(await call(core, core.newSession("staff", "kiosk-display"), "staff.openPad", { code: newer.code })),
    ).toBe("WRONG_PIN");
    expect(
      codeOf(await call(core, core.newSession("staff", "staff-display"), "staff.openPad", { code: older.code })),
    ).toBe("OK");

    value(await call(core, manager, "maintenance.restore", { name: noCode }));
    expect(value(await call(core, manager, "staff.padCode"))).toEqual({ madeAt: null });
    const none = await call(core, core.newSession("staff", "staff-display"), "staff.openPad", { code: older.code });
    expect(none).toEqual({
      ok: false,
      error: expect.objectContaining({
        code: "NOT_FOUND",
        message: "This spa has no unlock code yet: a manager makes one in Back office › Staff.",
      }) as unknown,
    });
    // …and the manager makes one again there.
    expect(value(await call<{ code: string }>(core, manager, "staff.makePadCode")).code).toMatch(/^\d{10}$/);
  });
});
