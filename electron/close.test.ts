import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { generateCheckIns } from "../db/test/generate";
import { hashPin } from "../db/staff/pin-hash";
import type { TaskName } from "./background/protocol";
import { createAppCore, type AppCore } from "./core";
import { CLOSING_MESSAGE } from "./write-gate";

const dirs: string[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});

/** Every line the app logged at error level (electron/log.ts writes through the console). */
function captureErrors(): string[] {
  const lines: string[] = [];
  for (const method of ["log", "error", "warn", "info", "debug"] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      const text = args.map(String).join(" ");
      if (/ error \[/.test(text)) lines.push(text);
    });
  }
  return lines;
}

/** An app core on 3,000 generated check-ins (a cold report cache), with a manager whose PIN is 1357. */
async function coreWithData(): Promise<{ core: AppCore; firstDay: string; lastDay: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), "happyhead-close-"));
  dirs.push(dir);
  const { db, firstDay, lastDay } = generateCheckIns(path.join(dir, "happyhead.sqlite3"), 3_000);
  db.prepare("UPDATE staff SET role = 'manager', pin_hash = ? WHERE id = 1").run(await hashPin("1357"));
  db.close();
  return { core: await createAppCore({ dataDir: dir, seed: "empty" }), firstDay, lastDay };
}

/**
 * Watches the core's background tasks: `started(task)` resolves when the app first asks for it,
 * `afterClose` lists those asked for once the close had begun. With `holdUntilClose`, that task
 * reaches the worker only after the close has begun (a call that waits for the worker as the app closes).
 */
function watchTasks(core: AppCore, holdUntilClose?: TaskName) {
  const run = core.background.run.bind(core.background);
  const close = core.close.bind(core);
  const waiting = new Map<TaskName, () => void>();
  const seen = new Map<TaskName, Promise<void>>();
  const afterClose: TaskName[] = [];
  let closing = false;
  let closeBegun = () => undefined as void;
  const begun = new Promise<void>((resolve) => (closeBegun = resolve));
  const started = (task: TaskName) => {
    if (!seen.has(task)) seen.set(task, new Promise<void>((resolve) => waiting.set(task, resolve)));
    return seen.get(task)!;
  };
  const watched: typeof core.background.run = (task, input) => {
    if (closing) afterClose.push(task);
    void started(task);
    waiting.get(task)?.();
    return task === holdUntilClose ? begun.then(() => run(task, input)) : run(task, input);
  };
  core.background.run = watched;
  core.close = () => {
    closing = true;
    const closed = close();
    closeBegun();
    return closed;
  };
  return { started, afterClose };
}

describe("closing the app core while work is in flight", () => {
  for (const task of ["integrityCheck", "retention", "backup"] as const) {
    it(`during the after-start upkeep (${task} in the worker): the task is stopped, nothing more starts, nothing is logged as an error, and the clean close is recorded`, async () => {
      const errors = captureErrors();
      const { core } = await coreWithData();
      const tasks = watchTasks(core);
      await tasks.started(task);
      await core.close();
      expect(tasks.afterClose).toEqual([]);
      expect(errors).toEqual([]);
      expect(core.model.db.open).toBe(false);
      // The workers' connections were closed before the main one, which as the last checkpointed the WAL away.
      expect(existsSync(`${core.paths.database}-wal`)).toBe(false);
      expect(existsSync(`${core.paths.database}.clean-close`)).toBe(true);
      expect(core.maintenance.status().integrity.state).not.toBe("problem");
    }, 120_000);
  }

  it('a call that arrives during the close is answered "closing" (NOT_AVAILABLE), and so is a report that was waiting for the worker; nothing is logged as an error', async () => {
    const errors = captureErrors();
    const { core, firstDay, lastDay } = await coreWithData();
    const tasks = watchTasks(core, "reportFromSource");
    const manager = core.newSession("staff");
    expect(await core.dispatch(manager, "staff.login", { staffId: 1, pin: "1357" })).toMatchObject({ ok: true });
    const report = core.dispatch(manager, "reports.uptake", { from: firstDay, to: lastDay });
    await tasks.started("reportFromSource"); // the cold year is counted by the workers
    const closed = core.close();
    const kiosk = core.newSession("kiosk");
    const late = await core.dispatch(kiosk, "kiosk.walkIn", { firstName: "Ana", lang: "en" });
    const closing = { ok: false, error: { code: "NOT_AVAILABLE", message: CLOSING_MESSAGE } };
    expect(late).toEqual(closing);
    expect(await report).toEqual(closing);
    await closed;
    expect(await core.dispatch(kiosk, "kiosk.walkIn", { firstName: "Bo", lang: "en" })).toEqual(closing);
    expect(errors).toEqual([]);
    expect(core.close()).toBe(closed); // closing twice is the same close
  }, 120_000);
});
