import { describe, expect, it } from "vitest";
import type { RestoreGap } from "../../../contract/channels";
import { decideAgain, decidedWhat, restoreGapsHeading, undoneInQueue } from "./restoreGapsText";

const gap = (over: Partial<RestoreGap>): RestoreGap => ({
  id: 1,
  restoredAt: "2026-12-06T16:00:00.000Z",
  appointmentId: 7,
  bookingCode: "QX7Z2K",
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
const decision = (status: "confirmed" | "changed" | "voided", over: Partial<RestoreGap> = {}) =>
  gap({ checkedInAgain: true, decision: { status, at: "2026-12-06T15:30:00.000Z" }, ...over });

describe("the restore's list, in words", () => {
  it("says what the desk had decided, and that it is to be done again in the queue", () => {
    expect(decidedWhat("confirmed", ["Face massage", "Scalp massage"])).toBe(
      "confirmed Face massage and Scalp massage",
    );
    expect(decidedWhat("confirmed", [])).toBe("confirmed no add-on");
    expect(decidedWhat("changed", ["Scalp massage"])).toBe("changed the add-on to Scalp massage");
    expect(decidedWhat("changed", [])).toBe("took the add-on off");
    expect(decidedWhat("voided", [])).toBe("voided the add-on");
    expect(decideAgain("voided")).toBe("Undone by the restore: void it again in the queue.");
    expect(decideAgain("confirmed")).toBe("Undone by the restore: confirm it again in the queue.");
    expect(decideAgain("changed")).toBe("Undone by the restore: change it again in the queue.");
    // On the queue row, where the add-on shows as it stood before the decision.
    expect(undoneInQueue("voided", "10:40 AM")).toBe(
      "Undone by the restore: the desk had voided this add-on at 10:40 AM. Void it again.",
    );
    expect(undoneInQueue("confirmed", "10:32 AM")).toBe(
      "Undone by the restore: the desk had confirmed it at 10:32 AM. Confirm it again.",
    );
    expect(undoneInQueue("changed", "10:35 AM")).toBe(
      "Undone by the restore: the desk had changed it at 10:35 AM. Change it again.",
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
});
