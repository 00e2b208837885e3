import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync } from "node:fs";
import path from "node:path";
import { LATEST_VERSION, openDatabase } from "../db/open";
import { generateCheckIns } from "../db/test/generate";

/**
 * A year of a busy chain (`n` check-ins, db/test/generate.ts), generated once and kept under
 * /tmp (building 1M check-ins takes minutes), then copied into each bench's data folder.
 * BENCH_CHECKINS scales it down on a machine without the time or disk.
 */
export const BIG_CHECKINS = Number(process.env.BENCH_CHECKINS ?? 1_000_000);

const LAST_DAY = "2026-11-24";

/**
 * The generator's source, hashed: a cached year is rebuilt when the generator changes. (A year kept from before a
 * fix of the generator held 400,000 check-ins at "T24:50", which no date parses, and the export bench failed on it.)
 */
const GENERATOR = createHash("sha256")
  .update(readFileSync(path.join(__dirname, "../db/test/generate.ts")))
  .digest("hex")
  .slice(0, 8);

/** The generated year, as first built (at the schema version of the day it was built). */
function generated(n: number): string {
  const dir = path.join("/tmp", `happyhead-bench-year-${n}-g${GENERATOR}`);
  const file = path.join(dir, "happyhead.sqlite3");
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    const partial = `${file}.partial`;
    const { db } = generateCheckIns(partial, n, LAST_DAY);
    db.pragma("wal_checkpoint(TRUNCATE)");
    db.close();
    renameSync(partial, file);
  }
  return file;
}

/**
 * The year at this build's schema version: a copy of the generated file with every migration
 * applied, kept beside it per version. A bench then times the app's everyday start on a year of
 * data, not the one-off upgrade of a file generated before the latest migrations.
 */
export function bigFile(n = BIG_CHECKINS): { file: string; firstDay: string; lastDay: string } {
  const dir = path.join("/tmp", `happyhead-bench-year-${n}-g${GENERATOR}-v${LATEST_VERSION}`);
  const file = path.join(dir, "happyhead.sqlite3");
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    const partial = `${file}.partial-${process.pid}`;
    copyFileSync(generated(n), partial);
    const db = openDatabase(partial);
    db.pragma("wal_checkpoint(TRUNCATE)");
    db.close();
    renameSync(partial, file);
  }
  return { file, firstDay: "2025-11-25", lastDay: LAST_DAY };
}

/** A fresh copy of the big file as `<dataDir>/happyhead.sqlite3` (the app's name for it). */
export function copyBigFile(dataDir: string, n = BIG_CHECKINS): { firstDay: string; lastDay: string } {
  const { file, firstDay, lastDay } = bigFile(n);
  mkdirSync(dataDir, { recursive: true });
  copyFileSync(file, path.join(dataDir, "happyhead.sqlite3"));
  return { firstDay, lastDay };
}

if (process.argv[1]?.endsWith("big-file.ts")) console.log(bigFile().file);
