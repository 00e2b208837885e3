import { describe, expect, it } from "vitest";
import type { QueueItem, RestoreGap } from "../../../contract/channels";
import type { UndoneDecision } from "../../../contract/desk";
import { REASON_MAX } from "../../../contract/common";
import {
  QUEUE_REASON_MAX,
  changeTicks,
  decideAgain,
  decidedWhat,
  reasonNote,
  restoreGapsHeading,
  ticksUndoneChange,
  undoneChangeHint,
  undoneInQueue,
  undoneVoidHint,
} from "./restoreGapsText";

const gap = (over: Partial<RestoreGap>): RestoreGap => ({
  id: 1,
  restoredAt: "2026-12-06T16:00:00.000Z",
  appointmentId: 7,
  bookingCode: "QX7Z2K",
  externalId: null,
  startsAt: "2026-12-06T17:00:00.000Z",
  serviceName: "Swedish massage",
  checkedInAt: "2026-12-06T15:00:00.000Z",
  channel: "kiosk",
  addons: [],
  guestName: "María González",
  checkedInAgain: false,
  decision: null,
  decidedAgain: false,
  ...over,
});
const undone = (status: UndoneDecision["status"], addons: string[] = [], reason: string | null = null) => ({
  status,
  at: "2026-12-06T15:30:00.000Z",
  addons,
  addonIds: addons.map((_, i) => i + 1),
  reason,
});
const decision = (status: UndoneDecision["status"], over: Partial<RestoreGap> = {}) =>
  gap({ checkedInAgain: true, decision: undone(status), ...over });

describe("the restore's list, in words", () => {
  it("says what the desk had decided, and that it is to be done again in the queue", () => {
    expect(decidedWhat(undone("confirmed", ["Face massage", "Scalp massage"]))).toBe(
      "confirmed Face massage and Scalp massage",
    );
    expect(decidedWhat(undone("confirmed"))).toBe("confirmed no add-on");
    expect(decidedWhat(undone("changed", ["Scalp massage"]))).toBe("changed the add-on to Scalp massage");
    expect(decidedWhat(undone("changed"))).toBe("removed the add-on");
    expect(decidedWhat(undone("voided"))).toBe("voided the add-on");
    expect(reasonNote("Guest changed their mind")).toBe(" (reason: Guest changed their mind)");
    expect(reasonNote(null)).toBe("");
    expect(decideAgain("voided")).toBe("Undone by the restore: void it again in the queue.");
    expect(decideAgain("confirmed")).toBe("Undone by the restore: confirm it again in the queue.");
    expect(decideAgain("changed")).toBe("Undone by the restore: change it again in the queue.");
    // On the queue row, which shows the add-on as it stood before the decision: what the decision was, and why.
    expect(undoneInQueue(undone("voided", [], "Guest changed their mind"), "10:40 AM")).toBe(
      "Undone by the restore: the desk had voided the add-on at 10:40 AM (reason: Guest changed their mind). Void it again.",
    );
    // The longest reason the desk may type, emoji and accents included, is cut short on the row, between graphemes.
    for (const unit of ["Sore skin, no face work. ", "Piel irritada 🌞👨‍👩‍👧 ", "顔は日焼けで痛い。"]) {
      const longest = unit.repeat(Math.ceil(REASON_MAX / unit.length)).slice(0, REASON_MAX);
      const text = undoneInQueue(undone("voided", [], longest), "10:40 AM");
      const shown = /\(reason: (.*)\)\. Void it again\.$/.exec(text)?.[1] ?? "";
      expect(shown.length).toBeLessThanOrEqual(QUEUE_REASON_MAX);
      expect(shown.endsWith("…")).toBe(true);
      expect(longest.startsWith(shown.slice(0, -1))).toBe(true);
      expect(shown).not.toMatch(/\uFFFD|[\uD800-\uDBFF]…/);
    }
    expect(undoneVoidHint("10:40 AM")).toBe("The reason the desk gave at 10:40 AM, for the void the restore undid.");
    expect(undoneInQueue(undone("voided"), "10:40 AM")).toBe(
      "Undone by the restore: the desk had voided the add-on at 10:40 AM. Void it again.",
    );
    expect(undoneInQueue(undone("confirmed", ["Face massage"]), "10:32 AM")).toBe(
      "Undone by the restore: the desk had confirmed Face massage at 10:32 AM. Confirm it again.",
    );
    expect(undoneInQueue(undone("changed", ["Scalp massage"]), "10:35 AM")).toBe(
      "Undone by the restore: the desk had changed the add-on to Scalp massage at 10:35 AM. Change it again.",
    );
    expect(undoneInQueue(undone("changed"), "10:35 AM")).toBe(
      "Undone by the restore: the desk had removed the add-on at 10:35 AM. Change it again.",
    );
  });

  it("heads the list with what is left to do: check-ins, then decisions, then bookings, then done", () => {
    const leftOut = [gap({ id: 1 }), gap({ id: 2, appointmentId: null, guestName: null })];
    expect(restoreGapsHeading(leftOut)).toBe("Check in again: 1 of 2");
    const undone = [decision("voided", { id: 3 }), decision("confirmed", { id: 4 })];
    expect(restoreGapsHeading([...leftOut, ...undone])).toBe(
      "Check in again: 1 of 2 · Decide again: 2 add-on decisions the restore undid",
    );
    expect(
      restoreGapsHeading([decision("voided", { id: 3 }), decision("confirmed", { id: 4, decidedAgain: true })]),
    ).toBe("Decide again: 1 add-on decision the restore undid");
    expect(restoreGapsHeading([gap({ id: 1, checkedInAgain: true }), leftOut[1]!])).toBe(
      "Book again: 1 guest the restore left out",
    );
    expect(
      restoreGapsHeading([gap({ id: 1, checkedInAgain: true }), decision("changed", { decidedAgain: true })]),
    ).toBe("Everyone the restore left out is checked in again");
    expect(restoreGapsHeading([decision("changed", { decidedAgain: true })])).toBe(
      "Every decision the restore undid is made again",
    );
  });

  it("ticks Change as the desk had changed it before the restore, until that Change is made again", () => {
    const item = (offer: { status: string; finalAddonIds: number[] } | null, undoneByRestore: unknown = null) =>
      ({ offer, undoneByRestore }) as unknown as QueueItem;
    const accepted = { status: "accepted", finalAddonIds: [1] };
    // As the add-ons stand: the guest's face massage; none once voided.
    expect(changeTicks(item(accepted))).toEqual([1]);
    expect(changeTicks(item({ status: "voided", finalAddonIds: [] }))).toEqual([]);
    expect(changeTicks(item(null))).toEqual([]);
    // The desk had changed it to the scalp massage: Change opens ticked so, and says why.
    const changed = item(accepted, { ...undone("changed", ["Scalp massage"]), addonIds: [2] });
    expect(changeTicks(changed)).toEqual([2]);
    expect(ticksUndoneChange(changed, [2])).toBe(true);
    expect(ticksUndoneChange(changed, [1, 2])).toBe(false);
    expect(undoneChangeHint("10:35 AM")).toBe(
      "As the desk had changed the add-ons at 10:35 AM, before the restore undid it.",
    );
    // A void or a confirmation the restore undid ticks nothing new: Void fills in the reason, Confirm is one tap.
    expect(changeTicks(item(accepted, undone("voided", [], "Guest changed their mind")))).toEqual([1]);
    expect(ticksUndoneChange(item(accepted, undone("confirmed", ["Face massage"])), [1])).toBe(false);
  });
});
