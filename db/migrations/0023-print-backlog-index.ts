/**
 * 0023: the desk's printer banner counts failed tickets of the last day through an index. Its query
 * (db/printing/desk-jobs.ts, printBacklog) runs on the main thread at start, every 30 s and after
 * each print; it read the whole print_jobs table, one row per ticket ever printed: on a year of
 * 1,000,000 check-ins, 51-152 ms each time, a stall of every window. Only the failed jobs not yet
 * reprinted are in this index, so it stays as small as the failures a spa has.
 */
export const sql = /* sql */ `
CREATE INDEX print_jobs_failed ON print_jobs (created_at) WHERE status = 'failed' AND reprinted_as IS NULL;
`;
