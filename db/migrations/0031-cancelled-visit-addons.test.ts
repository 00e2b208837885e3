import path from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../open";
import { fixedClock, tempDir } from "../test/helpers";
import { demoAtVersion } from "../test/upgrade";
import { LATEST_VERSION } from "./index";

describe("0031: a cancelled session's add-ons are voided", () => {
  it("upgrading a version-30 database voids the add-ons of sessions cancelled after check-in, and no other", async () => {
    const dir = tempDir();
    const file = path.join(dir, "v30.sqlite3");
    const { db: old } = await demoAtVersion(dir, file, 30, fixedClock("2026-11-25T18:07:00.000Z"));
    const taken = `SELECT o.appointment_id FROM offers o WHERE o.status IN ('confirmed', 'changed')
      AND EXISTS (SELECT 1 FROM offer_items i WHERE i.offer_id = o.id AND i.final_selected = 1) ORDER BY 1`;
    const [cancelled, kept] = old.prepare(taken).pluck().all() as number[];
    old.prepare("UPDATE appointments SET status = 'cancelled' WHERE id = ?").run(cancelled);
    old.close();

    const db = openDatabase(file);
    expect(db.pragma("user_version", { simple: true })).toBe(LATEST_VERSION);
    const offer = (id: number | undefined) =>
      db
        .prepare(
          `SELECT o.status, o.void_reason AS reason,
                  (SELECT count(*) FROM offer_items i WHERE i.offer_id = o.id AND i.final_selected = 1) AS final
           FROM offers o WHERE o.appointment_id = ?`,
        )
        .get(id);
    expect(offer(cancelled)).toEqual({ status: "voided", reason: "Appointment cancelled", final: 0 });
    expect(offer(kept)).toMatchObject({ status: expect.stringMatching(/^(confirmed|changed)$/), reason: null });
    db.close();
  });
});
