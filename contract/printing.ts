import { z } from "zod";
import { channel, none } from "./channel";
import { idSchema, instantSchema } from "./common";
import { queueItemSchema } from "./desk";
import { printerSettingSchema } from "./ticket";

/** What the printer says about itself, in words a receptionist can act on. */
export const printerStateSchema = z.enum(["ready", "offline", "paper-out", "cover-open", "unknown"]);
export type PrinterState = z.infer<typeof printerStateSchema>;

export const printerStatusSchema = z.object({
  state: printerStateSchema,
  /** Plain language: "Printer is out of paper", "Printer not found: TM-T20". */
  message: z.string(),
  /** Where tickets go: "Network printer 10.0.0.7:9100 (80mm paper)". */
  printer: z.string(),
  checkedAt: instantSchema,
  /** Tickets waiting to print (including one printing now). */
  queued: z.number().int().min(0),
  /** Tickets of the last day that failed and were not replaced since. */
  failed: z.number().int().min(0),
  /** The newest failure reason of a waiting or failed ticket, if any. */
  lastError: z.string().nullable(),
});
export type PrinterStatusInfo = z.infer<typeof printerStatusSchema>;

/** The spooler the "system" setting prints through: CUPS (Linux, macOS) or the Windows print spooler. */
export const spoolerSchema = z.enum(["cups", "windows"]);
export type Spooler = z.infer<typeof spoolerSchema>;

/** The installed printers for the settings panel, or why there are none. */
export const printerListSchema = z.object({
  printers: z.array(z.string()),
  available: z.boolean(),
  message: z.string().nullable(),
  spooler: spoolerSchema,
});
export type PrinterList = z.infer<typeof printerListSchema>;

export const testPrintResultSchema = z.object({ ok: z.boolean(), message: z.string() });

export const printingChannels = {
  /** Checks the printer now and answers its state; the same value is also pushed as "printer.status". */
  "printing.status": channel("desk", none, printerStatusSchema),
  /** Sends a failed ticket again (or now, instead of after its backoff); never one that may be on paper. */
  "printing.retry": channel("desk", z.strictObject({ printJobId: idSchema }), queueItemSchema),
  /** Prints the appointment's newest ticket again under a REPRINT banner. */
  "printing.reprint": channel("desk", z.strictObject({ appointmentId: idSchema }), queueItemSchema),
  /** Installed system printers (CUPS queues, or Windows' printers through Electron), for the settings panel's list. */
  "printing.printers": channel("manager", none, printerListSchema),
  "printing.settings": channel("manager", none, z.object({ printer: printerSettingSchema })),
  "printing.saveSettings": channel(
    "manager",
    z.strictObject({ printer: printerSettingSchema }),
    z.object({ printer: printerSettingSchema }),
  ),
  /** Prints a sample ticket on the given setting (the form's values, before saving) or the saved one. */
  "printing.testPrint": channel(
    "manager",
    z.strictObject({ printer: printerSettingSchema.optional() }),
    testPrintResultSchema,
  ),
} as const;
