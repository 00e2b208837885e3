import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { straceWorks, traceScript } from "../db/test/strace";

const N = 300;

/**
 * Durability at the physical limit: a kiosk check-in is acknowledged after exactly one flush of
 * the WAL (synchronous=FULL), and the checkpoints that move the WAL into the file add only a
 * little. Counted with strace over every thread of the app (the background worker's included).
 */
describe.skipIf(!straceWorks)("flushes per check-in (strace)", () => {
  it(`${N} kiosk check-ins through the dispatcher make at most 1.05 fsync/fdatasync calls each, checkpoints included, and look at the data file's path once each`, () => {
    const dir = mkdtempSync(path.join(tmpdir(), "happyhead-fsync-"));
    try {
      const { status, stderr, lines } = traceScript(
        dir,
        ["fsync", "fdatasync", "access", "faccessat", "faccessat2", "stat", "lstat", "newfstatat", "statx"],
        path.join(__dirname, "test-support", "fsync-child.ts"),
        [path.join(dir, "app"), String(N)],
      );
      expect(stderr).not.toMatch(/Error/);
      expect(status).toBe(0);
      const start = lines.findIndex((l) => l.includes("happyhead-fsync-start"));
      const end = lines.findIndex((l) => l.includes("happyhead-fsync-end"));
      expect(start).toBeGreaterThan(-1);
      expect(end).toBeGreaterThan(start);
      const flushes = lines.slice(start, end).filter((l) => /\b(fsync|fdatasync)\(/.test(l)).length;
      // Every acknowledged check-in was flushed, each by one fsync of the WAL. (A call that another
      // thread's — the checkpointing worker's — interrupts in the trace is printed "fsync(fd<…-wal> <unfinished ...>".)
      expect(lines.slice(start, end).filter((l) => /\bfsync\(\d+<[^>]*-wal>/.test(l)).length).toBeGreaterThanOrEqual(N);
      expect(flushes / N).toBeLessThanOrEqual(1.05);
      // Whether the path still names the file the app writes to (db/file-identity.ts): looked at before each
      // check-in's commit, and not again before its answer (it changed no row after that look).
      const looks = lines.slice(start, end).filter((l) => /stat\w*\([^)]*"[^"]*\/happyhead\.sqlite3"/.test(l)).length;
      expect(looks).toBeGreaterThanOrEqual(N);
      expect(looks / N).toBeLessThanOrEqual(1.05);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
