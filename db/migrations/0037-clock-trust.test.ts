import path from "node:path";
import { describe, expect, it } from "vitest";
import { clockTrust, erasingNow } from "../maintenance/clock-trust";
import { modelOf } from "../model";
import { openDatabase } from "../open";
import { fixedClock, tempDir } from "../test/helpers";
import { demoAtVersion } from "../test/upgrade";
import { LATEST_VERSION } from "./index";

describe("0037: how far erasing by date believes the clock", () => {
  it("upgrading a version-36 database believes the clock up to the newest audit row's time, the file's last use", async () => {
    const dir = tempDir();
    const file = path.join(dir, "v36.sqlite3");
    const seededAt = "2026-11-25T18:07:00.000Z";
    const { db: old } = await demoAtVersion(dir, file, 36, fixedClock(seededAt));
    const newest = old.prepare("SELECT at FROM audit_log ORDER BY id DESC LIMIT 1").pluck().get() as string;
    old.close();

    const db = openDatabase(file);
    expect(db.pragma("user_version", { simple: true })).toBe(LATEST_VERSION);
    expect(db.prepare("SELECT trusted_at FROM clock_trust").pluck().all()).toEqual([newest]);
    // Opened the next morning: believed. Opened with the clock a year ahead: erasing stays at the last use.
    expect(clockTrust(modelOf(db, fixedClock("2026-11-26T09:00:00.000Z")))).toEqual({ state: "ok" });
    const yearOn = modelOf(db, fixedClock("2027-11-26T09:00:00.000Z"));
    expect(clockTrust(yearOn)).toMatchObject({ state: "ahead", trustedAt: newest, days: 365 });
    expect(erasingNow(yearOn).toISOString()).toBe(newest);
    db.close();
  });

  it("a file never written believes its first reading", () => {
    const db = openDatabase(path.join(tempDir(), "new.sqlite3"));
    expect(db.prepare("SELECT trusted_at FROM clock_trust").pluck().all()).toEqual([null]);
    const m = modelOf(db, fixedClock("2031-01-01T00:00:00.000Z"));
    expect(clockTrust(m)).toEqual({ state: "ok" });
    expect(erasingNow(m).toISOString()).toBe("2031-01-01T00:00:00.000Z");
    db.close();
  });
});
