import { z } from "zod";
import { ADDONS_PER_VISIT, APPOINTMENT_NOTE_MAX, fitList, fitText, GUEST_NAME_MAX, NAME_MAX } from "./common";
import { ALLERGENS, ALLERGY_OTHER_MAX, AREAS, pressureLabels, pressureSchema, type Pressure } from "./preferences";
import { checkText, SCREENING_FLAGS_MAX } from "./screening";

/**
 * The therapist ticket: one model, rendered by electron/printing into the desk preview,
 * a PDF and ESC/POS bytes. Every string is already formatted for the spa's time zone and
 * language, so renderers only lay text out.
 */
export const ticketKindSchema = z.enum(["original", "changed", "void", "reprint"]);
export type TicketKind = z.infer<typeof ticketKindSchema>;

/**
 * The ticket's limits, each at least the limit of the write it comes from (contract/common.ts),
 * so `fitTicket` only ever shortens what a write could not have produced directly: a label with
 * the guest's initial appended, a change list of 10 added and 10 removed add-ons.
 */
export const TICKET_LIMITS = {
  spaName: 120,
  code: 40,
  addonTitle: 80,
  extraMinutes: 240,
  /** Lines of a CHANGED ticket's change list; a longer list ends "+3 more changes". */
  changes: 10,
  change: 200,
  voidReason: 500,
  guestLabel: GUEST_NAME_MAX,
  guestLanguage: 40,
  serviceName: 120,
  therapistName: NAME_MAX,
  roomName: NAME_MAX,
  addons: ADDONS_PER_VISIT,
  confirmedBy: NAME_MAX,
  note: APPOINTMENT_NOTE_MAX,
  /** The guest's allergies: each known one and their own words. */
  allergies: ALLERGENS.length + 1,
  allergy: ALLERGY_OTHER_MAX,
  avoid: AREAS.length,
  area: 40,
  /**
   * "Check with guest" flags: as many as the add-ons of a visit can raise (one per question each), so none is ever
   * left off a therapist's slip. Six were kept before: the seventh on were summed up under the wrong add-on's name.
   */
  checks: SCREENING_FLAGS_MAX,
  checkReason: 80,
} as const;
const L = TICKET_LIMITS;

/**
 * An add-on's title as the slip prints it, large: in capitals, every letter of it ("MÃOS RELAXANTES · CAFÉ").
 * SQLite's upper() knows only A to Z, and printed "MãOS RELAXANTES · CAFé".
 */
export const slipTitle = (title: string): string => title.toLocaleUpperCase("en-US");

export const ticketAddonSchema = z.object({
  code: z.string().min(1).max(L.code),
  /** Upper-case line printed large, e.g. "FACE MASSAGE". */
  title: z.string().min(1).max(L.addonTitle),
  extraMinutes: z.number().int().min(0).max(L.extraMinutes),
  /**
   * Booked ahead in the booking system (db/desk/booked-addons.ts): its minutes are inside the booking's time, not
   * after it, and the till is not asked for it. Printed "15 min - booked ahead"; absent: chosen at the kiosk or desk.
   */
  bookedAhead: z.literal(true).optional(),
});
export type TicketAddon = z.infer<typeof ticketAddonSchema>;

export const ticketCheckSchema = z.object({
  /** The add-on's code ("face"): any add-on a manager gives screening questions. */
  addon: z.string().min(1).max(40),
  /** A flag, never the wording of a medical answer: "recent injections". */
  reason: z.string().min(1).max(L.checkReason),
});
export type TicketCheck = z.infer<typeof ticketCheckSchema>;

/**
 * What the therapist must know before touching the guest, printed in a box: allergies and areas
 * to avoid (from the guest's preferences) and add-ons to check with the guest (from screening).
 */
export const ticketAlertsSchema = z.object({
  allergies: z.array(z.string().min(1).max(L.allergy)).max(L.allergies),
  avoid: z.array(z.string().min(1).max(L.area)).max(L.avoid),
  checks: z.array(ticketCheckSchema).max(L.checks),
});
export type TicketAlerts = z.infer<typeof ticketAlertsSchema>;
export const NO_ALERTS: TicketAlerts = { allergies: [], avoid: [], checks: [] };

/** The alerts' printed lines, one per allergy, area and check: what a CHANGED ticket compares. */
export function alertItems(alerts: TicketAlerts): string[] {
  return [
    ...alerts.allergies.map((a) => `Allergy: ${a}`),
    ...alerts.avoid.map((a) => `Avoid: ${a}`),
    ...alerts.checks.map((c) => `Check with guest: ${checkText(c)}`),
  ];
}

/**
 * How a CHANGED ticket words a change of the guest's alerts or pressure. These lines carry the guest's
 * preferences, so retention and a guest's erasure remove them with the alerts (isPreferenceChange).
 */
const PREFERENCE_CHANGE = {
  alertAdded: "Alert added: ",
  alertRemoved: "Alert removed: ",
  pressureChanged: "Pressure changed: ",
  pressureAdded: "Pressure added: ",
  pressureRemoved: "Pressure removed: ",
} as const;

/** "Alert added: Allergy: Nuts", "Alert removed: Avoid: Face", in the order the box prints them. */
export function alertChanges(before: TicketAlerts, after: TicketAlerts): string[] {
  const was = alertItems(before);
  const now = alertItems(after);
  return [
    ...now.filter((a) => !was.includes(a)).map((a) => `${PREFERENCE_CHANGE.alertAdded}${a}`),
    ...was.filter((a) => !now.includes(a)).map((a) => `${PREFERENCE_CHANGE.alertRemoved}${a}`),
  ];
}

/**
 * What changed in the guest's pressure since the ticket the therapist holds, for a CHANGED ticket; none when the same.
 */
export function pressureChanges(before: Pressure | undefined, after: Pressure | undefined): string[] {
  if (before === after) return [];
  if (before !== undefined && after !== undefined) {
    return [`${PREFERENCE_CHANGE.pressureChanged}${pressureLabels[before]} to ${pressureLabels[after]}`];
  }
  if (after !== undefined) return [`${PREFERENCE_CHANGE.pressureAdded}${pressureLabels[after]}`];
  return before !== undefined ? [`${PREFERENCE_CHANGE.pressureRemoved}${pressureLabels[before]}`] : [];
}

/** Whether a CHANGED ticket's line tells of the guest's alerts or pressure (alertChanges, pressureChanges). */
export function isPreferenceChange(line: string): boolean {
  return Object.values(PREFERENCE_CHANGE).some((prefix) => line.startsWith(prefix));
}

export const ticketSchema = z.object({
  spaName: z.string().min(1).max(L.spaName),
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
  changes: z.array(z.string().max(L.change)).max(L.changes),
  /** For kind "void": the receptionist's reason. */
  voidReason: z.string().max(L.voidReason).nullable(),
  /** First name and last initial only, e.g. "María G." */
  guestLabel: z.string().min(1).max(L.guestLabel),
  /** The language the guest checked in in, when not the spa's first one, e.g. "Spanish". */
  guestLanguage: z.string().min(1).max(L.guestLanguage).optional(),
  dateLocal: z.string().max(40),
  startLocal: z.string().max(20),
  endLocal: z.string().max(20),
  serviceName: z.string().min(1).max(L.serviceName),
  serviceMinutes: z.number().int().positive(),
  therapistName: z.string().min(1).max(L.therapistName),
  roomName: z.string().min(1).max(L.roomName),
  /** The booking's note from the booking system, printed for the therapist. */
  note: z.string().min(1).max(L.note).optional(),
  addons: z.array(ticketAddonSchema).max(L.addons),
  /** Absent on tickets stored before alerts were printed: no box. */
  alerts: ticketAlertsSchema.optional(),
  /**
   * The pressure the guest asked for on the kiosk's preferences step; absent: not given. A plain line, not an alert.
   */
  pressure: pressureSchema.optional(),
  confirmedBy: z.string().min(1).max(L.confirmedBy),
  printedAtLocal: z.string().max(40),
});
export type Ticket = z.infer<typeof ticketSchema>;
/** What a ticket row stores: the printed model minus the numbers the rows themselves carry. */
export const ticketContentSchema = ticketSchema.omit({ ticketNumber: true, printJobId: true });
export type TicketContent = z.infer<typeof ticketContentSchema>;

/**
 * The ticket built to fit its limits, whatever it was built from: each text shortened with an
 * ellipsis (between graphemes), a long change list summarised ("+3 more changes"), more add-ons
 * than a ticket holds summarised in one line that keeps their extra minutes. What fits is
 * returned unchanged. Every ticket is written through this (db/printing/tickets.ts).
 */
export function fitTicket<T extends TicketContent>(ticket: T): T {
  const addons = fitList(
    ticket.addons.map((a) => ({
      ...a,
      code: fitText(a.code, L.code),
      title: fitText(a.title, L.addonTitle),
      extraMinutes: Math.min(a.extraMinutes, L.extraMinutes),
    })),
    L.addons,
    // The minutes the hidden add-ons add after the booking: a booked-ahead one's are inside it.
    (hidden) => ({
      code: "more",
      title: `+${hidden.length} MORE ADD-ONS`,
      extraMinutes: Math.min(
        L.extraMinutes,
        hidden.reduce((sum, a) => sum + (a.bookedAhead ? 0 : a.extraMinutes), 0),
      ),
    }),
  );
  return {
    ...ticket,
    spaName: fitText(ticket.spaName, L.spaName),
    changes: fitList(
      ticket.changes.map((c) => fitText(c, L.change)),
      L.changes,
      (hidden) => `+${hidden.length} more changes`,
    ),
    voidReason: ticket.voidReason === null ? null : fitText(ticket.voidReason, L.voidReason),
    guestLabel: fitText(ticket.guestLabel, L.guestLabel),
    ...(ticket.guestLanguage !== undefined ? { guestLanguage: fitText(ticket.guestLanguage, L.guestLanguage) } : {}),
    serviceName: fitText(ticket.serviceName, L.serviceName),
    therapistName: fitText(ticket.therapistName, L.therapistName),
    roomName: fitText(ticket.roomName, L.roomName),
    ...(ticket.note !== undefined ? { note: fitText(ticket.note, L.note) } : {}),
    addons,
    ...(ticket.alerts !== undefined ? { alerts: fitAlerts(ticket.alerts) } : {}),
    confirmedBy: fitText(ticket.confirmedBy, L.confirmedBy),
  };
}

function fitAlerts(alerts: TicketAlerts): TicketAlerts {
  const fitNames = (names: string[], each: number, max: number) =>
    fitList(
      names.map((n) => fitText(n, each)),
      max,
      (hidden) => `+${hidden.length} more`,
    );
  return {
    allergies: fitNames(alerts.allergies, L.allergy, L.allergies),
    avoid: fitNames(alerts.avoid, L.area, L.avoid),
    checks: fitList(
      alerts.checks.map((c) => ({ ...c, reason: fitText(c.reason, L.checkReason) })),
      L.checks,
      (hidden) => ({ addon: hidden[0]?.addon ?? "face", reason: `+${hidden.length} more checks: ask the desk` }),
    ),
  };
}

export const paperSchema = z.enum(["80mm", "58mm"]);
export type Paper = z.infer<typeof paperSchema>;

/**
 * An installed printer's name as the system lists it: a CUPS queue ("TM-T20") or a Windows
 * printer, which may hold spaces and backslashes ("EPSON TM-T20III Receipt", "\\desk\TM-T20").
 * Printable text only, never starting with "-"; it is passed as one argument (lp -d, lpstat -p,
 * Electron's deviceName), never to a shell.
 */
const printerNameSchema = z
  .string()
  .trim()
  .min(1, "Choose a printer from the list.")
  .max(220, "A printer name is at most 220 characters.")
  .regex(/^[^\p{C}]+$/u, "A printer name has no control characters; choose one from the list.")
  // A leading dash would read as an option to the print commands (lpstat -p -hserver:631).
  .refine(
    (name) => !name.startsWith("-"),
    "A printer name can't start with a dash (-); rename the printer in the system's print settings and choose it again.",
  );

/** A host name (RFC 1123 labels) or an IPv4/IPv6 address, without a port or a scheme. */
const hostSchema = z
  .string()
  .trim()
  .min(1, "Enter the printer's IP address or host name.")
  .max(253, "A host name is at most 253 characters.")
  .refine(
    (h) =>
      /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)(\.(?!-)[A-Za-z0-9-]{1,63}(?<!-))*\.?$/.test(h) ||
      (/^[0-9A-Fa-f:.]+$/.test(h) && h.includes(":")),
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
      port: z
        .number()
        .int("The port is a whole number.")
        .min(1, "The port is 1 to 65535.")
        .max(65535, "The port is 1 to 65535.")
        .default(9100),
      paper: paperSchema.default("80mm"),
    }),
  ],
  { error: "Choose PDF folder, system printer or network printer." },
);
export type PrinterSetting = z.infer<typeof printerSettingSchema>;
