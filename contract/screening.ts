import { z } from "zod";
import { ADDONS_PER_VISIT, idSchema, instantSchema, languageSchema } from "./common";
import { channel } from "./channel";
import { addonCodeSchema } from "./admin";

/**
 * Screening an add-on for contraindications: a few yes/no questions the kiosk asks before the
 * add-on is added ("Have you had filler injections in the last two weeks?"). Every "yes" leads to
 * one outcome, decided by the spa when it wrote the question; the guest may always decline to say.
 */

/** At most this many questions per add-on: a guest answers them standing, in a hurry. */
export const SCREENING_QUESTIONS_MAX = 3;
/** The most flags one visit can raise: every question of every add-on it may have. */
export const SCREENING_FLAGS_MAX = ADDONS_PER_VISIT * SCREENING_QUESTIONS_MAX;
/** A question as a guest reads it, in each language. */
export const SCREENING_QUESTION_MAX = 160;
/** The flag the desk and the therapist's ticket show for a "yes" ("recent injections"): never the question itself. */
export const SCREENING_REASON_MAX = 40;

/** What a "yes" (or the whole set's answers) means for the add-on today. */
export const screeningOutcomeSchema = z.enum(["fine", "check", "notToday"]);
export type ScreeningOutcome = z.infer<typeof screeningOutcomeSchema>;
/** A guest's answer to one question; "skip": "I'd rather not say". */
export const screeningAnswerSchema = z.enum(["yes", "no", "skip"]);
export type ScreeningAnswer = z.infer<typeof screeningAnswerSchema>;

const questionText = z
  .string()
  .trim()
  .min(1, "Write the question in this language.")
  .max(SCREENING_QUESTION_MAX, `Keep the question under ${SCREENING_QUESTION_MAX} characters.`);

export const screeningQuestionSchema = z.object({
  /** The question as the guest reads it, in every kiosk language. */
  text: z.record(languageSchema, questionText),
  /** What a "yes" leads to: "fine" (noted only), "check" (the therapist checks first) or "notToday". */
  ifYes: screeningOutcomeSchema,
  /** The desk's and ticket's short flag for a "yes", e.g. "recent injections". */
  reason: z
    .string()
    .trim()
    .min(1, "Write the short flag the desk and the ticket show.")
    .max(SCREENING_REASON_MAX, `Keep the flag under ${SCREENING_REASON_MAX} characters.`)
    .regex(/^[^\n\r]*$/, "One line only."),
});
export type ScreeningQuestion = z.infer<typeof screeningQuestionSchema>;
export const screeningQuestionsSchema = z
  .array(screeningQuestionSchema)
  .max(SCREENING_QUESTIONS_MAX, `At most ${SCREENING_QUESTIONS_MAX} questions per add-on.`);

/** An add-on's questions as saved: version 1 is the shipped set, each save by a manager the next. */
export const screeningSetSchema = z.object({
  addonId: idSchema,
  version: z.number().int().min(1),
  questions: screeningQuestionsSchema,
  savedAt: instantSchema,
});
export type ScreeningSet = z.infer<typeof screeningSetSchema>;

/** The questions as the kiosk shows them, in the guest's language. */
export const kioskScreeningSchema = z.object({
  version: z.number().int().min(1),
  questions: z.array(z.object({ text: z.string(), ifYes: screeningOutcomeSchema })).max(SCREENING_QUESTIONS_MAX),
});
export type KioskScreening = z.infer<typeof kioskScreeningSchema>;

/** The guest's answers to one add-on's questions, sent with their choice. */
export const screeningAnswersSchema = z.strictObject({
  addonId: idSchema,
  version: z.number().int().min(1),
  answers: z.array(screeningAnswerSchema).max(SCREENING_QUESTIONS_MAX),
});
export type ScreeningAnswers = z.infer<typeof screeningAnswersSchema>;

/** A flag for the desk and the therapist: the add-on and the short reason, never the question or answer. */
export const screeningCheckSchema = z.object({ addon: z.string(), reason: z.string() });
export type ScreeningCheck = z.infer<typeof screeningCheckSchema>;
/** A flag as a desk window showed it, sent back with the receptionist's acknowledgement. */
export const seenCheckSchema = z.strictObject({
  addon: addonCodeSchema,
  reason: z.string().max(SCREENING_REASON_MAX),
});
/**
 * What a receptionist acknowledged: true for whatever flags there are (the back office's own paths), or the flags
 * their window showed when they checked them.
 */
export type Acknowledged = boolean | readonly ScreeningCheck[];
/** One flag as the desk and the ticket word it: "face — recent injections". */
export const checkText = (check: ScreeningCheck): string => `${check.addon} \u2014 ${check.reason}`;
/** Flags as the desk reads them: "face — recent injections; scalp — preferred not to say". */
export const checksText = (checks: readonly ScreeningCheck[]): string => checks.map(checkText).join("; ");

/** The flag when the guest preferred not to answer. */
export const DECLINED_REASON = "preferred not to say";

const rank: Record<ScreeningOutcome, number> = { fine: 0, check: 1, notToday: 2 };

/**
 * The one rule for what a set of answers means: any "yes" to a not-today question wins; else any
 * "yes" to a check question, or any question not answered ("I'd rather not say", or missing),
 * means the therapist checks first; else fine. No questions: fine.
 */
export function screeningOutcome(
  questions: readonly Pick<ScreeningQuestion, "ifYes">[],
  answers: readonly ScreeningAnswer[],
): ScreeningOutcome {
  let worst: ScreeningOutcome = "fine";
  questions.forEach((q, i) => {
    const a = answers[i] ?? "skip";
    const o: ScreeningOutcome = a === "yes" ? q.ifYes : a === "skip" ? "check" : "fine";
    if (rank[o] > rank[worst]) worst = o;
  });
  return worst;
}

/**
 * The desk's and ticket's flags for a set of answers: the reason of every "yes" that is not
 * "fine", and "preferred not to say" once if any question went unanswered. Never the question or
 * the answer: the therapist needs to know what to ask, not the guest's medical history.
 */
export function screeningReasons(
  questions: readonly Pick<ScreeningQuestion, "ifYes" | "reason">[],
  answers: readonly ScreeningAnswer[],
): string[] {
  const reasons = questions.filter((q, i) => answers[i] === "yes" && q.ifYes !== "fine").map((q) => q.reason);
  if (questions.some((_, i) => (answers[i] ?? "skip") === "skip")) reasons.push(DECLINED_REASON);
  return [...new Set(reasons)];
}

export const screeningChannels = {
  /** The back office: every active add-on's current questions. */
  "admin.screening": channel("manager", z.strictObject({}), z.object({ sets: z.array(screeningSetSchema) })),
  /** A manager saves an add-on's questions: a new version; answers already given keep theirs. */
  "admin.saveScreening": channel(
    "manager",
    z.strictObject({ addonId: idSchema, questions: screeningQuestionsSchema }),
    screeningSetSchema,
  ),
} as const;
