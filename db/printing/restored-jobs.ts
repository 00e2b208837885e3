import type { Model } from "../model";
import { stmt } from "../stmt";
import { connect, type DB } from "../open";

/**
 * A restore and the print queue: a backup's jobs still to print that this database has printed
 * since are marked printed after the swap, not sent to the therapist a second time.
 */

/** A job the restored file still had to print, which the replaced database had printed already. */
export interface PrintedJob {
  id: number;
  createdAt: string;
  printedAt: string | null;
}

/**
 * Before a restore swaps `backupFile` in: its jobs not yet printed (queued or sending) that this
 * database printed since the backup was taken. A job is the same job in both files when its id
 * and creation time match (a backup of another spa's or an older lineage matches nothing).
 */
export function printedSince(db: DB, backupFile: string): PrintedJob[] {
  const backup = connect(backupFile, { readonly: true });
  let pending: { id: number; createdAt: string }[];
  try {
    pending = backup
      .prepare("SELECT id, created_at AS createdAt FROM print_jobs WHERE status IN ('queued', 'sending')")
      .all() as {
      id: number;
      createdAt: string;
    }[];
  } finally {
    backup.close();
  }
  const here = stmt(
    db,
    "SELECT printed_at AS printedAt FROM print_jobs WHERE id = ? AND created_at = ? AND status = 'printed'",
  );
  return pending.flatMap((job) => {
    const row = here.get(job.id, job.createdAt) as { printedAt: string | null } | undefined;
    return row ? [{ ...job, printedAt: row.printedAt }] : [];
  });
}

/** After the swap: those jobs are marked printed (as they were) rather than sent again. Returns how many. */
export function settlePrinted(m: Model, jobs: readonly PrintedJob[]): number {
  const { db, clock } = m;
  return db
    .transaction(() => {
      const now = clock.now().toISOString();
      const mark = stmt(
        db,
        "UPDATE print_jobs SET status = 'printed', printed_at = ?, last_error = NULL, next_try_at = NULL, updated_at = ? WHERE id = ? AND created_at = ? AND status IN ('queued', 'sending')",
      );
      return jobs.reduce((n, job) => n + mark.run(job.printedAt, now, job.id, job.createdAt).changes, 0);
    })
    .immediate();
}
