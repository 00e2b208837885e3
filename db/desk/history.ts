import type { ReadModel } from "../model";
import { stmt } from "../stmt";
import type { HistoryChange, HistoryEntry } from "../../contract/channels";
import { queueItem } from "./queue";
import type { DB } from "../open";
import { getSettings } from "../settings";
import { formatLocal } from "../time";

const actorName = (actor: string): string =>
  actor.startsWith("staff:") ? actor.slice("staff:".length) : actor === "kiosk" ? "Guest at the kiosk" : "System";

type Values = Record<string, unknown>;

/** What the audit rows' values are read against: names for ids, titles for add-on codes. */
interface Names {
  service: Map<number, string>;
  therapist: Map<number, string>;
  room: Map<number, string>;
  /** An add-on's English title by its code and by its title in capitals (as tickets print it). */
  addon: Map<string, string>;
  timeZone: string;
}

function names(db: DB): Names {
  const byId = (sql: string) =>
    new Map((stmt(db, sql).all() as { id: number; name: string }[]).map((r) => [r.id, r.name]));
  const addons = stmt(
    db,
    "SELECT a.code, t.title FROM addons a JOIN addon_texts t ON t.addon_id = a.id AND t.lang = 'en'",
  ).all() as {
    code: string;
    title: string;
  }[];
  return {
    service: byId("SELECT id, name FROM services"),
    therapist: byId("SELECT id, name FROM therapists"),
    room: byId("SELECT id, name FROM rooms"),
    addon: new Map(
      addons.flatMap((a) => [
        [a.code, a.title],
        [a.title.toUpperCase(), a.title],
      ]),
    ),
    timeZone: getSettings(db).timeZone,
  };
}

const asObject = (value: unknown): Values =>
  value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Values) : {};

/** A list of add-ons (codes or titles) as the desk names them: "Face massage + Scalp massage", or "No add-on". */
function addonList(n: Names, value: unknown): string | null {
  if (!Array.isArray(value)) return null;
  return value.length === 0 ? "No add-on" : value.map((v) => n.addon.get(plain(v)) ?? plain(v)).join(" + ");
}

/** The add-ons an import booked ahead ({ addon: code, minutes }): "Scalp massage 15 min", or null for none. */
function bookedList(n: Names, value: unknown): string | null {
  if (!Array.isArray(value)) return null;
  const said = value.map((v) => {
    const { addon, minutes } = asObject(v);
    return `${n.addon.get(plain(addon)) ?? plain(addon)} ${plain(minutes)} min`;
  });
  return said.length === 0 ? null : said.join(" + ");
}

/** A stored value as text: as it is when plain, as JSON when it is a list or an object. */
const plain = (value: unknown): string =>
  typeof value === "object" && value !== null ? JSON.stringify(value) : String(value);

/** One stored value as a person reads it: a name for an id, a local time for an instant. */
function valueText(n: Names, key: string, value: unknown): string | null {
  if (value === null || value === undefined) return null;
  switch (key) {
    case "serviceId":
      return n.service.get(Number(value)) ?? `service #${plain(value)}`;
    case "therapistId":
      return n.therapist.get(Number(value)) ?? `therapist #${plain(value)}`;
    case "roomId":
      return n.room.get(Number(value)) ?? `room #${plain(value)}`;
    case "startsAt":
      return typeof value === "string"
        ? formatLocal(value, n.timeZone, {
            weekday: "short",
            month: "short",
            day: "numeric",
            hour: "numeric",
            minute: "2-digit",
          })
        : plain(value);
    case "ticketId":
      return `#${plain(value)}`;
    case "bookedAhead":
      return bookedList(n, value);
    default:
      return Array.isArray(value) ? value.map(plain).join(" + ") : plain(value);
  }
}

/** What each stored key is called on the screen; keys not listed stay out of the history. */
const FIELDS: Record<string, HistoryChange["what"]> = {
  serviceId: "service",
  therapistId: "therapist",
  therapist: "therapist",
  roomId: "room",
  room: "room",
  startsAt: "start",
  externalId: "bookingId",
  ticketId: "ticket",
  bookedAhead: "bookedAhead",
};

/** Fields that changed between before and after (or were set, when there was no before). */
function fieldChanges(n: Names, before: Values, after: Values): HistoryChange[] {
  const changes: HistoryChange[] = [];
  for (const [key, what] of Object.entries(FIELDS)) {
    if (!(key in after)) continue;
    const from = valueText(n, key, before[key]);
    const to = valueText(n, key, after[key]);
    if (from !== to) changes.push({ what, from, to });
  }
  return changes;
}

/**
 * What an audit row changed, in the desk's words. The add-ons are read from whichever list the
 * action stored: the guest's pick (`selected`, as codes) or what the therapist does (`final`).
 */
function changesOf(n: Names, action: string, beforeValue: unknown, afterValue: unknown): HistoryChange[] {
  const before = asObject(beforeValue);
  const after = asObject(afterValue);
  switch (action) {
    case "offer.choose":
      return [{ what: "addons", from: null, to: addonList(n, after.selected) }];
    case "offer.confirm":
      return [{ what: "addons", from: null, to: addonList(n, after.final) }];
    case "offer.change":
    case "offer.booked_ahead":
      return [{ what: "addons", from: addonList(n, before.final), to: addonList(n, after.final) }];
    case "offer.void":
      return [{ what: "addons", from: addonList(n, before.final), to: "No add-on" }];
    default:
      return fieldChanges(n, before, after);
  }
}

/**
 * Every audit row of one appointment, oldest first: when, who, what it did, what it changed
 * (names, titles and local times, never ids or codes) and why.
 */
export function appointmentHistory(m: ReadModel, appointmentId: number): HistoryEntry[] {
  const { db } = m;
  queueItem(m, appointmentId);
  const rows = stmt(
    db,
    "SELECT id, at, actor, action, before_json, after_json, reason FROM audit_log WHERE entity = 'appointment' AND entity_id = ? ORDER BY id",
  ).all(appointmentId) as {
    id: number;
    at: string;
    actor: string;
    action: string;
    before_json: string | null;
    after_json: string | null;
    reason: string | null;
  }[];
  const n = names(db);
  const parse = (json: string | null): unknown => (json === null ? null : JSON.parse(json));
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    actor: actorName(r.actor),
    action: r.action,
    changes: changesOf(n, r.action, parse(r.before_json), parse(r.after_json)),
    reason: r.reason,
  }));
}
