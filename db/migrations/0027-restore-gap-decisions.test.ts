import { describe, expect, it } from "vitest";
import { upgradedWithRestoreGap } from "../test/upgrade";
import { LATEST_VERSION } from "./index";

describe("0027: the restore's list names the desk's decisions it took back", () => {
  it("upgrading a version-26 database keeps its list's rows as left-out check-ins, and takes a decision's time only beside a decision", async () => {
    const { db, booking } = await upgradedWithRestoreGap(26, { offer_status: "confirmed" });
    expect(db.pragma("user_version", { simple: true })).toBe(LATEST_VERSION);
    expect(db.prepare("SELECT addons, offer_status, decided_at FROM restore_gaps").all()).toEqual([
      { addons: '["face"]', offer_status: "confirmed", decided_at: null },
    ]);
    const set = db.prepare("UPDATE restore_gaps SET offer_status = ?, decided_at = ?");
    set.run("voided", "2026-12-06T15:55:00.000Z");
    set.run("changed", "2026-12-06T15:55:00.000Z");
    // A decision is the desk's: a guest's own choice at the kiosk has no decision time.
    expect(() => set.run("accepted", "2026-12-06T15:55:00.000Z")).toThrow(/CHECK/);
    expect(() => set.run(null, "2026-12-06T15:55:00.000Z")).toThrow(/CHECK/);
    // What the restored data had decided is kept only beside a decision the restore undid.
    expect(() =>
      db.prepare("UPDATE restore_gaps SET decided_at = NULL, restored_decided_at = '2026-12-06T15:00:00.000Z'").run(),
    ).toThrow(/CHECK/);
    // The desk's queue finds each row's open decision by an index, not by reading the whole list per row.
    const plan = db
      .prepare(
        "EXPLAIN QUERY PLAN SELECT 1 FROM restore_gaps g WHERE g.appointment_id = ? AND g.decided_at IS NOT NULL AND g.dismissed_at IS NULL",
      )
      .all(booking) as { detail: string }[];
    expect(plan.map((p) => p.detail).join(" ")).toContain("restore_gaps_open_decisions");
    db.close();
  });
});
