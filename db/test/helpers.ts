import type { Model } from "../model";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach } from "vitest";
import { openDatabase, type DB } from "../open";
import { seedDemo } from "../demo/seed-demo";
import type { Clock } from "../time";

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

export function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "happyhead-test-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A clock tests can move. */
export function fixedClock(iso: string): Clock & { set(iso: string): void; advance(minutes: number): void } {
  let now = new Date(iso);
  return {
    now: () => new Date(now),
    set: (v) => (now = new Date(v)),
    advance: (m) => (now = new Date(now.getTime() + m * 60_000)),
  };
}

export function openTemp(): { db: DB; file: string } {
  const file = path.join(tempDir(), "test.sqlite3");
  const db = openDatabase(file);
  cleanups.push(() => db.open && db.close());
  return { db, file };
}

/** A demo spa at a fixed moment: Wed 25 Nov 2026, 10:07 in Los Angeles. */
export async function demoModel(iso = "2026-11-25T18:07:00.000Z"): Promise<Model & { clock: ReturnType<typeof fixedClock> }> {
  const { db } = openTemp();
  const clock = fixedClock(iso);
  await seedDemo(db, clock);
  return { db, clock };
}
