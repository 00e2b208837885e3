import { afterEach, describe, expect, it } from "vitest";
import { DEMO_STAFF } from "../../db/demo/seed-demo";
import { tempDir } from "../../db/test/helpers";
import { confirmTickets } from "../test-support/print-queue-kit";
import { createAppCore, type AppCore } from "../core";
import type { PrintJob, PrintOutcome, PrinterDriver } from "./driver";

/**
 * The print worker during a restore (electron/maintenance.ts): it drains, then holds from the
 * safety backup through the swap, and goes on from the restored file's jobs, never printing a
 * ticket twice. The real queue and core, with a fake driver that records what it was given.
 */

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

/** A driver the test steers: each send answers `answer` (or waits for `hold` to be released). */
function fakeDriver() {
  const sent: { jobId: number; reprint: boolean; restoring: boolean }[] = [];
  const state = {
    sent,
    restoring: false,
    answer: { ok: true } as PrintOutcome,
    /** Jobs the printer fails for good whatever `answer` says. */
    broken: new Set<number>(),
    /** While set, a send waits until the test calls it. */
    hold: null as Promise<void> | null,
  };
  const driver: PrinterDriver = {
    describe: () => "fake printer",
    status: () => Promise.resolve({ state: "ready", message: "Ready" }),
    print: async (job: PrintJob) => {
      sent.push({ jobId: job.jobId, reprint: job.ticket.kind === "reprint", restoring: state.restoring });
      if (state.hold) await state.hold;
      return state.broken.has(job.jobId)
        ? { ok: false, transient: false, reason: "Printer is out of order" }
        : state.answer;
    },
  };
  return { state, driver };
}

async function coreWith(driver: PrinterDriver): Promise<AppCore> {
  const dir = tempDir();
  const core = await createAppCore({
    dataDir: dir,
    seed: "demo",
    driverFor: () => driver,
    printBackoffMs: () => 60_000,
  });
  cleanups.push(() => core.close());
  await core.printQueue.idle();
  await core.maintenance.settled();
  // The background worker has warmed the report cache: the test's own writes never wait on its lock.
  const stale = () => core.model.db.prepare("SELECT count(*) FROM report_stale").pluck().get();
  await expect.poll(stale, { timeout: 60_000 }).toBe(0);
  return core;
}

/** Confirms a ticket for each of `n` appointments, as the desk does, and tells the worker. */
function queueTickets(core: AppCore, n: number, offset = 0): number[] {
  const { db } = core.model;
  const ids = db
    .prepare("SELECT id FROM appointments ORDER BY id DESC LIMIT ? OFFSET ?")
    .pluck()
    .all(n, offset) as number[];
  const jobs = confirmTickets(core, ids);
  core.printQueue.kick();
  return jobs;
}

const status = (core: AppCore, jobId: number) =>
  core.model.db.prepare("SELECT status FROM print_jobs WHERE id = ?").pluck().get(jobId);

describe("the print queue held by pause", () => {
  it("drains what is due, then sends nothing on a kick or an ended backoff until resume, which prints each waiting ticket once", async () => {
    const { state, driver } = fakeDriver();
    const core = await coreWith(driver);
    state.answer = { ok: false, transient: true, reason: "Printer is offline" };
    const [late] = queueTickets(core, 1);
    await core.printQueue.idle();
    expect(status(core, late!)).toBe("queued"); // waiting out its backoff
    state.answer = { ok: true };
    const due = queueTickets(core, 2, 1);
    await core.printQueue.pause();
    expect(state.sent.map((s) => s.jobId)).toEqual([late]); // strictly in order: the due ones wait behind it
    const before = state.sent.length;
    core.printQueue.kick();
    await core.printQueue.idle();
    expect(state.sent).toHaveLength(before);
    core.printQueue.resume(); // backoffs start over: the waiting ticket goes first, at once
    await expect.poll(() => [late, ...due].map((j) => status(core, j!))).toEqual(["printed", "printed", "printed"]);
    expect(state.sent.map((s) => s.jobId)).toEqual([late, late, ...due]);
  });
});

describe("the print queue during a restore", () => {
  it("holds from the safety backup to the swap, then prints the restored file's unprinted tickets once and none it had printed", async () => {
    const { state, driver } = fakeDriver();
    const core = await coreWith(driver);
    const manager = core.newSession("staff");
    const managerId = core.model.db.prepare("SELECT id FROM staff WHERE name = ?").pluck().get(DEMO_STAFF[0].name);
    expect((await core.dispatch(manager, "staff.login", { staffId: managerId, pin: DEMO_STAFF[0].pin })).ok).toBe(true);

    // The backup is taken while two tickets wait (printer held) and a third is on its way out.
    let release = () => undefined as void;
    state.hold = new Promise<void>((resolve) => (release = resolve));
    const [sending, ...waiting] = queueTickets(core, 3);
    await expect.poll(() => status(core, sending!)).toBe("sending");
    const backup = await core.maintenance.backupNow("manual");
    // Then the printer failed the one being sent (it never came out) and printed the other two.
    state.broken.add(sending!);
    state.hold = null;
    release();
    await expect.poll(() => waiting.map((j) => status(core, j))).toEqual(["printed", "printed"]);
    const printedBefore = state.sent.length;

    // During the restore's safety backup the worker is kicked (as a backoff timer or a retry would).
    // "restoring" runs from the safety backup until the restore lets the worker go on.
    const background = core.background;
    const run = background.run.bind(background);
    background.run = (task, input) => {
      if (task === "backup") {
        state.restoring = true;
        core.printQueue.kick();
      }
      return run(task, input);
    };
    const queue = core.printQueue;
    const resume = queue.resume.bind(queue);
    queue.resume = () => {
      state.restoring = false;
      resume();
    };
    const restored = await core.dispatch(manager, "maintenance.restore", { name: backup.name });
    expect(restored.ok).toBe(true);

    // Nothing was sent while it ran; afterwards only the ticket that never came out, marked REPRINT.
    await expect.poll(() => state.sent.length).toBe(printedBefore + 1);
    await core.printQueue.idle();
    const after = state.sent.slice(printedBefore);
    expect(state.sent.filter((s) => s.restoring)).toEqual([]);
    expect(after).toEqual([{ jobId: expect.any(Number), reprint: true, restoring: false }]);
    expect(core.model.db.prepare("SELECT reprinted_as FROM print_jobs WHERE id = ?").pluck().get(sending)).toBe(
      after[0]!.jobId,
    );
    expect(waiting.map((j) => status(core, j))).toEqual(["printed", "printed"]);
    const unfinished = core.model.db
      .prepare("SELECT count(*) FROM print_jobs WHERE status IN ('queued', 'sending')")
      .pluck()
      .get();
    expect(unfinished).toBe(0);
  });
});
