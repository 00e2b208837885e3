import { z } from "zod";
import { ADDONS_PER_VISIT, languageSchema, type CheckInChannel, type Language } from "../../contract/common";
import { addonCodeSchema } from "../../contract/admin";
import { offerStatusSchema, type OfferStatus } from "../../contract/kiosk";
import { restoreGapSchema, type RestoreGap } from "../../contract/maintenance";
import { undoneDecisionSchema, type UndoneDecision } from "../../contract/desk";
import { SCREENING_QUESTIONS_MAX, screeningAnswerSchema } from "../../contract/screening";
import { appendAudit, type Actor } from "../audit";
import type { Model, ReadModel } from "../model";
import { connect, type DB } from "../open";
import { getSettings, spaToday } from "../settings";
import { stmt } from "../stmt";
import { localParts } from "../time";

/**
 * What a restore left out, for the desk: the check-ins of the spa's day that the file it replaced holds and the
 * restored data lacks. The guests are in their rooms; the restored queue says they have not arrived, and their
 * therapists' tickets were never printed from it. Kept in `restore_gaps` (migrations 0025 and 0026) without any
 * guest's name or phone: the booking by its code, the guest from the restored booking with that code. The desk's
 * Check in puts each arrival back as it was (./check-in-again.ts): its time and channel, the guest's language, their
 * add-on choice and their answers to its health questions.
 */

/**
 * A check-in as the replaced file has it, each value as the desk's list will carry it. The file is the world's
 * (damaged, or not the spa's at all): a row that does not fit is left out.
 */
const replacedSchema = z.object({
  booking_code: restoreGapSchema.shape.bookingCode,
  starts_at: restoreGapSchema.shape.startsAt,
  service_name: restoreGapSchema.shape.serviceName,
  checked_in_at: restoreGapSchema.shape.checkedInAt,
  channel: restoreGapSchema.shape.channel,
});
/** One add-on's answers to its health questions there, by the add-on's code and the questions' version. */
const keptAnswersSchema = z.object({
  code: addonCodeSchema,
  version: z.number().int().positive(),
  answers: z.array(screeningAnswerSchema).max(SCREENING_QUESTIONS_MAX),
});
export type KeptAnswers = z.infer<typeof keptAnswersSchema>;
type Replaced = z.infer<typeof replacedSchema> & {
  addons: string[];
  lang: Language | null;
  offer_status: OfferStatus | null;
  screening: KeptAnswers[];
  /** The desk's last Confirm, Change or Void there, when, and a void's reason. */
  decided: Pick<UndoneDecision, "status" | "at" | "reason"> | null;
};
/** A reason that does not read as one the desk could type (too long, control characters) is carried as none. */
const decidedSchema = undoneDecisionSchema.pick({ status: true, at: true }).extend({
  booking_code: restoreGapSchema.shape.bookingCode,
  reason: undoneDecisionSchema.shape.reason.catch(null),
});
const chosenSchema = z.object({ booking_code: restoreGapSchema.shape.bookingCode, code: addonCodeSchema });
/** A language or status this version does not know (a newer one wrote the file) is carried as none, not refused. */
const arrivalSchema = z.object({
  booking_code: restoreGapSchema.shape.bookingCode,
  lang: languageSchema.nullable().catch(null),
  offer_status: offerStatusSchema.nullable().catch(null),
});
const answeredSchema = keptAnswersSchema.extend({
  booking_code: restoreGapSchema.shape.bookingCode,
  answers: z
    .string()
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: "custom", message: "answers are not JSON" });
        return z.NEVER;
      }
    })
    .pipe(keptAnswersSchema.shape.answers),
});

const REPLACED_SQL = `SELECT a.booking_code, a.starts_at, s.name AS service_name, c.checked_in_at, c.channel
  FROM check_ins c JOIN appointments a ON a.id = c.appointment_id JOIN services s ON s.id = a.service_id
  WHERE c.local_day = ? ORDER BY c.checked_in_at`;
/** The add-ons chosen for those visits (the desk's last word, or the guest's before it; none once voided). */
const CHOSEN_SQL = `SELECT a.booking_code, ad.code
  FROM check_ins c JOIN appointments a ON a.id = c.appointment_id JOIN offers o ON o.appointment_id = a.id
  JOIN offer_items i ON i.offer_id = o.id JOIN addons ad ON ad.id = i.addon_id
  WHERE c.local_day = ? AND i.final_selected = 1 AND o.status <> 'voided' ORDER BY ad.sort_order, ad.id`;
/** The language the guest used, and where their offer stood. */
const ARRIVAL_SQL = `SELECT a.booking_code, c.lang, o.status AS offer_status
  FROM check_ins c JOIN appointments a ON a.id = c.appointment_id LEFT JOIN offers o ON o.appointment_id = a.id
  WHERE c.local_day = ?`;
/** Their answers to the add-ons' health questions, with the version of the questions they answered. */
const ANSWERED_SQL = `SELECT a.booking_code, ad.code, q.version, x.answers
  FROM check_ins c JOIN appointments a ON a.id = c.appointment_id JOIN screening_answers x ON x.appointment_id = a.id
  JOIN addons ad ON ad.id = x.addon_id JOIN screening_sets q ON q.id = x.set_id
  WHERE c.local_day = ? ORDER BY ad.sort_order, ad.id`;

/** The desk's last decision on each visit's add-ons: Confirm, Change and Void each record when they were made. */
const DECISIONS_SQL = `SELECT a.booking_code, o.status, o.confirmed_at AS at, o.void_reason AS reason
  FROM check_ins c JOIN appointments a ON a.id = c.appointment_id JOIN offers o ON o.appointment_id = a.id
  WHERE c.local_day = ? AND o.confirmed_at IS NOT NULL`;

/**
 * SQL: true once the desk has decided on gap `g`'s add-ons again (appointment `appointment`, an SQL expression): the
 * offer's decision time is no longer what the restored data had when the list was made. Not a comparison with the
 * restore's time, which a clock stepped back since would defeat. Used by the list and by the desk's queue row.
 */
export const decidedAgainSql = (appointment: string): string =>
  `EXISTS (SELECT 1 FROM offers dg WHERE dg.appointment_id = ${appointment} AND dg.confirmed_at IS NOT NULL
     AND dg.confirmed_at IS NOT g.restored_decided_at)`;

/**
 * SQL: gap `g`'s add-ons (a JSON array of codes) as a JSON array of their titles in English (the desk's language), in
 * the same order; an add-on this data no longer has keeps its code.
 */
const addonTitlesSql = (g: string): string =>
  `json((SELECT json_group_array(coalesce(t.title, j.value) ORDER BY j.key) FROM json_each(${g}.addons) j
     LEFT JOIN addons ad ON ad.code = j.value LEFT JOIN addon_texts t ON t.addon_id = ad.id AND t.lang = 'en'))`;

/**
 * SQL: gap `g`'s undone decision as JSON for `undoneDecisionSchema`, null for a left-out check-in. The list and the
 * desk's queue row read it so.
 */
export const undoneDecisionSql = (g: string): string =>
  `CASE WHEN ${g}.decided_at IS NOT NULL THEN json_object('status', ${g}.offer_status, 'at', ${g}.decided_at,
     'addons', ${addonTitlesSql(g)}, 'reason', ${g}.void_reason,
     'addonIds', json((SELECT json_group_array(ad.id ORDER BY j.key) FROM json_each(${g}.addons) j
       JOIN addons ad ON ad.code = j.value))) END`;

/**
 * Each row of `sql` (for `day`) that fits `schema`, to `take`; false if any did not, or the query failed (a table the
 * damaged file cannot give, or that a file not the spa's lacks).
 */
function eachFitting<T>(db: DB, sql: string, day: string, schema: z.ZodType<T>, take: (row: T) => void): boolean {
  let complete = true;
  try {
    for (const row of db.prepare(sql).iterate(day)) {
      const parsed = schema.safeParse(row);
      if (parsed.success) take(parsed.data);
      else complete = false;
    }
  } catch {
    complete = false;
  }
  return complete;
}

/**
 * The day's check-ins in `replacedFile` (read-only), as many as can be read: a file damaged past some page gives what
 * came before it and `complete: false`; one that cannot be opened or read at all (not a database, another program's
 * file, a schema without check-ins) gives none; a row that does not parse is skipped, also `complete: false`. Who
 * checked in is read first: a file whose add-on or screening tables can't be read still gives that.
 */
function checkInsOf(replacedFile: string, day: string): { rows: Replaced[]; complete: boolean } {
  const rows: Replaced[] = [];
  let db: DB;
  try {
    db = connect(replacedFile, { readonly: true, busyTimeoutMs: 0 });
  } catch {
    return { rows, complete: false };
  }
  try {
    const byCode = new Map<string, Replaced>();
    let complete = eachFitting(db, REPLACED_SQL, day, replacedSchema, (r) => {
      const row: Replaced = { ...r, addons: [], lang: null, offer_status: null, screening: [], decided: null };
      rows.push(row);
      byCode.set(r.booking_code, row);
    });
    // No more add-ons than a visit may have (ADDONS_PER_VISIT): the list, queue row and ticket are made for that.
    let beyond = false;
    complete =
      eachFitting(db, CHOSEN_SQL, day, chosenSchema, (r) => {
        const row = byCode.get(r.booking_code);
        if (row && row.addons.length < ADDONS_PER_VISIT) row.addons.push(r.code);
        else if (row) beyond = true;
      }) &&
      !beyond &&
      complete;
    complete =
      eachFitting(db, ARRIVAL_SQL, day, arrivalSchema, (r) => {
        const row = byCode.get(r.booking_code);
        if (row) Object.assign(row, { lang: r.lang, offer_status: r.offer_status });
      }) && complete;
    complete =
      eachFitting(db, DECISIONS_SQL, day, decidedSchema, ({ booking_code, ...decided }) => {
        const row = byCode.get(booking_code);
        if (row) row.decided = decided;
      }) && complete;
    complete =
      eachFitting(db, ANSWERED_SQL, day, answeredSchema, ({ booking_code, ...answered }) =>
        byCode.get(booking_code)?.screening.push(answered),
      ) && complete;
    return { rows, complete };
  } finally {
    db.close();
  }
}

/**
 * After a restore, on the restored (and migrated) data: records each check-in of the spa's day in `replacedFile`
 * whose booking the restored data has not checked in, or does not have at all (made after the backup); and, for a
 * guest it has checked in, the desk's last Confirm, Change or Void there that the restored data lacks (made after the
 * backup: the restored queue shows the choice as it stood before it). A booking already on an open list is not
 * recorded twice (a second restore the same day). Returns how many left-out check-ins it recorded, how many of the
 * desk's decisions the restore undid, and whether the replaced file was read to the end.
 */
export function recordRestoreGaps(
  m: Model,
  replacedFile: string,
): { recorded: number; undone: number; complete: boolean } {
  const { db, clock } = m;
  const { rows, complete } = checkInsOf(replacedFile, spaToday(m));
  const restored = stmt(
    db,
    `SELECT a.id, EXISTS (SELECT 1 FROM check_ins c WHERE c.appointment_id = a.id) AS checked_in,
            (SELECT o.confirmed_at FROM offers o WHERE o.appointment_id = a.id) AS decided_at
     FROM appointments a WHERE a.booking_code = ?`,
  );
  const listed = stmt(db, "SELECT 1 FROM restore_gaps WHERE booking_code = ? AND dismissed_at IS NULL");
  const insert = stmt(
    db,
    `INSERT INTO restore_gaps (restored_at, appointment_id, booking_code, starts_at, service_name, checked_in_at, channel,
                               addons, lang, offer_status, screening, decided_at, restored_decided_at, void_reason)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const counts = db
    .transaction(() => {
      const now = clock.now().toISOString();
      let recorded = 0;
      let undone = 0;
      for (const row of rows) {
        const here = restored.get(row.booking_code) as
          { id: number; checked_in: 0 | 1; decided_at: string | null } | undefined;
        const arrived = here?.checked_in === 1;
        // A guest who arrived before the backup is missing only a decision of the desk's made after it, if any.
        const taken = arrived && row.decided && row.decided.at !== here.decided_at ? row.decided : null;
        if ((arrived && !taken) || listed.get(row.booking_code)) continue;
        insert.run(
          now,
          here?.id ?? null,
          row.booking_code,
          row.starts_at,
          row.service_name,
          row.checked_in_at,
          row.channel,
          JSON.stringify(row.addons),
          row.lang,
          taken?.status ?? row.offer_status,
          // The answers only go with a booking the desk can check in again here; one made since is booked anew.
          JSON.stringify(here && !arrived ? row.screening : []),
          taken?.at ?? null,
          taken ? (here?.decided_at ?? null) : null,
          taken?.status === "voided" ? taken.reason : null,
        );
        if (taken) undone++;
        else recorded++;
      }
      return { recorded, undone };
    })
    .immediate();
  return { ...counts, complete };
}

/**
 * The desk's list: the gaps of restores made on the spa's day, not yet dismissed, each with the restored booking's
 * guest and whether that booking has been checked in again since (the desk does it from the queue).
 */
export function openRestoreGaps(m: ReadModel): RestoreGap[] {
  const tz = getSettings(m.db).timeZone;
  const today = spaToday(m);
  const rows = stmt(
    m.db,
    `SELECT g.id, g.restored_at, g.appointment_id, g.booking_code, g.starts_at, g.service_name, g.checked_in_at,
            g.channel, ${addonTitlesSql("g")} AS addons, a.guest_name, ${undoneDecisionSql("g")} AS decision,
            EXISTS (SELECT 1 FROM check_ins c WHERE c.appointment_id = g.appointment_id) AS checked_in_again,
            ${decidedAgainSql("g.appointment_id")} AS decided_again
     FROM restore_gaps g LEFT JOIN appointments a ON a.id = g.appointment_id
     WHERE g.dismissed_at IS NULL ORDER BY g.checked_in_at, g.id`,
  ).all() as {
    id: number;
    restored_at: string;
    appointment_id: number | null;
    booking_code: string;
    starts_at: string;
    service_name: string;
    checked_in_at: string;
    channel: CheckInChannel;
    addons: string;
    guest_name: string | null;
    decision: string | null;
    checked_in_again: 0 | 1;
    decided_again: 0 | 1;
  }[];
  return rows
    .filter((r) => localParts(r.restored_at, tz).day === today)
    .map((r) => ({
      id: r.id,
      restoredAt: r.restored_at,
      appointmentId: r.appointment_id,
      bookingCode: r.booking_code,
      startsAt: r.starts_at,
      serviceName: r.service_name,
      checkedInAt: r.checked_in_at,
      channel: r.channel,
      addons: JSON.parse(r.addons) as string[],
      guestName: r.guest_name,
      checkedInAgain: r.checked_in_again === 1,
      decision: r.decision === null ? null : undoneDecisionSchema.parse(JSON.parse(r.decision)),
      decidedAgain: r.decided_again === 1,
    }));
}

/** Staff dealt with the list: every open gap is dismissed, audited. Returns how many. */
export function dismissRestoreGaps(m: Model, actor: Extract<Actor, { kind: "staff" }>): number {
  const { db, clock } = m;
  return db
    .transaction(() => {
      const now = clock.now().toISOString();
      // The answers to health questions go with the list: the desk has dealt with them.
      const n = stmt(
        db,
        "UPDATE restore_gaps SET dismissed_at = ?, dismissed_by = ?, screening = '[]', void_reason = NULL WHERE dismissed_at IS NULL",
      ).run(now, actor.staffId).changes;
      if (n > 0)
        appendAudit(db, clock, actor, {
          action: "restore_gaps.dismiss",
          entity: "database",
          entityId: null,
          after: { n },
        });
      return n;
    })
    .immediate();
}

/** Retention: the list's answers to an appointment's health questions, and a void's reason, go with the booking. */
export function eraseRestoreGapAnswers(db: DB, appointmentId: number): void {
  stmt(db, "UPDATE restore_gaps SET screening = '[]', void_reason = NULL WHERE appointment_id = ?").run(appointmentId);
}
