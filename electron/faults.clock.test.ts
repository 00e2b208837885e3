import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { listBackups } from "../db/maintenance/backup";
import { DEMO_STAFF } from "../db/demo/seed-demo";
import { tempDir } from "../db/test/helpers";
import { clock, cores, closeCoresAfterEach, call, openCore, signInManager } from "./test-support/fault-core";
import { createAppCore, type AppCore } from "./core";

closeCoresAfterEach();

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

describe("the wall clock a year ahead at boot (a wrong date, a bad time server)", () => {
  afterEach(() => clock.set("2026-11-25T15:07:00.000Z"));

  it("erases no guest's details and deletes no backup by it; a manager sees both dates and, once the date is right, says so", async () => {
    const dir = tempDir();
    const first = await openCore(dir);
    const manager = await signInManager(first);
    expect((await call(first, manager, "maintenance.backupNow")).ok).toBe(true);
    await first.close();
    cores.length = 0;
    const backups = () => listBackups(path.join(dir, "backups")).map((b) => b.name);
    const kept = backups();
    const phones = (core: AppCore) =>
      core.model.db.prepare("SELECT count(*) FROM appointments WHERE phone != ''").pluck().get() as number;

    clock.advance(365 * 24 * 60);
    const core = await openCore(dir);
    const before = phones(core);
    expect(before).toBeGreaterThan(0);
    const s = await signInManager(core);
    const status = await call<{ status: { clock: unknown } }>(core, s, "maintenance.backups");
    expect(status).toMatchObject({ ok: true, value: { status: { clock: { state: "ahead", days: 365 } } } });
    // The manual backup is over 30 days old by the clock, and stays; so does every guest's phone.
    expect(backups()).toEqual(expect.arrayContaining(kept));
    expect(phones(core)).toBe(before);
    // A receptionist can't say the date is right; the manager can, with the date they were shown.
    const desk = core.newSession("staff");
    const clockAt = clock.now().toISOString();
    expect((await call(core, desk, "maintenance.confirmClock", { clockAt })).ok).toBe(false);
    expect(await call(core, s, "maintenance.confirmClock", { clockAt })).toEqual({ ok: true, value: { state: "ok" } });
    await vi.waitFor(() => expect(phones(core)).toBe(0), { timeout: 20_000 });
  });
});
