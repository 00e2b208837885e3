import { closeSync, openSync, writeSync } from "node:fs";
import path from "node:path";
import { openDatabase } from "../../db/open";

/** Test helper (not shipped): database files for the startup tests, healthy or damaged. */

/** A current-schema database with a few hundred KB of rows, in `dir`. */
export function healthyDb(dir: string): string {
  const file = path.join(dir, "happyhead.sqlite3");
  const db = openDatabase(file);
  db.exec("CREATE TABLE filler (x TEXT)");
  const ins = db.prepare("INSERT INTO filler VALUES (?)");
  db.transaction(() => {
    for (let i = 0; i < 2000; i++) ins.run("x".repeat(200));
  })();
  db.close();
  return file;
}

/** Overwrites a few pages in the middle of the file, as a failing disk would. */
export function damage(file: string): void {
  const fd = openSync(file, "r+");
  writeSync(fd, Buffer.alloc(4096 * 3, 0xa5), 0, 4096 * 3, 4096 * 20);
  closeSync(fd);
}
