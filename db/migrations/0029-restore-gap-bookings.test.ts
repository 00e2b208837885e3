import { describe, expect, it } from "vitest";
import { upgradedWithRestoreGap } from "../test/upgrade";
import { LATEST_VERSION } from "./index";

describe("0029: a booking made after the backup comes back by import", () => {
  it("upgrading a version-28 database keeps its list's rows without a booking system ID, and takes one no longer than an import does", async () => {
    const { db } = await upgradedWithRestoreGap(28, { addons: "[]" });
    expect(db.pragma("user_version", { simple: true })).toBe(LATEST_VERSION);
    expect(db.prepare("SELECT external_id FROM restore_gaps").pluck().all()).toEqual([null]);
    db.prepare("UPDATE restore_gaps SET external_id = ?").run("X".repeat(64));
    expect(() => db.prepare("UPDATE restore_gaps SET external_id = ?").run("X".repeat(65))).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE restore_gaps SET external_id = ''").run()).toThrow(/CHECK/);
    db.close();
  });
});
