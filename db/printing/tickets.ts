import { stmt } from "../stmt";
import { screeningChecks } from "../screening/screening";
import { visitAlerts, visitPressure } from "../preferences/stored";
import {
  slipTitle,
  alertChanges,
  fitTicket,
  NO_ALERTS,
  pressureChanges,
  ticketContentSchema,
  type Ticket,
  type TicketAlerts,
  type TicketContent,
  type TicketKind,
} from "../../contract/ticket";
import { languageNames, type Language } from "../../contract/common";
import type { Model, StaffActor, ReadModel } from "../model";
import { appendAudit, type Actor } from "../audit";
import { DomainError } from "../errors";
import { guestLabel, firstName } from "../people";
import { getSettings, languageToNote } from "../settings";
import { addMinutes, clockTimeLocal, formatLocal } from "../time";
import { repeatsSlip, type SlipBeforeRestore } from "../maintenance/slip-before-restore";
import { bookedAddonLines } from "../desk/booked-addons";

/**
 * How a ticket writes its times in the spa's zone: the one format for a therapist's ticket, the
 * printed-at stamp set when it is sent, and the test print.
 */
export const ticketTimes = (timeZone: string) => ({
  date: (iso: string): string =>
    formatLocal(iso, timeZone, { weekday: "short", day: "numeric", month: "short", year: "numeric" }),
  clock: (iso: string): string => clockTimeLocal(iso, timeZone),
  printedAt: (iso: string): string =>
    formatLocal(iso, timeZone, { hour: "numeric", minute: "2-digit", month: "short", day: "numeric" }),
});

interface TicketFacts {
  guest_name: string;
  starts_at: string;
  ends_at: string;
  service: string;
  therapist: string;
  room: string;
  note: string | null;
  status: "booked" | "cancelled" | "no_show";
  lang: Language | null;
}

/**
 * Builds the therapist ticket for an appointment as it stands now, formatted in the spa's zone,
 * fitted to the ticket's limits (contract/ticket.ts fitTicket).
 */
export function buildTicketContent(
  m: ReadModel,
  appointmentId: number,
  opts: { kind: TicketKind; confirmedBy: string; changes?: string[]; voidReason?: string | null },
): TicketContent {
  const { db, clock } = m;
  const settings = getSettings(db);
  const tz = settings.timeZone;
  const facts = stmt(
    db,
    `SELECT a.guest_name, a.starts_at, a.ends_at, a.note, a.status, s.name AS service, t.name AS therapist, r.name AS room, c.lang
       FROM appointments a JOIN services s ON s.id = a.service_id JOIN therapists t ON t.id = a.therapist_id
       JOIN rooms r ON r.id = a.room_id LEFT JOIN check_ins c ON c.appointment_id = a.id WHERE a.id = ?`,
  ).get(appointmentId) as TicketFacts | undefined;
  if (!facts) throw new DomainError("NOT_FOUND", "That appointment no longer exists.");
  const addons =
    opts.kind === "void"
      ? []
      : (
          stmt(
            db,
            `SELECT a.code, t.title, i.extra_minutes
             FROM offers o JOIN offer_items i ON i.offer_id = o.id JOIN addons a ON a.id = i.addon_id
             JOIN addon_texts t ON t.addon_id = a.id AND t.lang = 'en'
             WHERE o.appointment_id = ? AND i.final_selected = 1 AND o.status != 'voided'
             ORDER BY a.sort_order, a.id`,
          ).all(appointmentId) as { code: string; title: string; extra_minutes: number }[]
        ).map((a) => ({ ...a, title: slipTitle(a.title) }));
  const extra = addons.reduce((sum, a) => sum + a.extra_minutes, 0);
  // Booked ahead in the booking system: printed first, inside the booking's time (not added to its end), on every
  // ticket of a visit still booked; the kiosk's or desk's add-ons a VOID ticket voids are not these.
  const booked = facts.status === "booked" ? bookedAddonLines(db, appointmentId) : [];
  const bookedMinutes = booked.reduce((sum, a) => sum + a.minutes, 0);
  const length = Math.round((Date.parse(facts.ends_at) - Date.parse(facts.starts_at)) / 60_000);
  const alerts = ticketAlerts(m, appointmentId);
  const pressure = visitPressure(db, appointmentId);
  // A CHANGED ticket says what changed in the alerts and the pressure too, against the ticket the therapist holds.
  const held = opts.kind === "changed" ? lastTicket(m, appointmentId) : undefined;
  const changes = [
    ...(opts.changes ?? []),
    ...(opts.kind === "changed"
      ? [...alertChanges(held?.alerts ?? NO_ALERTS, alerts), ...pressureChanges(held?.pressure, pressure)]
      : []),
  ];
  const noted = languageToNote(db, facts.lang);
  const times = ticketTimes(tz);
  return fitTicket({
    spaName: settings.spaName,
    kind: opts.kind,
    changes,
    voidReason: opts.voidReason ?? null,
    guestLabel: guestLabel(facts.guest_name),
    // The language the guest chose at the kiosk, when it isn't the spa's first: the therapist greets them in it.
    ...(noted !== null ? { guestLanguage: languageNames[noted] } : {}),
    dateLocal: times.date(facts.starts_at),
    startLocal: times.clock(facts.starts_at),
    endLocal: times.clock(addMinutes(facts.ends_at, extra)),
    serviceName: facts.service,
    // The booking's own length: a 90-minute booking of a 60-minute catalog service is 90 minutes; less the add-ons
    // booked ahead inside it (a 75-minute booking of a massage and a 15-minute scalp massage is a 60-minute massage).
    serviceMinutes: length > bookedMinutes ? length - bookedMinutes : length,
    therapistName: firstName(facts.therapist),
    roomName: facts.room,
    ...(facts.note !== null ? { note: facts.note } : {}),
    addons: [
      ...booked.map((a) => ({
        code: a.code,
        title: slipTitle(a.title),
        extraMinutes: a.minutes,
        bookedAhead: true as const,
      })),
      ...addons.map((a) => ({ code: a.code, title: a.title, extraMinutes: a.extra_minutes })),
    ],
    alerts,
    ...(pressure !== undefined ? { pressure } : {}),
    confirmedBy: opts.confirmedBy,
    printedAtLocal: times.printedAt(clock.now().toISOString()),
  });
}

/**
 * What the therapist must know about this guest: the allergies and areas to avoid they gave on the
 * kiosk (preferences) and the add-ons to check with them from their screening answers (flags only).
 */
function ticketAlerts(m: ReadModel, appointmentId: number): TicketAlerts {
  return { ...visitAlerts(m.db, appointmentId), checks: screeningChecks(m, appointmentId) };
}

/** The newest ticket of the appointment, as the therapist holds it (undefined: none, or unreadable). */
function lastTicket(m: ReadModel, appointmentId: number): Ticket | undefined {
  const row = stmt(m.db, "SELECT id, content FROM tickets WHERE appointment_id = ? ORDER BY id DESC LIMIT 1").get(
    appointmentId,
  ) as { id: number; content: string } | undefined;
  return (row && readTicket(row.content, row.id, 1)) ?? undefined;
}

/**
 * Writes a ticket and its print job. Call inside the transaction of the change that causes
 * it, so a confirmation and its ticket are saved together or not at all. The ticket is fitted
 * and checked against the ticket schema here, so no job is ever queued that the print worker
 * cannot read: a ticket that still does not parse refuses the whole change, saying why.
 */
export function createTicketWithJob(
  m: Model,
  actor: Actor,
  appointmentId: number,
  content: TicketContent,
): { ticketId: number; jobId: number } {
  const { db, clock } = m;
  const checked = ticketContentSchema.safeParse(fitTicket(content));
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new DomainError(
      "INVALID_INPUT",
      `The therapist's ticket could not be made (${issue?.path.join(".") ?? "ticket"}: ${issue?.message ?? "invalid"}); nothing was saved.`,
    );
  }
  const now = clock.now().toISOString();
  const ticketId = Number(
    stmt(db, "INSERT INTO tickets (appointment_id, kind, content, created_at, created_by) VALUES (?, ?, ?, ?, ?)").run(
      appointmentId,
      content.kind,
      JSON.stringify(checked.data),
      now,
      actor.kind === "staff" ? actor.staffId : null,
    ).lastInsertRowid,
  );
  const jobId = Number(
    stmt(db, "INSERT INTO print_jobs (ticket_id, status, created_at, updated_at) VALUES (?, 'queued', ?, ?)").run(
      ticketId,
      now,
      now,
    ).lastInsertRowid,
  );
  appendAudit(db, clock, actor, {
    action: `ticket.${content.kind}`,
    entity: "appointment",
    entityId: appointmentId,
    after: { ticketId, jobId },
  });
  return { ticketId, jobId };
}

/** Why a stored ticket can't be printed, as the desk shows it (print banner, Preview, Reprint). */
export const UNREADABLE_TICKET =
  "This ticket's saved content can't be read, so it can't be printed, previewed or reprinted. Use Change to make a new ticket for this guest";

/**
 * A stored ticket as the printer gets it, or null when its content can't be read (damaged
 * JSON, a field missing). A ticket stored before tickets were built to fit (a label one
 * character over) is fitted now rather than refused.
 */
export function readTicket(content: string, ticketNumber: number, printJobId: number): Ticket | null {
  try {
    const stored: unknown = JSON.parse(content);
    const strict = ticketContentSchema.safeParse(stored);
    const parsed = strict.success ? strict : ticketContentSchema.safeParse(fitTicket(stored as TicketContent));
    return parsed.success ? { ...parsed.data, ticketNumber, printJobId } : null;
  } catch {
    return null;
  }
}

/** `readTicket`, or the desk's plain-words refusal. */
export function readTicketOrRefuse(content: string, ticketNumber: number, printJobId: number): Ticket {
  const ticket = readTicket(content, ticketNumber, printJobId);
  if (ticket === null) throw new DomainError("NOT_AVAILABLE", `${UNREADABLE_TICKET}.`);
  return ticket;
}

/** Whether the therapist already has a ticket for this appointment (a change then prints CHANGED). */
export const hasTicket = (m: ReadModel, appointmentId: number): boolean =>
  Boolean(stmt(m.db, "SELECT 1 FROM tickets WHERE appointment_id = ? LIMIT 1").get(appointmentId));

/** The same ticket under a REPRINT banner, remembering whether it was a CHANGED or VOID ticket. */
export function reprinted(ticket: TicketContent): TicketContent {
  const { reprintOf: earlier, ...content } = ticket;
  const of = ticket.kind === "reprint" ? earlier : ticket.kind;
  return { ...content, kind: "reprint", ...(of === "changed" || of === "void" ? { reprintOf: of } : {}) };
}

/**
 * Builds the appointment's ticket as it stands and queues it for printing, signed by the staff member; returns the
 * print job. `before`: the slip a restore's replaced file had printed for this decision (slipBeforeRestore, read
 * before the desk decided); a ticket that repeats it is a copy and prints under the REPRINT banner.
 */
export function queueTicket(
  m: Model,
  actor: StaffActor,
  appointmentId: number,
  kind: TicketKind,
  extra: { changes?: string[]; voidReason?: string | null } = {},
  before: SlipBeforeRestore | null = null,
): number {
  const content = buildTicketContent(m, appointmentId, { kind, confirmedBy: actor.name, ...extra });
  const copy = repeatsSlip(content, before);
  return createTicketWithJob(m, actor, appointmentId, copy ? reprinted(content) : content).jobId;
}

/** The newest ticket of an appointment, as it was (or will be) printed. */
export function latestTicket(m: ReadModel, appointmentId: number): Ticket | null {
  const { db } = m;
  const row = stmt(
    db,
    `SELECT t.id, t.content, (SELECT max(id) FROM print_jobs WHERE ticket_id = t.id) AS job_id
     FROM tickets t WHERE t.appointment_id = ? ORDER BY t.id DESC LIMIT 1`,
  ).get(appointmentId) as { id: number; content: string; job_id: number } | undefined;
  if (!row) return null;
  return readTicketOrRefuse(row.content, row.id, row.job_id);
}
