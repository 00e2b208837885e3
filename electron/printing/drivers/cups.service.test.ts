import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  addPdfQueue,
  removeQueue,
  startCups,
  stopCups,
  whyCupsCannotBeAdministered,
} from "../../test-support/cups-admin";
import { cupsDesk } from "../../test-support/cups-desk";
import { holdCupsLock } from "../../test-support/cups-pdf";
import { CUPS_WORDS } from "./cups-state";

/**
 * The CUPS service itself stopped mid-shift (an update, a crash) and started again, while the front desk prints. It
 * holds the spooler lock exclusive, so no other test file prints meanwhile, and starts CUPS again whatever happens.
 * Root (CI); skipped otherwise, saying why.
 */
const skipReason = whyCupsCannotBeAdministered();
if (skipReason !== null) console.log(`CUPS service test skipped: ${skipReason}`);

const QUEUE = `HappyHeadService${process.pid}`;

describe.skipIf(skipReason !== null)("the front desk while the CUPS service stops and starts", () => {
  let release: () => void = () => undefined;
  beforeAll(async () => {
    release = await holdCupsLock("exclusive");
    addPdfQueue(QUEUE);
  });
  afterAll(async () => {
    try {
      await startCups();
      removeQueue(QUEUE);
    } finally {
      release();
    }
  });

  it("cupsd stopped mid-shift: tickets wait, the desk says the print service is not running and what to do, and they print once it is back", async () => {
    const desk = await cupsDesk(QUEUE);
    try {
      desk.confirm(1);
      await desk.send();
      expect(desk.jobs().map((j) => j.status)).toEqual(["printed"]);
      await stopCups();
      try {
        desk.confirm(2);
        await desk.send();
        expect(desk.jobs().map((j) => [j.status, j.error])).toEqual([
          ["printed", null],
          ["queued", CUPS_WORDS.notRunning],
          ["queued", null],
        ]);
        expect(await desk.bannerOnce("offline")).toMatchObject({ message: CUPS_WORDS.notRunning, queued: 2 });
      } finally {
        await startCups();
      }
      expect(await desk.bannerOnce("ready")).toMatchObject({ state: "ready" });
      await desk.core.printQueue.idle();
      expect(await desk.ledgerOnPaper(3)).toMatchObject({
        tickets: 3,
        printedOnce: 3,
        lost: [],
        unmarkedDuplicates: [],
      });
    } finally {
      await desk.close();
    }
  }, 180_000);
});
