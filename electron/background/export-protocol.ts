import { z } from "zod";
import { CSV_STYLES } from "../../contract/csv";
import { dateRangeSchema, exportTableSchema, uptakeReportSchema } from "../../contract/reports";

/**
 * The typed channel between the main thread and an export's own thread (./export-thread.ts starts
 * it, ./export-worker.ts runs it). Each side parses what it receives: a wrong shape is an error.
 */
export const exportJobSchema = z.object({
  range: dateRangeSchema,
  /** Absolute path of the file to create (db/reports/export.ts writes it whole or not at all). */
  file: z.string().min(1),
  format: z.enum(["csv", "xlsx"]),
  table: exportTableSchema,
  /** A CSV's separator and decimal mark (contract/csv.ts). */
  csvStyle: z.enum(CSV_STYLES),
  /** The report the summary tables come from (computed on the main thread); a check-ins CSV needs none. */
  report: uptakeReportSchema.nullable(),
});
export type ExportJob = z.infer<typeof exportJobSchema>;

export const exportThreadDataSchema = z.object({
  database: z.string(),
  nativeBinding: z.string().optional(),
  job: exportJobSchema,
});
export type ExportThreadData = z.infer<typeof exportThreadDataSchema>;

/** From the main thread: stop at the next batch (the partial file is removed). */
export const exportCommandSchema = z.object({ type: z.literal("cancel") });

const count = z.number().int().nonnegative();
/** From the export's thread: progress after each batch, then exactly one of done, cancelled or failed. */
export const exportMessageSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("progress"), rows: count, total: count }),
  z.object({ type: z.literal("done"), rows: count }),
  z.object({ type: z.literal("cancelled") }),
  /** `code`: the file system's or SQLite's (ENOSPC, EACCES, SQLITE_FULL…), which names the failure to the manager. */
  z.object({ type: z.literal("failed"), name: z.string(), message: z.string(), code: z.string().optional() }),
]);
export type ExportMessage = z.infer<typeof exportMessageSchema>;
