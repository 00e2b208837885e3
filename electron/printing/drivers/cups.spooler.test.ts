import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { sampleTicket } from "../../test-support/fixtures";
import {
  addPdfQueue,
  cupsAdmin,
  jobsWaitingIn,
  removeQueue,
  slipsPrinted,
  whyCupsCannotBeAdministered,
} from "../../test-support/cups-admin";
import { cupsDesk, type CupsDesk } from "../../test-support/cups-desk";
import { holdCupsLock } from "../../test-support/cups-pdf";
import { CupsDriver } from "./cups";

/**
 * The real CUPS spooler in the states a spa meets, made with the administrator's own commands (cupsdisable,
 * cupsreject, lpadmin -x) while the front desk prints to it: what the desk says, and whether
 * any slip is lost or printed twice. Runs as root against queues of its own (CI); skipped here otherwise, saying why.
 */
const skipReason = whyCupsCannotBeAdministered();
if (skipReason !== null) console.log(`CUPS spooler-state tests skipped: ${skipReason}`);

const QUEUE = `HappyHeadSpool${process.pid}`;
/** A queue whose name has an accent and an emoji, as a spa's own name for its printer may. */
const UNICODE_QUEUE = `Recepción☕${process.pid}`;

describe.skipIf(skipReason !== null)("the front desk against the real CUPS spooler's own states", () => {
  let desk: CupsDesk | null = null;
  // Not while cups.service.test.ts has cupsd stopped.
  let release: () => void = () => undefined;
  beforeAll(async () => {
    release = await holdCupsLock("shared");
  });
  // Made afresh (enabled, accepting) for each test: one that failed half-way leaves it as it was.
  beforeEach(() => addPdfQueue(QUEUE));
  afterEach(async () => {
    await desk?.close();
    desk = null;
  });
  afterAll(() => {
    removeQueue(QUEUE);
    removeQueue(UNICODE_QUEUE);
    release();
  });

  it("a queue stopped with cupsdisable gets no ticket: they wait at the desk, which says how to resume it, and print once when it is", async () => {
    desk = await cupsDesk(QUEUE);
    cupsAdmin("cupsdisable", "-r", "Paper jam", QUEUE);
    const jobs = desk.confirm(2);
    await desk.send();
    const stopped = `Printer ${QUEUE} is stopped (Paper jam). Fix the printer, then open http://localhost:631/printers/${QUEUE} and choose Maintenance → Resume Printer`;
    // The second waits behind the first, untried: tickets come out in the order they were confirmed.
    expect(desk.jobs()).toEqual([
      { id: jobs[0], status: "queued", error: stopped },
      { id: jobs[1], status: "queued", error: null },
    ]);
    // Before, lp handed them to the stopped queue and the desk said "Ticket printed".
    expect(jobsWaitingIn(QUEUE)).toEqual([]);
    expect(await desk.bannerOnce("offline")).toMatchObject({
      state: "offline",
      message: stopped,
      queued: 2,
      failed: 0,
    });

    cupsAdmin("cupsenable", QUEUE);
    // The backoff is a minute: they print now because the printer check found the printer ready again.
    expect(await desk.bannerOnce("ready")).toMatchObject({ state: "ready", message: `Printer ${QUEUE} is ready` });
    await desk.core.printQueue.idle();
    expect(desk.jobs().map((j) => j.status)).toEqual(["printed", "printed"]);
    expect(await desk.ledgerOnPaper(2)).toMatchObject({ tickets: 2, printedOnce: 2, lost: [], unmarkedDuplicates: [] });
  }, 180_000);

  it("a queue set to refuse jobs (cupsreject): tickets wait, the desk says how to accept them, and they print once after cupsaccept", async () => {
    desk = await cupsDesk(QUEUE);
    cupsAdmin("cupsreject", "-r", "Moving the printer", QUEUE);
    const jobs = desk.confirm(2);
    await desk.send();
    const refusing = `Printer ${QUEUE} is set to refuse print jobs (Moving the printer). Open http://localhost:631/printers/${QUEUE} and choose Administration → Accept Jobs`;
    expect(desk.jobs()).toEqual([
      { id: jobs[0], status: "queued", error: refusing },
      { id: jobs[1], status: "queued", error: null },
    ]);
    // Before, the desk's banner read "ready" (lpstat -p says "idle") while every ticket was refused.
    expect(await desk.bannerOnce("offline")).toMatchObject({ state: "offline", message: refusing, queued: 2 });

    cupsAdmin("cupsaccept", QUEUE);
    expect(await desk.bannerOnce("ready")).toMatchObject({ state: "ready" });
    await desk.core.printQueue.idle();
    expect(await desk.ledgerOnPaper(2)).toMatchObject({ tickets: 2, printedOnce: 2, lost: [], unmarkedDuplicates: [] });
  }, 180_000);

  it("the queue deleted and added again under the same name: tickets wait (in order) and print once it is back", async () => {
    desk = await cupsDesk(QUEUE);
    removeQueue(QUEUE);
    try {
      const jobs = desk.confirm(2);
      await desk.send();
      const notFound = desk.jobs().map((j) => j.error);
      expect(desk.jobs().map((j) => [j.id, j.status])).toEqual(jobs.map((id) => [id, "queued"]));
      expect(notFound[0]).toMatch(
        new RegExp(
          `^Printer not found: ${QUEUE}\\. Check that the printer is switched on and plugged in, or choose it again in Back office → Printer \\(installed: `,
        ),
      );
      expect(notFound[0]).not.toContain(`${QUEUE},`);
      expect(notFound[1]).toBeNull();
      expect(await desk.bannerOnce("offline")).toMatchObject({ message: notFound[0], queued: 2, failed: 0 });
    } finally {
      addPdfQueue(QUEUE);
    }
    expect(await desk.bannerOnce("ready")).toMatchObject({ state: "ready" });
    await desk.core.printQueue.idle();
    expect(await desk.ledgerOnPaper(2)).toMatchObject({ tickets: 2, printedOnce: 2, lost: [], unmarkedDuplicates: [] });
  }, 180_000);

  it("printer names: one with an accent and an emoji prints; one with a space (no CUPS queue can have one) names those installed", async () => {
    addPdfQueue(UNICODE_QUEUE);
    const marker = `Unicode queue ${process.pid}.${Date.now()}`;
    const started = Date.now();
    const driver = new CupsDriver(UNICODE_QUEUE, "58mm");
    expect(await driver.status()).toEqual({ state: "ready", message: `Printer ${UNICODE_QUEUE} is ready` });
    expect(await driver.print({ jobId: 77, ticket: sampleTicket({ spaName: marker, printJobId: 77 }) })).toEqual({
      ok: true,
    });
    const deadline = Date.now() + 60_000;
    while ((await slipsPrinted(marker, started)).length === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect((await slipsPrinted(marker, started)).map((slip) => slip.jobId)).toEqual([77]);

    // "Desk Printer" is what the printer's description says; its queue is "Desk_Printer". Nothing is sent.
    const spaced = new CupsDriver("Desk Printer", "80mm");
    const outcome = await spaced.print({ jobId: 78, ticket: sampleTicket({ spaName: marker, printJobId: 78 }) });
    expect(outcome).toMatchObject({ ok: false, transient: true });
    expect(outcome.ok ? "" : outcome.reason).toMatch(/^Printer not found: Desk Printer\. .*\(installed: .*Recepción☕/);
    expect((await spaced.status()).message).toBe(outcome.ok ? "" : outcome.reason);
  }, 120_000);
});
