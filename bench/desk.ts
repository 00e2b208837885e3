import { modelOf } from "../db/model";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type Page } from "@playwright/test";
import { insertAppointment } from "../db/desk/appointments";
import { DEMO_STAFF } from "../db/demo/seed-demo";
import { getSettings } from "../db/settings";
import { localParts, zonedToUtc } from "../db/time";
import { morningClock } from "../db/demo/clock";
import { createAppCore, type AppCore } from "../electron/core";
import { chromiumLaunchOptions, newContext, openWindow } from "../e2e/wiring";
import { median, percentile, type BenchResult } from "./stats";

/**
 * The front desk in Chromium over the real handlers (the e2e wiring), with today's book filled
 * to 300 appointments: (1) a guest's tap on "Yes, that's me" at the kiosk until the row
 * changes in the desk queue (target ≤ 300 ms), and (2) the 300-row queue's interactions and
 * scrolling (Event Timing interaction p95 ≤ 100 ms). Needs `npm run build` first.
 */
const QUEUE_SIZE = 300;

async function setup(): Promise<{ dir: string; core: AppCore; phones: string[] }> {
  const dir = mkdtempSync(path.join(tmpdir(), "happyhead-bench-desk-"));
  const core = await createAppCore({ dataDir: path.join(dir, "app"), seed: "demo", clock: morningClock() });
  const { db, clock } = core.model;
  const tz = getSettings(db).timeZone;
  const today = localParts(clock.now(), tz).day;
  const existing = (
    db.prepare("SELECT count(*) AS n FROM appointments WHERE local_day = ?").get(today) as { n: number }
  ).n;
  const phones: string[] = [];
  db.transaction(() => {
    for (let i = 0; i < QUEUE_SIZE - existing; i++) {
      const phone = `55591${String(10000 + i)}`;
      phones.push(phone);
      insertAppointment(modelOf(db, clock), tz, {
        guestName: `Bench Guest${i} Queue`,
        phone,
        serviceId: 1 + (i % 4),
        therapistId: 1 + (i % 5),
        roomId: 1 + (i % 5),
        startsAt: new Date(zonedToUtc(today, "10:30", tz).getTime() + i * 60_000).toISOString(),
        source: "import",
      });
    }
  })();
  return { dir, core, phones };
}

async function signIn(staff: Page): Promise<void> {
  const who = DEMO_STAFF[1];
  await staff.getByRole("button", { name: new RegExp(who.name) }).click();
  await staff.getByLabel("PIN", { exact: true }).fill(who.pin);
  await staff.getByRole("button", { name: "Unlock" }).click();
  await staff
    .locator("tbody tr")
    .nth(QUEUE_SIZE - 1)
    .waitFor({ state: "attached" });
}

export async function benchDeskArrival(samples = 25, warmup = 3): Promise<BenchResult> {
  const { dir, core, phones } = await setup();
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    const kiosk = await openWindow(await newContext(browser, { width: 1080, height: 1920 }), core, "kiosk");
    const staff = await openWindow(await newContext(browser, { width: 1920, height: 1080 }), core, "staff");
    await signIn(staff);
    const ms: number[] = [];
    for (const [n, phone] of phones.slice(0, warmup + samples).entries()) {
      const id = (core.model.db.prepare("SELECT id FROM appointments WHERE phone = ?").get(phone) as { id: number }).id;
      // The desk records when the row first shows the arrival; the kiosk when the guest tapped.
      // Plain script text: tsx would otherwise inject helpers that don't exist in the page.
      await staff.evaluate(`(() => {
        delete window.__seen;
        const observer = new MutationObserver(() => {
          const row = document.querySelector('tr[data-appointment="${id}"]');
          if (row && !row.classList.contains("stage-expected")) {
            window.__seen = performance.timeOrigin + performance.now();
            observer.disconnect();
          }
        });
        observer.observe(document.querySelector("tbody"), { subtree: true, attributes: true, childList: true });
      })()`);
      await kiosk.reload();
      await kiosk.getByRole("button", { name: "Check in" }).click();
      await kiosk.getByLabel("Mobile number").fill(phone);
      const yes = kiosk.getByRole("button", { name: "Yes, that's me" });
      await yes.waitFor();
      await kiosk.evaluate(`[...document.querySelectorAll("button")].find((b) => b.textContent === "Yes, that's me")
        .addEventListener("pointerdown", () => { window.__tap = performance.timeOrigin + performance.now(); }, { once: true })`);
      await yes.click();
      const tap = Number(await kiosk.evaluate("window.__tap"));
      // The recorded moment is the row's change itself; this loop only collects it afterwards.
      let seen: unknown;
      for (
        let waited = 0;
        (seen = await staff.evaluate("window.__seen")) === undefined && waited < 10_000;
        waited += 20
      )
        await staff.waitForTimeout(20);
      if (typeof seen !== "number") throw new Error("the arrival never reached the desk queue");
      if (n >= warmup) ms.push(seen - tap);
    }
    const p50 = percentile(ms, 50);
    const p95 = percentile(ms, 95);
    return {
      name: `kiosk tap → row updated in the desk queue (${QUEUE_SIZE} appointments, pushed event, Chromium over the real handlers)`,
      lines: [
        `samples ${ms.length} (after ${warmup} warm-up arrivals); p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, max ${Math.max(...ms).toFixed(1)} ms; target p95 ≤ 300 ms`,
        `all: ${ms.map((x) => x.toFixed(0)).join(" ")}`,
      ],
      ratio: p95 / 300,
      target: 1,
    };
  } finally {
    await browser.close();
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * What the page records from the Unlock tap: when the first screen of the queue was painted (the
 * rows fill the list's visible box, or every row is there) and when all QUEUE_SIZE rows were.
 * Each moment is taken in the task after the frame that showed it (requestAnimationFrame, then a
 * timeout), i.e. after that frame's layout and paint. Plain script text, as in benchDeskArrival.
 */
const WATCH_DESK_OPEN = `(() => {
  window.__desk = {};
  const unlock = [...document.querySelectorAll("button")].find((b) => b.textContent === "Unlock");
  unlock.addEventListener("pointerdown", () => { window.__desk.tap = performance.timeOrigin + performance.now(); }, { once: true });
  const after = (key) => setTimeout(() => { window.__desk[key] ??= performance.timeOrigin + performance.now(); }, 0);
  const frame = () => {
    const box = document.querySelector(".queue-scroll");
    const rows = document.querySelectorAll("tbody tr");
    const last = rows[rows.length - 1];
    if (box && last && (rows.length === ${QUEUE_SIZE} || last.getBoundingClientRect().bottom >= box.getBoundingClientRect().bottom)) after("screen");
    if (rows.length === ${QUEUE_SIZE}) return after("all");
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})()`;

/**
 * Desk open: from the Unlock tap (PIN entered) until the queue's first screen is painted (what the
 * receptionist sees: the rows the list has room for, read first; the rest of the day is read once they are painted and
 * added a few frames later) and until all QUEUE_SIZE rows are in the page, as Chromium runs it and with its CPU
 * throttled 4× (kiosk-class hardware). Each is the median of three opens after a warm-up.
 */
export async function benchDeskOpen(): Promise<BenchResult> {
  const { dir, core } = await setup();
  const browser = await chromium.launch(chromiumLaunchOptions());
  // When the main process answered the sign-in (the PIN's scrypt check) and the desk's two reads of the day (its first
  // screen, then the whole day), on the same clock as the page's moments, and each read's size as JSON.
  let signedIn = 0;
  const reads = { first: { at: 0, bytes: 0 }, whole: { at: 0, bytes: 0 } };
  const dispatch = core.dispatch;
  core.dispatch = async (session, channel, payload, origin) => {
    const r = await dispatch(session, channel, payload, origin);
    const at = performance.timeOrigin + performance.now();
    if (channel === "staff.login") signedIn = at;
    if (channel === "desk.queue")
      reads[payload && typeof payload === "object" && "first" in payload ? "first" : "whole"] = {
        at,
        bytes: JSON.stringify(r).length,
      };
    return r;
  };
  type Open = { screen: number; all: number; signIn: number; firstRead: number; wholeRead: number };
  const open = async (throttle: number): Promise<Open> => {
    const staff = await openWindow(await newContext(browser, { width: 1920, height: 1080 }), core, "staff");
    if (throttle > 1)
      await (await staff.context().newCDPSession(staff)).send("Emulation.setCPUThrottlingRate", { rate: throttle });
    const who = DEMO_STAFF[1];
    await staff.getByRole("button", { name: new RegExp(who.name) }).click();
    await staff.getByLabel("PIN", { exact: true }).fill(who.pin);
    await staff.evaluate(WATCH_DESK_OPEN);
    await staff.getByRole("button", { name: "Unlock" }).click();
    // The moments are recorded in the page; this loop only collects them afterwards.
    for (let waited = 0; (await staff.evaluate("window.__desk.all")) === undefined; waited += 250) {
      if (waited > 60_000) throw new Error(`the desk never showed ${QUEUE_SIZE} rows`);
      await staff.waitForTimeout(250);
    }
    const t = await staff.evaluate<{ tap: number; screen: number; all: number }>("window.__desk");
    await staff.context().close();
    return {
      screen: t.screen - t.tap,
      all: t.all - t.tap,
      signIn: signedIn - t.tap,
      firstRead: reads.first.at - t.tap,
      wholeRead: reads.whole.at - t.tap,
    };
  };
  const medianOf = async (throttle: number, runs = 3) => {
    const xs: Open[] = [];
    for (let i = 0; i < runs; i++) xs.push(await open(throttle));
    return {
      screen: median(xs.map((x) => x.screen)),
      all: median(xs.map((x) => x.all)),
      signIn: median(xs.map((x) => x.signIn)),
      firstRead: median(xs.map((x) => x.firstRead)),
      wholeRead: median(xs.map((x) => x.wholeRead)),
    };
  };
  try {
    await open(1); // warm-up: the first start of a page pays for compiling the bundle
    const plain = await medianOf(1);
    const throttled = await medianOf(4);
    const ms = (x: number) => `${Math.round(x)} ms`;
    const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
    return {
      name: `desk open: Unlock (PIN entered) → first screen of today's ${QUEUE_SIZE}-row queue painted`,
      lines: [
        `as is: first screen ${ms(plain.screen)} (target ≤ 300 ms), all ${QUEUE_SIZE} rows in the page ${ms(plain.all)}; the sign-in (PIN checked with scrypt) answered at ${ms(plain.signIn)}, the first screen's rows at ${ms(plain.firstRead)}, the whole day at ${ms(plain.wholeRead)}`,
        `CPU throttled 4×: first screen ${ms(throttled.screen)} (target ≤ 1,000 ms), all ${QUEUE_SIZE} rows ${ms(throttled.all)}; sign-in answered at ${ms(throttled.signIn)}, the first screen's rows at ${ms(throttled.firstRead)}, the whole day at ${ms(throttled.wholeRead)}`,
        `the main process's answers as JSON: the first screen's rows ${kb(reads.first.bytes)}, the whole day ${kb(reads.whole.bytes)} (the page's binding carries each; Electron's IPC clones it)`,
      ],
      ratio: plain.screen / 300,
      target: 1,
      more: [{ label: `throttled 4× ${ms(throttled.screen)} vs 1,000 ms`, ratio: throttled.screen / 1000, target: 1 }],
    };
  } finally {
    await browser.close();
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchDeskQueue(): Promise<BenchResult> {
  const { dir, core } = await setup();
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    const staff = await openWindow(await newContext(browser, { width: 1920, height: 1080 }), core, "staff");
    const started = Date.now();
    await signIn(staff);
    const firstRender = Date.now() - started;
    await staff.evaluate(`(() => {
      window.__events = [];
      window.__frames = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) if (e.interactionId) window.__events.push(e.duration);
      }).observe({ type: "event", durationThreshold: 16, buffered: true });
      let last = performance.now();
      const tick = (t) => { window.__frames.push(t - last); last = t; requestAnimationFrame(tick); };
      requestAnimationFrame(tick);
    })()`);
    // Interactions a receptionist makes on a full queue: open an appointment, close it, toggle sound, scroll.
    const rows = staff.locator("tbody tr");
    const scroller = staff.locator(".queue-scroll");
    await scroller.hover();
    let interactions = 0;
    for (let i = 0; i < 12; i++) {
      await staff.mouse.wheel(0, 1400);
      await staff.waitForTimeout(60);
      const row = rows.nth(25 * i + 3);
      await row.scrollIntoViewIfNeeded();
      await row.getByRole("button", { name: /^Change, void or history/ }).click();
      await staff.getByRole("dialog").getByRole("heading", { level: 3, name: "History" }).waitFor();
      await staff.keyboard.press("Escape");
      await staff.getByRole("button", { name: /^Sound (on|off)$/ }).click();
      interactions += 3;
      await scroller.hover();
    }
    await staff.waitForTimeout(300);
    const events = await staff.evaluate<number[]>("window.__events");
    const frames = (await staff.evaluate<number[]>("window.__frames")).slice(1);
    // Interactions under 16 ms are not reported by Event Timing: count them as 16 ms.
    const durations = [...events, ...Array.from({ length: Math.max(0, interactions - events.length) }, () => 16)];
    const p95 = percentile(durations, 95);
    return {
      name: `desk queue of ${QUEUE_SIZE} appointments: interaction latency (Event Timing) and scrolling`,
      lines: [
        `sign-in driven step by step (name, each PIN digit, Unlock) until the queue shows: ${firstRender} ms for ${await rows.count()} rows (desk-open times Unlock → painted)`,
        `interactions ${interactions} (open/close appointment, sound toggle, keyboard): p95 ${p95.toFixed(0)} ms, max ${Math.max(...durations).toFixed(0)} ms; target p95 ≤ 100 ms`,
        `frames while scrolling and interacting: p95 ${percentile(frames, 95).toFixed(1)} ms (${frames.length} frames)`,
      ],
      ratio: p95 / 100,
      target: 1,
    };
  } finally {
    await browser.close();
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
