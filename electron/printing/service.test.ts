import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createAppCore, type AppCore } from "../core";
import { confirmTickets } from "../test-support/print-queue-kit";
import type { PrinterDriver, PrintOutcome, PrinterStatus } from "./driver";

/** A printer the test switches: what its status says and whether a ticket gets through. */
function switchablePrinter() {
  const printer = {
    ready: false,
    /** Whether a ticket sent gets through (a printer can say ready and still refuse: a held CUPS queue). */
    takes: false,
    sent: [] as number[],
    driver: {
      describe: () => "Test printer",
      print: (job): Promise<PrintOutcome> => {
        printer.sent.push(job.jobId);
        return Promise.resolve(
          printer.takes ? { ok: true } : { ok: false, transient: true, reason: "Printer Desk is stopped" },
        );
      },
      status: (): Promise<PrinterStatus> =>
        Promise.resolve(
          printer.ready
            ? { state: "ready", message: "Printer Desk is ready" }
            : { state: "offline", message: "Printer Desk is stopped" },
        ),
    } satisfies PrinterDriver,
  };
  return printer;
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

/** A desk whose backoff is an hour: a ticket that prints sooner was sent because the printer came back. */
async function deskOn(driver: PrinterDriver): Promise<{ core: AppCore; jobs: number[] }> {
  const dir = mkdtempSync(join(tmpdir(), "happyhead-service-"));
  const core = await createAppCore({
    dataDir: dir,
    seed: "demo",
    printBackoffMs: () => 3_600_000,
    driverFor: () => driver,
  });
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  cleanups.push(() => core.close());
  const ids = core.model.db.prepare("SELECT id FROM appointments ORDER BY id DESC LIMIT 2").pluck().all() as number[];
  const jobs = confirmTickets(core, ids);
  core.printQueue.kick();
  await core.printQueue.idle();
  return { core, jobs };
}

describe("the printer check and the tickets waiting for the printer", () => {
  it("a printer found ready again gets the tickets that waited for it at once, in order, not after their backoff", async () => {
    const printer = switchablePrinter();
    const { core, jobs } = await deskOn(printer.driver);
    // The first was tried and waits out its hour; the second waits behind it.
    expect(printer.sent).toEqual([jobs[0]]);
    expect(await core.printing.refresh()).toMatchObject({ state: "offline", queued: 2 });
    printer.ready = true;
    printer.takes = true;
    expect(await core.printing.refresh()).toMatchObject({ state: "ready" });
    await core.printQueue.idle();
    expect(printer.sent).toEqual([jobs[0], jobs[0], jobs[1]]);
    expect(await core.printing.refresh()).toMatchObject({ state: "ready", queued: 0, failed: 0 });
  });

  it("a printer that stays ready while it refuses tickets is not sent them again at every check: the backoff holds", async () => {
    const printer = switchablePrinter();
    printer.ready = true;
    const { core, jobs } = await deskOn(printer.driver);
    for (let check = 0; check < 3; check += 1) await core.printing.refresh();
    await core.printQueue.idle();
    expect(printer.sent).toEqual([jobs[0]]);
  });
});
