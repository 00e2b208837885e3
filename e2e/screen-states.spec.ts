import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Locator, Page } from "@playwright/test";
import { DEMO_GUESTS, DEMO_STAFF } from "../db/demo/seed-demo";
import { checkInAtKiosk } from "../db/kiosk/check-in";
import { leaveOffer } from "../db/kiosk/leave";
import type { AppCore } from "../electron/core";
import { expect, signIn, test, unlock } from "./fixtures";
import { addHandMassage, bookFromNow, chooseFace, deskSession, findByCode, pushEvent } from "./kiosk-helpers";
import { greyscale, holdChannel, lookOnly, percent, pixelShare } from "./state-diff";
import { hangPushes } from "./wiring";

/**
 * Pairs of states a person must tell apart at a glance, measured: the share of an element's pixels that differ
 * between state A and state B (in colour, in greyscale as a person with no colour vision sees it, at 200 % zoom), and
 * what a screen reader gets (aria-busy, aria-invalid, the words of a status). A state told apart by colour alone, or
 * not at all, fails here. Screenshots of each state in test-results/screen-states/ for a person to look at.
 */

const shots = path.resolve(__dirname, "..", "test-results", "screen-states");
mkdirSync(shots, { recursive: true });
const shot = (name: string) => path.join(shots, `${name}.png`);
const log = (what: string, share: number) => console.log(`screen-states: ${what}: ${percent(share)} of pixels differ`);

async function toOffer(kiosk: Page): Promise<void> {
  await findByCode(kiosk, DEMO_GUESTS.bothFit.code);
  await kiosk.getByRole("button", { name: "Yes, that's me" }).click();
  await expect(kiosk.getByRole("heading", { name: "Add a little extra?" })).toBeVisible();
}

test("kiosk: an add-on picked vs not, in colour, in greyscale and at 200 % zoom", async ({ core, kiosk }) => {
  await addHandMassage(core); // three add-ons: a tap picks the card in place, nothing else on the screen moves
  await kiosk.reload();
  await toOffer(kiosk);
  const card = kiosk.locator("article.offer-card").filter({ hasText: "Face massage" }).first();
  for (const [view, size] of [
    ["1080x1920", { width: 1080, height: 1920 }],
    ["200 % zoom", { width: 540, height: 960 }],
  ] as const) {
    await kiosk.setViewportSize(size);
    for (const grey of [false, true]) {
      await greyscale(kiosk, grey);
      const what = `add-on picked vs not (${view}${grey ? ", greyscale" : ""})`;
      const a = await card.screenshot({ path: shot(`offer-card-not-picked-${view}${grey ? "-grey" : ""}`) });
      await card.getByRole("button", { name: "Add Face massage" }).click();
      const b = await card.screenshot({ path: shot(`offer-card-picked-${view}${grey ? "-grey" : ""}`) });
      // What a screen reader gets: the card is named "… Chosen", its button takes it off.
      await expect(kiosk.getByRole("article", { name: /Face massage.*Chosen/ })).toBeVisible();
      await expect(card.getByRole("button", { name: /Added ✓ — tap to remove/ })).toBeVisible();
      const share = await pixelShare(kiosk, a, b);
      log(what, share);
      expect.soft(share, what).toBeGreaterThan(0.15);
      await card.getByRole("button", { name: /Added ✓ — tap to remove/ }).click();
      await expect(kiosk.getByRole("article", { name: /Chosen/ })).toHaveCount(0);
    }
  }
});

/**
 * The kiosk waiting on the main process (a slow disk, a busy database) vs idle: the guest sees that it is working
 * (words, not only faded buttons), and a screen reader hears it (aria-busy, a status).
 */
test("kiosk: a tap being worked on vs idle, on Is this you? and on the offer", async ({ kiosk }) => {
  await findByCode(kiosk, DEMO_GUESTS.bothFit.code);
  const screen = kiosk.locator("section.screen");
  await expect(kiosk.getByRole("button", { name: "Yes, that's me" })).toBeVisible();
  for (const [name, channel, tap, next] of [
    ["confirm", "kiosk.checkIn", "Yes, that's me", "Add a little extra?"],
    ["offer", "kiosk.chooseAddons", "No thanks", /You.re checked in/],
  ] as const) {
    const idle: Buffer[] = [];
    for (const grey of [false, true]) {
      await greyscale(kiosk, grey);
      idle.push(await kiosk.screenshot({ path: shot(`kiosk-${name}-idle${grey ? "-grey" : ""}`) }));
    }
    await expect(screen).toHaveAttribute("aria-busy", "false");
    const hold = await holdChannel(kiosk, channel);
    await kiosk.getByRole("button", { name: tap }).click();
    // What a screen reader gets: the screen is busy, and a status says so.
    await expect(screen).toHaveAttribute("aria-busy", "true");
    await expect(kiosk.getByRole("status").filter({ hasText: "One moment…" })).toBeVisible();
    for (const grey of [false, true]) {
      await greyscale(kiosk, grey);
      const busy = await kiosk.screenshot({ path: shot(`kiosk-${name}-working${grey ? "-grey" : ""}`) });
      const share = await pixelShare(kiosk, idle[grey ? 1 : 0] ?? busy, busy);
      log(`kiosk ${name}: working vs idle${grey ? " (greyscale)" : ""}`, share);
      expect.soft(share).toBeGreaterThan(0.02);
    }
    await greyscale(kiosk, false);
    await kiosk.setViewportSize({ width: 1920, height: 1080 });
    await kiosk.screenshot({ path: shot(`kiosk-${name}-working-1920x1080`) });
    await kiosk.setViewportSize({ width: 1080, height: 1920 });
    await hold.release();
    await expect(kiosk.getByRole("heading", { name: next })).toBeVisible();
    await expect(screen).toHaveAttribute("aria-busy", "false");
    await expect(kiosk.getByRole("status").filter({ hasText: "One moment…" })).toHaveCount(0);
  }
});

test("kiosk: the language chosen vs not, and a field with an error vs without", async ({ kiosk }) => {
  // Language: the whole screen and the page's language change; the chosen language has no button (it is in use).
  const en = await kiosk.screenshot({ path: shot("kiosk-welcome-en") });
  await expect(kiosk.locator("html")).toHaveAttribute("lang", "en");
  await kiosk.getByRole("button", { name: "Cambiar a español" }).click();
  await expect(kiosk.locator("html")).toHaveAttribute("lang", "es");
  const es = await kiosk.screenshot({ path: shot("kiosk-welcome-es") });
  const lang = await pixelShare(kiosk, en, es);
  log("kiosk welcome: Spanish vs English", lang);
  expect(lang).toBeGreaterThan(0.01);
  await kiosk.reload();

  // A field: its look alone (words hidden) differs with an error, in greyscale too; aria-invalid says so.
  await kiosk.getByRole("button", { name: "Check in" }).click();
  const field = kiosk.getByRole("textbox", { name: "Mobile number" });
  for (const grey of [false, true]) {
    await greyscale(kiosk, grey);
    await field.fill("555010");
    await expect(field).toHaveAttribute("aria-invalid", "false");
    const ok = await lookOnly(field);
    await field.fill("555-CALL");
    await expect(field).toHaveAttribute("aria-invalid", "true");
    await expect(kiosk.getByRole("alert")).toContainText("Please use digits only.");
    const bad = await lookOnly(field);
    await kiosk.locator(".find-entry").screenshot({ path: shot(`kiosk-field-error${grey ? "-grey" : ""}`) });
    const share = await pixelShare(kiosk, ok, bad);
    log(`kiosk field: error vs none, words hidden${grey ? " (greyscale)" : ""}`, share);
    expect(share).toBeGreaterThan(0.03);
  }
  await greyscale(kiosk, false);
});

const receptionist = DEMO_STAFF[1];
const manager = DEMO_STAFF[0];
const rowOf = (staff: Page, name: string): Locator => staff.locator("tr", { hasText: name });

/** The states a kiosk check-in goes through on the desk's list, one guest each (booked today from 10:00). */
const STATES = {
  choosing: "Stella Choosing",
  toConfirm: "Tara ToConfirm",
  choseNone: "Nina ChoseNone",
  leftKiosk: "Leo LeftKiosk",
  confirmed: "Cora Confirmed",
  voided: "Vera Voided",
} as const;
type State = keyof typeof STATES;

/**
 * Every badge in one box of the same size, on one line (or back as they were): the width of a badge's words, or their
 * wrapping, is not a look.
 */
const sameBoxes = (badges: Locator, on: boolean) =>
  badges.evaluateAll((all, on) => {
    for (const b of all as HTMLElement[])
      for (const [property, value] of [
        ["width", "12rem"],
        ["white-space", "nowrap"],
        ["overflow", "hidden"],
      ] as const)
        if (on) b.style.setProperty(property, value);
        else b.style.removeProperty(property);
  }, on);

async function guestsInEveryState(core: AppCore): Promise<void> {
  const states = Object.keys(STATES) as State[];
  const ids = bookFromNow(
    core,
    states.map((state) => STATES[state]),
    "55594",
  );
  const id = Object.fromEntries(states.map((state, i) => [state, ids[i]])) as Record<State, number>;
  const choose = (state: State, face: boolean) => chooseFace(core, id[state], face);
  checkInAtKiosk(core.model, id.choosing, "en");
  choose("toConfirm", true);
  choose("choseNone", false);
  checkInAtKiosk(core.model, id.leftKiosk, "en");
  leaveOffer(core.model, id.leftKiosk);
  choose("confirmed", true);
  choose("voided", true);
  const desk = await deskSession(core, receptionist);
  for (const state of ["confirmed", "voided"] as const)
    expect((await core.dispatch(desk, "desk.confirmAddons", { appointmentId: id[state] })).ok).toBe(true);
  const voided = await core.dispatch(desk, "desk.voidAddons", { appointmentId: id.voided, reason: "Felt unwell" });
  expect(voided.ok).toBe(true);
}

test("desk: the list loading vs loaded, and each state of a kiosk check-in by its badge's look alone, in greyscale", async ({
  core,
  staff,
}) => {
  await guestsInEveryState(core);
  // The main process slow to answer: the desk says it is loading, never "Nobody waiting" over a list not read yet.
  const hold = await holdChannel(staff, "desk.queue");
  await unlock(staff, receptionist);
  const status = staff.locator(".desk-head .status");
  const queue = staff.locator("table.queue");
  await expect(status).toHaveText("Loading today's arrivals…");
  await expect(queue).toHaveAttribute("aria-busy", "true");
  const loading = await staff.locator(".desk").screenshot({ path: shot("desk-loading-1920x1080") });
  await hold.release();
  await expect(status).toHaveText(/waiting for confirmation/);
  await expect(queue).toHaveAttribute("aria-busy", "false");
  await expect(rowOf(staff, STATES.voided)).toBeVisible();
  const loaded = await staff.locator(".desk").screenshot({ path: shot("desk-loaded-1920x1080") });
  log("desk: list loading vs loaded", await pixelShare(staff, loading, loaded));

  for (const [view, size] of [
    ["1920x1080", { width: 1920, height: 1080 }],
    ["1080x1920", { width: 1080, height: 1920 }],
  ] as const) {
    await staff.setViewportSize(size);
    const rows = staff.locator("tr").filter({ hasText: /Stella|Tara|Nina|Leo|Cora|Vera/ });
    await rows.first().scrollIntoViewIfNeeded();
    await staff.locator(".queue-scroll").screenshot({ path: shot(`desk-states-${view}`) });
    await greyscale(staff, true);
    await staff.locator(".queue-scroll").screenshot({ path: shot(`desk-states-${view}-grey`) });
    await greyscale(staff, false);
  }
  await staff.setViewportSize({ width: 1920, height: 1080 });

  // Each badge's words, and its look with the words hidden, in greyscale, every badge as wide as the widest (the width
  // of its words is not a look).
  await sameBoxes(staff.locator(".queue .badge"), true);
  await greyscale(staff, true);
  const words = new Map<State, string>();
  const looks = new Map<State, Buffer>();
  for (const state of Object.keys(STATES) as State[]) {
    const badge = rowOf(staff, STATES[state]).locator(".badge");
    words.set(state, (await badge.textContent()) ?? "");
    looks.set(state, await lookOnly(badge));
  }
  await greyscale(staff, false);
  await sameBoxes(staff.locator(".queue .badge"), false);
  console.log(`screen-states: desk badges: ${JSON.stringify(Object.fromEntries(words))}`);
  // A kiosk check-in's four open states: each needs something else of the receptionist, each reads differently.
  const open: State[] = ["choosing", "toConfirm", "choseNone", "leftKiosk"];
  expect(new Set(open.map((s) => words.get(s))).size).toBe(open.length);
  for (const [i, a] of open.entries())
    for (const b of open.slice(i + 1)) {
      const share = await pixelShare(staff, looks.get(a) ?? Buffer.alloc(0), looks.get(b) ?? Buffer.alloc(0));
      log(`desk badge look alone, greyscale: ${a} vs ${b}`, share);
      expect.soft(share, `${a} vs ${b}`).toBeGreaterThan(0.03);
    }
  // Settled vs not arrived: in greyscale both badges are light pills; the settled one carries a tick.
  const expected = staff
    .locator("tr", { has: staff.locator(".badge.expected") })
    .first()
    .locator(".badge");
  const settled = rowOf(staff, STATES.confirmed).locator(".badge");
  await sameBoxes(staff.locator(".queue .badge"), true);
  await greyscale(staff, true);
  const [notArrived, done] = [await lookOnly(expected), await lookOnly(settled)];
  writeFileSync(shot("desk-badge-expected-look-grey"), notArrived);
  writeFileSync(shot("desk-badge-printed-look-grey"), done);
  const tick = await pixelShare(staff, notArrived, done);
  await greyscale(staff, false);
  await sameBoxes(staff.locator(".queue .badge"), false);
  // The tick is the badge's own sign (CSS), read out with its words.
  expect(await settled.evaluate((b) => getComputedStyle(b, "::before").content)).toBe('"✓ "');
  log("desk badge look alone, greyscale: expected vs ticket printed", tick);
  expect(tick).toBeGreaterThan(0.002);

  // Confirmed vs voided: the add-on column says which, with its sign (⊘) and weight, not in words alone.
  const addonCell = (name: string) => rowOf(staff, name).locator("td").nth(5).locator(".two-lines");
  await expect(addonCell(STATES.voided)).toHaveClass(/voided/);
  await expect(addonCell(STATES.voided)).toHaveText(/Add-on voided/);
  await expect(addonCell(STATES.confirmed)).not.toHaveClass(/voided/);
  await greyscale(staff, true);
  const voided = await pixelShare(
    staff,
    await lookOnly(addonCell(STATES.confirmed)),
    await lookOnly(addonCell(STATES.voided)),
  );
  await greyscale(staff, false);
  log("desk add-on cell look alone, greyscale: confirmed vs voided", voided);
  expect(voided).toBeGreaterThan(0.005);

  // A ticket printed vs on its way vs failed, on Cora's row: words, and a sign on the one that failed.
  const cora = rowOf(staff, STATES.confirmed);
  const job = core.model.db
    .prepare(
      `SELECT j.id FROM print_jobs j JOIN tickets t ON t.id = j.ticket_id JOIN appointments a ON a.id = t.appointment_id
       WHERE a.guest_name = ? ORDER BY j.id DESC LIMIT 1`,
    )
    .pluck()
    .get(STATES.confirmed) as number;
  const appointmentId = Number(await cora.getAttribute("data-appointment"));
  const prints = new Map<string, Buffer>();
  for (const [status, error, reads] of [
    ["queued", null, /Ticket queued/],
    ["failed", "Printer out of paper", /Print failed: Printer out of paper/],
    ["printed", null, /Ticket printed/],
  ] as const) {
    core.model.db.prepare("UPDATE print_jobs SET status = ?, last_error = ? WHERE id = ?").run(status, error, job);
    await pushEvent(staff, "queue.changed", { appointmentId, reason: "print" });
    await expect(cora.locator("td").nth(4)).toHaveText(reads);
    await greyscale(staff, true);
    prints.set(
      status,
      await cora
        .locator("td")
        .nth(4)
        .screenshot({ path: shot(`desk-ticket-${status}-grey`) }),
    );
    await greyscale(staff, false);
  }
  for (const [a, b] of [
    ["queued", "failed"],
    ["queued", "printed"],
    ["failed", "printed"],
  ] as const) {
    const share = await pixelShare(staff, prints.get(a) ?? Buffer.alloc(0), prints.get(b) ?? Buffer.alloc(0));
    log(`desk status cell, greyscale: ticket ${a} vs ${b}`, share);
    expect.soft(share).toBeGreaterThan(0.02);
  }
});

/**
 * The main process silent (hung: no heartbeat, no push, e2e/wiring.ts hangPushes) vs alive: the desk's list says it is
 * not up to date in words with the ⚠ sign, over the list and in the status line, and the list is framed in a dashed
 * line: told apart in greyscale, and no row moves.
 */
test("desk: the list current vs not up to date (no heartbeat for 15 s), in colour and greyscale, at both sizes", async ({
  core,
  staff,
}) => {
  test.setTimeout(90_000);
  await signIn(staff, receptionist);
  const status = staff.locator(".desk-head .status");
  await expect(status).toContainText("waiting for confirmation");
  const sizes = [
    ["1920x1080", { width: 1920, height: 1080 }],
    ["1080x1920", { width: 1080, height: 1920 }],
  ] as const;
  const looks = async (state: string) => {
    const taken = new Map<string, Buffer>();
    for (const [view, size] of sizes) {
      await staff.setViewportSize(size);
      for (const grey of [false, true]) {
        await greyscale(staff, grey);
        taken.set(
          `${view}${grey ? "-grey" : ""}`,
          await staff.screenshot({ path: shot(`desk-${state}-${view}${grey ? "-grey" : ""}`) }),
        );
      }
      await greyscale(staff, false);
    }
    await staff.setViewportSize({ width: 1920, height: 1080 });
    return taken;
  };
  const rows = async () =>
    staff
      .locator("tr[data-appointment]")
      .evaluateAll((all) => all.slice(0, 8).map((r) => r.getBoundingClientRect().top));
  const current = await looks("current");
  const placed = await rows();

  const hang = hangPushes(core);
  const alert = staff.getByRole("alert").filter({ hasText: /^⚠ Not up to date since \d{1,2}:\d{2} [AP]M/ });
  await expect(alert).toBeVisible({ timeout: 25_000 });
  // What a screen reader gets: the alert's words; the status line shows the same mark to the eye.
  await expect(alert).toContainText("this list may be missing arrivals");
  await expect(status).toContainText(/^⚠ Not up to date since/);
  const stale = await looks("not-up-to-date");
  expect(await rows()).toEqual(placed);
  for (const [key, a] of current) {
    const share = await pixelShare(staff, a, stale.get(key) ?? Buffer.alloc(0));
    log(`desk list: not up to date vs current (${key})`, share);
    expect.soft(share, key).toBeGreaterThan(0.03);
  }
  hang.resume();
  await expect(alert).toHaveCount(0, { timeout: 10_000 });
});

test("back office: kiosk settings with unsaved edits vs saved, by their look alone", async ({ staff }) => {
  await signIn(staff, manager);
  await staff.getByRole("button", { name: "Back office" }).click();
  await staff.getByRole("button", { name: "Kiosk", exact: true }).click();
  const idle = staff.getByLabel("Idle time before the kiosk starts over (seconds)");
  await expect(idle).toBeVisible();
  const form = staff.locator("form.admin-form").first();
  const save = staff.getByRole("button", { name: "Save kiosk settings" });
  await greyscale(staff, true);
  const asRead = await lookOnly(form);
  await idle.fill("95");
  // What a screen reader gets: a status says the edits are not saved yet.
  await expect(staff.getByRole("status")).toHaveText(/Unsaved changes/);
  const edited = await lookOnly(form);
  await form.screenshot({ path: shot("admin-kiosk-unsaved-grey") });
  await save.click();
  await expect(staff.getByRole("status")).toHaveText(/^Saved/);
  const saved = await lookOnly(form);
  await form.screenshot({ path: shot("admin-kiosk-saved-grey") });
  await greyscale(staff, false);
  await form.screenshot({ path: shot("admin-kiosk-saved") });
  await idle.fill("90");
  await form.screenshot({ path: shot("admin-kiosk-unsaved") });
  await staff.setViewportSize({ width: 1080, height: 1920 });
  await staff.screenshot({ path: shot("admin-kiosk-unsaved-1080x1920") });
  await staff.setViewportSize({ width: 1920, height: 1080 });
  for (const [what, a, b] of [
    ["unsaved edits vs as read", asRead, edited],
    ["unsaved edits vs saved", edited, saved],
  ] as const) {
    const share = await pixelShare(staff, a, b);
    log(`back office kiosk settings, words hidden, greyscale: ${what}`, share);
    expect.soft(share, what).toBeGreaterThan(0.02);
  }
});

test("back office: a report still counting vs a report with zero check-ins", async ({ staff }) => {
  await signIn(staff, manager);
  await staff.getByRole("button", { name: "Reports" }).click();
  const from = staff.getByLabel("From");
  const to = staff.getByLabel("To");
  const figures = staff.locator(".figures");
  // A week with nobody, counted: zero, said so.
  await from.fill("2020-01-01");
  await to.fill("2020-01-07");
  await expect(staff.getByRole("heading", { name: "No check-ins in this range" })).toBeVisible();
  await expect(figures).toHaveAttribute("aria-busy", "false");
  // The next week asked of a slow main process: the zero of the week before stays faded under "Counting…".
  const hold = await holdChannel(staff, "reports.uptake");
  await to.fill("2020-01-14");
  await expect(
    staff.getByRole("status").filter({ hasText: /^Counting January 1, 2020 – January 14, 2020…/ }),
  ).toBeVisible();
  await expect(figures).toHaveAttribute("aria-busy", "true");
  await greyscale(staff, true);
  const section = staff.locator("section.reports");
  const counting = await section.screenshot({ path: shot("reports-counting-grey") });
  await hold.release();
  await expect(staff.getByText(/Nothing to count between January 1, 2020 and January 14, 2020/)).toBeVisible();
  await expect(figures).toHaveAttribute("aria-busy", "false");
  const zero = await section.screenshot({ path: shot("reports-zero-grey") });
  await greyscale(staff, false);
  const share = await pixelShare(staff, counting, zero);
  log("reports, greyscale: counting vs zero check-ins", share);
  expect(share).toBeGreaterThan(0.05);
});
