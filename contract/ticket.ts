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
  /**
   * For kind "reprint": what the reprinted ticket was, so a reprint of a CHANGED or VOID ticket
   * still carries that banner (a VOID reprint must never read as a valid ticket). Absent = original.
   */
  reprintOf: ticketKindSchema.exclude(["reprint"]).optional(),
  /** A manager's test print from the printer settings: printed under a TEST PRINT banner, never stored. */
  sample: z.literal(true).optional(),
  /** For kind "changed": what changed, e.g. "Added SCALP MASSAGE". */
  changes: z.array(z.string().max(200)).max(10),
  /** For kind "void": the receptionist's reason. */
  voidReason: z.string().max(500).nullable(),
  /** First name and last initial only, e.g. "María G." */
  guestLabel: z.string().min(1).max(80),
  /** The language the guest checked in in, when not the spa's first one, e.g. "Spanish". */
  guestLanguage: z.string().min(1).max(40).optional(),
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

/**
 * An installed printer's name as the system lists it: a CUPS queue ("TM-T20") or a Windows
 * printer, which may hold spaces and backslashes ("EPSON TM-T20III Receipt", "\\desk\TM-T20").
 * Printable text only; it is passed as one argument (lp -d, Electron's deviceName), never to a shell.
 */
const printerNameSchema = z
  .string()
  .trim()
  .min(1, "Choose a printer from the list.")
  .max(220, "A printer name is at most 220 characters.")
  .regex(/^[^\p{C}]+$/u, "A printer name has no control characters; choose one from the list.");

/** A host name (RFC 1123 labels) or an IPv4/IPv6 address, without a port or a scheme. */
const hostSchema = z
  .string()
  .trim()
  .min(1, "Enter the printer's IP address or host name.")
  .max(253, "A host name is at most 253 characters.")
  .refine(
    (h) =>
      /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)(\.(?!-)[A-Za-z0-9-]{1,63}(?<!-))*\.?$/.test(h) || (/^[0-9A-Fa-f:.]+$/.test(h) && h.includes(":")),
    "Enter an IP address like 192.168.1.50 or a host name like tm-t20.local (no http:// and no port).",
  );

/** Printer setting, chosen by a manager (contract/printing.ts saves it, settings store it). */
export const printerSettingSchema = z.discriminatedUnion(
  "driver",
  [
    z.strictObject({ driver: z.literal("pdf-folder"), paper: paperSchema.default("80mm") }),
    z.strictObject({ driver: z.literal("system"), name: printerNameSchema, paper: paperSchema.default("80mm") }),
    z.strictObject({
      driver: z.literal("network"),
      host: hostSchema,
      port: z.number().int("The port is a whole number.").min(1, "The port is 1 to 65535.").max(65535, "The port is 1 to 65535.").default(9100),
      paper: paperSchema.default("80mm"),
    }),
  ],
  { error: "Choose PDF folder, system printer or network printer." },
);
export type PrinterSetting = z.infer<typeof printerSettingSchema>;
