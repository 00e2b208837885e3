import { closeSync, fstatSync, openSync, writeSync } from "node:fs";
import path from "node:path";
import { openDatabase } from "../../db/open";

/** Test helper (not shipped): database files for the startup tests, healthy or damaged. */

/** A current-schema database with a few hundred KB of rows, in `dir`. */
export function healthyDb(dir: string): string {
  const file = path.join(dir, "happyhead.sqlite3");
  addFiller(file);
  return file;
}

/**
 * Adds a table the app never reads, a few hundred KB of rows at the end of the file: damage there
 * (`damageEnd`) is found by the quick check, not by opening the app.
 */
export function addFiller(file: string): void {
  const db = openDatabase(file);
  db.exec("CREATE TABLE filler (x TEXT)");
  const ins = db.prepare("INSERT INTO filler VALUES (?)");
  db.transaction(() => {
    for (let i = 0; i < 2000; i++) ins.run("x".repeat(200));
  })();
  db.close();
}

/** Overwrites a few pages in the middle of the file, as a failing disk would. */
export function damage(file: string): void {
  const fd = openSync(file, "r+");
  writeSync(fd, Buffer.alloc(4096 * 3, 0xa5), 0, 4096 * 3, 4096 * 20);
  closeSync(fd);
}

/** Overwrites a few pages near the end of the file: the rows of the table written last (`addFiller`). */
export function damageEnd(file: string): void {
  const fd = openSync(file, "r+");
  const pages = Math.floor(fstatSync(fd).size / 4096);
  writeSync(fd, Buffer.alloc(4096 * 3, 0xa5), 0, 4096 * 3, 4096 * (pages - 10));
  closeSync(fd);
}

/** An open app as startup sees it (./startup/controller.ts StartedApp): its close, and what staff were told. */
export function fakeApp(name = "core") {
  const app = {
    name,
    closed: 0,
    staffTold: [] as string[],
    /** The files a restore from the recovery screen replaced, as the app was told of them once open. */
    restoredOver: [] as string[],
    close: () => {
      app.closed++;
      return Promise.resolve();
    },
    maintenance: {
      noteStartCheck: (message: string) => void app.staffTold.push(message),
      noteRestoredOver: (safetyBackup: string) => {
        app.restoredOver.push(safetyBackup);
        return Promise.resolve({ leftOut: 0, undone: 0 });
      },
    },
  };
  return app;
}
