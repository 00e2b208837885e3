import { describe, expect, it } from "vitest";
import type { OfferCard } from "../../../contract/channels";
import type { ScreeningOutcome } from "../../../contract/screening";
import {
  answer,
  canContinue,
  finish,
  goOnWithout,
  noneApplyShown,
  pick,
  takeInstead,
  type ScreeningStep,
} from "./screening";
import type { ScreenOf } from "./screen";
import { offerMoved } from "./visit";
import { card as cardOf, offerOf, visit } from "../test-support/visits";

const questions = (...ifYes: ScreeningOutcome[]) => ({
  version: 4,
  questions: ifYes.map((o, i) => ({ text: `Q${i}?`, ifYes: o })),
});
const FACE = 1;
const SCALP = 2;
const card = (addonId: number, extraMinutes: number, screening: OfferCard["screening"]): OfferCard =>
  cardOf(addonId, extraMinutes, {
    code: addonId === FACE ? "face" : "scalp",
    title: addonId === FACE ? "Face massage" : "Scalp massage",
    priceCents: 2000,
    screening,
  });
const offer = (cards: OfferCard[], freeMinutes: number | null = null): ScreenOf<"offer"> =>
  offerOf(visit(cards, { freeMinutes }));
const both = offer([
  card(FACE, 15, questions("notToday", "notToday", "check")),
  card(SCALP, 10, questions("notToday", "check")),
]);
const screen = (step: ScreeningStep) => {
  if (!("screen" in step)) throw new Error(`expected a screen, got a send of ${JSON.stringify(step.send.addonIds)}`);
  return step.screen;
};
const asking = (step: ScreeningStep) => {
  const s = screen(step);
  if (s.name !== "screening") throw new Error(`expected questions, got ${s.name}`);
  return s;
};
const sent = (step: ScreeningStep) => {
  if (!("send" in step)) throw new Error(`expected a send, got ${step.screen.name}`);
  return { addonIds: step.send.addonIds, screening: step.send.screening };
};

describe("kiosk screening: the taps", () => {
  it("no thanks, and an add-on without questions, are sent at once (no tap added)", () => {
    expect(sent(pick(both, []))).toEqual({ addonIds: [], screening: [] });
    const plain = offer([card(FACE, 15, null), card(SCALP, 10, { version: 1, questions: [] })]);
    expect(sent(pick(plain, [FACE, SCALP]))).toEqual({ addonIds: [FACE, SCALP], screening: [] });
  });

  it("a guest who answers no to everything taps once per add-on chosen: 'None of these apply to me'", () => {
    // Face and scalp together: the two add-ons' questions, one tap each.
    const face = asking(pick(both, [FACE, SCALP]));
    expect(face).toMatchObject({ addonId: FACE, answers: [null, null, null] });
    const scalp = asking(finish(face, "no"));
    expect(scalp).toMatchObject({ addonId: SCALP, answers: [null, null] });
    expect(sent(finish(scalp, "no"))).toEqual({
      addonIds: [FACE, SCALP],
      screening: [
        { addonId: FACE, version: 4, answers: ["no", "no", "no"] },
        { addonId: SCALP, version: 4, answers: ["no", "no"] },
      ],
    });
  });

  it("answering each: Continue once all are answered; 'none apply' gone after a yes; a check yes adds the add-on", () => {
    let s = asking(pick(both, [FACE]));
    expect(canContinue(s)).toBe(false);
    s = answer(answer(s, 0, "no"), 1, "no");
    expect(noneApplyShown(s)).toBe(true);
    s = answer(s, 2, "yes");
    expect(noneApplyShown(s)).toBe(false);
    expect(canContinue(s)).toBe(true);
    expect(sent(finish(s))).toEqual({
      addonIds: [FACE],
      screening: [{ addonId: FACE, version: 4, answers: ["no", "no", "yes"] }],
    });
  });

  it("I'd rather not say: every question skipped, and the add-on is added (the therapist will check)", () => {
    expect(sent(finish(answer(asking(pick(both, [FACE])), 0, "yes"), "skip"))).toEqual({
      addonIds: [FACE],
      screening: [{ addonId: FACE, version: 4, answers: ["skip", "skip", "skip"] }],
    });
  });

  it("changing their mind from Done: an add-on chosen before is not asked again, a new one is", () => {
    const changing = {
      ...both,
      visit: { ...both.visit, offer: { ...both.visit.offer, status: "accepted" as const, selectedAddonIds: [FACE] } },
    };
    expect(sent(pick(changing, [FACE]))).toEqual({ addonIds: [FACE], screening: [] });
    expect(asking(pick(changing, [FACE, SCALP])).addonId).toBe(SCALP);
  });
});

describe("kiosk screening: not today", () => {
  it("face screened out: the guest is offered scalp (its own questions next), or goes on without", () => {
    const out = screen(finish(answer(asking(pick(both, [FACE])), 0, "yes")));
    expect(out).toMatchObject({ name: "notToday", addonId: FACE, wanted: [], alternative: SCALP });
    if (out.name !== "notToday") throw new Error("not today expected");
    const scalp = asking(takeInstead(out));
    expect(scalp.addonId).toBe(SCALP);
    // Face's answers go with the choice (the funnel counts it screened out); face is not among the add-ons.
    expect(sent(finish(scalp, "no"))).toEqual({
      addonIds: [SCALP],
      screening: [
        { addonId: FACE, version: 4, answers: ["yes", null, null].map((a) => a ?? "skip") },
        { addonId: SCALP, version: 4, answers: ["no", "no"] },
      ],
    });
    expect(sent(goOnWithout(out)).addonIds).toEqual([]);
  });

  it("with both chosen, face screened out goes on with scalp; nothing else is offered", () => {
    const face = asking(pick(both, [FACE, SCALP]));
    const out = screen(finish(answer(face, 1, "yes")));
    expect(out).toMatchObject({ name: "notToday", wanted: [SCALP], alternative: null });
    if (out.name !== "notToday") throw new Error("not today expected");
    expect(asking(goOnWithout(out)).addonId).toBe(SCALP);
  });

  it("the other add-on is offered only where it fits the time before the next booking, and not once it was screened out too", () => {
    const tight = offer([card(FACE, 15, questions("notToday")), card(SCALP, 30, questions("notToday"))], 20);
    expect(screen(finish(answer(asking(pick(tight, [FACE])), 0, "yes")))).toMatchObject({
      name: "notToday",
      alternative: null,
    });
    const roomy = offer([card(FACE, 15, questions("notToday")), card(SCALP, 10, questions("notToday"))], 20);
    const out = screen(finish(answer(asking(pick(roomy, [FACE])), 0, "yes")));
    if (out.name !== "notToday") throw new Error("not today expected");
    const scalpOut = screen(finish(answer(asking(takeInstead(out)), 0, "yes")));
    expect(scalpOut).toMatchObject({ name: "notToday", addonId: SCALP, alternative: null });
  });
});

describe("kiosk screening: questions changed meanwhile", () => {
  it("a refusal naming the screening shows the cards as they are now, saying the questions changed (not the schedule)", () => {
    expect(offerMoved(both, both.visit, true).error).toBe("offer.errors.questionsChanged");
    expect(offerMoved(both, both.visit).error).toBe("offer.errors.notAvailable");
  });
});
