import { describe, expect, it } from "vitest";
import { upgradedWithRestoreGap } from "../test/upgrade";
import { LATEST_VERSION } from "./index";

describe("0028: a void the restore undid keeps its reason", () => {
  it("upgrading a version-27 database keeps its list's decisions without a reason, and takes one only beside a void", async () => {
    const { db } = await upgradedWithRestoreGap(27, {
      addons: "[]",
      offer_status: "voided",
      decided_at: "2026-12-06T15:55:00.000Z",
    });
    expect(db.pragma("user_version", { simple: true })).toBe(LATEST_VERSION);
    expect(db.prepare("SELECT offer_status, decided_at, void_reason FROM restore_gaps").all()).toEqual([
      { offer_status: "voided", decided_at: "2026-12-06T15:55:00.000Z", void_reason: null },
    ]);
    db.prepare("UPDATE restore_gaps SET void_reason = 'Guest changed their mind'").run();
    // A reason is a void's: not a confirmation's, nor a left-out check-in's.
    expect(() => db.prepare("UPDATE restore_gaps SET offer_status = 'confirmed'").run()).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE restore_gaps SET decided_at = NULL").run()).toThrow(/CHECK/);
    db.close();
  });
});
