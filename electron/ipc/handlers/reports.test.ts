import { afterEach, describe, expect, it } from "vitest";
import { presetRange, type ReportCounting } from "../../../contract/reports";
import { DEMO_STAFF } from "../../../db/demo/seed-demo";
import { spaToday } from "../../../db/settings";
import { closeDemoCore, openDemoCore, type DemoCore } from "../../test-support/demo-core";

const opened: DemoCore[] = [];
afterEach(async () => {
  for (const c of opened.splice(0)) await closeDemoCore(c);
});

describe("a report over days the cache has not built", () => {
  it("asked for twice while it is counted: one count, both answered, and the screen hears one count going up", async () => {
    const demo = await openDemoCore("happyhead-counting-");
    opened.push(demo);
    const { core } = demo;
    const { db } = core.model;
    // As after an upgrade: every check-in's cache entry stale, the after-start warm-up stopped.
    await core.maintenance.settled();
    await core.background.stop();
    const makeStale = () =>
      db.exec(
        "INSERT OR IGNORE INTO report_stale (local_day, appointment_id) SELECT local_day, appointment_id FROM check_ins",
      );
    makeStale();
    const range = presetRange("last30", spaToday(core.model));
    const stale = db
      .prepare("SELECT count(*) FROM report_stale WHERE local_day BETWEEN ? AND ?")
      .pluck()
      .get(range.from, range.to) as number;
    expect(stale).toBeGreaterThan(250); // counted by the workers, not in the report's own transaction
    let counts = 0;
    const run = core.background.run.bind(core.background);
    core.background.run = (task, input, onProgress) => {
      if (task === "refreshReports") counts++;
      return run(task, input, onProgress);
    };
    const heard: ReportCounting[] = [];
    core.onEvent((_audience, event, payload) => {
      if (event === "reports.counting") heard.push(payload as ReportCounting);
    });
    const manager = core.newSession("staff");
    const staffId = db.prepare("SELECT id FROM staff WHERE name = ?").pluck().get(DEMO_STAFF[0].name) as number;
    expect(await core.dispatch(manager, "staff.login", { staffId, pin: DEMO_STAFF[0].pin })).toMatchObject({
      ok: true,
    });
    const ask = () => core.dispatch(manager, "reports.uptake", { ...range, grain: "day" });
    // The screen's live reload after a check-in, while the first load still counts.
    const [first, second] = await Promise.all([ask(), ask()]);
    expect(first).toMatchObject({ ok: true });
    expect(second).toEqual(first);
    expect(counts).toBe(1);
    expect(heard.length).toBeGreaterThan(0);
    expect(heard.every((h) => h.from === range.from && h.to === range.to && h.total === stale)).toBe(true);
    expect(heard.every((h, i) => h.done >= (heard[i - 1]?.done ?? 0))).toBe(true);
    expect(heard.at(-1)?.done).toBe(stale);
    // Once done, a range gone cold again is counted anew.
    makeStale();
    expect(await ask()).toEqual(first);
    expect(counts).toBe(2);
  });
});
