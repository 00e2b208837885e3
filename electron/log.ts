import { appendFileSync, mkdirSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";

/**
 * The app's log. It takes an area, a few named facts and, for failures, the error's name and
 * stack — never a payload, a guest's name or phone, or a PIN. Error messages are left out too,
 * because SQLite constraint messages can quote values.
 *
 * Every line goes to the console and, once `logToFolder` is called (the Electron app does, with
 * `<data folder>/logs`), to `happyhead.log` there, rotated at 1 MB into `happyhead.1.log` …
 * `happyhead.4.log` (a packaged Windows app has no console to read).
 */
/** Named facts: ids, counts, codes and `error` (written as its name and stack only). */
type Facts = Record<string, unknown>;

function describe(error: unknown): string {
  if (!(error instanceof Error)) return typeof error;
  const frames = (error.stack ?? "")
    .split("\n")
    .filter((l) => l.trim().startsWith("at "))
    .slice(0, 6);
  return [error.name, ...frames].join("\n");
}

function line(level: string, area: string, facts: Facts): string {
  const parts = Object.entries(facts).map(([k, v]) => `${k}=${k === "error" ? describe(v) : String(v)}`);
  return `${new Date().toISOString()} ${level} [${area}] ${parts.join(" ")}`;
}

export const LOG_FILE = "happyhead.log";
export const LOG_MAX_BYTES = 1024 * 1024;
export const LOG_KEEP = 4;

/** `happyhead.log` → `happyhead.N.log`. */
export const rotatedName = (n: number) => LOG_FILE.replace(/\.log$/, `.${n}.log`);

interface FileSink {
  file: string;
  size: number;
  maxBytes: number;
  keep: number;
}
let sink: FileSink | null = null;

/** Shifts happyhead.log → .1 → .2 …, dropping the oldest beyond `keep`. */
function rotate(s: FileSink): void {
  const dir = path.dirname(s.file);
  rmSync(path.join(dir, rotatedName(s.keep)), { force: true });
  for (let n = s.keep - 1; n >= 1; n--) {
    try {
      renameSync(path.join(dir, rotatedName(n)), path.join(dir, rotatedName(n + 1)));
    } catch {
      // Not there yet.
    }
  }
  renameSync(s.file, path.join(dir, rotatedName(1)));
  s.size = 0;
}

function toFile(text: string): void {
  if (!sink) return;
  const bytes = Buffer.byteLength(text) + 1;
  try {
    if (sink.size > 0 && sink.size + bytes > sink.maxBytes) rotate(sink);
    appendFileSync(sink.file, `${text}\n`);
    sink.size += bytes;
  } catch (error) {
    // A full or read-only disk must not take the app down: keep logging to the console.
    sink = null;
    console.error(line("error", "log", { event: "file-log-stopped", error }));
  }
}

/** Also writes the log to files in `dir` from now on (created if missing). Returns false when it can't. */
export function logToFolder(dir: string, opts: { maxBytes?: number; keep?: number } = {}): boolean {
  const file = path.join(dir, LOG_FILE);
  try {
    mkdirSync(dir, { recursive: true });
    let size = 0;
    try {
      size = statSync(file).size;
    } catch {
      // A new log.
    }
    sink = { file, size, maxBytes: opts.maxBytes ?? LOG_MAX_BYTES, keep: opts.keep ?? LOG_KEEP };
    return true;
  } catch (error) {
    sink = null;
    console.error(line("error", "log", { event: "file-log-unavailable", error }));
    return false;
  }
}

/** Stops writing files (tests; the app logs to its folder until it exits). */
export function stopFileLog(): void {
  sink = null;
}

export const log = {
  info: (area: string, facts: Facts = {}) => {
    const text = line("info", area, facts);
    console.log(text);
    toFile(text);
  },
  error: (area: string, facts: Facts = {}) => {
    const text = line("error", area, facts);
    console.error(text);
    toFile(text);
  },
};
