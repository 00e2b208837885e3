import { describe, expect, it } from "vitest";
import { upgradedWithRestoreGap } from "../test/upgrade";
import { LATEST_VERSION } from "./index";

describe("0026: the restore's list carries each arrival whole", () => {
  it("upgrading a version-25 database keeps its list's rows, each with no language, offer or answers, and takes them after", async () => {
    const { db } = await upgradedWithRestoreGap(25);
    expect(db.pragma("user_version", { simple: true })).toBe(LATEST_VERSION);
    expect(db.prepare("SELECT addons, lang, offer_status, screening FROM restore_gaps").all()).toEqual([
      { addons: '["face"]', lang: null, offer_status: null, screening: "[]" },
    ]);
    const set = db.prepare("UPDATE restore_gaps SET lang = ?, offer_status = ?, screening = ?");
    set.run("es", "accepted", '[{"code":"face","version":1,"answers":["no","no","yes"]}]');
    // A language code's shape, an offer's statuses and a JSON array, as check-ins, offers and answers have them.
    expect(() => set.run("spanish", "accepted", "[]")).toThrow(/CHECK/);
    expect(() => set.run("es", "haggled", "[]")).toThrow(/CHECK/);
    expect(() => set.run("es", "accepted", '{"face":["yes"]}')).toThrow(/CHECK/);
    db.close();
  });
});
