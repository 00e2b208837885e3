import { z } from "zod";
import { SCREENING_FLAGS_MAX, screeningCheckSchema, seenCheckSchema } from "./screening";
import { ADDON_TITLE_MAX } from "./admin";
import {
  ADDONS_PER_VISIT,
  centsSchema,
  channelKindSchema,
  fileExportSchema,
  GUEST_NAME_MAX,
  idSchema,
  instantSchema,
  languageSchema,
  localDaySchema,
  REASON_MAX,
  text,
} from "./common";
import { channel, none } from "./channel";
import { offerStatusSchema, phoneInputSchema, walkInSchema } from "./kiosk";
import { ticketKindSchema } from "./ticket";

export const queueStageSchema = z.enum([
  "expected",
  "checked_in",
  /** Checked in at the kiosk and still on its offer: nothing chosen yet, so nothing for the desk to confirm. */
  "choosing",
  "awaiting_confirmation",
  "confirmed",
  "ticket_printed",
  "no_show",
  "cancelled",
]);
export type QueueStage = z.infer<typeof queueStageSchema>;

/** Stages with nothing left for the desk to do: the list opens below them, at the first guest still to see to. */
export const SETTLED_STAGES: ReadonlySet<QueueStage> = new Set(["confirmed", "ticket_printed", "no_show", "cancelled"]);

/** The most rows a desk asks for as its first screen (`desk.queue`'s `first`). */
export const QUEUE_FIRST_MAX = 200;

export const printStatusSchema = z.enum(["queued", "sending", "printed", "failed"]);
export type PrintStatus = z.infer<typeof printStatusSchema>;

/**
 * A reason the desk gives (void, cancel, reinstate): the one home of its limits, which the desk's form also checks as
 * the receptionist types.
 */
export const REASON_MIN = 3;
export const reasonSchema = text(REASON_MAX, "The reason").pipe(
  z.string().min(REASON_MIN, `Give a reason (at least ${REASON_MIN} characters).`),
);

/**
 * A Confirm, Change or Void the desk made after the backup a restore put back, which the restored data lacks
 * (db/maintenance/restore-gaps.ts): what it was and when, the add-ons it left and, for a void, its reason.
 */
export const undoneDecisionSchema = z.object({
  status: z.enum(["confirmed", "changed", "voided"]),
  at: instantSchema,
  addons: z.array(z.string()).max(ADDONS_PER_VISIT),
  /** Those add-ons' ids here (one this data no longer has is left out), for the desk's Change to tick again. */
  addonIds: z.array(idSchema).max(ADDONS_PER_VISIT),
  reason: reasonSchema.nullable(),
});
export type UndoneDecision = z.infer<typeof undoneDecisionSchema>;

/**
 * The guest's add-ons as the desk's window showed them when the receptionist chose to change or void them: where the
 * offer stood and the add-ons on it. Another desk's decision since is refused by name, never overwritten unseen.
 */
export const seenOfferSchema = z.strictObject({
  status: z.enum(["offered", "accepted", "declined", "confirmed", "changed", "voided"]).nullable(),
  final: z.array(z.string().max(ADDON_TITLE_MAX)).max(ADDONS_PER_VISIT),
});
export type SeenOffer = z.infer<typeof seenOfferSchema>;

/** The booking system's ID of a booking (its import key): at most this many characters. */
export const EXTERNAL_ID_MAX = 64;

export const queueItemSchema = z.object({
  appointmentId: idSchema,
  guestName: z.string(),
  /** As booked, for the desk to call a late guest; null once retention has erased it. */
  guestPhone: z.string().nullable(),
  /** The code the guest can check in with at the kiosk (e.g. HH2233). */
  bookingCode: z.string(),
  startsAt: instantSchema,
  endsAt: instantSchema,
  serviceName: z.string(),
  therapistId: idSchema,
  therapistName: z.string(),
  roomId: idSchema,
  roomName: z.string(),
  externalId: z.string().nullable(),
  /**
   * The booking system's note for the therapist ("Allergic to nuts"), one line, at most APPOINTMENT_NOTE_MAX
   * characters.
   */
  note: z.string().nullable(),
  source: z.enum(["demo", "import", "desk", "walk-in"]),
  stage: queueStageSchema,
  checkedInAt: instantSchema.nullable(),
  checkInChannel: channelKindSchema.nullable(),
  /** The language the guest checked in in at the kiosk, when it is not the spa's first one ("es"); null otherwise. */
  guestLanguage: languageSchema.nullable(),
  /** What the guest gave on the kiosk's preferences step that the desk flags: ⚠ allergies, areas to avoid (English). */
  alerts: z.object({ allergies: z.array(z.string()), avoid: z.array(z.string()) }),
  offer: z
    .object({
      status: offerStatusSchema,
      channel: channelKindSchema,
      guestChoice: z.array(z.string()),
      final: z.array(z.string()),
      finalAddonIds: z.array(idSchema),
      confirmedBy: z.string().nullable(),
      voidReason: z.string().nullable(),
      /**
       * When the guest left the kiosk's offer without choosing (it idled out, or Cancel): the offer is still open, for
       * the desk to put to the guest. Null: not left (or the kiosk lost power first: the desk's three minutes tell).
       */
      leftAt: instantSchema.nullable(),
      /**
       * The screening flags of the add-ons on it ("face — recent injections"): flags only, never
       * the guest's answers. `checksPending`: not yet acknowledged at the desk, so confirming needs it.
       */
      checks: z.array(screeningCheckSchema),
      checksPending: z.boolean(),
    })
    .nullable(),
  /**
   * The add-ons booked ahead in the booking system (English titles, catalog order; db/desk/booked-addons.ts): on the
   * ticket whatever the offer says, never a kiosk or desk sale. `bookedAddonIds`: the same, for the Change ticks.
   */
  bookedAhead: z.array(z.string()),
  bookedAddonIds: z.array(idSchema),
  /** The desk's decision on these add-ons a restore undid, until the desk decides again or clears its list. */
  undoneByRestore: undoneDecisionSchema.nullable(),
  ticket: z
    .object({
      ticketNumber: idSchema,
      kind: ticketKindSchema,
      printJobId: idSchema,
      printStatus: printStatusSchema,
      printError: z.string().nullable(),
    })
    .nullable(),
});
export type QueueItem = z.infer<typeof queueItemSchema>;

/** What a receptionist picks from: active add-ons, therapists, rooms and services. */
export const deskOptionsSchema = z.object({
  /** `serviceIds`: the services the add-on may be added to. */
  addons: z.array(
    z.object({
      id: idSchema,
      code: z.string(),
      title: z.string(),
      priceCents: centsSchema,
      extraMinutes: z.number().int(),
      serviceIds: z.array(idSchema),
    }),
  ),
  therapists: z.array(z.object({ id: idSchema, name: z.string() })),
  rooms: z.array(z.object({ id: idSchema, name: z.string() })),
  services: z.array(z.object({ id: idSchema, name: z.string(), minutes: z.number().int() })),
});
export type DeskOptions = z.infer<typeof deskOptionsSchema>;

/** A therapist or room for a walk-in starting now, with the booking in the way (null: free for the whole session). */
const walkInChoiceSchema = z.object({
  id: idSchema,
  name: z.string(),
  busy: z.object({ startsAt: instantSchema, endsAt: instantSchema }).nullable(),
});
/** Who could take a walk-in of a service if it started now: the session's times and every active therapist and room. */
export const walkInAvailabilitySchema = z.object({
  startsAt: instantSchema,
  endsAt: instantSchema,
  therapists: z.array(walkInChoiceSchema),
  rooms: z.array(walkInChoiceSchema),
});
export type WalkInAvailability = z.infer<typeof walkInAvailabilitySchema>;

/**
 * One thing an audit row changed, in words: `from` null when it was set for the first time
 * (a walk-in's therapist, the guest's first pick). Add-ons read "Face massage + Scalp massage"
 * or "No add-on"; times are the spa's local time.
 */
export const historyChangeSchema = z.object({
  what: z.enum(["addons", "bookedAhead", "service", "therapist", "room", "start", "bookingId", "ticket"]),
  from: z.string().nullable(),
  to: z.string().nullable(),
});
export type HistoryChange = z.infer<typeof historyChangeSchema>;

export const historyEntrySchema = z.object({
  id: idSchema,
  at: instantSchema,
  actor: z.string(),
  action: z.string(),
  changes: z.array(historyChangeSchema),
  reason: z.string().nullable(),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

const appointment = { appointmentId: idSchema };

// ---- Appointment CSV import -------------------------------------------------------------

/**
 * The fields an import maps from the file's columns. The guest's name is one column (`guestName`)
 * or two (`firstName` + `lastName`); `date` may be left out when `time` holds date and time;
 * `duration` or `endTime` set the booking's length (otherwise the catalog's minutes); `status`
 * and `notes` are optional.
 */
export const importFields = [
  "externalId",
  "guestName",
  "firstName",
  "lastName",
  "phone",
  "service",
  "therapist",
  "room",
  "date",
  "time",
  "duration",
  "endTime",
  "status",
  "notes",
] as const;
export const importFieldSchema = z.enum(importFields);
/** How each import field is named to people (preview headers, error messages). */
export const IMPORT_FIELD_LABELS: Record<(typeof importFields)[number], string> = {
  externalId: "External ID",
  guestName: "Guest name",
  firstName: "First name",
  lastName: "Last name",
  phone: "Phone",
  service: "Service",
  therapist: "Therapist",
  room: "Room",
  date: "Date",
  time: "Start time",
  duration: "Duration",
  endTime: "End time",
  status: "Status",
  notes: "Notes",
};
export type ImportField = z.infer<typeof importFieldSchema>;
/** Field → column index in the file (absent = not in this file). */
export const importMappingSchema = z.strictObject(
  Object.fromEntries(importFields.map((f) => [f, z.number().int().min(0).max(199).optional()])) as Record<
    ImportField,
    z.ZodOptional<z.ZodNumber>
  >,
);
export type ImportMapping = z.infer<typeof importMappingSchema>;

/**
 * How a file writes 03/12/2026: day first (3 December) or month first (12 March). Decided from
 * the whole file; asked of the person importing only when no date in it can tell.
 */
export const dateOrderSchema = z.enum(["day-first", "month-first"]);
export type DateOrder = z.infer<typeof dateOrderSchema>;

/**
 * The largest file accepted, in characters, and the most rows per import. An import reads the
 * file and writes its rows in slices of at most IMPORT_SLICE_ROWS rows and IMPORT_HOLD_MS
 * milliseconds, then the slice's commit (one transaction per written slice), letting other work
 * run between them, so a kiosk check-in waits for one slice at most: its rows and the disk's flush
 * (the promise: never more than 100 ms on a disk that flushes in 20 ms).
 */
export const IMPORT_MAX_CHARS = 8_000_000;
export const IMPORT_MAX_ROWS = 10_000;
export const IMPORT_SLICE_ROWS = 500;
export const IMPORT_HOLD_MS = 15;
export const importFileSchema = z
  .string()
  .max(
    IMPORT_MAX_CHARS,
    `This file is larger than ${IMPORT_MAX_CHARS / 1_000_000} MB. Split it into smaller files (a day or a week each) and import them one by one.`,
  );

/**
 * A problem (the row is not imported) or a warning (it is, and staff should know), at a line and a column of the file.
 */
export const importIssueSchema = z.object({
  line: z.number().int(),
  field: z.string().nullable(),
  /** The file's own header for that column ("Client Phone"), or null for the whole row or file. */
  column: z.string().nullable(),
  message: z.string(),
});
export type ImportIssue = z.infer<typeof importIssueSchema>;

/** The catalogs an import matches names against: a booking system's names for services, therapists and rooms. */
export const importCatalogKindSchema = z.enum(["service", "therapist", "room"]);
export type ImportCatalogKind = z.infer<typeof importCatalogKindSchema>;

/** A name in the file that is not in the catalog, for staff to match once or a manager to add. */
export const importUnknownNameSchema = z.object({
  kind: importCatalogKindSchema,
  name: z.string(),
  /** How many rows use it, and the first line. */
  rows: z.number().int(),
  firstLine: z.number().int(),
  /** The booking's minutes when the file says (for a new service's default). */
  minutes: z.number().int().nullable(),
});
export type ImportUnknownName = z.infer<typeof importUnknownNameSchema>;

/** A booking as the import dialog shows it, in its preview's rows and its list of bookings the file leaves out. */
const importBookingShown = {
  externalId: z.string(),
  guestName: z.string(),
  startsAt: instantSchema,
  endsAt: instantSchema,
  serviceName: z.string(),
  therapistName: z.string(),
  roomName: z.string(),
};

/**
 * A booking imported before that this file no longer holds: not yet begun, still booked, on a day the file has
 * bookings on and with a therapist the file names (so a file filtered to one therapist or a few days lists no one
 * else's). A booking system leaves out a booking it deleted or moved to a new ID; the import cancels it only when the
 * receptionist chooses so (`cancelMissing`), and never one whose guest already checked in (named, kept).
 */
export const importMissingSchema = z.object({
  appointmentId: idSchema,
  ...importBookingShown,
  checkedIn: z.boolean(),
});
export type ImportMissing = z.infer<typeof importMissingSchema>;
/** The bookings of a preview's `missing` the receptionist chose to cancel (none unless chosen). */
export const importCancelMissingSchema = z.array(idSchema).max(IMPORT_MAX_ROWS);

export const importPreviewSchema = z.object({
  delimiter: z.string(),
  columns: z.array(z.string()),
  mapping: importMappingSchema,
  /** True when the mapping came from an earlier import of a file with these columns. */
  mappingRemembered: z.boolean(),
  /** The booking system recognised by the file's column names, whose mapping is proposed (never applied unseen). */
  preset: z.object({ name: z.string(), note: z.string() }).nullable(),
  /**
   * How slash dates are read: decided from the file, chosen by staff, or null when the file can't tell and nobody chose
   * yet.
   */
  dateOrder: z.object({ order: dateOrderSchema.nullable(), from: z.enum(["file", "chosen", "not-needed", "ask"]) }),
  rows: z.array(
    z.object({
      line: z.number().int(),
      ...importBookingShown,
      /** The file names no room for it: a free one was chosen. */
      roomChosen: z.boolean(),
      status: z.enum(["booked", "cancelled", "no_show"]),
      note: z.string().nullable(),
      action: z.enum(["create", "update", "unchanged"]),
    }),
  ),
  errors: z.array(importIssueSchema),
  /**
   * Rows that import, with something staff should know (a past date, a doubled clock hour, a checked-in guest
   * cancelled).
   */
  warnings: z.array(importIssueSchema),
  unknownNames: z.array(importUnknownNameSchema),
  /** Bookings imported before that this file no longer holds (see importMissingSchema), in time order. */
  missing: z.array(importMissingSchema),
  /** Active catalog entries, for matching an unknown name. */
  catalog: z.object({
    service: z.array(z.object({ id: idSchema, name: z.string() })),
    therapist: z.array(z.object({ id: idSchema, name: z.string() })),
    room: z.array(z.object({ id: idSchema, name: z.string() })),
  }),
  /** Whether the person previewing may add a missing catalog entry (a manager). */
  canAddToCatalog: z.boolean(),
  totalRows: z.number().int(),
  /** The file's rows that import; several rows of one visit (one booking ID, guest and day) are one booking. */
  validRows: z.number().int(),
  bookings: z.number().int(),
});
export type ImportPreview = z.infer<typeof importPreviewSchema>;

export const importResultSchema = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  skipped: z.number().int(),
  cancelled: z.number().int(),
  /** Bookings the file cancels whose guest had already checked in: the desk should look at them. */
  cancelledAfterCheckIn: z.array(z.object({ line: z.number().int(), externalId: z.string(), guestName: z.string() })),
  /** Bookings imported before, not in this file, that the receptionist chose to cancel. */
  cancelledMissing: z.number().int(),
  /**
   * Visits the file moved (therapist, room, time or service) after the guest checked in: the desk should tell the
   * guest; where the therapist held a ticket, a CHANGED one was sent to the printer (`ticketed`).
   */
  changedAfterCheckIn: z.array(
    z.object({ line: z.number().int(), externalId: z.string(), guestName: z.string(), ticketed: z.boolean() }),
  ),
});
export type ImportResult = z.infer<typeof importResultSchema>;

/**
 * How far the desk looks back and ahead for a guest who isn't on today's list; the kiosk looks as
 * far ahead for the guest who came on the wrong day.
 */
export const OTHER_DAYS_BACK = 14;
export const OTHER_DAYS_AHEAD = 60;

/** A booking on another day, for a guest the desk can't find today (came on the wrong day, or missed it). */
export const otherDayBookingSchema = z.object({
  appointmentId: idSchema,
  guestName: z.string(),
  startsAt: instantSchema,
  serviceName: z.string(),
  therapistName: z.string(),
  /** booked: still to come; checked_in: a visit that happened; missed: past, never checked in nor marked a no-show. */
  status: z.enum(["booked", "checked_in", "missed", "no_show", "cancelled"]),
});
export type OtherDayBooking = z.infer<typeof otherDayBookingSchema>;

export const deskChannels = {
  /**
   * A day's arrivals in start order (default: today). `first`: only what the desk's first screen shows, the list's
   * settled rows down to the first guest the desk still has to see to and `first` rows from there; `complete` says
   * whether that was the whole day (the desk then asks for the whole day).
   */
  "desk.queue": channel(
    "desk",
    z.strictObject({
      day: localDaySchema.optional(),
      first: z.number().int().min(1).max(QUEUE_FIRST_MAX).optional(),
    }),
    z.object({ day: localDaySchema, items: z.array(queueItemSchema), complete: z.boolean() }),
  ),
  /** One row of the queue, fetched when a pushed event says it changed. */
  "desk.item": channel("desk", z.strictObject(appointment), queueItemSchema),
  "desk.options": channel("desk", none, deskOptionsSchema),
  /**
   * `acknowledged`: the receptionist has checked the guest's screening flags ("therapist will
   * check") with them; without it a flagged add-on is refused, whatever the window showed. The desk's window sends
   * the flags it showed when the receptionist checked them: a flag raised since (the guest changed their add-ons at
   * the kiosk meanwhile) is refused by name, never confirmed unseen.
   */
  "desk.confirmAddons": channel(
    "desk",
    z.strictObject({
      ...appointment,
      acknowledged: z.union([z.boolean(), z.array(seenCheckSchema).max(SCREENING_FLAGS_MAX)]).default(false),
    }),
    queueItemSchema,
  ),
  /**
   * The desk settles the add-ons (add, remove, or add one the guest declined): channel desk, a
   * CHANGED ticket. `acknowledged` as for desk.confirmAddons, for each flagged add-on added or kept.
   */
  "desk.changeAddons": channel(
    "desk",
    z.strictObject({
      ...appointment,
      seen: seenOfferSchema.optional(),
      acknowledged: z.boolean().default(false),
      addonIds: z
        .array(idSchema)
        .max(ADDONS_PER_VISIT)
        .refine((a) => new Set(a).size === a.length, "Each add-on once."),
      reason: text(REASON_MAX, "The reason").optional(),
    }),
    queueItemSchema,
  ),
  "desk.voidAddons": channel(
    "desk",
    z.strictObject({ ...appointment, reason: reasonSchema, seen: seenOfferSchema.optional() }),
    queueItemSchema,
  ),
  "desk.assign": channel(
    "desk",
    z
      .strictObject({ ...appointment, therapistId: idSchema.optional(), roomId: idSchema.optional() })
      .refine((v) => v.therapistId !== undefined || v.roomId !== undefined, "Pick a therapist or a room."),
    queueItemSchema,
  ),
  /** A booked guest who didn't use the kiosk checks in at the desk. */
  "desk.checkIn": channel("desk", z.strictObject(appointment), queueItemSchema),
  "desk.walkIn": channel(
    "desk",
    z.strictObject({
      guestName: text(GUEST_NAME_MAX, "The guest's name").pipe(z.string().min(2, "Enter the guest's name.")),
      phone: phoneInputSchema,
      serviceId: idSchema,
      therapistId: idSchema,
      roomId: idSchema,
      /**
       * The guest left their name at the kiosk: this booking takes them off the waiting list (once:
       * a second booking of the same walk-in is refused) and the language they used there goes on
       * the check-in, so the desk and the ticket say "speaks Spanish".
       */
      walkInId: idSchema.optional(),
      /**
       * The add-ons the guest took when the desk asked ([]: none): settled at once, and the therapist's ticket queued.
       */
      addonIds: z.array(idSchema).max(ADDONS_PER_VISIT),
    }),
    queueItemSchema,
  ),
  "desk.walkInAvailability": channel("desk", z.strictObject({ serviceId: idSchema }), walkInAvailabilitySchema),
  "desk.markNoShow": channel("desk", z.strictObject(appointment), queueItemSchema),
  "desk.cancel": channel("desk", z.strictObject({ ...appointment, reason: reasonSchema }), queueItemSchema),
  /** Undo a no-show or cancellation made by mistake. */
  "desk.reinstate": channel("desk", z.strictObject({ ...appointment, reason: reasonSchema }), queueItemSchema),
  "desk.history": channel("desk", z.strictObject(appointment), z.object({ entries: z.array(historyEntrySchema) })),
  /**
   * Bookings on other days whose guest matches every word of the search (name, phone digits, code, external ID), or
   * whose phone is the number searched for however each is written ("06 12 34 56 78" finds "+33 6 12 34 56 78", as
   * the kiosk's phone search does): the nearest 5.
   */
  "desk.otherDays": channel(
    "desk",
    z.strictObject({ query: text(80, "The search").pipe(z.string().min(2, "Type at least 2 letters or digits.")) }),
    z.object({ bookings: z.array(otherDayBookingSchema).max(5) }),
  ),
  "desk.ticketPreview": channel(
    "desk",
    z.strictObject(appointment),
    z.object({ lines: z.array(z.object({ text: z.string(), bold: z.boolean() })) }),
  ),
  "desk.importPreview": channel(
    "desk",
    z.strictObject({
      content: importFileSchema,
      mapping: importMappingSchema.optional(),
      dateOrder: dateOrderSchema.optional(),
      cancelMissing: importCancelMissingSchema.optional(),
    }),
    importPreviewSchema,
  ),
  "desk.importCommit": channel(
    "desk",
    z.strictObject({
      content: importFileSchema,
      mapping: importMappingSchema,
      dateOrder: dateOrderSchema.optional(),
      skipBadRows: z.boolean(),
      cancelMissing: importCancelMissingSchema.optional(),
    }),
    importResultSchema,
  ),
  /** Remembers that a booking system's name ("Room 1") is a catalog entry (Lotus), for this and every later import. */
  "desk.importMatchName": channel(
    "desk",
    z.strictObject({ kind: importCatalogKindSchema, name: text(120).pipe(z.string().min(1)), targetId: idSchema }),
    z.object({ kind: importCatalogKindSchema, name: z.string(), targetName: z.string() }),
  ),
  /** Confirmed add-ons of a day for the POS to ring up. */
  "desk.exportAddons": channel("desk", z.strictObject({ day: localDaySchema }), fileExportSchema),
  /**
   * The desk's view of walk-ins waiting today, and marking one as seen (`seen: false`: back on the list, the desk's
   * Undo).
   */
  "desk.walkInsWaiting": channel("desk", z.strictObject({}), z.object({ items: z.array(walkInSchema) })),
  "desk.walkInSeen": channel(
    "desk",
    z.strictObject({ walkInId: idSchema, seen: z.boolean().optional() }),
    z.object({ ok: z.literal(true) }),
  ),
} as const;

/**
 * The words of each action an appointment's history (desk.history) shows: every audit action the model writes on an
 * appointment (db/desk/history.test.ts holds the model to it), so the desk never reads a raw code.
 */
export const HISTORY_ACTION_WORDS: Record<string, string> = {
  "appointment.create": "Walk-in booked",
  "appointment.import": "Imported from the booking system",
  "appointment.import_update": "Updated by an import",
  "appointment.import_cancel": "Cancelled by an import",
  "appointment.booked_from_note": "Add-on booked ahead, read from the note an older import wrote",
  "appointment.assign": "Therapist or room changed",
  "appointment.no_show": "Marked as no-show",
  "appointment.cancel": "Cancelled",
  "appointment.reinstate": "Reinstated",
  "check_in.create": "Checked in",
  "offer.choose": "Guest chose add-ons",
  "offer.leave": "Guest left the kiosk without choosing an add-on",
  "offer.confirm": "Add-ons confirmed",
  "offer.change": "Add-ons changed at the desk",
  "offer.void": "Add-on voided",
  "offer.booked_ahead": "Add-on booked ahead by an import: taken off the guest's choice",
  "screening.answer": "Guest answered the add-on's questions",
  "screening.acknowledge": "Screening flag checked with the guest",
  "preferences.give": "Guest told the kiosk how they like their massage",
  "preferences.change": "Guest changed how they like their massage",
  "restore_gaps.check_in": "Checked in again after a restore, as they had arrived",
  "print.retry": "Ticket sent to the printer again",
  "ticket.original": "Ticket sent to the printer",
  "ticket.changed": "CHANGED ticket sent to the printer",
  "ticket.void": "VOID ticket sent to the printer",
  "ticket.reprint": "REPRINT sent to the printer",
};
