import { describe, expect, it } from "vitest";
import { CUPS_WORDS, findPendingJob, jobEnding, jobNumber, parseQueueState } from "./cups-state";

/** What CUPS 2.4's lpstat, lp and cancel print in the C locale, copied from a real spooler. */
describe("reading the CUPS tools' answers", () => {
  it("a queue's state: idle, printing, stopped with CUPS's own reason or none, refusing, and one named like another", () => {
    expect(
      parseQueueState(
        "printer Desk is idle.  enabled since Mon Dec  7 12:57:47 2026\nDesk accepting requests since Mon Dec  7 12:57:47 2026\n",
        "Desk",
      ),
    ).toEqual({ enabled: true, accepting: true, reason: null });
    expect(
      parseQueueState(
        "printer Desk now printing Desk-24.  enabled since Mon Dec  7 12:57:47 2026\n\tWaiting for printer to become available.\nDesk accepting requests since Mon Dec  7 12:57:47 2026\n",
        "Desk",
      ),
    ).toEqual({ enabled: true, accepting: true, reason: null });
    // cupsdisable without -r says "Paused", which is no reason worth showing.
    expect(
      parseQueueState(
        "printer Desk disabled since Mon Dec  7 12:57:47 2026 -\n\tPaused\nDesk accepting requests since Mon Dec  7 12:57:47 2026\n",
        "Desk",
      ),
    ).toEqual({ enabled: false, accepting: true, reason: null });
    // CUPS stopped the queue itself after the printer failed (error policy stop-printer).
    expect(
      parseQueueState(
        "printer Desk disabled since Mon Dec  7 12:57:47 2026 -\n\t/usr/lib/cups/backend/usb failed\nDesk accepting requests since Mon Dec  7 12:57:47 2026\n",
        "Desk",
      ),
    ).toEqual({ enabled: false, accepting: true, reason: "/usr/lib/cups/backend/usb failed" });
    expect(
      parseQueueState(
        "printer Desk is idle.  enabled since Mon Dec  7 12:57:47 2026\nDesk not accepting requests since Mon Dec  7 12:57:47 2026 -\n\tMoving the printer\n",
        "Desk",
      ),
    ).toEqual({ enabled: true, accepting: false, reason: "Moving the printer" });
    // Another queue's lines ("Desk2") never answer for "Desk".
    expect(parseQueueState("printer Desk2 disabled since now -\n\tPaused\n", "Desk")).toBeNull();
  });

  it("a job by its number, in every queue's list, whatever lpstat makes of the queue's name; held, or printing now", () => {
    const listed = [
      "Recepci%C3%B3n%E2%98%951-37 root              1024   Mon Dec  7 13:07:13 2026",
      "\tAlerts: job-hold-until-specified",
      "\tqueued for Recepci%C3%B3n%E2%98%951",
      "Desk-371               root              1024   Mon Dec  7 13:07:14 2026",
      "\tAlerts: job-printing",
      "\tqueued for Desk",
    ].join("\n");
    expect(jobNumber("Recepción☕1-37")).toBe(37);
    expect(jobNumber("Desk")).toBeNull();
    expect(findPendingJob(listed, 37)).toEqual({ held: true, printing: false });
    expect(findPendingJob(listed, 371)).toEqual({ held: false, printing: true });
    // Job 3 and 7 are not 37 or 371.
    expect(findPendingJob(listed, 3)).toBeNull();
    expect(findPendingJob(listed, 7)).toBeNull();
    expect(findPendingJob("", 37)).toBeNull();
  });

  it("how a job that left the spooler ended, from cancel's refusal", () => {
    expect(jobEnding("cancel: cancel-job failed: Job #22 is already completed - can't cancel.")).toBe("completed");
    expect(jobEnding("cancel: cancel-job failed: Job #23 is already canceled - can't cancel.")).toBe("canceled");
    expect(jobEnding("cancel: cancel-job failed: Job #24 is already aborted - can't cancel.")).toBe("aborted");
    expect(jobEnding("cancel: cancel-job failed: Job #99999 does not exist.")).toBe("gone");
    expect(jobEnding("cancel: Unable to connect to server: No such file or directory")).toBeNull();
  });

  it("every message names the printer and what to do, and a name is written safely into the web address", () => {
    expect(CUPS_WORDS.stopped("Recepción ☕/1", null)).toBe(
      "Printer Recepción ☕/1 is stopped. Fix the printer, then open http://localhost:631/printers/Recepci%C3%B3n%20%E2%98%95%2F1 and choose Maintenance → Resume Printer",
    );
    expect(CUPS_WORDS.notFound("TM-T20", [])).toMatch(/\(this computer lists no printers\)$/);
    expect(CUPS_WORDS.notFound("TM T20", ["TM-T20", "HappyHeadPDF"])).toMatch(/\(installed: TM-T20, HappyHeadPDF\)$/);
  });
});
