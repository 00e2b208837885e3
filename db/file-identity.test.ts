import { copyFileSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DatabaseFileLost } from "./errors";
import { databaseFileChange, verifyBeforeCommit } from "./file-identity";
import { openDatabase } from "./open";
import { tempDir } from "./test/helpers";

/** A database of its own with one table, its writes looked at before every commit, as the app's main connection. */
function watchedDb() {
  const file = path.join(tempDir(), "spa.sqlite3");
  const db = verifyBeforeCommit(openDatabase(file));
  db.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)");
  const insert = db.prepare("INSERT INTO notes (text) VALUES (?)");
  const count = () => db.prepare("SELECT count(*) FROM notes").pluck().get() as number;
  return { file, db, insert, count };
}

const loseFile = (file: string, how: "deleted" | "replaced") => {
  if (how === "deleted") for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
  else {
    // Another program (a sync tool, a person "restoring" by hand) puts an older copy in its place.
    copyFileSync(file, `${file}.other`);
    renameSync(`${file}.other`, file);
  }
};

describe("writes never committed into a lost data file", () => {
  it.each(["deleted", "replaced"] as const)(
    "a transaction whose file was %s before its commit is rolled back whole, nested ones with it",
    (how) => {
      const { file, db, insert, count } = watchedDb();
      db.transaction(() => insert.run("kept"))();
      expect(() =>
        db
          .transaction(() => {
            insert.run("first");
            db.transaction(() => insert.run("nested"))();
            loseFile(file, how); // while the transaction is open: another program at work
            insert.run("last");
          })
          .immediate(),
      ).toThrow(new DatabaseFileLost(how));
      // What the connection still holds (what a rescued backup copies): only the committed row.
      expect(count()).toBe(1);
      // From then on every transaction is refused, and the connection knows why without looking again.
      expect(() => db.transaction(() => insert.run("later"))()).toThrow(DatabaseFileLost);
      expect(databaseFileChange(db, 60_000)).toBe(how);
      expect(count()).toBe(1);
      db.close();
    },
  );

  it("after a call, the path is looked at when a row changed outside a transaction, or when the last look is too old; a call that changed nothing is answered on what is known", () => {
    const { file, db, insert } = watchedDb();
    db.transaction(() => insert.run("kept"))(); // looked at before its commit
    loseFile(file, "deleted");
    // Nothing changed since that look: within maxAgeMs nothing is looked at; at 0, the loss is found.
    expect(databaseFileChange(db, 60_000)).toBeNull();
    const { db: db2, file: file2, insert: insert2 } = watchedDb();
    db2.transaction(() => insert2.run("kept"))();
    loseFile(file2, "deleted");
    insert2.run("outside any transaction"); // autocommitted: no look before it
    expect(databaseFileChange(db2, 60_000)).toBe("deleted");
    expect(databaseFileChange(db, 0)).toBe("deleted");
    db.close();
    db2.close();
  });

  it("a file still in place is never reported lost, however its writes are made", () => {
    const { db, insert, count } = watchedDb();
    for (let i = 0; i < 50; i++) {
      if (i % 3 === 0) insert.run(`autocommit ${i}`);
      else db.transaction(() => db.transaction(() => insert.run(`nested ${i}`))())[i % 2 ? "immediate" : "deferred"]();
      expect(databaseFileChange(db, i % 2 ? 0 : 60_000)).toBeNull();
    }
    expect(count()).toBe(50);
    db.close();
  });
});
