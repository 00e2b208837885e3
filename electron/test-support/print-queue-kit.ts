import { modelOf } from "../../db/model";
import type { DB } from "../../db/open";
import { buildTicketContent, createTicketWithJob } from "../../db/printing/tickets";
import type { AppCore } from "../core";
import type { PrintedTicket } from "./fake-printer";

/** Test helper (not shipped): what came out of a fake printer, held against the print_jobs table. */
export interface TicketLedger {
  /** Tickets confirmed (jobs that are not automatic replacements). */
  tickets: number;
  /** Tickets that came out exactly once unmarked. */
  printedOnce: number;
  /** Tickets that came out (also, or only) as REPRINT copies. */
  withReprint: number;
  /** Tickets that never came out, unmarked or as a REPRINT. */
  lost: number[];
  /** Tickets that came out more than once without a REPRINT banner. */
  unmarkedDuplicates: number[];
  /** Copies that came out without the banner although they are replacements. */
  unbanneredReprints: number[];
  /** Jobs still queued or sending. */
  unfinished: number;
  /** Tickets cut short on paper (connection lost mid-ticket). */
  incomplete: number;
}

export function ledger(db: DB, printed: readonly PrintedTicket[], incomplete: number, sinceJobId = 0): TicketLedger {
  const rows = db
    .prepare("SELECT id, status, reprinted_as AS reprintedAs FROM print_jobs WHERE id > ? ORDER BY id")
    .all(sinceJobId) as {
    id: number;
    status: string;
    reprintedAs: number | null;
  }[];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const replacements = new Set(rows.flatMap((r) => (r.reprintedAs === null ? [] : [r.reprintedAs])));
  const result: TicketLedger = {
    tickets: 0,
    printedOnce: 0,
    withReprint: 0,
    lost: [],
    unmarkedDuplicates: [],
    unbanneredReprints: [],
    unfinished: rows.filter((r) => r.status === "queued" || r.status === "sending").length,
    incomplete,
  };
  for (const row of rows) {
    if (replacements.has(row.id)) continue;
    result.tickets += 1;
    const chain: number[] = [];
    for (
      let job: typeof row | undefined = row;
      job;
      job = job.reprintedAs === null ? undefined : byId.get(job.reprintedAs)
    )
      chain.push(job.id);
    const unmarked = printed.filter((p) => p.jobId === row.id && !p.reprint).length;
    const copies = printed.filter((p) => p.jobId !== null && p.jobId !== row.id && chain.includes(p.jobId));
    if (copies.some((p) => !p.reprint)) result.unbanneredReprints.push(row.id);
    if (unmarked > 1) result.unmarkedDuplicates.push(row.id);
    if (unmarked + copies.length === 0) result.lost.push(row.id);
    else if (copies.length > 0) result.withReprint += 1;
    else if (unmarked === 1) result.printedOnce += 1;
  }
  return result;
}

/** Confirms a ticket for each appointment as Riley at the desk does, each in its own transaction; the jobs' ids. */
export function confirmTickets(core: AppCore, appointmentIds: readonly number[]): number[] {
  const { db, clock } = core.model;
  const riley = { kind: "staff", staffId: 2, name: "Riley Chen" } as const;
  return appointmentIds.map((id) =>
    db.transaction(
      () =>
        createTicketWithJob(
          modelOf(db, clock),
          riley,
          id,
          buildTicketContent(modelOf(db, clock), id, { kind: "original", confirmedBy: riley.name }),
        ).jobId,
    )(),
  );
}
