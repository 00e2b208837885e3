import { type DB } from "../db/open";
/**
 * Fills a fresh database with a busy chain's year: `n` check-ins (default 1,000,000) spread over
 * the 365 spa-local days ending `lastDay`, each with its appointment, add-on offer (97 %), offer
 * items, desk outcome (confirmed / changed / voided / still pending) and ticket + print job.
 * Plain SQL `WITH RECURSIVE` inserts in ONE transaction: every row goes through the real schema,
 * constraints and report triggers, at SQLite speed. Choices come from a multiplicative hash of
 * the row number, so every run builds the same data.
 *
 * Mix: 12 % both add-ons, 30 % face, 20 % scalp, 38 % none; 10 % checked in at the desk;
 * desk outcome 3 % voided, 3 % changed (face flipped), 2 % pending, 92 % confirmed; 98 % of
 * tickets printed.
 */
export declare function generateCheckIns(
  file: string,
  n?: number,
  lastDay?: string,
): {
  db: DB;
  firstDay: string;
  lastDay: string;
};
