import path from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../test/helpers";
import { createDurabilitySpa, inspect } from "./fixture";
import { seeded, startChild } from "./run-child";

const CYCLES = 20;
const TARGET_ACKED = 1000;

describe("crash durability (real processes, SIGKILL)", () => {
  it("keeps every acknowledged check-in, never half-written, across ≥ 20 kills", async () => {
    const file = path.join(tempDir(), "happyhead.sqlite3");
    await createDurabilitySpa(file, 3000);
    const seed = Number(process.env.CRASH_SEED ?? Date.now() % 1_000_000);
    const random = seeded(seed);
    const acknowledged = new Set<number>();
    let cycles = 0;
    let killedMidRun = 0;
    while (killedMidRun < CYCLES || acknowledged.size < TARGET_ACKED) {
      if (cycles >= 80) break;
      const run = startChild(file);
      await run.ready;
      // A random moment: anywhere from before the first commit to a few dozen check-ins in.
      await new Promise((r) => setTimeout(r, Math.floor(random() * 250)));
      if (!run.done()) killedMidRun++;
      run.child.kill("SIGKILL");
      await run.exited;
      cycles++;
      for (const id of run.acked) acknowledged.add(id);
      const report = inspect(file, run.acked);
      expect(report.integrity, `cycle ${cycles} (seed ${seed})`).toBe("ok");
      expect(report.lost, `cycle ${cycles} (seed ${seed})`).toEqual([]);
      expect(report.halfWritten, `cycle ${cycles} (seed ${seed})`).toEqual([]);
      expect(report.auditChainOk).toBe(true);
    }
    const final = inspect(file, acknowledged);
    console.log(
      `crash test (seed ${seed}): cycles ${cycles} (killed mid-run ${killedMidRun}), check-ins acknowledged ${acknowledged.size}, in database ${final.checkIns}, lost ${final.lost.length}, half-written ${final.halfWritten.length}`,
    );
    expect(killedMidRun).toBeGreaterThanOrEqual(CYCLES);
    expect(acknowledged.size).toBeGreaterThanOrEqual(TARGET_ACKED);
    expect(final.lost).toEqual([]);
  }, 300_000);
});
