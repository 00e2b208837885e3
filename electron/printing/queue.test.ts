import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ticketSchema } from "../../contract/ticket";
import { saveSettings } from "../../db/settings";
import { createAppCore, type AppCore } from "../core";
import { confirmTickets, ledger } from "../test-support/print-queue-kit";
import { FakeThermalPrinter, LOOPBACK, type Behaviour } from "../test-support/fake-printer";
import { renderEscPos } from "./escpos";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

async function coreOn(printer: FakeThermalPrinter): Promise<AppCore> {
  const dir = mkdtempSync(path.join(tmpdir(), "happyhead-queue-"));
  const core = await createAppCore({ dataDir: dir, seed: "demo", printBackoffMs: () => 10 });
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  cleanups.push(() => core.close());
  saveSettings(core.model.db, { printer: { driver: "network", host: LOOPBACK, port: printer.port, paper: "80mm" } });
  return core;
}

async function fake(
  behaviour: Behaviour,
  options: ConstructorParameters<typeof FakeThermalPrinter>[1] = {},
): Promise<FakeThermalPrinter> {
  const printer = new FakeThermalPrinter(behaviour, options);
  await printer.start();
  cleanups.push(() => printer.stop());
  return printer;
}

/** Confirms tickets for `n` of today's appointments, each in its own transaction, as the desk does. */
function queueTickets(core: AppCore, n: number): number[] {
  const { db } = core.model;
  const ids = db.prepare("SELECT id FROM appointments ORDER BY id DESC LIMIT ?").pluck().all(n) as number[];
  expect(ids).toHaveLength(n);
  return confirmTickets(core, ids);
}

async function drain(core: AppCore, printer: FakeThermalPrinter, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    core.printQueue.kick();
    await core.printQueue.idle();
    const left = core.model.db
      .prepare("SELECT count(*) FROM print_jobs WHERE status IN ('queued', 'sending')")
      .pluck()
      .get() as number;
    if (left === 0) return printer.settled();
    if (Date.now() > deadline) throw new Error(`${left} jobs still waiting after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 15));
  }
}

const firstJob = (core: AppCore) =>
  (core.model.db.prepare("SELECT max(id) FROM print_jobs").pluck().get() as number) ?? 0;

describe("print queue against a loopback thermal printer", () => {
  it("prints each ticket once, in order, and the printer accepted exactly the rendered bytes", async () => {
    const printer = await fake({ kind: "healthy" });
    const core = await coreOn(printer);
    const since = firstJob(core);
    const jobs = queueTickets(core, 5);
    await drain(core, printer);
    expect(printer.tickets.map((t) => t.jobId)).toEqual(jobs);
    const row = core.model.db
      .prepare("SELECT t.id, t.content FROM print_jobs j JOIN tickets t ON t.id = j.ticket_id WHERE j.id = ?")
      .get(jobs[0]) as { id: number; content: string };
    const ticket = ticketSchema.parse({ ...JSON.parse(row.content), ticketNumber: row.id, printJobId: jobs[0] });
    expect(Buffer.from(printer.tickets[0]?.bytes ?? []).equals(Buffer.from(renderEscPos(ticket, "80mm")))).toBe(true);
    expect(ledger(core.model.db, printer.tickets, printer.incomplete, since)).toMatchObject({
      tickets: 5,
      printedOnce: 5,
      lost: [],
      unmarkedDuplicates: [],
    });
  });

  it("waits out paper-out and offline, then prints; the desk sees the reason meanwhile", async () => {
    const printer = await fake({ kind: "paper-out" });
    const core = await coreOn(printer);
    const [job] = queueTickets(core, 1);
    core.printQueue.kick();
    await core.printQueue.idle();
    const row = () =>
      core.model.db.prepare("SELECT status, last_error AS error FROM print_jobs WHERE id = ?").get(job) as {
        status: string;
        error: string | null;
      };
    expect(row()).toEqual({ status: "queued", error: "Printer is out of paper" });
    expect(printer.tickets).toHaveLength(0);
    printer.behaviour = { kind: "offline" };
    // The next try comes after its backoff (10 ms here), later on a loaded machine: a fixed 60 ms wait missed it there.
    for (const until = Date.now() + 5_000; row().error !== "Printer is offline" && Date.now() < until;)
      await new Promise((resolve) => setTimeout(resolve, 15));
    await core.printQueue.idle();
    expect(row()).toEqual({ status: "queued", error: "Printer is offline" });
    printer.behaviour = { kind: "healthy" };
    await drain(core, printer);
    expect(row()).toMatchObject({ status: "printed" });
    expect(printer.tickets.map((t) => t.jobId)).toEqual([job]);
  });

  it("0 lost and 0 unmarked duplicates across accept, offline, paper-out, cover-open and drops mid-ticket", async () => {
    // A deterministic mix of faults, one per connection, then a healthy printer.
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const faults: Behaviour[] = [{ kind: "offline" }, { kind: "paper-out" }, { kind: "cover-open" }];
    const printer = await fake(
      { kind: "healthy" },
      {
        behaviourFor: (n) => {
          if (n > 400) return { kind: "healthy" };
          const r = random();
          if (r < 0.45) return { kind: "healthy" };
          if (r < 0.75) return { kind: "drop-after", bytes: 1 + Math.floor(random() * 1_400) };
          return faults[Math.floor(random() * faults.length)] ?? { kind: "offline" };
        },
      },
    );
    const core = await coreOn(printer);
    const since = firstJob(core);
    queueTickets(core, 40);
    await drain(core, printer, 60_000);
    const result = ledger(core.model.db, printer.tickets, printer.incomplete, since);
    console.log(`queue fault run: ${JSON.stringify({ ...result, connections: printer.connections })}`);
    expect(result).toMatchObject({
      tickets: 40,
      lost: [],
      unmarkedDuplicates: [],
      unbanneredReprints: [],
      unfinished: 0,
    });
    expect(result.printedOnce + result.withReprint).toBe(40);
    // The mix really exercised the faults: tickets cut short and replaced by REPRINT copies.
    expect(result.incomplete).toBeGreaterThan(0);
    expect(result.withReprint).toBeGreaterThan(0);
  });
});
