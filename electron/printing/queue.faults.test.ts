import { describe, expect, it, vi } from "vitest";
import type { Ticket } from "../../contract/ticket";
import { buildTicketContent, createTicketWithJob, UNREADABLE_TICKET } from "../../db/printing/tickets";
import { printBacklog } from "../../db/printing/desk-jobs";
import type { Model } from "../../db/model";
import { connect } from "../../db/open";
import { demoModel } from "../../db/test/helpers";
import type { PrinterDriver, PrintJob, PrintOutcome } from "./driver";
import { createPrintQueue, DRIVER_FAILED, UNRENDERABLE_TICKET } from "./queue";

// The layout every renderer draws throws for a guest named "Poison": a ticket that can't be laid out.
vi.mock("./layout", async (importOriginal) => {
  const actual = await importOriginal<typeof import("./layout")>();
  return {
    ...actual,
    layoutTicket: (ticket: Ticket, ...rest: [Parameters<typeof actual.layoutTicket>[1]]) => {
      if (ticket.guestLabel.startsWith("Poison")) throw new RangeError("cannot lay out");
      return actual.layoutTicket(ticket, ...rest);
    },
  };
});

const riley = { kind: "staff", staffId: 2, name: "Riley Chen" } as const;

/** A printer that records what it printed; `answer` decides each send. */
function recordingDriver(
  answer: (job: PrintJob) => PrintOutcome | "throw" = () => ({ ok: true }),
): PrinterDriver & { printed: number[] } {
  const printed: number[] = [];
  return {
    printed,
    describe: () => "test printer",
    status: () => Promise.resolve({ state: "ready", message: "ready" }),
    print: (job) => {
      const outcome = answer(job);
      if (outcome === "throw") return Promise.reject(new TypeError("driver bug"));
      if (outcome.ok) printed.push(job.jobId);
      return Promise.resolve(outcome);
    },
  };
}

/** Queues a ticket for each of the first `names.length` appointments of the day, naming the guests. */
function queueTickets(m: Model, names: string[]): number[] {
  const ids = m.db
    .prepare("SELECT id FROM appointments WHERE local_day = '2026-11-25' ORDER BY starts_at LIMIT ?")
    .pluck()
    .all(names.length) as number[];
  return ids.map((id, i) => {
    m.db.prepare("UPDATE appointments SET guest_name = ? WHERE id = ?").run(names[i], id);
    const content = buildTicketContent(m, id, { kind: "original", confirmedBy: "Riley Chen" });
    return m.db.transaction(() => createTicketWithJob(m, riley, id, content).jobId)();
  });
}

const statusOf = (m: Model, jobId: number | undefined) =>
  m.db.prepare("SELECT status, last_error AS error FROM print_jobs WHERE id = ?").get(jobId);

async function fileModel(): Promise<Model & { file: string }> {
  const m = await demoModel();
  return { ...m, file: m.db.name };
}

describe("the print worker survives any thrown error; the next ticket prints", () => {
  it("throws at claim (another program holds the database): nothing unhandled; once it lets go, every ticket prints", async () => {
    const m = await fileModel();
    m.db.pragma("busy_timeout = 20");
    const jobs = queueTickets(m, ["Ana Ruiz", "Ben Ode"]);
    const other = connect(m.file);
    other.exec("BEGIN IMMEDIATE");
    const errors: string[] = [];
    const driver = recordingDriver();
    const queue = createPrintQueue(
      m,
      () => driver,
      { onJobChanged: () => undefined },
      { onError: (what) => errors.push(what) },
    );
    queue.kick();
    await queue.idle();
    expect(errors).toEqual(["print worker"]);
    expect(driver.printed).toEqual([]);
    other.exec("ROLLBACK");
    other.close();
    queue.kick();
    await queue.idle();
    expect(driver.printed).toEqual(jobs);
    queue.stop();
  });

  it("throws at render: that ticket is failed with a plain reason, the next one prints", async () => {
    const m = await demoModel();
    const [poison, next] = queueTickets(m, ["Poison Ivy", "Ben Ode"]);
    const driver = recordingDriver();
    const queue = createPrintQueue(m, () => driver, { onJobChanged: () => undefined }, { onError: () => undefined });
    queue.kick();
    await queue.idle();
    expect(statusOf(m, poison)).toEqual({ status: "failed", error: UNRENDERABLE_TICKET });
    expect(driver.printed).toEqual([next]);
    expect(printBacklog(m)).toMatchObject({ queued: 0, failed: 1, lastError: UNRENDERABLE_TICKET });
    queue.stop();
  });

  it("throws at send: that ticket is failed with a plain reason, the next one prints", async () => {
    const m = await demoModel();
    const [bad, next] = queueTickets(m, ["Ana Ruiz", "Ben Ode"]);
    const driver = recordingDriver((job) => (job.jobId === bad ? "throw" : { ok: true }));
    const queue = createPrintQueue(m, () => driver, { onJobChanged: () => undefined }, { onError: () => undefined });
    queue.kick();
    await queue.idle();
    expect(statusOf(m, bad)).toEqual({ status: "failed", error: DRIVER_FAILED });
    expect(driver.printed).toEqual([next]);
    queue.stop();
  });

  it("a stored ticket that can't be read: failed with a plain reason, the next one prints", async () => {
    const m = await demoModel();
    const [bad, next] = queueTickets(m, ["Ana Ruiz", "Ben Ode"]);
    m.db
      .prepare(
        `UPDATE tickets SET content = '{"spaName": 5}' WHERE id = (SELECT ticket_id FROM print_jobs WHERE id = ?)`,
      )
      .run(bad);
    const driver = recordingDriver();
    const queue = createPrintQueue(m, () => driver, { onJobChanged: () => undefined });
    queue.kick();
    await queue.idle();
    expect(statusOf(m, bad)).toEqual({ status: "failed", error: UNREADABLE_TICKET });
    expect(driver.printed).toEqual([next]);
    queue.stop();
  });

  it("a listener that throws never stops the worker", async () => {
    const m = await demoModel();
    const jobs = queueTickets(m, ["Ana Ruiz", "Ben Ode"]);
    const driver = recordingDriver();
    const errors: string[] = [];
    const queue = createPrintQueue(
      m,
      () => driver,
      {
        onJobChanged: () => {
          throw new Error("listener");
        },
      },
      { onError: (what) => errors.push(what) },
    );
    queue.kick();
    await queue.idle();
    expect(driver.printed).toEqual(jobs);
    expect(errors.every((what) => what === "print listener")).toBe(true);
    queue.stop();
  });
});

describe("backoffs run on the monotonic clock", () => {
  it("a wall clock stepped back an hour while a job waits out its backoff does not hold the queue for that hour", async () => {
    const m = await demoModel();
    const jobs = queueTickets(m, ["Ana Ruiz", "Ben Ode"]);
    let offline = true;
    const driver = recordingDriver(() =>
      offline ? { ok: false, transient: true, reason: "Printer is offline" } : { ok: true },
    );
    const queue = createPrintQueue(m, () => driver, { onJobChanged: () => undefined }, { backoffMs: () => 100 });
    queue.kick();
    await queue.idle();
    expect(statusOf(m, jobs[0])).toEqual({ status: "queued", error: "Printer is offline" });
    offline = false;
    m.clock.advance(-60);
    const started = performance.now();
    while (driver.printed.length < 2 && performance.now() - started < 10_000) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      await queue.idle();
    }
    expect(driver.printed).toEqual(jobs);
    queue.stop();
  });
});

describe("a test print whose driver throws", () => {
  it("answers in words, not a generic error", async () => {
    const { mkdtempSync, rmSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const path = await import("node:path");
    const { createAppCore } = await import("../core");
    const dir = mkdtempSync(path.join(tmpdir(), "happyhead-testprint-"));
    const core = await createAppCore({ dataDir: dir, seed: "demo", driverFor: () => recordingDriver(() => "throw") });
    try {
      expect(await core.printing.testPrint({ driver: "pdf-folder", paper: "80mm" }, "Riley Chen")).toEqual({
        ok: false,
        message: "Test print failed: the printer driver failed on the test ticket.",
      });
    } finally {
      await core.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
