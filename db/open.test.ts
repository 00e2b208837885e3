import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { NewerDatabaseError } from "./errors";
import { LATEST_VERSION, migrations } from "./migrations";
import { migrate, openDatabase } from "./open";
import { tempDir } from "./test/helpers";

describe("opening the database", () => {
  it("sets WAL, synchronous=FULL, foreign keys and a busy timeout on every open, including a reopen", () => {
    const file = path.join(tempDir(), "a.sqlite3");
    for (let i = 0; i < 2; i++) {
      const db = openDatabase(file);
      expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
      expect(db.pragma("synchronous", { simple: true })).toBe(2);
      expect(db.pragma("foreign_keys", { simple: true })).toBe(1);
      expect(db.pragma("busy_timeout", { simple: true })).toBe(5000);
      db.close();
    }
    // A bare reopen without our pragmas falls back to NORMAL: that is why openDatabase sets them.
    const bare = new Database(file);
    expect(bare.pragma("synchronous", { simple: true })).not.toBe(2);
    bare.close();
  });

  it("applies migrations once and records user_version", () => {
    const file = path.join(tempDir(), "b.sqlite3");
    const db = openDatabase(file);
    expect(db.pragma("user_version", { simple: true })).toBe(LATEST_VERSION);
    expect(migrate(db)).toBe(LATEST_VERSION);
    db.close();
  });

  it("applies all pending migrations in one transaction: a failing one leaves the file as it was", () => {
    const file = path.join(tempDir(), "c.sqlite3");
    openDatabase(file).close();
    const next = LATEST_VERSION + 1;
    const broken = [...migrations, { version: next, name: "ok", sql: "CREATE TABLE extra (x INTEGER)" }, { version: next + 1, name: "bad", sql: "CREATE TABLE nope (" }];
    expect(() => openDatabase(file, { migrations: broken })).toThrow();
    const db = openDatabase(file);
    expect(db.pragma("user_version", { simple: true })).toBe(LATEST_VERSION);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'extra'").get()).toBeUndefined();
    db.close();
  });

  it("refuses a database written by a newer version, with a message that says what to do", () => {
    const file = path.join(tempDir(), "d.sqlite3");
    const db = openDatabase(file);
    db.pragma("user_version = 99");
    db.close();
    expect(() => openDatabase(file)).toThrow(NewerDatabaseError);
    expect(() => openDatabase(file)).toThrow(/newer version of Happy Head.*Install the newer version/);
  });
});
