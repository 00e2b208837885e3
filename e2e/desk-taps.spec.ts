import path from "node:path";
import type { Page } from "@playwright/test";
import { DEMO_GUESTS, DEMO_STAFF } from "../db/demo/seed-demo";
import { checkInAtKiosk } from "../db/kiosk/check-in";
import { chooseAddons } from "../db/kiosk/choose";
import { savePreferences } from "../db/preferences/preferences";
import { ALLERGENS, AREAS } from "../contract/preferences";
import { saveSettings } from "../db/settings";
import type { AppCore } from "../electron/core";
import { expect, signIn, test, unlock } from "./fixtures";
import { bookFromNow, chooseFace, deskSession, pushEvent } from "./kiosk-helpers";
import { holdChannel } from "./state-diff";

const receptionist = DEMO_STAFF[1];
const shots = path.resolve(__dirname, "..", "test-results", "desk-taps");
const sizes = [
  { width: 1920, height: 1080 },
  { width: 1080, height: 1920 },
] as const;

/** `n` guests booked from now a minute apart ("Busy Guest00"…), not checked in. */
const book = (core: AppCore, n: number): number[] =>
  bookFromNow(
    core,
    Array.from({ length: n }, (_, i) => `Busy Guest${String(i).padStart(2, "0")}`),
    "55593",
  );

/** The guests of these tests whose add-ons the desk confirmed (the seeded guests and María), by name, in order. */
const confirmed = (core: AppCore): string[] =>
  core.model.db
    .prepare(
      `SELECT a.guest_name FROM audit_log l JOIN appointments a ON a.id = l.entity_id
       WHERE l.entity = 'appointment' AND l.action = 'offer.confirm'
         AND (a.guest_name LIKE 'Busy Guest%' OR a.booking_code = ?) ORDER BY l.id`,
    )
    .pluck()
    .all(DEMO_GUESTS.bothFit.code) as string[];

const row = (staff: Page, name: string) => staff.locator("tbody tr", { hasText: name });
const confirmOf = (staff: Page, name: string) =>
  staff.getByRole("button", { name: new RegExp(`^Confirm .* for ${name}$`) });

/**
 * A receptionist looks at the list before tapping in it: a tap on another guest than the one there within
 * MOVED_GUARD_MS (600 ms, renderer/staff/desk/useSteadyTaps.ts) of the list changing is not taken.
 */
const lookAtTheList = (staff: Page) => staff.waitForTimeout(700);

async function centre(page: Page, name: string) {
  const box = await confirmOf(page, name).boundingBox();
  if (!box) throw new Error(`no Confirm for ${name}`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

for (const gap of [0, 60, 300])
  test(`To do: two taps ${gap} ms apart on one guest's Confirm confirm her only; her row says so, then leaves`, async ({
    core,
    staff,
  }) => {
    for (const id of book(core, 6)) chooseFace(core, id);
    await signIn(staff, receptionist);
    await staff.getByRole("button", { name: /^To do/ }).click();
    await lookAtTheList(staff);
    const aim = await centre(staff, "Busy Guest02");
    if (gap === 0) await staff.mouse.dblclick(aim.x, aim.y);
    else {
      await staff.mouse.click(aim.x, aim.y);
      await staff.waitForTimeout(gap);
      await staff.mouse.click(aim.x, aim.y);
    }
    // Where her button was, words: the second tap lands on them, not on Guest03's Confirm.
    await expect(row(staff, "Busy Guest02").getByRole("status")).toHaveText(
      /^Confirmed ✓ — (ticket printing|printed)$/,
    );
    await expect(confirmOf(staff, "Busy Guest03")).toBeVisible();
    await staff.waitForTimeout(800);
    expect(confirmed(core)).toEqual(["Busy Guest02"]);
    if (gap === 300) await staff.screenshot({ path: path.join(shots, "todo-after-double-tap-1920x1080.png") });
    // Once the list has been left alone, her row leaves To do.
    await expect(row(staff, "Busy Guest02")).toHaveCount(0, { timeout: 10_000 });
    await expect(confirmOf(staff, "Busy Guest03")).toBeVisible();
    expect(confirmed(core)).toEqual(["Busy Guest02"]);
  });

for (const size of sizes)
  test(`${size.width}×${size.height}: a kiosk arrival and names left at the kiosk while the receptionist aims at Confirm move no row`, async ({
    core,
    staff,
  }) => {
    saveSettings(core.model.db, { walkInsAllowed: true });
    const ids = book(core, 12);
    for (const id of ids.slice(0, 11)) chooseFace(core, id);
    await staff.setViewportSize(size);
    await signIn(staff, receptionist);
    // Between 08:00 and 18:00 the demo's day has more rows above Guest04 than on its morning clock: she is scrolled to.
    await confirmOf(staff, "Busy Guest04").scrollIntoViewIfNeeded();
    const aim = await centre(staff, "Busy Guest04");
    await staff.screenshot({ path: path.join(shots, `aiming-${size.width}x${size.height}.png`) });

    // Guest11 checks in at the kiosk; Zoe and Ana leave their names there.
    const kiosk = core.newSession("kiosk");
    const phone = core.model.db.prepare("SELECT phone FROM appointments WHERE id = ?").pluck().get(ids[11]) as string;
    expect((await core.dispatch(kiosk, "kiosk.findAppointments", { by: "phone", phone })).ok).toBe(true);
    expect((await core.dispatch(kiosk, "kiosk.checkIn", { appointmentId: ids[11], lang: "en" })).ok).toBe(true);
    await expect(staff.getByText("New arrival: Busy Guest11 checked in at the kiosk")).toBeVisible();
    for (const firstName of ["Zoe", "Ana"])
      expect((await core.dispatch(core.newSession("kiosk"), "kiosk.walkIn", { firstName, lang: "en" })).ok).toBe(true);
    await expect(staff.getByRole("button", { name: "Book Ana…" })).toBeVisible();
    await staff.screenshot({ path: path.join(shots, `arrival-and-walk-ins-${size.width}x${size.height}.png`) });

    expect(await centre(staff, "Busy Guest04")).toEqual(aim);
    await staff.mouse.click(aim.x, aim.y);
    await expect(row(staff, "Busy Guest04").getByRole("status")).toHaveText(/^Confirmed ✓/);
    expect(confirmed(core)).toEqual(["Busy Guest04"]);
  });

/**
 * A row of a restore's list (db/maintenance/restore-gaps.ts), as a restore writes it: a guest checked in after the
 * backup (`decided`: the desk's Confirm made after it, which the restored data lacks), or a booking it doesn't have.
 */
let gapCodes = 0;
function restoreGap(core: AppCore, id: number | null, decided = false): void {
  const now = core.model.clock.now().toISOString();
  const a = core.model.db.prepare("SELECT booking_code, starts_at FROM appointments WHERE id = ?").get(id ?? 0) as
    { booking_code: string; starts_at: string } | undefined;
  core.model.db
    .prepare(
      `INSERT INTO restore_gaps (restored_at, appointment_id, booking_code, starts_at, service_name, checked_in_at,
         channel, addons, offer_status, decided_at)
       VALUES (?, ?, ?, ?, 'Swedish massage', ?, 'kiosk', '["face"]', ?, ?)`,
    )
    .run(
      now,
      id,
      a?.booking_code ?? `HH9${String(gapCodes++).padStart(3, "0")}`,
      a?.starts_at ?? now,
      now,
      decided ? "confirmed" : "accepted",
      decided ? now : null,
    );
}

/** Where every row of the list is on screen. */
const rowPlaces = (staff: Page) =>
  staff.locator("tr[data-appointment]").evaluateAll((rows) =>
    rows.map((r) => {
      const box = r.getBoundingClientRect();
      return [r.getAttribute("data-appointment"), Math.round(box.top), Math.round(box.height)];
    }),
  );

/** Where every row of the list is in the page, whatever the window and the list are scrolled to. */
const pagePlaces = (staff: Page) =>
  staff.locator("tr[data-appointment]").evaluateAll((rows) => {
    const scrolled = window.scrollY + (document.querySelector(".queue-scroll")?.scrollTop ?? 0);
    return rows.map((r) => [r.getAttribute("data-appointment"), Math.round(r.getBoundingClientRect().top + scrolled)]);
  });

for (const size of sizes)
  test(`${size.width}×${size.height}: preferences, a screening flag, a restore's note, a ticket's buttons and a longer restore list arriving above the row aimed at move no row; a tap at once confirms that guest only`, async ({
    core,
    staff,
  }) => {
    const ids = book(core, 12);
    for (const id of ids.slice(0, 10)) chooseFace(core, id);
    // A restore's list is up: Guest11 checked in after the backup.
    restoreGap(core, ids[11] as number);
    await staff.setViewportSize(size);
    await signIn(staff, receptionist);
    const list = staff.locator(".restore-gaps");
    await expect(list.getByRole("listitem")).toHaveCount(1);
    await confirmOf(staff, "Busy Guest07").scrollIntoViewIfNeeded();
    await lookAtTheList(staff);
    const aim = await centre(staff, "Busy Guest07");
    const places = await rowPlaces(staff);

    // Above her, as the receptionist aims: Guest01 gives allergies and areas to avoid, Guest02 chooses again and
    // prefers not to answer the questions, a restore undid the desk's Confirm of Guest03, another desk confirms
    // Guest04 (her Ticket and Reprint buttons), and the restore's list grows by three.
    const [, g1, g2, g3, g4] = ids as [number, number, number, number, number];
    savePreferences(core.model, g1, {
      pressure: "firm",
      allergies: [...ALLERGENS],
      allergyOther: "lavender and eucalyptus oil",
      avoid: [...AREAS],
      keep: false,
    });
    const face = checkInAtKiosk(core.model, g2, "en").visit.offer.cards.find((c) => c.code === "face");
    if (!face?.screening) throw new Error("the face massage has questions");
    chooseAddons(core.model, {
      appointmentId: g2,
      addonIds: [face.addonId],
      offerMs: 9000,
      lang: "en",
      screening: [
        {
          addonId: face.addonId,
          version: face.screening.version,
          answers: face.screening.questions.map(() => "skip" as const),
        },
      ],
    });
    restoreGap(core, g3, true);
    for (let n = 0; n < 3; n++) restoreGap(core, null);
    const other = await deskSession(core, DEMO_STAFF[0]);
    expect((await core.dispatch(other, "desk.confirmAddons", { appointmentId: g4 })).ok).toBe(true);
    await pushEvent(staff, "queue.changed", { appointmentId: g1, reason: "preferences" });
    await pushEvent(staff, "queue.changed", { appointmentId: g2, reason: "addon" });
    await pushEvent(staff, "queue.changed", { appointmentId: g3, reason: "desk" });
    await pushEvent(staff, "restoreGaps.changed", {});
    await expect(row(staff, "Busy Guest01")).toContainText("Allergy: Oils");
    await expect(row(staff, "Busy Guest02")).toContainText("Check before adding");
    await expect(row(staff, "Busy Guest03")).toContainText("Undone by the restore");
    await expect(row(staff, "Busy Guest04").getByRole("button", { name: "Ticket" })).toBeVisible();
    await expect(list.getByRole("listitem")).toHaveCount(5);

    expect(await rowPlaces(staff)).toEqual(places);
    expect(await centre(staff, "Busy Guest07")).toEqual(aim);
    await staff.screenshot({ path: path.join(shots, `rows-above-changed-${size.width}x${size.height}.png`) });
    await staff.mouse.click(aim.x, aim.y);
    await expect(row(staff, "Busy Guest07").getByRole("status")).toHaveText(/^Confirmed ✓/);
    await expect(staff.getByText("The list moved as you tapped")).toHaveCount(0);
    expect(confirmed(core)).toEqual(["Busy Guest04", "Busy Guest07"]);
  });

test("1080×1920: a restore's list answering after the queue, then cleared, moves no row; a tap at once after clearing is taken", async ({
  core,
  staff,
}) => {
  const ids = book(core, 12);
  for (const id of ids.slice(0, 10)) chooseFace(core, id);
  restoreGap(core, ids[11] as number);
  await staff.setViewportSize({ width: 1080, height: 1920 });
  // The restore's list slow to answer: the queue's answer waits with it, no row shown above an empty slot.
  const hold = await holdChannel(staff, "maintenance.restoreGaps");
  await unlock(staff, receptionist);
  await expect(staff.locator(".desk-head .status")).toHaveText("Loading today's arrivals…");
  await staff.waitForTimeout(500);
  await expect(staff.locator("tr[data-appointment]")).toHaveCount(0);
  await hold.release();
  const list = staff.locator(".restore-gaps");
  await expect(list.getByRole("listitem")).toHaveCount(1);
  await confirmOf(staff, "Busy Guest05").scrollIntoViewIfNeeded();
  await lookAtTheList(staff);
  const places = await pagePlaces(staff);
  await staff.evaluate(() => window.scrollTo(0, 0));
  await staff.screenshot({ path: path.join(shots, "restore-list-up-1080x1920.png") });

  // Cleared: the slot stays, saying so; no row moves, and a tap on a row at once is taken.
  await list.getByRole("button", { name: "Done, clear this list" }).click();
  await expect(staff.getByRole("region", { name: "After the restore" })).toHaveText(/list is cleared/);
  expect(await pagePlaces(staff)).toEqual(places);
  // (The click on Done scrolled the window to it: back to her row, a scroll that moves no row in the page.)
  await confirmOf(staff, "Busy Guest05").scrollIntoViewIfNeeded();
  const aim = await centre(staff, "Busy Guest05");
  await staff.mouse.click(aim.x, aim.y);
  await expect(row(staff, "Busy Guest05").getByRole("status")).toHaveText(/^Confirmed ✓/);
  await expect(staff.getByText("The list moved as you tapped")).toHaveCount(0);
  await staff.evaluate(() => window.scrollTo(0, 0));
  await staff.screenshot({ path: path.join(shots, "restore-list-cleared-1080x1920.png") });
  // Opened again, the desk has no list to keep room for.
  await staff.getByRole("button", { name: "Lock" }).click();
  await signIn(staff, receptionist);
  await expect(staff.locator(".restore-gaps")).toHaveCount(0);
  await expect(staff.locator(".desk-side")).not.toHaveClass(/with-restore/);
});

test("a row that moved under the finger a moment ago takes no tap, and the desk says so", async ({ core, staff }) => {
  const ids = book(core, 6);
  for (const id of ids) chooseFace(core, id);
  await signIn(staff, receptionist);
  await staff.getByRole("button", { name: /^To do/ }).click();
  await lookAtTheList(staff);
  const aim = await centre(staff, "Busy Guest01");
  // Another desk confirms Guest01: her row leaves this To do list and Guest02's slides up under the finger.
  const other = await deskSession(core, DEMO_STAFF[0]);
  expect((await core.dispatch(other, "desk.confirmAddons", { appointmentId: ids[1] })).ok).toBe(true);
  await expect(row(staff, "Busy Guest01")).toHaveCount(0);
  await staff.mouse.click(aim.x, aim.y);
  await expect(staff.getByRole("status").filter({ hasText: "The list moved as you tapped" })).toBeVisible();
  await staff.screenshot({ path: path.join(shots, "moved-under-finger-1920x1080.png") });
  expect(confirmed(core)).toEqual(["Busy Guest01"]);
  // A look later, the same tap is taken.
  await staff.waitForTimeout(700);
  await staff.mouse.click(aim.x, aim.y);
  await expect(row(staff, "Busy Guest02").getByRole("status")).toHaveText(/^Confirmed ✓/);
  expect(confirmed(core)).toEqual(["Busy Guest01", "Busy Guest02"]);
});

test("a guest still choosing, one who chose an add-on and one who chose none read differently; the one choosing keeps her offer until a second, deliberate tap", async ({
  core,
  kiosk,
  staff,
}) => {
  const [chose, choseNone] = book(core, 2);
  chooseFace(core, chose as number);
  chooseFace(core, choseNone as number, false);
  await signIn(staff, receptionist);
  await kiosk.getByRole("button", { name: "Check in" }).click();
  await kiosk.getByLabel("Mobile number").fill(DEMO_GUESTS.bothFit.phone);
  await kiosk.getByRole("button", { name: "Yes, that's me" }).click();
  await expect(kiosk.getByRole("heading", { name: "Add a little extra?" })).toBeVisible();

  const maria = row(staff, DEMO_GUESTS.bothFit.name);
  await expect(maria.locator(".badge")).toHaveText("Choosing at kiosk");
  await expect(maria.getByText("Guest is choosing…")).toBeVisible();
  await expect(row(staff, "Busy Guest00").locator(".badge")).toHaveText("Add-on to confirm");
  await expect(row(staff, "Busy Guest01").locator(".badge")).toHaveText("Chose no add-on");
  await expect(row(staff, "Busy Guest01")).toContainText("No add-on (kiosk)");
  // Not by colour alone: each badge has an outline of its own.
  const outline = (name: string) =>
    row(staff, name)
      .locator(".badge")
      .evaluate((b) => `${getComputedStyle(b).borderStyle} ${getComputedStyle(b).backgroundColor}`);
  const looks = [await outline(DEMO_GUESTS.bothFit.name), await outline("Busy Guest00"), await outline("Busy Guest01")];
  expect(new Set(looks).size).toBe(3);
  expect(looks[0]).toMatch(/^dashed/);
  for (const size of sizes) {
    await staff.setViewportSize(size);
    await maria.scrollIntoViewIfNeeded();
    await staff.screenshot({ path: path.join(shots, `three-states-${size.width}x${size.height}.png`) });
  }
  await staff.setViewportSize(sizes[0]);
  await lookAtTheList(staff);

  // María has no one-tap Confirm: a double tap on "No add-on…" only arms it, and her offer stays on the kiosk.
  const first = maria.getByRole("button", { name: /is still choosing at the kiosk: confirm no add-on instead/ });
  await expect(maria.getByRole("button", { name: /^Confirm/ })).toHaveCount(0);
  await first.dblclick();
  const sure = maria.getByRole("button", { name: /tap again to end the offer and confirm no add-on/ });
  await expect(sure).toHaveText("Sure? No add-on");
  await staff.waitForTimeout(500);
  expect(confirmed(core)).toEqual([]);
  await expect(kiosk.getByRole("heading", { name: "Add a little extra?" })).toBeVisible();
  await expect(kiosk.getByText("The front desk has confirmed your add-ons")).toHaveCount(0);

  // She chooses the face massage herself: the row reads as a choice to confirm, with one tap.
  await kiosk.getByRole("button", { name: "Add Face massage" }).click();
  await kiosk.getByRole("button", { name: "None of these apply to me" }).click();
  await expect(maria.locator(".badge")).toHaveText("Add-on to confirm");
  await maria.getByRole("button", { name: `Confirm Face massage for ${DEMO_GUESTS.bothFit.name}` }).click();
  await expect(maria.getByRole("status")).toHaveText(/^Confirmed ✓/);
  expect(confirmed(core)).toEqual([DEMO_GUESTS.bothFit.name]);
});

test("the desk can still settle a guest who stays on the offer: two deliberate taps, and the kiosk is told", async ({
  kiosk,
  staff,
}) => {
  await signIn(staff, receptionist);
  await kiosk.getByRole("button", { name: "Check in" }).click();
  await kiosk.getByLabel("Mobile number").fill(DEMO_GUESTS.bothFit.phone);
  await kiosk.getByRole("button", { name: "Yes, that's me" }).click();
  const maria = row(staff, DEMO_GUESTS.bothFit.name);
  await maria.getByRole("button", { name: /is still choosing at the kiosk: confirm no add-on instead/ }).click();
  await staff.waitForTimeout(800);
  await maria.getByRole("button", { name: /tap again to end the offer and confirm no add-on/ }).click();
  await expect(maria.getByRole("status")).toHaveText(/^Confirmed ✓/);
  await expect(kiosk.getByText("The front desk has confirmed your add-ons")).toBeVisible();
});

test("a void reason: blank says why the button waits; a long paste is named at the field with a counter, never cut", async ({
  core,
  staff,
}) => {
  const [id] = book(core, 1);
  chooseFace(core, id as number);
  await signIn(staff, receptionist);
  const guest = row(staff, "Busy Guest00");
  await guest.getByRole("button", { name: /^Confirm/ }).click();
  await guest.getByRole("button", { name: /^Change, void/ }).click();
  const panel = staff.getByRole("dialog", { name: "Busy Guest00" });
  await panel.getByRole("button", { name: "Void add-on…" }).click();
  const field = panel.getByLabel(/Why is the add-on voided/);
  const voidButton = panel.getByRole("button", { name: "Void add-on", exact: true });

  await field.fill("   ");
  await expect(voidButton).toBeDisabled();
  await expect(voidButton).toHaveAccessibleDescription("Give a reason (at least 3 characters).");

  const pasted =
    "Guest said the scalp oil irritated her skin last time and she would prefer not to have it today; ".repeat(5);
  const length = pasted.trim().length;
  await field.fill(pasted);
  await expect(field).toHaveValue(pasted); // nothing cut
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(field).toHaveAccessibleDescription(
    `The reason is too long: ${length} characters, and it can have 300. Shorten it by ${length - 300}. ${length} / 300`,
  );
  await expect(voidButton).toBeDisabled();
  await expect(voidButton).toHaveAccessibleDescription("Fix the reason first.");
  for (const size of sizes) {
    await staff.setViewportSize(size);
    await staff.screenshot({ path: path.join(shots, `void-reason-too-long-${size.width}x${size.height}.png`) });
  }

  const shorter = pasted.slice(0, 290).trimEnd();
  await field.fill(shorter);
  await expect(field).toHaveAccessibleDescription(`${shorter.length} / 300`);
  await expect(voidButton).toBeEnabled();
  await voidButton.click();
  await expect(guest.getByText("Add-on voided")).toBeVisible();
});
