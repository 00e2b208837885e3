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
  spawnSync("strace", ["-f", "-qq", "--seccomp-bpf", "-e", "trace=fsync", "-o", "/dev/null", "true"]).status === 0;

/**
 * Runs a TypeScript script (through tsx) under strace, every thread followed and each file
 * descriptor named by its path (`fsync(12</tmp/x/happyhead.sqlite3-wal>)`), tracing `syscalls`
 * only; `inject` adds strace tamperings (`fsync:delay_enter=20000`: every fsync made 20 ms slower,
 * as a slow disk's). The trace's lines, in order, with the script's exit status, output and standard error.
 */
export function traceScript(
  dir: string,
  syscalls: readonly string[],
  script: string,
  args: readonly string[],
  inject: readonly string[] = [],
): { status: number | null; stdout: string; stderr: string; lines: string[] } {
  const trace = path.join(dir, "trace.txt");
  const r = spawnSync(
    "strace",
    [
      "-f",
      "-qq",
      // Stops only at the traced calls (a seccomp filter): every other system call of the app runs at full speed,
      // where strace's default stop at each made them ~60 µs slower and the app's timing-driven slices smaller.
      "--seccomp-bpf",
      "-y",
      "-e",
      `trace=${syscalls.join(",")}`,
      ...inject.flatMap((i) => ["-e", `inject=${i}`]),
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
    stdout: r.stdout,
    stderr: r.stderr,
    lines: existsSync(trace) ? readFileSync(trace, "utf8").split("\n") : [],
  };
}
