import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../test/helpers";

// strace must be installed and allowed to trace (see electron/fsync.test.ts).
const strace =
  process.platform === "linux" &&
  spawnSync("strace", ["-f", "-qq", "-e", "trace=fsync", "-o", "/dev/null", "true"]).status === 0;

/**
 * A backup copies the whole data file in one step that holds its thread. Unflushed, that pile of
 * writes made a kiosk's commit beside it wait 350-430 ms (the first flush after it waits for all of
 * them); flushed as it goes from a thread of its own (./flusher.ts), 19-29 ms.
 */
describe.skipIf(!strace)("a backup's copy (strace)", () => {
  it("is flushed as it is written, from its own thread, well before the copy's final flush", () => {
    const dir = tempDir();
    const trace = path.join(dir, "trace.txt");
    const r = spawnSync(
      "strace",
      [
        "-f",
        "-qq",
        "-y",
        "-e",
        "trace=fsync,fdatasync,rename",
        "-o",
        trace,
        process.execPath,
        "--import",
        "tsx",
        path.join(__dirname, "..", "test", "backup-child.ts"),
        dir,
        "60000",
      ],
      { encoding: "utf8", timeout: 120_000 },
    );
    expect(r.stderr).not.toMatch(/Error/);
    expect(r.status).toBe(0);
    const lines = readFileSync(trace, "utf8").split("\n");
    const partial = (l: string) => /\.partial>/.test(l);
    // The copy's own last flush (fsync), then its rename into place.
    const last = lines.findIndex((l) => /\bfsync\(\d+<[^>]*\.partial>/.test(l));
    expect(last).toBeGreaterThan(-1);
    const during = lines.slice(0, last).filter((l) => partial(l) && /\bfdatasync\(/.test(l));
    expect(during.length).toBeGreaterThanOrEqual(2);
    // From another thread than the one that copies (strace's first column is the thread id).
    const copier = lines[last]?.split(" ")[0];
    expect(new Set(during.map((l) => l.split(" ")[0]))).not.toContain(copier);
  }, 150_000);
});
