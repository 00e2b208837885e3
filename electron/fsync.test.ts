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

/**
 * A check-in's one flush is its own: the first commit into a WAL that starts over flushes its header too, and a
 * connection's first commit the data folder, and those are paid where no guest waits for them (startWal,
 * db/maintenance/checkpoint.ts): by the main connection as it opens, and by the worker after its checkpoints. Counted
 * per thread: the main thread's flushes between each check-in's two marks.
 */
describe.skipIf(!straceWorks)("the main thread's flushes per check-in (strace)", () => {
  it("a check-in flushes once on the main thread: the first after the app opened, and the first after a TRUNCATE or a PASSIVE checkpoint too; the open pays the rest before the kiosk shows", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "happyhead-wal-start-"));
    try {
      const { status, stderr, lines } = traceScript(
        dir,
        ["fsync", "fdatasync", "access"],
        path.join(__dirname, "test-support", "wal-start-child.ts"),
        [path.join(dir, "app")],
      );
      expect(stderr).not.toMatch(/Error/);
      expect(status).toBe(0);
      const marks = lines
        .map((line, at) => ({ at, m: /^(\d+)\s+access\("\/nonexistent-happyhead-wal-start-([\w-]+)"/.exec(line) }))
        .filter((x) => x.m !== null);
      const main = marks[0]?.m?.[1];
      expect(main).toBeDefined();
      /** The main thread's flushes from the mark `name` to the next mark. */
      const mainFlushes = (name: string) => {
        const i = marks.findIndex((x) => x.m?.[2] === name);
        expect(i).toBeGreaterThan(-1);
        return lines
          .slice(marks[i]?.at, marks[i + 1]?.at)
          .filter((l) => l.startsWith(`${main} `) && /\b(fsync|fdatasync)\(/.test(l)).length;
      };
      for (const checkIn of ["first", "second", "after-truncate", "next", "after-passive"])
        expect({ checkIn, flushes: mainFlushes(`check-in-${checkIn}`) }).toEqual({ checkIn, flushes: 1 });
      // Opening paid for the folder and the WAL's new header, with its own commit.
      expect(mainFlushes("open")).toBeGreaterThanOrEqual(3);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
