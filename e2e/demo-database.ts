import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { demoClock } from "../db/demo/clock";
import { seedDemo } from "../db/demo/seed-demo";
import { modelOf } from "../db/model";
import { openDatabase } from "../db/open";
import { getSettings } from "../db/settings";
import { createAppCore, type AppCore, type AppCoreOptions } from "../electron/core";

/**
 * The demo spa for a test, without seeding it again for each one. Seeding (four weeks of history through the
 * domain operations, two scrypt PIN hashes) takes about a second; copying the database file a worker seeded a
 * moment ago takes a few milliseconds, and `createAppCore` then opens it as an existing spa (it seeds only a
 * new file). The copy is the database `createAppCore({ seed: "demo" })` seeds: the same migrations, the same
 * seed on the same demo clock, the file as it stands after the seed's commit, before the core's own upkeep.
 *
 * What the seed writes depends on the demo clock's time (today's book around "now", who has already been
 * seen to, the rows' times), so a copy is taken only within the minute its seed read on that clock; a worker
 * seeds again in the next one. Outside the spa's day the demo clock is the morning clock, which reads 10:00
 * as each core opens, so then one seed serves every test of the day.
 */
let template: { minute: number; file: string } | null = null;

process.once("exit", () => {
  if (template) rmSync(path.dirname(template.file), { recursive: true, force: true });
});

const FILE = "happyhead.sqlite3";
const minuteOf = (date: Date) => Math.floor(date.getTime() / 60_000);

async function seededFile(): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), "happyhead-e2e-demo-"));
  const file = path.join(dir, FILE);
  // As createAppCore opens and seeds a new file (electron/core.ts), without what its upkeep writes afterwards.
  const db = openDatabase(file, { checkpoints: "background" });
  const clock = demoClock(getSettings(db).timeZone);
  const minute = minuteOf(clock.now());
  try {
    await seedDemo(modelOf(db, clock));
  } finally {
    // The last connection's close moves the WAL into the file: one file holds the whole spa.
    db.close();
  }
  if (template) rmSync(path.dirname(template.file), { recursive: true, force: true });
  template = { minute, file };
  return file;
}

/** `createAppCore({ ...options, seed: "demo" })` on `options.dataDir`, which must not hold a database yet. */
export async function demoCore(options: Omit<AppCoreOptions, "seed">): Promise<AppCore> {
  const file = template && minuteOf(demoClock().now()) === template.minute ? template.file : await seededFile();
  mkdirSync(options.dataDir, { recursive: true });
  copyFileSync(file, path.join(options.dataDir, FILE));
  return createAppCore({ ...options, seed: "demo" });
}
