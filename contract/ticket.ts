import { z } from "zod";

/**
 * The therapist ticket: one model, rendered by electron/printing into the desk preview,
 * a PDF and ESC/POS bytes. Every string is already formatted for the spa's time zone and
 * language, so renderers only lay text out.
 */
export const ticketKindSchema = z.enum(["original", "changed", "void", "reprint"]);
export type TicketKind = z.infer<typeof ticketKindSchema>;

export const ticketAddonSchema = z.object({
  code: z.string().min(1).max(40),
  /** Upper-case line printed large, e.g. "FACE MASSAGE". */
  title: z.string().min(1).max(80),
  extraMinutes: z.number().int().min(0).max(240),
});

export const ticketSchema = z.object({
  spaName: z.string().min(1).max(120),
  ticketNumber: z.number().int().positive(),
  printJobId: z.number().int().positive(),
  kind: ticketKindSchema,
  /** For kind "changed": what changed, e.g. "Added SCALP MASSAGE". */
  changes: z.array(z.string().max(200)).max(10),
  /** For kind "void": the receptionist's reason. */
  voidReason: z.string().max(500).nullable(),
  /** First name and last initial only, e.g. "María G." */
  guestLabel: z.string().min(1).max(80),
  dateLocal: z.string().max(40),
  startLocal: z.string().max(20),
  endLocal: z.string().max(20),
  serviceName: z.string().min(1).max(120),
  serviceMinutes: z.number().int().positive(),
  therapistName: z.string().min(1).max(80),
  roomName: z.string().min(1).max(80),
  addons: z.array(ticketAddonSchema).max(10),
  confirmedBy: z.string().min(1).max(80),
  printedAtLocal: z.string().max(40),
});
export type Ticket = z.infer<typeof ticketSchema>;

export const paperSchema = z.enum(["80mm", "58mm"]);
export type Paper = z.infer<typeof paperSchema>;

/** Printer setting, chosen by a manager. */
export const printerSettingSchema = z.discriminatedUnion("driver", [
  z.object({ driver: z.literal("pdf-folder"), paper: paperSchema.default("80mm") }),
  z.object({
    driver: z.literal("system"),
    name: z.string().min(1).max(200),
    paper: paperSchema.default("80mm"),
  }),
  z.object({
    driver: z.literal("network"),
    host: z.string().min(1).max(253),
    port: z.number().int().min(1).max(65535).default(9100),
    paper: paperSchema.default("80mm"),
  }),
]);
export type PrinterSetting = z.infer<typeof printerSettingSchema>;
