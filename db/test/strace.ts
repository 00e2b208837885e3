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
 * strace can stop at the traced calls only (a seccomp filter), leaving every other system call at full speed: under
 * plain strace each costs ~60 µs more, which slows whatever the traced program times.
 */
export const straceFiltered =
  straceWorks &&
  spawnSync("strace", ["-f", "-qq", "--seccomp-bpf", "-e", "trace=fsync", "-o", "/dev/null", "true"]).status === 0;

/** strace's arguments for following every thread of a program and only stopping at `syscalls` where it can. */
const straceArgs = (syscalls: readonly string[]): string[] => [
  "-f",
  "-qq",
  ...(straceFiltered ? ["--seccomp-bpf"] : []),
  "-e",
  `trace=${syscalls.join(",")}`,
];

/** A kiosk-class disk's flush (eMMC, an SD card, a busy SSD), where this machine's takes 0.1-0.5 ms. */
export const SLOW_DISK_FLUSH_MS = 20;
/** strace's tamperings (`-e inject=…`) that make every fsync and fdatasync `ms` slower, as on such a disk. */
export const slowFlushes = (ms = SLOW_DISK_FLUSH_MS): string[] =>
  ["fsync", "fdatasync"].map((call) => `${call}:delay_enter=${ms * 1000}`);

/**
 * Runs a TypeScript script (through tsx) under strace, every thread followed and each file
 * descriptor named by its path (`fsync(12</tmp/x/happyhead.sqlite3-wal>)`), tracing `syscalls`
 * only; `inject` adds strace tamperings (slowFlushes). The trace's lines, in order, with the script's
 * exit status, output and standard error.
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
      ...straceArgs(syscalls),
      "-y",
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
