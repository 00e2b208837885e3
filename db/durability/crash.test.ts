import path from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../test/helpers";
import { createDurabilitySpa, inspect } from "./fixture";
import { seeded, startChild } from "./run-child";

const CYCLES = 20;
const TARGET_ACKED = 1000;
/** Guests the spa has to check in: a child that checks in all that are left is done, not killed. */
const GUESTS = 3000;

describe("crash durability (real processes, SIGKILL)", () => {
  it("keeps every acknowledged check-in, never half-written, across ≥ 20 kills", async () => {
    const file = path.join(tempDir(), "happyhead.sqlite3");
    await createDurabilitySpa(file, GUESTS);
    const seed = Number(process.env.CRASH_SEED ?? Date.now() % 1_000_000);
    const random = seeded(seed);
    const acknowledged = new Set<number>();
    let cycles = 0;
    let killedMidRun = 0;
    while (killedMidRun < CYCLES || acknowledged.size < TARGET_ACKED) {
      if (cycles >= 80) break;
      const run = startChild(file);
      await run.ready;
      // Each child is killed after a random number of acknowledgements, about this cycle's share
      // of the 1,000 to reach in 20 kills (at least 10), then 0–3 ms more, so the kill lands
      // anywhere in the next check-in. Counting acknowledgements rather than milliseconds keeps
      // the work per kill the same on a fast idle machine and a slow loaded one: a timed kill
      // once let a fast child check every guest in early, and a child with nobody left to check
      // in finishes instead of being killed.
      const share = Math.max(10, (TARGET_ACKED - acknowledged.size) / Math.max(1, CYCLES - killedMidRun));
      const killAfter = 1 + Math.floor(random() * 2 * share);
      while (run.acked.length < killAfter && !run.done()) await new Promise((r) => setTimeout(r, 1));
      expect(run.error(), `cycle ${cycles + 1} (seed ${seed})`).toBeNull();
      await new Promise((r) => setTimeout(r, Math.floor(random() * 4)));
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
