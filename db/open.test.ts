import path from "node:path";
import { describe, expect, it } from "vitest";
import { NewerDatabaseError } from "./errors";
import { LATEST_VERSION, migrations } from "./migrations";
import { BUSY_TIMEOUT_MS, connect, migrate, openDatabase } from "./open";
import { tempDir } from "./test/helpers";

describe("opening the database", () => {
  it("sets WAL, synchronous=FULL, foreign keys, secure_delete and a short busy timeout on every open, including a reopen", () => {
    const file = path.join(tempDir(), "a.sqlite3");
    for (let i = 0; i < 2; i++) {
      const db = openDatabase(file);
      expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
      expect(db.pragma("synchronous", { simple: true })).toBe(2);
      expect(db.pragma("foreign_keys", { simple: true })).toBe(1);
      expect(db.pragma("busy_timeout", { simple: true })).toBe(BUSY_TIMEOUT_MS);
      expect(BUSY_TIMEOUT_MS).toBeLessThanOrEqual(250);
      expect(db.pragma("secure_delete", { simple: true })).toBe(1);
      db.close();
    }
    // SQLite keeps neither setting in the file: a connection that turns them off leaves nothing
    // behind, and the next open (any connect) has them back.
    const off = connect(file);
    off.pragma("synchronous = OFF");
    off.pragma("foreign_keys = OFF");
    off.close();
    const again = connect(file, { readonly: true });
    expect(again.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(again.pragma("busy_timeout", { simple: true })).toBe(5000);
    again.close();
    const writable = connect(file);
    expect(writable.pragma("synchronous", { simple: true })).toBe(2);
    writable.close();
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
    const broken = [
      ...migrations,
      { version: next, name: "ok", sql: "CREATE TABLE extra (x INTEGER)" },
      { version: next + 1, name: "bad", sql: "CREATE TABLE nope (" },
    ];
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
