import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

/**
 * strace is installed AND allowed to trace: a container without ptrace rights has the tool but
 * cannot attach ("PTRACE_TRACEME: Operation not permitted"); there the tests that count system
 * calls cannot run and say so.
 */
export const straceWorks =
  process.platform === "linux" &&
  spawnSync("strace", ["-f", "-qq", "-e", "trace=fsync", "-o", "/dev/null", "true"]).status === 0;

/**
 * Runs a TypeScript script (through tsx) under strace, every thread followed and each file
 * descriptor named by its path (`fsync(12</tmp/x/happyhead.sqlite3-wal>)`), tracing `syscalls`
 * only. The trace's lines, in order, with the script's exit status and standard error.
 */
export function traceScript(
  dir: string,
  syscalls: readonly string[],
  script: string,
  args: readonly string[],
): { status: number | null; stderr: string; lines: string[] } {
  const trace = path.join(dir, "trace.txt");
  const r = spawnSync(
    "strace",
    [
      "-f",
      "-qq",
      "-y",
      "-e",
      `trace=${syscalls.join(",")}`,
      "-o",
      trace,
      process.execPath,
      "--import",
      "tsx",
      script,
      ...args,
    ],
    { encoding: "utf8", timeout: 120_000 },
  );
  return {
    status: r.status,
    stderr: r.stderr,
    lines: existsSync(trace) ? readFileSync(trace, "utf8").split("\n") : [],
  };
}
