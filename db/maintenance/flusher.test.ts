import path from "node:path";
import { describe, expect, it } from "vitest";
import { straceWorks, traceScript } from "../test/strace";
import { tempDir } from "../test/helpers";

/**
 * A backup copies the whole data file in one step that holds its thread. Unflushed, that pile of
 * writes made a kiosk's commit beside it wait 350-430 ms (the first flush after it waits for all of
 * them); flushed as it goes from a thread of its own (./flusher.ts), 19-29 ms.
 */
describe.skipIf(!straceWorks)("a backup's copy (strace)", () => {
  it("is flushed as it is written, from its own thread, well before the copy's final flush", () => {
    const dir = tempDir();
    const { status, stderr, lines } = traceScript(
      dir,
      ["fsync", "fdatasync", "rename"],
      path.join(__dirname, "..", "test", "backup-child.ts"),
      [dir, "60000"],
    );
    expect(stderr).not.toMatch(/Error/);
    expect(status).toBe(0);
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
