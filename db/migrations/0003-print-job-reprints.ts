/**
 * 0003: a print job whose outcome is unknown (the app died while sending it, or the printer
 * hung up mid-ticket) is never sent again as is; it points at the REPRINT-bannered job that
 * replaced it. Retry refuses such a job, and tests follow the chain to prove nothing is lost.
 */
export const sql = /* sql */ `
ALTER TABLE print_jobs ADD COLUMN reprinted_as INTEGER REFERENCES print_jobs(id);
`;
