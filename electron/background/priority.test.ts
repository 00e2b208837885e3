import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { closeDemoCore, openDemoCore } from "../test-support/demo-core";
import { BACKGROUND_NICE, backgroundNice } from "./priority";

/** Each thread of this process (Linux): its id and nice value, read from /proc (stat's 19th field). */
function threadNices(): Map<number, number> {
  const nices = new Map<number, number>();
  for (const tid of readdirSync("/proc/self/task")) {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, "utf8");
    // The command name is in parentheses and may hold spaces: the fields counted from after it start at the 3rd.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    nices.set(Number(tid), Number(fields[19 - 3]));
  }
  return nices;
}

describe("the background threads' priority", () => {
  it("is lowered only where the call touches one thread: Linux yes; macOS and Windows, where it is the whole process, no", () => {
    expect(backgroundNice("linux")).toBe(BACKGROUND_NICE);
    expect(backgroundNice("darwin")).toBeNull();
    expect(backgroundNice("win32")).toBeNull();
  });

  it.skipIf(process.platform !== "linux")(
    "on Linux the model's workers run at the lower priority and the main thread keeps its own (read from /proc)",
    async () => {
      const before = threadNices();
      const opened = await openDemoCore("happyhead-priority-");
      try {
        const { core } = opened;
        // Work on each lane: the reader, and the writer and refresher of a split refresh.
        await core.background.run("integrityCheck", {});
        await core.background.run("refreshReports", { from: "2026-01-01", to: "2026-12-31" });
        const after = threadNices();
        const lowered = [...after].filter(([tid, nice]) => !before.has(tid) && nice === BACKGROUND_NICE);
        expect(lowered.length).toBeGreaterThanOrEqual(3);
        expect(after.get(process.pid)).toBe(before.get(process.pid));
        // Nothing else moved: every thread that was there before has the nice value it had.
        for (const [tid, nice] of before) if (after.has(tid)) expect(after.get(tid)).toBe(nice);
      } finally {
        await closeDemoCore(opened);
      }
    },
  );
});
