import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { DB } from "../open";
import { modelOf } from "../model";
import { generateCheckIns } from "../test/generate";
import { fixedClock, openTemp, tempDir } from "../test/helpers";
import { queueItem } from "../desk/queue";
import { confirmAddons } from "../desk/addons";
import { latestTicket } from "./tickets";
import { PRINT_BACKLOG_SQL, printBacklog, reprintLatestTicket } from "./desk-jobs";
import { appointmentHistory } from "../desk/history";
import { riley, checkedInWithFace } from "../test/desk";

describe("the desk's Reprint", () => {
  it("Reprint copies the newest ticket with a REPRINT kind and a new print job", async () => {
    const { m, id } = await checkedInWithFace();
    expect(() => reprintLatestTicket(m, riley, id)).toThrow(/No ticket has been made/);
    confirmAddons(m, riley, id);
    reprintLatestTicket(m, riley, id);
    expect(queueItem(m, id).ticket?.kind).toBe("reprint");
    expect(latestTicket(m, id)?.addons.map((a) => a.code)).toEqual(["face"]);
    expect(appointmentHistory(m, id).map((h) => h.action)).toContain("ticket.reprint");
  });
});

describe("the desk's printer banner (printBacklog) on a busy file", () => {
  /** The banner's query before migration 0023, one OR over every job: the oracle for what it counts. */
  const BEFORE_0023 = `SELECT j.status, j.last_error FROM print_jobs j JOIN tickets t ON t.id = j.ticket_id
     WHERE j.status IN ('queued', 'sending')
        OR (j.status = 'failed' AND j.reprinted_as IS NULL AND j.created_at >= ?
            AND NOT EXISTS (SELECT 1 FROM print_jobs j2 JOIN tickets t2 ON t2.id = j2.ticket_id
                            WHERE t2.appointment_id = t.appointment_id AND j2.id > j.id))
     ORDER BY j.updated_at DESC, j.id DESC`;
  const plan = (db: DB) =>
    (db.prepare(`EXPLAIN QUERY PLAN ${PRINT_BACKLOG_SQL}`).all("2026-11-24T00:00:00.000Z") as { detail: string }[]).map(
      (r) => r.detail,
    );

  // On a fresh file and on a busy, ANALYZEd one: statistics saying 98% of jobs printed made the planner read them all.
  for (const [name, open] of [
    ["a fresh database", () => openTemp().db],
    ["20,000 check-ins after ANALYZE", () => generateCheckIns(path.join(tempDir(), "busy.sqlite3"), 20_000).db],
  ] as const) {
    it(`reads the waiting and the last day's failed jobs through their indexes, never every job: ${name}`, () => {
      const db = open();
      const details = plan(db);
      expect(details.filter((d) => /\bSCAN (j|print_jobs|tickets|t)\b/.test(d))).toEqual([]);
      expect(details.join("\n")).toMatch(/print_jobs_pending/);
      expect(details.join("\n")).toMatch(/print_jobs_failed/);
      db.close();
    });
  }

  it("counts what the query before 0023 counted, whatever the jobs' states, ages, reprints and newer tickets (property)", () => {
    const { db, lastDay } = generateCheckIns(path.join(tempDir(), "jobs.sqlite3"), 300);
    const now = `${lastDay}T20:00:00.000Z`;
    const m = modelOf(db, fixedClock(now));
    const jobs = db.prepare("SELECT id, ticket_id AS ticket FROM print_jobs ORDER BY id").all() as {
      id: number;
      ticket: number;
    }[];
    const at = (hoursAgo: number) => new Date(Date.parse(now) - hoursAgo * 3_600_000).toISOString();
    const job = fc.record({
      index: fc.nat({ max: jobs.length - 1 }),
      status: fc.constantFrom("queued", "sending", "printed", "failed"),
      // Around the banner's 24 hours, both sides of it and on it.
      hoursAgo: fc.oneof(fc.constantFrom(0, 24, 48), fc.double({ min: 0, max: 48, noNaN: true })),
      error: fc.option(fc.constantFrom("Paper out", "Printer not found: TM-T20"), { nil: null }),
      reprinted: fc.boolean(),
    });
    const change = db.prepare(
      "UPDATE print_jobs SET status = ?, created_at = ?, updated_at = ?, last_error = ?, reprinted_as = ? WHERE id = ?",
    );
    // A newer job for the same ticket (a retry's copy) replaces a failure as the appointment's latest.
    const newer = db.prepare(
      "INSERT INTO print_jobs (ticket_id, status, attempts, created_at, updated_at) VALUES (?, 'printed', 1, ?, ?)",
    );
    fc.assert(
      fc.property(
        fc.array(job, { maxLength: 40 }),
        fc.array(fc.nat({ max: jobs.length - 1 }), { maxLength: 5 }),
        (changes, newerFor) => {
          db.exec("SAVEPOINT banner");
          try {
            for (const c of changes) {
              const j = jobs[c.index] ?? jobs[0];
              if (!j) continue;
              const reprint = c.reprinted ? (jobs[(c.index + 1) % jobs.length]?.id ?? null) : null;
              change.run(c.status, at(c.hoursAgo), at(c.hoursAgo), c.error, reprint, j.id);
            }
            for (const i of newerFor) newer.run(jobs[i]?.ticket, at(1), at(1));
            const before = db.prepare(BEFORE_0023).all(at(24)) as { status: string; last_error: string | null }[];
            expect(printBacklog(m)).toEqual({
              queued: before.filter((r) => r.status !== "failed").length,
              failed: before.filter((r) => r.status === "failed").length,
              lastError: before.find((r) => r.last_error !== null)?.last_error ?? null,
            });
          } finally {
            db.exec("ROLLBACK TO banner; RELEASE banner");
          }
        },
      ),
      { numRuns: 150 },
    );
    db.close();
  });
});
