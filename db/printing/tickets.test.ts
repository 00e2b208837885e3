import type { Model } from "../model";
import { describe, expect, it } from "vitest";
import { verifyAuditChain } from "../audit";
import { confirmAddons } from "../desk/addons";
import { latestTicket } from "./tickets";
import { queueItem } from "../desk/queue";
import { checkInAtKiosk } from "../kiosk/check-in";
import { chooseAddons } from "../kiosk/choose";
import { saveSettings } from "../settings";
import { demoModel, found, appointmentIdOf } from "../test/helpers";
import { buildTicketContent, createTicketWithJob } from "./tickets";
import { alertChanges } from "../../contract/ticket";
import { claimNextJob, completeJob, recoverInterruptedJobs } from "./jobs";
import { printBacklog, reprintLatestTicket, retryJob } from "./desk-jobs";

const riley = { kind: "staff", staffId: 2, name: "Riley Chen" } as const;

/** Checks María in at the kiosk with both add-ons and confirms at the desk: one queued job. */
function confirmMaria(m: Model): { appointmentId: number; jobId: number } {
  const appointmentId = appointmentIdOf(m, "HH2233");
  const { visit } = checkInAtKiosk(m, appointmentId, "en");
  chooseAddons(m, { appointmentId, addonIds: visit.offer.cards.map((c) => c.addonId), offerMs: 3000, lang: "en" });
  const { jobId } = confirmAddons(m, riley, appointmentId);
  if (jobId === null) throw new Error("no job");
  return { appointmentId, jobId };
}

/** Queues an original ticket for each of `n` of today's appointments, oldest job first. */
function queueTickets(m: Model, n: number): number[] {
  const ids = m.db
    .prepare("SELECT id FROM appointments WHERE local_day = '2026-11-25' ORDER BY starts_at LIMIT ?")
    .pluck()
    .all(n) as number[];
  return ids.map((id) => {
    const content = buildTicketContent(m, id, { kind: "original", confirmedBy: "Riley Chen" });
    return createTicketWithJob(m, riley, id, content).jobId;
  });
}

const jobs = (m: Model) =>
  m.db
    .prepare(
      "SELECT id, status, last_error AS error, reprinted_as AS reprintedAs FROM print_jobs WHERE id > (SELECT coalesce(max(id), 0) FROM print_jobs WHERE created_at < '2026-11-25T18:00:00.000Z') ORDER BY id",
    )
    .all();

describe("ticket content", () => {
  it("carries everything the ticket shows, with the new end time and non-ASCII names intact", async () => {
    const m = await demoModel();
    const { appointmentId } = confirmMaria(m);
    m.db.prepare("UPDATE appointments SET guest_name = 'Zoë Ñúñez-Müller' WHERE id = ?").run(appointmentId);
    const content = buildTicketContent(m, appointmentId, { kind: "original", confirmedBy: "Riley Chen" });
    const facts = m.db.prepare("SELECT starts_at, ends_at FROM appointments WHERE id = ?").get(appointmentId) as {
      starts_at: string;
      ends_at: string;
    };
    const minutes = (new Date(facts.ends_at).getTime() - new Date(facts.starts_at).getTime()) / 60_000;
    expect(content).toMatchObject({
      spaName: "Happy Head Massage",
      kind: "original",
      guestLabel: "Zoë Ñ.",
      confirmedBy: "Riley Chen",
      addons: [
        { code: "face", title: "FACE MASSAGE" },
        { code: "scalp", title: "SCALP MASSAGE" },
      ],
    });
    expect(content.serviceMinutes).toBe(minutes);
    const extra = content.addons.reduce((s, a) => s + a.extraMinutes, 0);
    expect(extra).toBeGreaterThan(0);
    // The end time printed is the appointment's end plus the add-ons' minutes.
    const end = new Date(new Date(facts.ends_at).getTime() + extra * 60_000);
    expect(content.endLocal).toBe(
      end.toLocaleTimeString("en-US", { timeZone: "America/Los_Angeles", hour: "numeric", minute: "2-digit" }),
    );
    expect(content.startLocal).toMatch(/^\d{1,2}:\d{2}\s?[AP]M$/);
    expect(content.therapistName).not.toContain(" ");
    expect(content.printedAtLocal).not.toBe("");
  });

  it("prints an add-on's title in capitals, every letter: accents too, and a booking system's 'Last, First' as first name and initial", async () => {
    const m = await demoModel();
    m.db
      .prepare(
        "UPDATE addon_texts SET title = ? WHERE lang = 'en' AND addon_id = (SELECT id FROM addons WHERE code = 'face')",
      )
      .run("Mãos relaxantes · Café ritual");
    const { appointmentId } = confirmMaria(m);
    m.db.prepare("UPDATE appointments SET guest_name = 'Hernández, María José' WHERE id = ?").run(appointmentId);
    const content = buildTicketContent(m, appointmentId, { kind: "original", confirmedBy: "Riley Chen" });
    expect(content.addons.map((a) => a.title)).toEqual(["MÃOS RELAXANTES · CAFÉ RITUAL", "SCALP MASSAGE"]);
    expect(content.guestLabel).toBe("María H.");
  });

  it("names the language of a guest who checked in in Spanish, on the desk's row and the ticket; English, the spa's first, goes unsaid", async () => {
    const m = await demoModel();
    const [maria, james] = ["HH2233", "HH4455"].map((code) => appointmentIdOf(m, code)) as [number, number];
    checkInAtKiosk(m, maria, "es");
    checkInAtKiosk(m, james, "en");
    expect([queueItem(m, maria).guestLanguage, queueItem(m, james).guestLanguage]).toEqual(["es", null]);
    expect(buildTicketContent(m, maria, { kind: "original", confirmedBy: "Riley Chen" }).guestLanguage).toBe("Spanish");
    expect(buildTicketContent(m, james, { kind: "original", confirmedBy: "Riley Chen" })).not.toHaveProperty(
      "guestLanguage",
    );
    // A spa whose kiosk opens in Spanish notes the English speakers instead.
    saveSettings(m.db, { languages: ["es", "en"] });
    expect([queueItem(m, maria).guestLanguage, queueItem(m, james).guestLanguage]).toEqual([null, "en"]);
  });

  it("lists no add-ons on a VOID ticket, with the reason", async () => {
    const m = await demoModel();
    const { appointmentId } = confirmMaria(m);
    expect(
      buildTicketContent(m, appointmentId, { kind: "void", confirmedBy: "Riley Chen", voidReason: "Guest left" }),
    ).toMatchObject({
      kind: "void",
      addons: [],
      voidReason: "Guest left",
    });
  });
});

describe("print jobs", () => {
  it("are written in the confirmation's transaction: a rolled-back confirmation leaves no ticket and no job", async () => {
    const m = await demoModel();
    const before = m.db
      .prepare("SELECT (SELECT count(*) FROM tickets) AS t, (SELECT count(*) FROM print_jobs) AS j")
      .get();
    const id = m.db
      .prepare("SELECT id FROM appointments WHERE local_day = '2026-11-25' LIMIT 1")
      .pluck()
      .get() as number;
    expect(() =>
      m.db.transaction(() => {
        createTicketWithJob(m, riley, id, buildTicketContent(m, id, { kind: "original", confirmedBy: "Riley Chen" }));
        throw new Error("the confirmation failed after the ticket was written");
      })(),
    ).toThrow();
    expect(
      m.db.prepare("SELECT (SELECT count(*) FROM tickets) AS t, (SELECT count(*) FROM print_jobs) AS j").get(),
    ).toEqual(before);
  });

  it("are claimed strictly in order: a job waiting out its backoff is not overtaken", async () => {
    const m = await demoModel();
    const [a, b] = queueTickets(m, 2);
    expect(claimNextJob(m)?.jobId).toBe(a);
    expect(
      completeJob(m, found(a, "the first job"), { ok: false, transient: true, reason: "Printer is out of paper" }),
    ).toBe("queued");
    expect(claimNextJob(m)).toBeNull();
    m.clock.advance(1);
    expect(claimNextJob(m)?.jobId).toBe(a);
    completeJob(m, found(a, "the first job"), { ok: true });
    expect(claimNextJob(m)?.jobId).toBe(b);
  });

  it("stamp the ticket with the time it is actually sent", async () => {
    const m = await demoModel();
    const { appointmentId } = confirmMaria(m);
    m.clock.advance(42);
    const job = claimNextJob(m);
    expect(job?.ticket.printedAtLocal).toBe("Nov 25, 10:49 AM");
    expect(latestTicket(m, appointmentId)?.printedAtLocal).toBe("Nov 25, 10:49 AM");
  });

  it("a permanent failure stays failed with its reason; Retry queues it again and is audited", async () => {
    const m = await demoModel();
    const { appointmentId, jobId } = confirmMaria(m);
    claimNextJob(m);
    completeJob(m, jobId, { ok: false, transient: false, reason: "Printer not found: TM-T20" });
    expect(queueItem(m, appointmentId).ticket).toMatchObject({
      printStatus: "failed",
      printError: "Printer not found: TM-T20",
    });
    expect(printBacklog(m)).toEqual({ queued: 0, failed: 1, lastError: "Printer not found: TM-T20" });
    expect(retryJob(m, riley, jobId)).toBe(appointmentId);
    expect(queueItem(m, appointmentId).ticket).toMatchObject({ printStatus: "queued", printJobId: jobId });
    expect(m.db.prepare("SELECT action FROM audit_log ORDER BY id DESC LIMIT 1").pluck().get()).toBe("print.retry");
    expect(verifyAuditChain(m.db).ok).toBe(true);
  });

  it("a send that failed after bytes left is never re-sent as is: a REPRINT copy replaces it", async () => {
    const m = await demoModel();
    const { appointmentId, jobId } = confirmMaria(m);
    claimNextJob(m);
    completeJob(m, jobId, {
      ok: false,
      transient: true,
      uncertain: true,
      reason: "Connection to the printer was lost while printing",
    });
    const [failed, copy] = jobs(m) as { id: number; status: string; error: string; reprintedAs: number | null }[];
    expect(failed).toMatchObject({ id: jobId, status: "failed", reprintedAs: copy?.id });
    expect(failed?.error).toContain("sent again marked REPRINT");
    expect(copy).toMatchObject({ status: "queued", reprintedAs: null });
    expect(latestTicket(m, appointmentId)).toMatchObject({ kind: "reprint", printJobId: copy?.id });
    expect(() => retryJob(m, riley, jobId)).toThrow(`already sent again marked REPRINT (print job ${copy?.id})`);
  });

  it("a REPRINT that fails part-way is retried as it is, with backoff: no new copy per drop", async () => {
    const m = await demoModel();
    const { jobId } = confirmMaria(m);
    const lost = {
      ok: false,
      transient: true,
      uncertain: true,
      reason: "Connection to the printer was lost while printing",
    } as const;
    claimNextJob(m);
    completeJob(m, jobId, lost);
    const reprint = claimNextJob(m);
    expect(reprint?.ticket.kind).toBe("reprint");
    // The printer keeps hanging up mid-ticket: the same REPRINT job waits longer each time.
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      expect(completeJob(m, found(reprint, "reprint").jobId, lost, (n) => n * 1000)).toBe("queued");
      const row = m.db.prepare("SELECT status, next_try_at FROM print_jobs WHERE id = ?").get(reprint?.jobId) as {
        status: string;
        next_try_at: string;
      };
      waits.push(Date.parse(row.next_try_at) - m.clock.now().getTime());
      expect(claimNextJob(m)).toBeNull(); // nothing due yet: no tight loop
      m.db.prepare("UPDATE print_jobs SET next_try_at = NULL WHERE id = ?").run(reprint?.jobId);
      expect(claimNextJob(m)?.jobId).toBe(reprint?.jobId);
    }
    expect(waits).toEqual([1000, 2000, 3000, 4000]); // backoff(attempt): the attempts of this one job
    expect(jobs(m)).toHaveLength(2); // the original (failed) and its one REPRINT copy
    // A crash while that REPRINT is being sent queues it again, still one copy.
    expect(recoverInterruptedJobs(m)).toBe(1);
    expect(jobs(m)).toEqual([
      expect.objectContaining({ id: jobId, status: "failed" }),
      expect.objectContaining({
        id: reprint?.jobId,
        status: "queued",
        error: "Interrupted while printing",
        reprintedAs: null,
      }),
    ]);
  });

  it("after a crash, a job left 'sending' is marked failed and queued again as REPRINT", async () => {
    const m = await demoModel();
    const { jobId } = confirmMaria(m);
    claimNextJob(m);
    expect(recoverInterruptedJobs(m)).toBe(1);
    const [failed, copy] = jobs(m) as { id: number; status: string; error: string; reprintedAs: number | null }[];
    expect(failed).toMatchObject({
      id: jobId,
      status: "failed",
      error: "Interrupted while printing; sent again marked REPRINT",
    });
    expect(copy).toMatchObject({ status: "queued" });
    expect(claimNextJob(m)?.ticket).toMatchObject({ kind: "reprint", printJobId: copy?.id });
    expect(recoverInterruptedJobs(m)).toBe(1);
  });

  it("Retry refuses a printed or printing job, naming what to do", async () => {
    const m = await demoModel();
    const { jobId } = confirmMaria(m);
    claimNextJob(m);
    expect(() => retryJob(m, riley, jobId)).toThrow("printing right now");
    completeJob(m, jobId, { ok: true });
    expect(() => retryJob(m, riley, jobId)).toThrow("Use Reprint");
    expect(() => retryJob(m, riley, 999_999)).toThrow("no longer exists");
  });

  it("Reprint copies the newest ticket under REPRINT, keeping a VOID banner", async () => {
    const m = await demoModel();
    const { appointmentId } = confirmMaria(m);
    const voided = buildTicketContent(m, appointmentId, {
      kind: "void",
      confirmedBy: "Riley Chen",
      voidReason: "Guest left",
    });
    createTicketWithJob(m, riley, appointmentId, voided);
    const jobId = reprintLatestTicket(m, riley, appointmentId);
    expect(latestTicket(m, appointmentId)).toMatchObject({
      kind: "reprint",
      reprintOf: "void",
      voidReason: "Guest left",
      printJobId: jobId,
      addons: [],
    });
    reprintLatestTicket(m, riley, appointmentId);
    expect(latestTicket(m, appointmentId)).toMatchObject({ kind: "reprint", reprintOf: "void" });
    const none = m.db
      .prepare("SELECT id FROM appointments WHERE id NOT IN (SELECT appointment_id FROM tickets) LIMIT 1")
      .pluck()
      .get() as number;
    expect(() => reprintLatestTicket(m, riley, none)).toThrow("No ticket has been made");
  });
});

describe("tickets built to fit, and no poison job", () => {
  const longName = `${"Bartholomew".repeat(7)}x Z`;

  it("an 80-character guest name gives a label of at most 80 that keeps the initial; the ticket parses", async () => {
    const m = await demoModel();
    const { appointmentId } = confirmMaria(m);
    expect(longName).toHaveLength(80);
    m.db.prepare("UPDATE appointments SET guest_name = ? WHERE id = ?").run(longName, appointmentId);
    const content = buildTicketContent(m, appointmentId, { kind: "original", confirmedBy: "Riley Chen" });
    expect(content.guestLabel.length).toBeLessThanOrEqual(80);
    expect(content.guestLabel).toMatch(/^Bartholomew.*… Z\.$/);
    const jobId = createTicketWithJob(m, riley, appointmentId, content).jobId;
    expect(latestTicket(m, appointmentId)?.printJobId).toBe(jobId);
  });

  it("a change list of 20 lines prints 9 and '+11 more changes'", async () => {
    const m = await demoModel();
    const { appointmentId } = confirmMaria(m);
    const changes = Array.from({ length: 20 }, (_, i) => `${i < 10 ? "Added" : "Removed"} ADD-ON ${i}`);
    const content = buildTicketContent(m, appointmentId, { kind: "changed", confirmedBy: "Riley Chen", changes });
    expect(content.changes).toHaveLength(10);
    expect(content.changes.at(-1)).toBe("+11 more changes");
  });

  it("a stored ticket that can't be read is failed with a reason in plain words; the ticket after it prints; Preview and Reprint say why", async () => {
    const m = await demoModel();
    const [bad, good] = queueTickets(m, 2);
    const ticketOf = (jobId: number | undefined) =>
      m.db.prepare("SELECT ticket_id FROM print_jobs WHERE id = ?").pluck().get(jobId) as number;
    m.db.prepare(`UPDATE tickets SET content = '{"spaName": 5}' WHERE id = ?`).run(ticketOf(bad));
    const claimed = claimNextJob(m);
    expect(claimed?.jobId).toBe(good);
    expect(m.db.prepare("SELECT status, last_error AS error FROM print_jobs WHERE id = ?").get(bad)).toEqual({
      status: "failed",
      error: expect.stringMatching(
        /^This ticket's saved content can't be read.*Use Change to make a new ticket/,
      ) as unknown,
    });
    expect(printBacklog(m)).toMatchObject({
      failed: 1,
      lastError: expect.stringContaining("can't be read") as unknown,
    });
    const appointmentId = m.db
      .prepare("SELECT appointment_id FROM tickets WHERE id = ?")
      .pluck()
      .get(ticketOf(bad)) as number;
    const refusal = {
      code: "NOT_AVAILABLE",
      message: expect.stringContaining("can't be printed, previewed or reprinted") as unknown,
    };
    expect(() => latestTicket(m, appointmentId)).toThrow(expect.objectContaining(refusal));
    expect(() => reprintLatestTicket(m, riley, appointmentId)).toThrow(expect.objectContaining(refusal));
  });

  it("a ticket stored before tickets were fitted (an 81-character label, 20 changes) still prints, fitted", async () => {
    const m = await demoModel();
    const [job] = queueTickets(m, 1);
    const ticketId = m.db.prepare("SELECT ticket_id FROM print_jobs WHERE id = ?").pluck().get(job) as number;
    const stored = JSON.parse(
      m.db.prepare("SELECT content FROM tickets WHERE id = ?").pluck().get(ticketId) as string,
    ) as Record<string, unknown>;
    const legacy = {
      ...stored,
      kind: "changed",
      guestLabel: `${"A".repeat(78)} Z.`,
      changes: Array.from({ length: 20 }, (_, i) => `Added X${i}`),
    };
    m.db.prepare("UPDATE tickets SET content = ? WHERE id = ?").run(JSON.stringify(legacy), ticketId);
    const claimed = claimNextJob(m);
    expect(claimed?.ticket.guestLabel).toBe(`${"A".repeat(78)}…`);
    expect(claimed?.ticket.changes.at(-1)).toBe("+11 more changes");
  });
});

describe("alertChanges", () => {
  it("says which alerts a CHANGED ticket added and removed, and nothing when they are the same", () => {
    const before = { allergies: ["Nuts"], avoid: ["Face"], checks: [] };
    const after = {
      allergies: ["Nuts", "Latex"],
      avoid: [],
      checks: [{ addon: "scalp" as const, reason: "scalp flare" }],
    };
    expect(alertChanges(before, after)).toEqual([
      "Alert added: Allergy: Latex",
      "Alert added: Check with guest: scalp \u2014 scalp flare",
      "Alert removed: Avoid: Face",
    ]);
    expect(alertChanges(after, after)).toEqual([]);
  });
});
