import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

const root = path.resolve(__dirname, "..", "..");

export interface ChildRun {
  child: ChildProcess;
  /** Appointment ids the child acknowledged (committed), in order. */
  acked: number[];
  ready: Promise<void>;
  exited: Promise<number | null>;
  /** The child has checked in everyone left, or has stopped on its own. */
  done: () => boolean;
  /** Why the child stopped on its own with an error (its stderr), or null. A kill is no error. */
  error: () => string | null;
}

/** Starts db/durability/crash-child.ts under tsx with the given extra environment. */
export function startChild(
  file: string,
  opts: { sync?: "FULL" | "OFF"; max?: number; env?: NodeJS.ProcessEnv } = {},
): ChildRun {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.join(__dirname, "crash-child.ts"), file, opts.sync ?? "FULL", String(opts.max ?? 100000)],
    {
      cwd: root,
      env: { ...process.env, ...opts.env },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const acked: number[] = [];
  let buffer = "";
  let finished = false;
  let stderr = "";
  let error: string | null = null;
  let onReady: () => void = () => undefined;
  let onFail: (e: Error) => void = () => undefined;
  const ready = new Promise<void>((resolve, reject) => {
    onReady = resolve;
    onFail = reject;
  });
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
    buffer += chunk;
    let nl: number;
    while ((nl = buffer.indexOf("\n")) >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      if (line === "ready") onReady();
      else if (line === "done") finished = true;
      else if (line.startsWith("ack ")) acked.push(Number(line.slice(4)));
    }
  });
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) =>
    child.on("exit", (code) => {
      finished = true;
      if (code !== 0 && code !== null) error = `child exited (${code}): ${stderr}`;
      onFail(new Error(`child exited (${code}) before it was ready: ${stderr}`));
      resolve(code);
    }),
  );
  return { child, acked, ready, exited, done: () => finished, error: () => error };
}

/** A small seeded generator so a failing run can be repeated (the seed is printed). */
export function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
