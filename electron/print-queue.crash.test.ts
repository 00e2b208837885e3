import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { saveSettings } from "../db/settings";
import { buildTicketContent, createTicketWithJob } from "../db/tickets";
import { createAppCore } from "./core";
import { ledger } from "./print-queue.testkit";
import { FakeThermalPrinter, LOOPBACK } from "./printing/fake-printer";

/**
 * kill -9 mid-print: the queue runs in a child process printing to a loopback thermal printer in
 * this process; the test kills it with SIGKILL at random moments while jobs are going out,
 * restarts it, and at the end holds what came out of the printer against the print_jobs table.
 */
const TICKETS = 30;
const KILLS = 10;
const child = path.join(__dirname, "print-queue.crash-child.ts");
const dir = mkdtempSync(path.join(tmpdir(), "happyhead-crash-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Run = { killed: boolean; finished: boolean };

/** Starts the child; kills it `afterJobs` job changes + `delayMs` later (never, when null). */
function runChild(kill: { afterJobs: number; delayMs: number } | null): Promise<Run> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ["--import", "tsx", child, dir], { stdio: ["ignore", "pipe", "pipe"] });
    let seen = 0;
    let killed = false;
    let finished = false;
    let stderr = "";
    const timeout = setTimeout(() => proc.kill("SIGKILL"), 60_000);
    proc.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    proc.stdout.on("data", (chunk: Buffer) => {
      for (const line of chunk.toString().split("\n")) {
        if (line === "done") finished = true;
        if (line !== "job" || kill === null || killed) continue;
        seen += 1;
        if (seen === kill.afterJobs) {
          killed = true;
          setTimeout(() => proc.kill("SIGKILL"), kill.delayMs);
        }
      }
    });
    proc.on("exit", (code, signal) => {
      clearTimeout(timeout);
      if (signal === "SIGKILL" || code === 0) resolve({ killed: signal === "SIGKILL", finished });
      else reject(new Error(`child exited with ${code}: ${stderr.slice(-2000)}`));
    });
  });
}

describe("print queue after kill -9", () => {
  it(`loses and silently duplicates no ticket across ${KILLS} SIGKILLs mid-print`, async () => {
    // Answers that take a few milliseconds widen the window in which a kill lands mid-ticket.
    const printer = new FakeThermalPrinter({ kind: "healthy" }, { answerDelayMs: () => Math.floor(Math.random() * 12) });
    await printer.start();
    try {
      const core = await createAppCore({ dataDir: dir, seed: "demo" });
      const { db, clock } = core.model;
      saveSettings(db, { printer: { driver: "network", host: LOOPBACK, port: printer.port, paper: "58mm" } });
      const since = db.prepare("SELECT max(id) FROM print_jobs").pluck().get() as number;
      const ids = db.prepare("SELECT id FROM appointments ORDER BY id DESC LIMIT ?").pluck().all(TICKETS) as number[];
      for (const id of ids) {
        const staff = { kind: "staff", staffId: 2, name: "Riley Chen" } as const;
        db.transaction(() => createTicketWithJob(db, clock, staff, id, buildTicketContent(db, clock, id, { kind: "original", confirmedBy: staff.name })))();
      }
      core.printQueue.stop();
      core.close();

      let kills = 0;
      let finishedEarly = false;
      while (kills < KILLS) {
        const run = await runChild({ afterJobs: 1 + Math.floor(Math.random() * 6), delayMs: Math.floor(Math.random() * 25) });
        if (run.killed) kills += 1;
        if (run.finished && !run.killed) {
          finishedEarly = true;
          break;
        }
      }
      if (!finishedEarly) expect(await runChild(null)).toEqual({ killed: false, finished: true });
      await printer.settled();

      const check = await createAppCore({ dataDir: dir, seed: "empty" });
      check.printQueue.stop();
      const result = ledger(check.model.db, printer.tickets, printer.incomplete, since);
      const interrupted = check.model.db.prepare("SELECT count(*) FROM print_jobs WHERE id > ? AND last_error LIKE 'Interrupted%'").pluck().get(since);
      check.close();
      console.log(`kill -9 run: ${JSON.stringify({ kills, interrupted, ...result, printedTotal: printer.tickets.length })}`);
      expect(kills).toBeGreaterThanOrEqual(finishedEarly ? 1 : KILLS);
      expect(result).toMatchObject({ tickets: TICKETS, lost: [], unmarkedDuplicates: [], unbanneredReprints: [], unfinished: 0 });
      expect(result.printedOnce + result.withReprint).toBe(TICKETS);
    } finally {
      await printer.stop();
    }
  }, 240_000);
});
