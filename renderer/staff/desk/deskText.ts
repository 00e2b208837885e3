import type { HistoryChange, QueueItem, QueueStage } from "../../../contract/channels";
import { languageNames, type Language } from "../../../contract/common";
import { deskSearchMatcher } from "../../../contract/phone";
import { HISTORY_ACTION_WORDS } from "../../../contract/desk";
import { sinceStartMs } from "../../common/clock";

export const STAGE_LABEL: Record<QueueStage, string> = {
  expected: "Expected",
  checked_in: "Checked in",
  choosing: "Choosing at kiosk",
  awaiting_confirmation: "Add-on to confirm",
  confirmed: "Confirmed",
  ticket_printed: "Ticket printed",
  no_show: "No-show",
  cancelled: "Cancelled",
};

/**
 * How late a guest who has not arrived is, for the status column: null until a full minute after
 * their start time. "Late · 25 min", "Late · 1 h", "Late · 2 h 5 min".
 */
export function lateLabel(startsAt: string, nowMs: number): string | null {
  const minutes = Math.floor((nowMs - Date.parse(startsAt)) / 60_000);
  if (minutes < 1) return null;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const parts = [hours > 0 ? `${hours} h` : "", rest > 0 ? `${rest} min` : ""].filter(Boolean);
  return `Late · ${parts.join(" ")}`;
}

/**
 * Whether a row answers the desk's search: every word typed appears in the guest's name, the
 * service, the therapist, the room, the booking system's ID, the kiosk's booking code, the
 * phone's digits or the language the guest checked in in ("ana lotus": Ana's guests in Lotus;
 * "2233": the guest whose number ends so; "spanish": today's Spanish speakers); or the number
 * typed is the guest's however each is written ("06 12 34 56 78" finds "+33 6 12 34 56 78"), as
 * on other days (`deskSearchMatcher`).
 */
export function matchesSearch(item: QueueItem, query: string): boolean {
  const phone = item.guestPhone?.replace(/\D/g, "") ?? "";
  const language = item.guestLanguage ? languageNames[item.guestLanguage] : "";
  return deskSearchMatcher(query)(
    [
      item.guestName,
      item.serviceName,
      item.therapistName,
      item.roomName,
      item.externalId ?? "",
      item.bookingCode,
      phone,
      language,
    ],
    item.guestPhone,
  );
}

/** A guest checked in whose add-ons (or none) the desk has still to confirm: the row's Confirm button. */
export const awaitsConfirmation = (item: QueueItem): boolean =>
  item.stage === "awaiting_confirmation" || item.stage === "checked_in";

/**
 * Whether a row needs the desk now, for "To do": an add-on to confirm, a guest checked in with
 * nothing settled (or still choosing at the kiosk: her choice is the desk's next task, and her row
 * doesn't jump into the list when she makes it), a guest late and not arrived, or a ticket that failed to print.
 */
export function needsTheDesk(item: QueueItem, late: string | null): boolean {
  return (
    awaitsConfirmation(item) || item.stage === "choosing" || late !== null || item.ticket?.printStatus === "failed"
  );
}

/**
 * The status badge's words, and its look (`badge` class): a guest still choosing at the kiosk, one who chose add-ons
 * and one who chose none read differently, and not by colour alone (the badge's words and outline differ too).
 * `late` from `lateLabel`, `overdue` from `choiceOverdue`.
 */
export function stageBadge(item: QueueItem, late: string | null, overdue: boolean): { text: string; look: string } {
  if (late) return { text: late, look: "late" };
  if (item.stage === "choosing") {
    if (!overdue) return { text: STAGE_LABEL.choosing, look: "choosing" };
    return { text: item.offer?.leftAt ? "Left kiosk, no choice" : "Didn't choose", look: "unanswered" };
  }
  if (item.stage === "awaiting_confirmation" && item.offer?.guestChoice.length === 0)
    return { text: "Chose no add-on", look: "declined" };
  return { text: STAGE_LABEL[item.stage], look: item.stage };
}

/**
 * What a row the receptionist just settled says for a moment where its button was (a second tap lands on words,
 * not on the next guest's button): "Confirmed ✓ — ticket printing".
 */
export function doneText(item: QueueItem, done: "confirmed" | "checked_in"): string {
  if (done === "checked_in") return "Checked in ✓";
  const status = item.ticket?.printStatus;
  // Not "ticket printed": the status column beside it says that already.
  const ticket = status === "printed" ? "printed" : status === "failed" ? "didn't print" : "ticket printing";
  return `Confirmed ✓ — ${ticket}`;
}

/**
 * A guest who used another language than the spa's first: "speaks Spanish", so the desk and therapist greet them in it.
 */
export const speaksText = (lang: Language): string => `speaks ${languageNames[lang]}`;

/** The row's flags from the guest's preferences: "⚠ Allergy: Nuts, Latex", "Avoid: Face, Neck" (none: empty). */
export function alertFlags(alerts: QueueItem["alerts"]): string[] {
  return [
    ...(alerts.allergies.length > 0 ? [`\u26a0 Allergy: ${alerts.allergies.join(", ")}`] : []),
    ...(alerts.avoid.length > 0 ? [`Avoid: ${alerts.avoid.join(", ")}`] : []),
  ];
}

export const PRINT_LABEL = {
  queued: "Ticket queued",
  sending: "Printing…",
  printed: "Ticket printed",
  failed: "Print failed",
} as const;

/**
 * The queue row's print line beside its stage: only what the stage does not already say. A
 * printed ticket at the "Ticket printed" stage adds at most its kind ("(CHANGED)"); a ticket
 * queued, printing or failed says so, with the printer's error. Null: nothing to add.
 */
export function printNote(item: QueueItem): string | null {
  const ticket = item.ticket;
  if (!ticket) return null;
  const kind = ticket.kind === "original" ? null : `(${ticket.kind.toUpperCase()})`;
  if (item.stage === "ticket_printed" && ticket.printStatus === "printed") return kind;
  return (
    [PRINT_LABEL[ticket.printStatus], kind].filter(Boolean).join(" ") +
    (ticket.printError ? `: ${ticket.printError}` : "")
  );
}

/** An add-on booked ahead in the booking system, as the desk names it: never read as a kiosk or desk sale. */
export const bookedAheadText = (title: string): string => `${title} (booked ahead)`;

/** What the row's Confirm settles, for its accessible name: the add-ons booked ahead and the guest's pick, or none. */
export const confirmWhat = (item: QueueItem): string =>
  [...item.bookedAhead.map(bookedAheadText), ...(item.offer?.guestChoice ?? [])].join(" + ") || "no add-on";

/** How long a guest may spend on the kiosk's offer before the desk reads it as left unanswered. */
export const CHOOSING_MS = 3 * 60_000;

/**
 * When the desk first saw each kiosk check-in still on the offer: how long ago it was by the wall clock then (never
 * below 0) and the monotonic time (`sinceStartMs`). A desk sees a check-in within a second (it is pushed), so the
 * minutes after it are counted on the monotonic clock: the machine's clock corrected back an hour doesn't leave the
 * guest "Choosing at kiosk" for that hour, nor one corrected forward turn her to "Didn't choose" as she reads. A day's
 * few hundred are kept, then forgotten all at once.
 */
const firstSeen = new Map<string, { ageMs: number; monoMs: number }>();
const SEEN_KEPT = 2_000;

/** How long a guest has been on the kiosk's offer, in ms: her check-in's age when first seen, then monotonic time. */
function choosingForMs(checkedInAt: string, key: string, nowMs: number, monoMs: number): number {
  let seen = firstSeen.get(key);
  if (!seen) {
    if (firstSeen.size >= SEEN_KEPT) firstSeen.clear();
    seen = { ageMs: Math.max(0, nowMs - Date.parse(checkedInAt)), monoMs };
    firstSeen.set(key, seen);
  }
  return seen.ageMs + (monoMs - seen.monoMs);
}

/**
 * A guest who checked in at the kiosk and left its offer unanswered, so the desk asks them: the kiosk said so as it
 * went back to Welcome (`leftAt`: it idled out, or Cancel), or, when it could not (it lost power, the call failed),
 * three minutes have passed since the check-in (`choosingForMs`). `nowMs` is the app's wall clock (`appNow`).
 */
export const choiceOverdue = (item: QueueItem, nowMs: number, monoMs = sinceStartMs()): boolean =>
  item.offer?.status === "offered" &&
  item.offer.channel === "kiosk" &&
  item.checkedInAt !== null &&
  (item.offer.leftAt !== null ||
    choosingForMs(item.checkedInAt, `${item.appointmentId} ${item.checkedInAt}`, nowMs, monoMs) >= CHOOSING_MS);

/**
 * The Add-on column: what the therapist will do, or where the choice stands; `overdue` from `choiceOverdue`. The
 * add-ons booked ahead come first ("Scalp massage (booked ahead) · Face massage"): a guest with those has nothing
 * else to say when the kiosk offered nothing more.
 */
export function addonText(item: QueueItem, overdue = false): string {
  const ahead = item.bookedAhead.map(bookedAheadText);
  const sold = soldText(item, overdue, ahead.length > 0);
  return [...ahead, ...(sold === null ? [] : [sold])].join(" · ");
}

function soldText(item: QueueItem, overdue: boolean, booked: boolean): string | null {
  if (!item.offer) return booked ? null : item.checkedInAt ? "No add-on offered yet" : "—";
  if (item.offer.status === "voided") return "Add-on voided";
  if (item.offer.status === "offered") {
    if (!overdue) return "Guest is choosing…";
    return item.offer.leftAt ? "Left without choosing: offer at the desk" : "Didn't choose at the kiosk: ask";
  }
  if (item.offer.final.length > 0) return item.offer.final.join(" + ");
  return booked ? "No other add-on" : "No add-on";
}

export const actionLabel = (action: string): string => HISTORY_ACTION_WORDS[action] ?? action;

const CHANGE_LABEL: Record<HistoryChange["what"], string> = {
  addons: "Add-ons",
  bookedAhead: "Booked ahead",
  service: "Service",
  therapist: "Therapist",
  room: "Room",
  start: "Start",
  bookingId: "Booking ID",
  ticket: "Ticket",
};

/** What an audit row changed, as the history lists it: "Add-ons: Face massage → Face massage + Scalp massage". */
export const changeText = (c: HistoryChange): string =>
  `${CHANGE_LABEL[c.what]}: ${c.from !== null ? `${c.from} → ` : ""}${c.to ?? "none"}`;
