import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { LOG_FILE, log, logToFolder, rotatedName, stopFileLog } from "./log";

const dirs: string[] = [];
afterEach(() => {
  stopFileLog();
  vi.restoreAllMocks();
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});
const tempDir = () => {
  const d = mkdtempSync(path.join(tmpdir(), "happyhead-log-"));
  dirs.push(d);
  return d;
};

describe("log files in the data folder", () => {
  it("every line goes to the console and to logs/happyhead.log", () => {
    vi.spyOn(console, "log").mockImplementation(() => undefined);
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const dir = path.join(tempDir(), "logs");
    expect(logToFolder(dir)).toBe(true);
    log.info("app", { event: "started" });
    log.error("renderer", {
      event: "gone",
      reason: "crashed",
      error: new TypeError("a message that may quote a guest"),
    });
    const text = readFileSync(path.join(dir, LOG_FILE), "utf8");
    expect(text).toMatch(/ info \[app\] event=started\n/);
    expect(text).toMatch(/ error \[renderer\] event=gone reason=crashed error=TypeError\n/);
    expect(text).not.toContain("a message that may quote a guest");
  });

  it("rotates at the size limit and keeps a fixed number of old files", () => {
    vi.spyOn(console, "log").mockImplementation(() => undefined);
    const dir = tempDir();
    logToFolder(dir, { maxBytes: 2000, keep: 3 });
    for (let i = 0; i < 400; i++) log.info("test", { line: i });
    const files = readdirSync(dir).sort();
    expect(files).toEqual([LOG_FILE, rotatedName(1), rotatedName(2), rotatedName(3)].sort());
    for (const f of files) expect(statSync(path.join(dir, f)).size).toBeLessThanOrEqual(2000);
    // Newest in happyhead.log, the one before in .1, and nothing lost between them.
    const current = readFileSync(path.join(dir, LOG_FILE), "utf8").trim().split("\n");
    const previous = readFileSync(path.join(dir, rotatedName(1)), "utf8")
      .trim()
      .split("\n");
    expect(current.at(-1)).toMatch(/line=399$/);
    const first = Number(/line=(\d+)$/.exec(current[0]!)?.[1]);
    expect(previous.at(-1)).toMatch(new RegExp(`line=${first - 1}$`));
  });

  it("appends to an existing log after a restart, counting its size", () => {
    vi.spyOn(console, "log").mockImplementation(() => undefined);
    const dir = tempDir();
    logToFolder(dir, { maxBytes: 10_000 });
    log.info("first", {});
    logToFolder(dir, { maxBytes: 10_000 });
    log.info("second", {});
    expect(readFileSync(path.join(dir, LOG_FILE), "utf8").trim().split("\n")).toHaveLength(2);
  });

  it("a folder it can't create, or one that disappears, leaves the console log working and never throws", () => {
    vi.spyOn(console, "log").mockImplementation(() => undefined);
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const dir = tempDir();
    const file = path.join(dir, "a-file");
    writeFileSync(file, "");
    expect(logToFolder(path.join(file, "logs"))).toBe(false);
    expect(errors.mock.calls.at(-1)?.[0]).toMatch(/event=file-log-unavailable/);

    const gone = path.join(dir, "gone");
    expect(logToFolder(gone)).toBe(true);
    rmSync(gone, { recursive: true });
    expect(() => log.info("still", { ok: true })).not.toThrow();
    expect(errors.mock.calls.at(-1)?.[0]).toMatch(/event=file-log-stopped/);
    expect(existsSync(gone)).toBe(false);
  });
});
