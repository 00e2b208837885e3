import { describe, expect, it } from "vitest";
import { appendAudit, verifyAuditChain } from "./audit";
import { fixedClock, openTemp } from "./test/helpers";

describe("audit log", () => {
  it("is append-only and its hash chain reveals an edited row", () => {
    const { db } = openTemp();
    const clock = fixedClock("2026-11-25T18:00:00.000Z");
    for (let i = 0; i < 3; i++)
      appendAudit(db, clock, { kind: "system" }, { action: "x", entity: "e", entityId: i, after: { i } });
    expect(verifyAuditChain(db)).toEqual({ ok: true, rows: 3 });
    expect(() => db.prepare("UPDATE audit_log SET action = 'y' WHERE id = 2").run()).toThrow(/append-only/);
    expect(() => db.prepare("DELETE FROM audit_log WHERE id = 2").run()).toThrow(/append-only/);
    db.exec("DROP TRIGGER audit_log_no_update");
    db.prepare("UPDATE audit_log SET after_json = '{\"i\":9}' WHERE id = 2").run();
    expect(verifyAuditChain(db)).toMatchObject({ ok: false, firstBadId: 2, problem: "this row was edited" });
  });
});
