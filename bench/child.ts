import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { BenchResult } from "./stats";

/**
 * Runs bench `key` of ./run.ts in a process of its own (`env` added to this one's), its output passed through, and
 * returns its result. A bench run in the process of the benches before it carried their heap: in one whole run the
 * main thread's longest stall during retention read 61-71 ms, a 30-50 ms GC over 207 MB that earlier benches had left,
 * against 7 ms with a 1 ms GC run alone. The app's main process holds only the app.
 */
export async function benchInOwnProcess(key: string, env: NodeJS.ProcessEnv = {}): Promise<BenchResult> {
  const dir = mkdtempSync(path.join(tmpdir(), "happyhead-bench-child-"));
  try {
    const result = path.join(dir, "result.json");
    const child = spawn(process.execPath, ["--import", "tsx", path.join(__dirname, "run.ts"), key], {
      env: { ...process.env, ...env, BENCH_RESULT_FILE: result },
      stdio: ["ignore", "inherit", "inherit"],
    });
    const [code] = (await once(child, "exit")) as [number | null];
    if (code !== 0) throw new Error(`The bench ${key} exited with ${code}.`);
    return JSON.parse(readFileSync(result, "utf8")) as BenchResult;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
