import { z } from "zod";
import { localDaySchema } from "./common";
import { channel } from "./channel";

export const dateRangeSchema = z
  .strictObject({ from: localDaySchema, to: localDaySchema })
  .refine((r) => r.from <= r.to, { message: "The start date must be on or before the end date.", path: ["to"] });
export type DateRange = z.infer<typeof dateRangeSchema>;

export const uptakeSummarySchema = z.object({
  range: z.object({ from: localDaySchema, to: localDaySchema }),
  checkIns: z.number().int(),
  offered: z.number().int(),
  accepted: z.number().int(),
  confirmed: z.number().int(),
  voided: z.number().int(),
  /** accepted / offered, null when nothing was offered (never NaN). */
  takeRate: z.number().nullable(),
  revenueCents: z.number().int(),
  byAddon: z.array(
    z.object({ code: z.string(), title: z.string(), taken: z.number().int(), revenueCents: z.number().int() }),
  ),
});
export type UptakeSummary = z.infer<typeof uptakeSummarySchema>;

export const fileExportSchema = z.object({ filename: z.string(), mimeType: z.string(), content: z.string() });
export type FileExport = z.infer<typeof fileExportSchema>;

export const reportChannels = {
  "reports.uptake": channel("manager", dateRangeSchema, uptakeSummarySchema),
  "reports.uptakeCsv": channel("manager", dateRangeSchema, fileExportSchema),
} as const;
