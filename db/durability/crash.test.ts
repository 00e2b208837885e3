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
    let aliveMs = 0;
    while (killedMidRun < CYCLES || acknowledged.size < TARGET_ACKED) {
      if (cycles >= 80) break;
      const run = startChild(file);
      await run.ready;
      // A random moment between "ready" and about twice the time this cycle's share of
      // acknowledgements takes (measured so far), so a slow, loaded machine still gets ≥ 1,000
      // acknowledged check-ins in about 20 kills. The share never outgrows what is left of the
      // spa's guests over the kills still to come: a fast, idle machine would otherwise check
      // everyone in early, and a child with nobody left finishes instead of being killed.
      const msPerAck = acknowledged.size > 0 ? aliveMs / acknowledged.size : 1;
      const killsLeft = Math.max(1, CYCLES - killedMidRun);
      const share = Math.min(Math.max(10, (TARGET_ACKED - acknowledged.size) / killsLeft), (GUESTS - acknowledged.size) / (killsLeft + 5));
      const delay = Math.floor(random() * Math.min(5000, Math.max(20, 2 * share * msPerAck)));
      const readyAt = Date.now();
      await new Promise((r) => setTimeout(r, delay));
      if (!run.done()) killedMidRun++;
      run.child.kill("SIGKILL");
      await run.exited;
      aliveMs += Date.now() - readyAt;
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
