import { readdirSync, readFileSync } from "node:fs";
import { axeOn } from "./axe";
import path from "node:path";
import type { Page } from "@playwright/test";
import { comparisonRange, presetRange } from "../contract/reports";
import { DEMO_STAFF } from "../db/demo/seed-demo";
import { spaToday } from "../db/settings";
import { localParts } from "../db/time";
import { hasPdftotext, pdfToText } from "../electron/test-support/pdftotext";
import { SUMMARY_PDF } from "../electron/report-exports";
import { expect, test, signIn } from "./fixtures";
import { noneApply } from "./kiosk-helpers";

const manager = DEMO_STAFF[0];
const receptionist = DEMO_STAFF[1];

/** Console errors and CSP violations a page reports (a chart library injecting inline styles would show here). */
async function watchPolicy(page: Page): Promise<string[]> {
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" || /Content Security Policy|Refused to apply inline style/i.test(m.text()))
      problems.push(m.text());
  });
  page.on("pageerror", (e) => problems.push(e.message));
  await page.evaluate(() =>
    document.addEventListener("securitypolicyviolation", (e) => console.error(`CSP violation: ${e.violatedDirective}`)),
  );
  return problems;
}

test("a manager sees four weeks of uptake with charts, definitions, a funnel and no CSP violation", async ({
  staff,
}) => {
  const problems = await watchPolicy(staff);
  await signIn(staff, manager);
  await staff.getByRole("button", { name: "Reports" }).click();
  await expect(staff.getByRole("heading", { name: "Add-on uptake" })).toBeVisible();
  await expect(staff.getByRole("button", { name: "Last 30 days", pressed: true })).toBeVisible();

  const kpis = staff.locator(".kpis");
  await expect(kpis.getByText("Check-ins")).toBeVisible();
  await expect(
    kpis.locator("div", { has: staff.getByRole("button", { name: "Take rate" }) }).locator("dd:not(.delta)"),
  ).toHaveText(/^\d+(\.\d)?%$/);
  await expect(staff.locator("body")).not.toContainText("NaN");

  // Definitions on focus and hover.
  const term = kpis.getByRole("button", { name: "Take rate" });
  await term.focus();
  await expect(staff.getByRole("tooltip", { name: /Taken ÷ offered/ })).toBeVisible();
  await expect(term).toHaveAccessibleDescription(/Taken ÷ offered/);
  await kpis.getByRole("button", { name: "Added at desk" }).hover();
  await expect(staff.getByRole("tooltip").filter({ hasText: "receptionist added it" })).toBeVisible();

  // Funnel and override rate; tables per breakdown; charts drawn on canvas from the lazy chunk.
  await expect(staff.getByRole("heading", { name: "Funnel" })).toBeVisible();
  await expect(staff.getByRole("row", { name: /Ticket printed/ })).toBeVisible();
  await expect(staff.getByText("Kiosk-vs-desk override rate")).toBeVisible();
  // The funnel's screening stages, counts only: in all, then by add-on, service, channel and language.
  const screening = staff.getByRole("table", { name: /^Screening questions/ });
  await expect(screening.getByRole("row", { name: /^All guests/ })).toBeVisible();
  for (const group of ["By add-on", "By service", "By channel", "By kiosk language"])
    await expect(screening.getByRole("rowheader", { name: group })).toBeVisible();
  await expect(screening.getByRole("row", { name: /^Face massage/ })).toBeVisible();
  for (const caption of [
    "By add-on",
    "By service",
    "By therapist",
    "By channel (where the guest checked in)",
    "Per day",
  ]) {
    await expect(staff.getByRole("table", { name: caption })).toBeVisible();
  }
  await expect(staff.getByRole("row", { name: /^Both/ })).toBeVisible();
  // The demo's guests check in in English and Spanish; the desk's check-ins have no kiosk language.
  const languages = staff.getByRole("table", { name: "By kiosk language (the language the guest checked in in)" });
  for (const row of ["None (desk)", "English", "Spanish"])
    await expect(languages.locator("tbody tr", { hasText: row })).toBeVisible();
  // Every table fits the window, and so does the definition opened beside "Take rate" (near the
  // right edge on a laptop): nothing makes the page scroll sideways.
  for (const width of [1920, 1280]) {
    await staff.setViewportSize({ width, height: 1000 });
    await staff.getByRole("button", { name: "Check-ins" }).first().focus();
    await kpis.getByRole("button", { name: "Take rate" }).focus();
    // (The charts redraw for the new width on the next frames.)
    await expect
      .poll(() => staff.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), {
        message: `sideways scroll at ${width} px`,
      })
      .toBeLessThanOrEqual(0);
  }
  await expect(staff.getByRole("img", { name: /Line chart of take rate per day/ })).toBeVisible();
  await expect(staff.getByRole("img", { name: /Bar chart of take rate for 5 therapists/ })).toBeVisible();
  const drawn = await staff
    .locator("canvas")
    .first()
    .evaluate((c: HTMLCanvasElement) => c.width > 0 && c.height > 0);
  expect(drawn).toBe(true);

  // Every day of the range has its row, quiet days included.
  await expect(staff.getByRole("table", { name: "Per day" }).locator("tbody tr")).toHaveCount(30);
  await staff.getByRole("button", { name: "By week" }).click();
  await expect(staff.getByRole("table", { name: "Per week" })).toContainText("Week of");

  const axe = await axeOn(staff).include(".reports").analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  expect(problems).toEqual([]);
});

test("each figure says how it moved against the days before, and says so when those days had no check-ins", async ({
  core,
  staff,
}) => {
  await signIn(staff, manager);
  await staff.getByRole("button", { name: "Reports" }).click();
  // The demo keeps four weeks of history: the 30 days before the last 30 have none.
  await expect(staff.getByText(/^No check-ins to compare with in .+, so no changes are shown\.$/)).toBeVisible();
  await expect(staff.locator(".kpis dd.delta")).toHaveCount(0);

  // This week against the same weekdays of last week, which the demo filled.
  await staff.getByRole("button", { name: "This week" }).click();
  const today = localParts(new Date(), "America/Los_Angeles").day;
  const before = comparisonRange(presetRange("thisWeek", today), "thisWeek");
  const count = (r: { from: string; to: string }) =>
    (
      core.model.db
        .prepare("SELECT count(*) AS n FROM check_ins WHERE local_day BETWEEN ? AND ?")
        .get(r.from, r.to) as { n: number }
    ).n;
  const [now, then] = [count(presetRange("thisWeek", today)), count(before)];
  expect(then).toBeGreaterThan(0);
  await expect(staff.getByText(/^Changes compared with .+ \(today counts so far\)\.$/)).toBeVisible();
  const card = (name: string) =>
    staff.locator(".kpis > div", { has: staff.getByRole("button", { name, exact: true }) });
  await expect(card("Check-ins").locator("dd.delta")).toHaveText(
    now === then ? `no change from ${then}` : `${now > then ? "▲" : "▼"} ${Math.abs(now - then)} from ${then}`,
  );
  await expect(card("Take rate").locator("dd.delta")).toHaveText(/^(no change|[▲▼] \d+\.\d pts) from \d+(\.\d)?%$/);
  await expect(card("Add-on revenue").locator("dd.delta")).toHaveText(
    /^(no change|[▲▼] \$[\d,]+(\.\d\d)?) from \$[\d,]+(\.\d\d)?$/,
  );
});

test("today's report follows the kiosk live: a guest's add-on appears without reloading", async ({
  core,
  kiosk,
  staff,
}) => {
  await signIn(staff, manager);
  await staff.getByRole("button", { name: "Reports" }).click();
  await staff.getByRole("button", { name: "Today" }).click();
  const kpi = (name: string) =>
    staff.locator(".kpis div", { has: staff.getByRole("button", { name, exact: true }) }).locator("dd:not(.delta)");
  const checkIns = async () =>
    (await staff.getByRole("heading", { name: "No check-ins in this range" }).isVisible())
      ? 0
      : Number((await kpi("Check-ins").textContent())?.replaceAll(",", ""));
  // Today's check-ins so far, from the database: the screen may still show the range it opened on.
  const before = core.model.db
    .prepare("SELECT count(*) FROM check_ins WHERE local_day = ?")
    .pluck()
    .get(spaToday(core.model)) as number;
  await expect.poll(checkIns).toBe(before);
  await kiosk.getByRole("button", { name: "Check in" }).click();
  await kiosk.getByRole("textbox", { name: "Mobile number" }).fill("5550102233"); // a full number searches by itself
  await kiosk.getByRole("button", { name: "Yes, that's me" }).click();
  await kiosk.getByRole("button", { name: "Add Face massage" }).click();
  await noneApply(kiosk);
  await expect(kiosk.getByRole("heading", { name: "You're checked in, María" })).toBeVisible();
  await expect.poll(checkIns).toBe(before + 1);
  const face = staff.getByRole("table", { name: "By add-on" }).getByRole("row", { name: /Face massage/ });
  await expect(face.getByRole("cell").nth(1)).not.toHaveText("0");
});

test("a range the cache has not built shows how far its counting is, then its figures", async ({ core, staff }) => {
  // As after an upgrade that recounts the figures: every check-in's cache entry is stale, and the warm-up after
  // start (which would fill it in the background) is stopped.
  await core.maintenance.settled();
  await core.background.stop();
  const { db } = core.model;
  db.exec(
    "INSERT OR IGNORE INTO report_stale (local_day, appointment_id) SELECT local_day, appointment_id FROM check_ins",
  );
  const last30 = presetRange("last30", spaToday(core.model));
  const stale = db
    .prepare("SELECT count(*) FROM report_stale WHERE local_day BETWEEN ? AND ?")
    .pluck()
    .get(last30.from, last30.to) as number;
  expect(stale).toBeGreaterThan(250); // the workers count it, not the report's own transaction
  // The answer, counted for real, is held here until the page has shown how far the counting went.
  let release = () => {};
  const released = new Promise<void>((r) => (release = r));
  const dispatch = core.dispatch;
  core.dispatch = (session, channel, payload, origin) => {
    const p = payload as { from?: string; grain?: string } | null;
    const answer = dispatch(session, channel, payload, origin);
    return channel === "reports.uptake" && p?.from === last30.from && p.grain === "day"
      ? answer.then((a) => released.then(() => a))
      : answer;
  };
  await signIn(staff, manager);
  await staff.getByRole("button", { name: "Reports" }).click();
  await expect(staff.getByRole("status").filter({ hasText: /^Counting / })).toBeVisible();
  const bar = staff.getByRole("progressbar", { name: "Check-ins counted" });
  await expect(bar).toBeVisible();
  expect(Number(await bar.getAttribute("max"))).toBe(stale);
  await expect(staff.locator(".counting")).toContainText(`of ${stale.toLocaleString("en-US")} check-ins`);
  await expect(staff.locator(".figures")).toHaveAttribute("aria-busy", "true");
  for (const [w, h] of [
    [1920, 1080],
    [1080, 1920],
  ] as const) {
    await staff.setViewportSize({ width: w, height: h });
    await staff.screenshot({ path: test.info().outputPath(`counting-${w}x${h}.png`) });
  }
  release();
  await expect(staff.locator(".kpis")).toBeVisible();
  await expect(bar).toHaveCount(0);
  await expect(staff.getByRole("status").filter({ hasText: /^Counting / })).toHaveCount(0);
  // The figures were counted from the source tables; the cache of the range is built after them.
  await expect
    .poll(() =>
      db
        .prepare("SELECT count(*) FROM report_stale WHERE local_day BETWEEN ? AND ?")
        .pluck()
        .get(last30.from, last30.to),
    )
    .toBe(0);
  core.dispatch = dispatch;
});

test("a slow answer for the range just left never replaces the one picked: Today stays today's figures", async ({
  core,
  staff,
}) => {
  // A cold cache makes the first range slow: its answer is held here until after Today's has shown.
  const today = spaToday(core.model);
  const last30 = presetRange("last30", today);
  let release = () => {};
  const released = new Promise<void>((r) => (release = r));
  const held: Promise<unknown>[] = [];
  const dispatch = core.dispatch;
  core.dispatch = (session, channel, payload, origin) => {
    const p = payload as { from?: string; grain?: string } | null;
    if (channel !== "reports.uptake" || p?.from !== last30.from || p.grain !== "day")
      return dispatch(session, channel, payload, origin);
    const answer = released.then(() => dispatch(session, channel, payload, origin));
    held.push(answer);
    return answer;
  };
  await signIn(staff, manager);
  await staff.getByRole("button", { name: "Reports" }).click();
  await expect(staff.getByRole("status").filter({ hasText: /^Counting / })).toBeVisible();
  await expect.poll(() => held.length).toBe(1);
  await staff.getByRole("button", { name: "Today" }).click();
  const todays = core.model.db
    .prepare("SELECT count(*) FROM check_ins WHERE local_day = ?")
    .pluck()
    .get(today) as number;
  const shown = async () =>
    (await staff.getByRole("heading", { name: "No check-ins in this range" }).isVisible())
      ? 0
      : Number(
          (
            await staff
              .locator(".kpis div", { has: staff.getByRole("button", { name: "Check-ins", exact: true }) })
              .locator("dd:not(.delta)")
              .textContent()
          )?.replaceAll(",", ""),
        );
  await expect.poll(shown).toBe(todays);
  await expect(staff.getByRole("status").filter({ hasText: /^Counting / })).toHaveCount(0);

  release();
  await Promise.all(held);
  // The late answer has reached the page and been handled once two frames have passed after it.
  await staff.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  expect(await shown()).toBe(todays);
  await expect(staff.getByRole("button", { name: "Today", pressed: true })).toBeVisible();
  await expect(staff.locator(".figures")).not.toHaveClass(/stale/);
  core.dispatch = dispatch;
});

test("a spa open round the clock: 24 hour columns scroll inside their own frame, never the page, at 1080 and 1280 wide", async ({
  core,
  staff,
}) => {
  // Check-ins at every hour of the day (the report cache's triggers refresh the days they move).
  core.model.db.exec("UPDATE check_ins SET local_hour = appointment_id % 24");
  await signIn(staff, manager);
  await staff.getByRole("button", { name: "Reports" }).click();
  const frame = staff.getByRole("region", { name: "Take rate by weekday and check-in hour" });
  await expect(frame.getByRole("columnheader", { name: "00:00" })).toBeAttached();
  await expect(frame.getByRole("columnheader", { name: "23:00" })).toBeAttached();
  for (const width of [1080, 1280]) {
    await staff.setViewportSize({ width, height: 1000 });
    await expect
      .poll(() => staff.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), {
        message: `sideways scroll at ${width} px`,
      })
      .toBeLessThanOrEqual(0);
    // The frame scrolls instead, and the keyboard reaches it.
    expect(await frame.evaluate((e) => e.scrollWidth > e.clientWidth)).toBe(true);
    await frame.focus();
    await staff.keyboard.press("ArrowRight");
    await expect.poll(() => frame.evaluate((e) => e.scrollLeft)).toBeGreaterThan(0);
    await frame.evaluate((e) => (e.scrollLeft = 0));
  }
  const axe = await axeOn(staff).include(".heat-frame").analyze();
  expect(axe.violations).toEqual([]);
});

test("an empty range shows a friendly empty state, never NaN", async ({ staff }) => {
  await signIn(staff, manager);
  await staff.getByRole("button", { name: "Reports" }).click();
  await staff.getByLabel("From", { exact: true }).fill("2030-01-01");
  await staff.getByLabel("To", { exact: true }).fill("2030-01-31");
  await expect(staff.getByRole("heading", { name: "No check-ins in this range" })).toBeVisible();
  await expect(staff.getByText(/Nothing to count between January 1, 2030 and January 31, 2030/)).toBeVisible();
  await expect(staff.locator("body")).not.toContainText("NaN");
  await expect(staff.locator(".kpis")).toHaveCount(0);
});

test("exports CSV and Excel into the data folder with progress; PDF is offered only in the desktop app", async ({
  core,
  staff,
}) => {
  await signIn(staff, manager);
  await staff.getByRole("button", { name: "Reports" }).click();
  await expect(staff.getByText("PDF of the summary is available in the desktop app.")).toBeVisible();
  await expect(staff.getByRole("option", { name: /PDF/ })).toHaveCount(0);

  await staff.getByLabel("Table", { exact: true }).selectOption({ label: "By therapist" });
  await staff.getByRole("button", { name: "Export CSV" }).click();
  await expect(staff.getByText(/^Saved addon-uptake_therapist_.*\.csv \(5 rows\)/)).toBeVisible();
  // This browser writes 1,234.56; an accountant's spreadsheet in Spain writes 1.234,56 and splits rows at semicolons.
  const style = staff.getByLabel("For a spreadsheet that writes");
  await expect(style).toHaveValue("comma");
  await style.selectOption({ label: "1.234,56 (fields split by semicolons)" });
  await staff.locator("section.export").screenshot({ path: test.info().outputPath("export-csv-style-1920x1080.png") });
  await staff.setViewportSize({ width: 1080, height: 1920 });
  await staff.locator("section.export").screenshot({ path: test.info().outputPath("export-csv-style-1080x1920.png") });
  await staff.setViewportSize({ width: 1920, height: 1080 });
  await staff.getByRole("button", { name: "Export CSV" }).click();
  await expect(staff.getByText(/^Saved addon-uptake_therapist_.* \(2\)\.csv \(5 rows\)/)).toBeVisible();

  await staff.getByLabel("Format", { exact: true }).selectOption("xlsx");
  await staff.getByRole("button", { name: "Export Excel" }).click();
  await expect(staff.getByText(/^Saved addon-uptake_report_.*\.xlsx \(\d+ rows\)/)).toBeVisible();
  await core.reportExports.idle();

  const dir = path.join(core.paths.dataDir, "exports");
  const files = readdirSync(dir).sort();
  expect(files).toHaveLength(3);
  expect(files.some((f) => f.endsWith(".part"))).toBe(false);
  const [comma, semicolon] = files
    .filter((f) => f.endsWith(".csv"))
    .map((f) => readFileSync(path.join(dir, f), "utf8"))
    .sort((a, b) => a.indexOf(";") - b.indexOf(";"));
  expect(comma!.startsWith("\uFEFFTherapist,Check-ins,Offered,")).toBe(true);
  expect(comma!.trim().split("\r\n")).toHaveLength(6);
  expect(semicolon!.startsWith("\uFEFFTherapist;Check-ins;Offered;")).toBe(true);
  expect(semicolon!.trim().split("\r\n")).toHaveLength(6);
});

test("the summary prints with its range and figures and without the controls (the page the desktop app saves as PDF)", async ({
  staff,
}) => {
  test.skip(
    !hasPdftotext,
    "pdftotext is not installed (apt-get install poppler-utils): the printed summary can't be read back.",
  );
  await signIn(staff, manager);
  await staff.getByRole("button", { name: "Reports" }).click();
  await expect(staff.getByRole("img", { name: /Line chart/ })).toBeVisible();
  // The same Chromium print pipeline and options as Electron's printToPDF in the desktop app.
  const text = pdfToText(
    await staff.pdf({
      landscape: SUMMARY_PDF.landscape,
      printBackground: SUMMARY_PDF.printBackground,
      format: SUMMARY_PDF.pageSize,
    }),
  );
  const from = await staff.getByLabel("From", { exact: true }).inputValue();
  const longDay = (day: string) =>
    new Intl.DateTimeFormat("en-US", {
      timeZone: "UTC",
      weekday: "short",
      month: "long",
      day: "numeric",
      year: "numeric",
    }).format(new Date(`${day}T12:00:00Z`));
  expect(text).toContain(`${longDay(from)} –`);
  expect(text).toContain("days in the spa's time zone (America/Los_Angeles)");
  for (const figure of ["Check-ins", "Take rate", "Funnel", "Ticket printed", "By therapist", "Per day", "Weekday"])
    expect(text).toContain(figure);
  for (const control of ["Last 30 days", "By week", "Export", "Happy Head Massage"])
    expect(text).not.toContain(control);
  // On screen the range line is the date inputs' job.
  await expect(staff.locator(".print-only")).toBeHidden();
});

test("reports are for managers only: no tab for a receptionist and the main process refuses the call", async ({
  staff,
}) => {
  await signIn(staff, receptionist);
  await expect(staff.getByRole("heading", { name: "Arrivals today" })).toBeVisible();
  await expect(staff.getByRole("button", { name: "Reports" })).toHaveCount(0);
  const result = await staff.evaluate(() =>
    window.kiosk.invoke("reports.exportStart", { from: "2026-01-01", to: "2026-01-31", format: "csv" }),
  );
  expect(result).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
});

test("the kiosk never loads the reports or charts code", async ({ kiosk }) => {
  const scripts = await kiosk.evaluate(() => performance.getEntriesByType("resource").map((e) => e.name));
  expect(scripts.some((s) => /ReportCharts|chart/i.test(s))).toBe(false);
  await expect(kiosk.getByRole("button", { name: "Check in" })).toBeVisible();
});
