import { describe, expect, it } from "vitest";
import { walkInNameSchema } from "../../contract/channels";
import { markWalkInSeen, registerWalkIn, waitingWalkIns } from "./walk-ins";
import { saveSettings } from "../settings";
import { verifyAuditChain } from "../audit";
import { demoModel, receptionist } from "../test/helpers";

describe("walk-ins", () => {
  it("are refused when the spa does not take walk-ins", async () => {
    const m = await demoModel();
    expect(() => registerWalkIn(m, { firstName: "Sam", lang: "en" })).toThrow(/front desk/);
  });

  it("leave a first name once (a double tap is one entry), wait on the desk's list, and leave it when seen", async () => {
    const m = await demoModel();
    saveSettings(m.db, { walkInsAllowed: true });
    const first = registerWalkIn(m, { firstName: "Sam", lang: "es" });
    const second = registerWalkIn(m, { firstName: "sam", lang: "es" });
    expect(first.created).toBe(true);
    expect(second).toMatchObject({ created: false, walkIn: { walkInId: first.walkIn.walkInId } });
    m.clock.advance(3);
    registerWalkIn(m, { firstName: "Sam", lang: "en" }); // a different Sam, minutes later
    expect(waitingWalkIns(m).map((w) => [w.firstName, w.lang])).toEqual([
      ["Sam", "es"],
      ["Sam", "en"],
    ]);
    markWalkInSeen(m, receptionist(m), first.walkIn.walkInId);
    markWalkInSeen(m, receptionist(m), first.walkIn.walkInId);
    expect(waitingWalkIns(m)).toHaveLength(1);
    const audit = m.db.prepare("SELECT after_json FROM audit_log WHERE action LIKE 'walk_in.%'").all() as {
      after_json: string | null;
    }[];
    expect(audit).toHaveLength(3);
    expect(JSON.stringify(audit)).not.toContain("Sam");
    expect(verifyAuditChain(m.db).ok).toBe(true);
  });

  it("marked seen by mistake, go back on the list (Undo); once booked in, they stay off it", async () => {
    const m = await demoModel();
    saveSettings(m.db, { walkInsAllowed: true });
    const { walkIn: sam } = registerWalkIn(m, { firstName: "Sam", lang: "es" });
    markWalkInSeen(m, receptionist(m), sam.walkInId);
    expect(waitingWalkIns(m)).toEqual([]);
    markWalkInSeen(m, receptionist(m), sam.walkInId, false);
    markWalkInSeen(m, receptionist(m), sam.walkInId, false); // twice is harmless
    expect(waitingWalkIns(m)).toEqual([sam]);
    m.db
      .prepare("UPDATE walk_ins SET appointment_id = (SELECT min(id) FROM appointments), seen_at = ? WHERE id = ?")
      .run(m.clock.now().toISOString(), sam.walkInId);
    expect(() => markWalkInSeen(m, receptionist(m), sam.walkInId, false)).toThrow(
      "Sam has been booked in since, so stays off the list.",
    );
    expect(waitingWalkIns(m)).toEqual([]);
    const actions = m.db.prepare("SELECT action FROM audit_log WHERE entity = 'walk_in' ORDER BY id").pluck().all();
    expect(actions).toEqual(["walk_in.create", "walk_in.seen", "walk_in.waiting"]);
  });

  it("take letters only, in any script, as a first name", () => {
    expect(walkInNameSchema.safeParse("José-Luis").success).toBe(true);
    expect(walkInNameSchema.safeParse("李").success).toBe(true);
    expect(walkInNameSchema.safeParse("😀").error?.issues[0]?.message).toBe("Please use letters only.");
    expect(walkInNameSchema.safeParse("   ").error?.issues[0]?.message).toBe("Please type your first name.");
    expect(walkInNameSchema.safeParse("a".repeat(31)).error?.issues[0]?.message).toMatch(/under 30/);
  });
});
