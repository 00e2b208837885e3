import { z } from "zod";
import { ADDONS_PER_VISIT, languageSchema, type Language } from "../../contract/common";
import { addonCodeSchema } from "../../contract/admin";
import { offerStatusSchema, type OfferStatus } from "../../contract/kiosk";
import { restoreGapSchema } from "../../contract/maintenance";
import { undoneDecisionSchema, type UndoneDecision } from "../../contract/desk";
import { SCREENING_QUESTIONS_MAX, screeningAnswerSchema } from "../../contract/screening";
import { connect, type DB } from "../open";

/**
 * The file a restore replaced, read for the restore's list (./restore-gaps.ts): the spa's day of check-ins as it has
 * them, with each guest's booking system ID, add-on choice, language, offer, the desk's last decision and the answers
 * to the add-ons' health questions. The file is the world's (damaged, or not the spa's at all): what can't be read is
 * left out, and says so.
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
export type Replaced = z.infer<typeof replacedSchema> & {
  external_id: string | null;
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
/** An ID an import would not take (empty, too long) can't bring the booking back: carried as none. */
const bookedSchema = z.object({
  booking_code: restoreGapSchema.shape.bookingCode,
  external_id: restoreGapSchema.shape.externalId.catch(null),
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
/** The booking system's ID of those bookings (an import's), by which an import brings one back. */
const BOOKED_SQL = `SELECT a.booking_code, a.external_id FROM check_ins c JOIN appointments a ON a.id = c.appointment_id
  WHERE c.local_day = ?`;
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
export function checkInsOf(replacedFile: string, day: string): { rows: Replaced[]; complete: boolean } {
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
      const row: Replaced = {
        ...r,
        external_id: null,
        addons: [],
        lang: null,
        offer_status: null,
        screening: [],
        decided: null,
      };
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
      eachFitting(db, BOOKED_SQL, day, bookedSchema, (r) => {
        const row = byCode.get(r.booking_code);
        if (row) row.external_id = r.external_id;
      }) && complete;
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
