import { copyFileSync, existsSync, mkdirSync, renameSync } from "node:fs";
import path from "node:path";
import { generateCheckIns } from "../db/test/generate";

/**
 * A year of a busy chain (`n` check-ins, db/test/generate.ts), generated once and kept under
 * /tmp (building 1M check-ins takes minutes), then copied into each bench's data folder.
 * BENCH_CHECKINS scales it down on a machine without the time or disk.
 */
export const BIG_CHECKINS = Number(process.env.BENCH_CHECKINS ?? 1_000_000);

export function bigFile(n = BIG_CHECKINS): { file: string; firstDay: string; lastDay: string } {
  const dir = path.join("/tmp", `happyhead-bench-year-${n}`);
  const file = path.join(dir, "happyhead.sqlite3");
  const lastDay = "2026-11-24";
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    const partial = `${file}.partial`;
    const { db } = generateCheckIns(partial, n, lastDay);
    db.pragma("wal_checkpoint(TRUNCATE)");
    db.close();
    renameSync(partial, file);
  }
  return { file, firstDay: "2025-11-25", lastDay };
}

/** A fresh copy of the big file as `<dataDir>/happyhead.sqlite3` (the app's name for it). */
export function copyBigFile(dataDir: string, n = BIG_CHECKINS): { firstDay: string; lastDay: string } {
  const { file, firstDay, lastDay } = bigFile(n);
  mkdirSync(dataDir, { recursive: true });
  copyFileSync(file, path.join(dataDir, "happyhead.sqlite3"));
  return { firstDay, lastDay };
}

if (process.argv[1]?.endsWith("big-file.ts")) console.log(bigFile().file);
