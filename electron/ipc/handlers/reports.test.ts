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
  it("is counted from the source once however often it is asked, the cache built after it; a change since waits for the cache", async () => {
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
    const inRange = (sql: string) => db.prepare(sql).pluck().get(range.from, range.to) as number;
    const checkIns = inRange("SELECT count(*) FROM check_ins WHERE local_day BETWEEN ? AND ?");
    expect(inRange("SELECT count(*) FROM report_stale WHERE local_day BETWEEN ? AND ?")).toBeGreaterThan(250); // counted by the workers, not in the report's own transaction
    // The cache's build after the count is held until the test lets it go.
    const tasks: string[] = [];
    let letBuild = () => {};
    const building = new Promise<void>((resolve) => (letBuild = resolve));
    let built: Promise<unknown> = Promise.resolve();
    const run = core.background.run.bind(core.background);
    core.background.run = (task, input, onProgress) => {
      tasks.push(task);
      if (task !== "refreshReports") return run(task, input, onProgress);
      const after = building.then(() => run(task, input, onProgress));
      built = after;
      return after;
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
    const ask = (grain: "day" | "week" = "day") => core.dispatch(manager, "reports.uptake", { ...range, grain });
    // The screen's live reload after a check-in, while the first load still counts.
    const [first, second] = await Promise.all([ask(), ask()]);
    expect(first).toMatchObject({ ok: true });
    expect(second).toEqual(first);
    // The cache's build begins once the report has gone out.
    expect(tasks).toEqual(["reportFromSource"]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(tasks).toEqual(["reportFromSource", "refreshReports"]);
    expect(heard.length).toBeGreaterThan(0);
    expect(heard.every((h) => h.from === range.from && h.to === range.to && h.total === checkIns)).toBe(true);
    expect(heard.every((h, i) => h.done >= (heard[i - 1]?.done ?? 0))).toBe(true);
    expect(heard.at(-1)?.done).toBe(checkIns);
    // While the cache is built, the manager's next look (another grain) is answered from the same count at once.
    const weekly = await ask("week");
    expect(weekly).toMatchObject({ ok: true, value: { grain: "week" } });
    expect(tasks).toHaveLength(2);
    // A check-in changed since the count: the next look waits for the cache, and shows the change.
    db.prepare(
      "UPDATE check_ins SET lang = CASE WHEN lang = 'es' THEN 'zh' ELSE 'es' END WHERE appointment_id = (SELECT max(appointment_id) FROM check_ins WHERE local_day BETWEEN ? AND ?)",
    ).run(range.from, range.to);
    let answered = false;
    const later = ask().then((r) => {
      answered = true;
      return r;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(answered).toBe(false);
    letBuild();
    await built;
    const changed = await later;
    expect(changed).toMatchObject({ ok: true });
    expect(changed).not.toEqual(first);
    expect(inRange("SELECT count(*) FROM report_stale WHERE local_day BETWEEN ? AND ?")).toBe(0);
    expect(await ask()).toEqual(changed); // from the cache now
    expect(tasks).toHaveLength(2);
    // A range gone cold again is counted anew.
    makeStale();
    expect(await ask()).toEqual(changed);
    expect(tasks.filter((t) => t === "reportFromSource")).toHaveLength(2);
  });
});
