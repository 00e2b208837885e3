import type { Language } from "../../contract/common";
import {
  checksText,
  screeningOutcome,
  screeningQuestionsSchema,
  screeningReasons,
  type KioskScreening,
  type ScreeningAnswer,
  type ScreeningAnswers,
  type ScreeningCheck,
  type ScreeningOutcome,
  type ScreeningQuestion,
  type ScreeningSet,
  type Acknowledged,
} from "../../contract/screening";
import { appendAudit } from "../audit";
import { assertStillManager } from "../admin/common";
import { DomainError } from "../errors";
import type { Model, ReadModel, StaffActor } from "../model";
import type { DB } from "../open";
import { stmt } from "../stmt";
import { defaultScreening } from "./defaults";

interface SetRow {
  id: number;
  addon_id: number;
  version: number;
  questions: string;
  saved_at: string;
}

const CURRENT_SQL =
  "SELECT id, addon_id, version, questions, saved_at FROM screening_sets WHERE addon_id = ? ORDER BY version DESC LIMIT 1";
const questionsOf = (row: SetRow): ScreeningQuestion[] => screeningQuestionsSchema.parse(JSON.parse(row.questions));

/** An add-on's current questions (its newest version), or null when it has none. */
export function currentSet(db: DB, addonId: number): (ScreeningSet & { id: number }) | null {
  const row = stmt(db, CURRENT_SQL).get(addonId) as SetRow | undefined;
  return row
    ? { id: row.id, addonId: row.addon_id, version: row.version, questions: questionsOf(row), savedAt: row.saved_at }
    : null;
}

/**
 * A new add-on's shipped questions as its version 1 (face and scalp; any other add-on starts without). Call inside a
 * transaction.
 */
export function insertDefaultScreening(db: DB, addonId: number, code: string, at: Date): void {
  const questions = code === "face" || code === "scalp" ? defaultScreening[code] : null;
  if (!questions) return;
  stmt(db, "INSERT INTO screening_sets (addon_id, version, questions, saved_at) VALUES (?, 1, ?, ?)").run(
    addonId,
    JSON.stringify(questions),
    at.toISOString(),
  );
}

/** The kiosk's view of an add-on's questions, in the guest's language (null: none to ask). */
export function kioskScreening(db: DB, addonId: number, lang: Language): KioskScreening | null {
  const set = currentSet(db, addonId);
  if (!set || set.questions.length === 0) return null;
  return { version: set.version, questions: set.questions.map((q) => ({ text: q.text[lang], ifYes: q.ifYes })) };
}

/** Every active add-on's current questions, for the back office (an add-on never saved: version 0, none). */
export function listScreening(m: ReadModel): { sets: ScreeningSet[] } {
  const ids = stmt(m.db, "SELECT id FROM addons WHERE active = 1 ORDER BY sort_order, id").pluck().all() as number[];
  return {
    sets: ids.flatMap((id) => {
      const set = currentSet(m.db, id);
      return set
        ? [{ addonId: set.addonId, version: set.version, questions: set.questions, savedAt: set.savedAt }]
        : [];
    }),
  };
}

/**
 * Saves `questions` as the add-on's next version (saved by a manager, or by head office: null); returns the version.
 * Call inside a transaction.
 */
export function insertScreeningVersion(
  db: DB,
  addonId: number,
  questions: readonly ScreeningQuestion[],
  savedAt: string,
  savedBy: number | null,
): number {
  const version = (currentSet(db, addonId)?.version ?? 0) + 1;
  stmt(db, "INSERT INTO screening_sets (addon_id, version, questions, saved_at, saved_by) VALUES (?, ?, ?, ?, ?)").run(
    addonId,
    version,
    JSON.stringify(questions),
    savedAt,
    savedBy,
  );
  return version;
}

/**
 * A manager saves an add-on's questions as its next version; answers given before keep the version they answered.
 * Audited.
 */
export function saveScreening(
  m: Model,
  actor: StaffActor,
  input: { addonId: number; questions: ScreeningQuestion[] },
): ScreeningSet {
  const { db, clock } = m;
  return db
    .transaction(() => {
      assertStillManager(m, actor);
      if (!stmt(db, "SELECT 1 FROM addons WHERE id = ?").get(input.addonId)) {
        throw new DomainError("NOT_FOUND", "That add-on no longer exists.", "addonId");
      }
      const chain = stmt(db, "SELECT chain_release FROM addons WHERE id = ?").pluck().get(input.addonId) as
        number | null;
      if (chain !== null)
        throw new DomainError(
          "CONFLICT",
          `Head office sets these questions (release ${chain}): ask head office to change them.`,
          "questions",
        );
      const before = currentSet(db, input.addonId);
      const savedAt = clock.now().toISOString();
      const version = insertScreeningVersion(db, input.addonId, input.questions, savedAt, actor.staffId);
      appendAudit(db, clock, actor, {
        action: "screening.save",
        entity: "addon",
        entityId: input.addonId,
        before: before ? { version: before.version, questions: before.questions } : null,
        after: { version, questions: input.questions },
      });
      return { addonId: input.addonId, version, questions: input.questions, savedAt };
    })
    .immediate();
}

/**
 * Stores an appointment's answers to `set` (the add-on's questions as the guest saw them), replacing any earlier ones
 * and their acknowledgement; returns the outcome. The one way answers are written: the kiosk's choice, and the desk
 * putting back an arrival a restore left out (db/maintenance/check-in-again.ts). Call inside the caller's transaction.
 */
export function storeAnswers(
  db: DB,
  appointmentId: number,
  set: ScreeningSet & { id: number },
  answers: readonly ScreeningAnswer[],
  at: string,
): ScreeningOutcome {
  const outcome = screeningOutcome(set.questions, answers);
  stmt(
    db,
    `INSERT INTO screening_answers (appointment_id, addon_id, set_id, answers, outcome, answered_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (appointment_id, addon_id) DO UPDATE SET set_id = excluded.set_id, answers = excluded.answers,
       outcome = excluded.outcome, answered_at = excluded.answered_at, acknowledged_by = NULL, acknowledged_at = NULL`,
  ).run(appointmentId, set.addonId, set.id, JSON.stringify(answers), outcome, at);
  return outcome;
}

/**
 * Records a guest's answers with their add-on choice: call inside the choice's transaction.
 * Each entry must answer the add-on's current version, question for question (the kiosk re-reads
 * the offer when the questions changed under it); a chosen add-on whose answers say "not today"
 * is refused. Answers for an add-on the guest then did not take (screened out) are kept too, for
 * the funnel. The audit row names the add-ons and versions answered, never the answers.
 */
export function recordScreening(
  m: Model,
  appointmentId: number,
  shownAddonIds: readonly number[],
  chosenAddonIds: readonly number[],
  entries: readonly ScreeningAnswers[],
): Map<number, ScreeningOutcome> {
  const { db, clock } = m;
  const outcomes = new Map<number, ScreeningOutcome>();
  const at = clock.now().toISOString();
  const seen = new Set<number>();
  for (const e of entries) {
    if (seen.has(e.addonId) || !shownAddonIds.includes(e.addonId)) {
      throw new DomainError("INVALID_INPUT", "Answers for an add-on not offered here.", "screening");
    }
    seen.add(e.addonId);
    const set = currentSet(db, e.addonId);
    if (!set || set.version !== e.version) {
      throw new DomainError(
        "NOT_AVAILABLE",
        "The questions for this add-on changed. Please answer them again.",
        "screening",
      );
    }
    if (e.answers.length !== set.questions.length) {
      throw new DomainError(
        "INVALID_INPUT",
        "Please answer each question, or choose “I'd rather not say”.",
        "screening",
      );
    }
    // Refused after it is stored: the throw rolls back the caller's whole transaction.
    const outcome = storeAnswers(db, appointmentId, set, e.answers, at);
    if (outcome === "notToday" && chosenAddonIds.includes(e.addonId)) {
      throw new DomainError("INVALID_INPUT", "This add-on isn't right for today, going by your answers.", "addonIds");
    }
    outcomes.set(e.addonId, outcome);
  }
  if (entries.length > 0) {
    appendAudit(
      db,
      clock,
      { kind: "kiosk" },
      {
        action: "screening.answer",
        entity: "appointment",
        entityId: appointmentId,
        after: { answered: entries.map((e) => ({ addonId: e.addonId, version: e.version })) },
      },
    );
  }
  return outcomes;
}

interface FlagRow {
  addon_id: number;
  code: string;
  questions: string;
  answers: string;
  acknowledged_at: string | null;
}

const FLAGS_SQL = `SELECT x.addon_id, a.code, s.questions, x.answers, x.acknowledged_at
  FROM screening_answers x
  JOIN screening_sets s ON s.id = x.set_id
  JOIN addons a ON a.id = x.addon_id
  JOIN offers o ON o.appointment_id = x.appointment_id
  JOIN offer_items i ON i.offer_id = o.id AND i.addon_id = x.addon_id AND i.final_selected = 1
  WHERE x.appointment_id = ? AND x.outcome != 'fine' AND json_array_length(x.answers) > 0
  ORDER BY a.sort_order, a.id`;

const flagsOf = (r: FlagRow): ScreeningCheck[] => {
  const questions = screeningQuestionsSchema.parse(JSON.parse(r.questions));
  return screeningReasons(questions, JSON.parse(r.answers) as ScreeningAnswer[]).map((reason) => ({
    addon: r.code,
    reason,
  }));
};

/**
 * What the therapist must check with the guest before the add-ons on their ticket: for each
 * add-on still on it whose answers were not all "fine", the add-on's code and the short reasons
 * ([{ addon: "face", reason: "recent treatment or pregnancy" }]). Flags only, never the questions
 * or the answers.
 */
export function screeningChecks(m: ReadModel, appointmentId: number): ScreeningCheck[] {
  return (stmt(m.db, FLAGS_SQL).all(appointmentId) as FlagRow[]).flatMap(flagsOf);
}

/** The flags the desk has not yet acknowledged for this appointment's add-ons. */
export function unacknowledgedChecks(m: ReadModel, appointmentId: number): ScreeningCheck[] {
  return openFlags(m, appointmentId).flatMap(flagsOf);
}
const openFlags = (m: ReadModel, appointmentId: number) =>
  (stmt(m.db, FLAGS_SQL).all(appointmentId) as FlagRow[]).filter((r) => r.acknowledged_at === null);

/**
 * The one rule for every desk path that makes add-ons final (confirm, change, a walk-in's
 * add-ons): an add-on on the ticket whose answers were not all "fine" needs the receptionist's
 * acknowledgement (`acknowledged`), else it is refused with a message naming the flags, whatever
 * the window showed. Call inside the path's transaction, after the final add-ons are set. The
 * acknowledgement is recorded on those add-ons' answers and audited (the add-ons, not the reasons).
 */
export function requireChecksAcknowledged(
  m: Model,
  actor: StaffActor,
  appointmentId: number,
  acknowledged: Acknowledged,
): void {
  const { db, clock } = m;
  const open = openFlags(m, appointmentId);
  if (open.length === 0) return;
  if (acknowledged === false) {
    throw new DomainError(
      "CONFLICT",
      `Check with the guest first: ${checksText(open.flatMap(flagsOf))}. Then confirm that you have.`,
      "acknowledged",
    );
  }
  // The flags a window showed when the receptionist checked them: one raised since was never checked.
  const unseen =
    acknowledged === true
      ? []
      : open.flatMap(flagsOf).filter((f) => !acknowledged.some((s) => s.addon === f.addon && s.reason === f.reason));
  if (unseen.length > 0)
    throw new DomainError(
      "CONFLICT",
      `A new flag came in after you checked: ${checksText(unseen)}. Check it with the guest, then confirm again.`,
      "acknowledged",
    );
  const now = clock.now().toISOString();
  const acknowledge = stmt(
    db,
    "UPDATE screening_answers SET acknowledged_by = ?, acknowledged_at = ? WHERE appointment_id = ? AND addon_id = ? AND acknowledged_at IS NULL",
  );
  for (const r of open) acknowledge.run(actor.staffId, now, appointmentId, r.addon_id);
  appendAudit(db, clock, actor, {
    action: "screening.acknowledge",
    entity: "appointment",
    entityId: appointmentId,
    after: { addons: open.map((r) => r.code) },
  });
}

/**
 * Retention: the guest's answers to an appointment's questions are erased with their other
 * personal details. The outcome stays, as the reports count it (screened out, therapist check),
 * tied to no answer. Call inside the erasing transaction.
 */
export function eraseScreeningAnswers(db: DB, appointmentId: number): void {
  stmt(db, "UPDATE screening_answers SET answers = '[]' WHERE appointment_id = ?").run(appointmentId);
}
