import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultScreening } from "../db/screening/defaults";
import { languageSchema } from "./common";
import {
  DECLINED_REASON,
  SCREENING_QUESTIONS_MAX,
  screeningAnswerSchema,
  screeningOutcome,
  screeningOutcomeSchema,
  screeningQuestionsSchema,
  screeningReasons,
  type ScreeningAnswer,
  type ScreeningQuestion,
} from "./screening";

const question = (ifYes: ScreeningQuestion["ifYes"], reason = `flag ${ifYes}`): ScreeningQuestion => ({
  text: { en: "Q?", es: "¿P?", zh: "问？" },
  ifYes,
  reason,
});
const questionArb = fc.record({
  ifYes: fc.constantFrom(...screeningOutcomeSchema.options),
  reason: fc.string({ minLength: 1, maxLength: 10 }),
});
/** Up to the limit of questions, with an answer (or none: a missing one) for each. */
const setArb = fc
  .array(questionArb, { maxLength: SCREENING_QUESTIONS_MAX })
  .chain((qs) =>
    fc.tuple(
      fc.constant(qs),
      fc.array(fc.constantFrom(...screeningAnswerSchema.options), { minLength: qs.length, maxLength: qs.length }),
    ),
  );

describe("screening outcome rules", () => {
  it("no to everything is fine; no questions is fine", () => {
    expect(screeningOutcome([question("notToday"), question("check")], ["no", "no"])).toBe("fine");
    expect(screeningOutcome([], [])).toBe("fine");
  });

  it("a yes leads to the question's own outcome", () => {
    expect(screeningOutcome([question("notToday"), question("check")], ["yes", "no"])).toBe("notToday");
    expect(screeningOutcome([question("notToday"), question("check")], ["no", "yes"])).toBe("check");
    expect(screeningOutcome([question("fine")], ["yes"])).toBe("fine");
  });

  it("declining to answer, or an answer missing, means the therapist will check", () => {
    expect(screeningOutcome([question("notToday"), question("fine")], ["skip", "no"])).toBe("check");
    expect(screeningOutcome([question("fine"), question("fine")], ["no"])).toBe("check");
  });

  it("property: any yes to a not-today question wins over every other answer", () => {
    fc.assert(
      fc.property(setArb, ([qs, answers]) => {
        const notToday = qs.some((q, i) => q.ifYes === "notToday" && answers[i] === "yes");
        expect(screeningOutcome(qs, answers) === "notToday").toBe(notToday);
      }),
    );
  });

  it("property: fine exactly when every question is answered and no yes leads anywhere but fine", () => {
    fc.assert(
      fc.property(setArb, ([qs, answers]) => {
        const fine = qs.every((q, i) => answers[i] === "no" || (answers[i] === "yes" && q.ifYes === "fine"));
        expect(screeningOutcome(qs, answers) === "fine").toBe(fine);
      }),
    );
  });

  it("property: a skip never makes it better; changing a no to a yes never makes it better", () => {
    const rank = { fine: 0, check: 1, notToday: 2 } as const;
    fc.assert(
      fc.property(setArb, fc.nat(), fc.constantFrom<ScreeningAnswer>("yes", "skip"), ([qs, answers], at, worse) => {
        fc.pre(qs.length > 0);
        const i = at % qs.length;
        fc.pre(answers[i] === "no");
        const changed = answers.map((a, k) => (k === i ? worse : a));
        expect(rank[screeningOutcome(qs, changed)]).toBeGreaterThanOrEqual(rank[screeningOutcome(qs, answers)]);
      }),
    );
  });

  it("property: the flags are never empty when the outcome is not fine, and never name a question's text", () => {
    fc.assert(
      fc.property(setArb, ([qs, answers]) => {
        const reasons = screeningReasons(qs, answers);
        expect(reasons.length > 0).toBe(screeningOutcome(qs, answers) !== "fine");
        for (const r of reasons) expect(r === DECLINED_REASON || qs.some((q) => q.reason === r)).toBe(true);
      }),
    );
  });

  it("flags: each yes's reason once, and 'preferred not to say' for a skip", () => {
    const qs = [
      question("notToday", "recent injections"),
      question("check", "recent treatment"),
      question("check", "recent treatment"),
    ];
    expect(screeningReasons(qs, ["yes", "yes", "yes"])).toEqual(["recent injections", "recent treatment"]);
    expect(screeningReasons(qs, ["no", "skip", "no"])).toEqual([DECLINED_REASON]);
  });
});

describe("screening questions: the limits", () => {
  it("at most three questions, each worded in every kiosk language, with a one-line flag", () => {
    const four = [question("fine"), question("fine"), question("fine"), question("fine")];
    expect(screeningQuestionsSchema.safeParse(four).error?.issues[0]?.message).toMatch(/At most 3/);
    const noChinese = [{ ...question("check"), text: { en: "Q?", es: "¿P?" } }];
    expect(screeningQuestionsSchema.safeParse(noChinese).success).toBe(false);
    expect(
      screeningQuestionsSchema.safeParse([{ ...question("check"), text: { en: "Q?", es: "¿P?", zh: "  " } }]).error
        ?.issues[0]?.path,
    ).toEqual([0, "text", "zh"]);
    expect(screeningQuestionsSchema.safeParse([question("check", "two\nlines")]).error?.issues[0]?.message).toBe(
      "One line only.",
    );
  });

  it("the shipped questions fit the limits, in every language, and include a not-today and a check for each add-on", () => {
    for (const qs of Object.values(defaultScreening)) {
      expect(screeningQuestionsSchema.parse(qs)).toEqual(qs);
      for (const q of qs) expect(Object.keys(q.text).sort()).toEqual([...languageSchema.options].sort());
      expect(qs.map((q) => q.ifYes)).toContain("notToday");
      expect(qs.map((q) => q.ifYes)).toContain("check");
    }
  });
});
