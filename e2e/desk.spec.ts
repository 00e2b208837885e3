import { GUEST_NAME_MAX } from "../contract/common";
import { axeOn } from "./axe";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";
import { defaultSettings } from "../contract/settings";
import { DEMO_GUESTS, DEMO_STAFF } from "../db/demo/seed-demo";
import { insertAppointment } from "../db/desk/appointments";
import { getSettings, saveSettings } from "../db/settings";
import { addDays, localParts, zonedToUtc } from "../db/time";
import { createAppCore, type AppCore } from "../electron/core";
import { expect, test, signIn, unlock } from "./fixtures";
import { deskSession, noneApply } from "./kiosk-helpers";
import { newContext, openWindow } from "./wiring";

const [manager, receptionist] = DEMO_STAFF;

async function kioskCheckIn(kiosk: Page, phone: string, addon: "Face massage" | null) {
  await kiosk.getByRole("button", { name: "Check in" }).click();
  await kiosk.getByLabel("Mobile number").fill(phone);
  await kiosk.getByRole("button", { name: "Yes, that's me" }).click();
  await expect(kiosk.getByRole("heading", { name: "Add a little extra?" })).toBeVisible();
  if (addon) {
    await kiosk.getByRole("button", { name: `Add ${addon}` }).click();
    await noneApply(kiosk);
  } else {
    await kiosk.getByRole("button", { name: "No thanks" }).click();
  }
}

/**
 * The machine time a window's clock is set to for it to read `appMs` by the app's clock (they differ
 * on the demo spa's clock in the evening: db/demo/clock.ts, renderer/common/clock.ts).
 */
const windowTime = (core: AppCore, appMs: number) => appMs - (core.model.clock.now().getTime() - Date.now());

const mariaRow = (staff: Page) => staff.locator("tr", { hasText: DEMO_GUESTS.bothFit.name });

test("a kiosk arrival shows up live with a banner; the sound toggle is remembered by this window", async ({
  kiosk,
  staff,
}) => {
  await signIn(staff, receptionist);
  await expect(staff.getByRole("button", { name: "Sound on" })).toHaveAttribute("aria-pressed", "true");
  await kiosk.getByRole("button", { name: "Check in" }).click();
  await kiosk.getByLabel("Mobile number").fill(DEMO_GUESTS.bothFit.phone);
  await kiosk.getByRole("button", { name: "Yes, that's me" }).click();
  await expect(staff.getByText(`New arrival: ${DEMO_GUESTS.bothFit.name} checked in at the kiosk`)).toBeVisible();
  await expect(mariaRow(staff)).toHaveClass(/fresh/);
  await expect(mariaRow(staff).getByText("Guest is choosing…")).toBeVisible();

  await staff.getByRole("button", { name: "Sound on" }).click();
  await expect(staff.getByRole("button", { name: "Sound off" })).toHaveAttribute("aria-pressed", "false");
  // A reload keeps the main-process session (same window); the choice comes back from this window's storage.
  await staff.reload();
  await expect(staff.getByRole("button", { name: "Sound off" })).toBeVisible();
});

test("the desk chimes for a kiosk check-in and for a name left at the kiosk, and not with the sound off; Seen has an Undo", async ({
  core,
  kiosk,
  staff,
}) => {
  saveSettings(core.model.db, { walkInsAllowed: true });
  // Counts the chime's notes (two per chime) as the page plays them.
  await staff.addInitScript(() => {
    const counter = window as unknown as { notes: number };
    counter.notes = 0;
    const create = AudioContext.prototype.createOscillator;
    AudioContext.prototype.createOscillator = function (this: AudioContext) {
      counter.notes++;
      return create.call(this);
    };
  });
  await staff.reload();
  await signIn(staff, receptionist);
  const notes = () => staff.evaluate(() => (window as unknown as { notes: number }).notes);
  await expect(staff.getByRole("heading", { name: "Arrivals today" })).toBeVisible();
  expect(await notes()).toBe(0);

  await kioskCheckIn(kiosk, DEMO_GUESTS.bothFit.phone, null);
  await expect(mariaRow(staff)).toHaveClass(/fresh/);
  await expect.poll(notes).toBe(2);
  const kioskSession = core.newSession("kiosk");
  await core.dispatch(kioskSession, "kiosk.walkIn", { firstName: "Sam", lang: "en" });
  await expect(staff.getByRole("button", { name: "Book Sam…" })).toBeVisible();
  await expect.poll(notes).toBe(4);
  // Marking Sam seen by mistake, and Undo: the list changes, but nobody new came, so no chime.
  await staff.getByRole("button", { name: "Seen Sam" }).click();
  await expect(staff.getByRole("button", { name: "Book Sam…" })).toHaveCount(0);
  await expect(staff.getByRole("status").filter({ hasText: "Sam is off the list." })).toBeVisible();
  await staff.getByRole("button", { name: "Undo" }).click();
  await expect(staff.getByRole("button", { name: "Book Sam…" })).toBeVisible();
  await expect(staff.getByText("Sam is off the list.")).toHaveCount(0);
  await staff.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 100))));
  expect(await notes()).toBe(4);

  await staff.getByRole("button", { name: "Sound on" }).click();
  await core.dispatch(kioskSession, "kiosk.walkIn", { firstName: "Ana", lang: "en" });
  await expect(staff.getByRole("button", { name: "Book Ana…" })).toBeVisible();
  // James: no add-on fits his slot, so his check-in ends on Done.
  await kiosk.getByRole("button", { name: "Check in" }).click();
  await kiosk.getByLabel("Mobile number").fill(DEMO_GUESTS.noRoom.phone);
  await kiosk.getByRole("button", { name: "Yes, that's me" }).click();
  await expect(staff.locator("tr", { hasText: DEMO_GUESTS.noRoom.name })).toHaveClass(/fresh/);
  // A chime would play after the next frame: let it pass before counting.
  await staff.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 100))));
  expect(await notes()).toBe(4);
});

test("a guest who checks in in Spanish: the desk's banner and row say so, and so does the therapist's ticket", async ({
  kiosk,
  staff,
}) => {
  await signIn(staff, receptionist);
  await kiosk.getByRole("button", { name: "Cambiar a español" }).click();
  await kiosk.getByRole("button", { name: "Registrar llegada" }).click();
  await kiosk.getByLabel("Número de móvil").fill(DEMO_GUESTS.bothFit.phone);
  await kiosk.getByRole("button", { name: "Sí, soy yo" }).click();
  await expect(staff.getByText(`New arrival: ${DEMO_GUESTS.bothFit.name} checked in at the kiosk`)).toContainText(
    "speaks Spanish",
  );
  await kiosk.getByRole("button", { name: "Añadir Masaje facial" }).click();
  await kiosk.getByRole("button", { name: "Nada de esto me aplica" }).click();
  const row = mariaRow(staff);
  await expect(row.getByText("speaks Spanish")).toBeVisible();
  await row.getByRole("button", { name: /^Confirm/ }).click();
  await row.getByRole("button", { name: "Ticket", exact: true }).click();
  await expect(staff.locator(".ticket-preview")).toContainText("Speaks: Spanish");
  // Read, then Escape closes it, as every other desk dialog.
  await staff.keyboard.press("Escape");
  await expect(staff.getByRole("dialog", { name: "Ticket preview" })).toHaveCount(0);
});

test("the queue's header stays opaque over the rows scrolled under it", async ({ staff }) => {
  await signIn(staff, receptionist);
  const box = staff.locator(".queue-scroll");
  await box.evaluate((el) => (el.scrollTop = 400));
  const head = staff.locator(".queue thead th").first();
  // Collapsed table borders are painted above sticky cells; separate borders keep the rows' lines under the header.
  expect(await staff.locator(".queue").evaluate((t) => getComputedStyle(t).borderCollapse)).toBe("separate");
  expect(await head.evaluate((th) => getComputedStyle(th).backgroundColor)).toBe("rgb(255, 255, 255)");
  const [headBox, scrollBox] = [await head.boundingBox(), await box.boundingBox()];
  expect(Math.abs((headBox?.y ?? 0) - (scrollBox?.y ?? 0))).toBeLessThanOrEqual(2);
  await box.screenshot({ path: test.info().outputPath("queue-scrolled.png") });
});

test("a guest who walks away from the offer: after three minutes the desk reads 'Didn't choose at the kiosk: ask'", async ({
  core,
  kiosk,
  staff,
}) => {
  // The desk's clock runs four minutes ahead below; its lock must not come first.
  saveSettings(core.model.db, { staffIdleSeconds: 900 });
  await signIn(staff, receptionist);
  await kiosk.getByRole("button", { name: "Check in" }).click();
  await kiosk.getByLabel("Mobile number").fill(DEMO_GUESTS.bothFit.phone);
  await kiosk.getByRole("button", { name: "Yes, that's me" }).click();
  await expect(kiosk.getByRole("heading", { name: "Add a little extra?" })).toBeVisible();
  const row = mariaRow(staff);
  await expect(row.getByText("Guest is choosing…")).toBeVisible();
  await staff.clock.install();
  await staff.reload();
  await expect(row.getByText("Guest is choosing…")).toBeVisible();
  await staff.clock.runFor(4 * 60_000);
  await expect(row.getByText("Didn't choose at the kiosk: ask")).toBeVisible();
  await expect(row.getByRole("button", { name: "Confirm no add-on for María González" })).toBeVisible();
});

/**
 * María checks in at the kiosk with the face massage, the desk confirms it (its slip printed) and opens her
 * appointment: her queue row and the dialog.
 */
async function faceConfirmedThenOpened(staff: Page, kiosk: Page) {
  await signIn(staff, receptionist);
  await kioskCheckIn(kiosk, DEMO_GUESTS.bothFit.phone, "Face massage");
  const row = mariaRow(staff);
  await row.getByRole("button", { name: /^Confirm/ }).click();
  // The stage says it once; the print line only adds what differs (queued, failed, a reprint).
  await expect(row.getByText("Ticket printed")).toHaveCount(1);
  await row.getByRole("button", { name: /^Change, void or history/ }).click();
  return { row, panel: staff.getByRole("dialog", { name: DEMO_GUESTS.bothFit.name }) };
}

test("Change adds the scalp massage at the desk (CHANGED ticket), Void needs a reason, and the history shows both", async ({
  core,
  kiosk,
  staff,
}) => {
  const { row, panel } = await faceConfirmedThenOpened(staff, kiosk);
  await panel.getByLabel(/Scalp massage/).check();
  await panel.getByLabel("Note (optional)").fill("Guest asked at the desk");
  await panel.getByRole("button", { name: "Save add-on change" }).click();
  await expect(panel.getByRole("status")).toHaveText("Add-ons changed; the ticket is on its way to the printer.");
  await expect(row.getByText("Face massage + Scalp massage")).toBeVisible();
  await expect(row.getByText(/\(CHANGED\)/)).toBeVisible();
  // The stage says "Ticket printed" once; the print line adds only the kind.
  await expect(row.getByText(/Ticket printed/)).toHaveCount(1);
  await expect(panel.getByText("Add-ons changed at the desk")).toBeVisible();
  await expect(panel.locator(".history").getByText("reason: Guest asked at the desk")).toBeVisible();
  await expect(panel.locator(".history li").filter({ hasText: "Add-ons changed at the desk" })).toContainText(
    "Add-ons: Face massage → Face massage + Scalp massage",
  );

  await panel.getByRole("button", { name: "Void add-on…" }).click();
  const voidButton = panel.getByRole("button", { name: "Void add-on", exact: true });
  await expect(voidButton).toBeDisabled();
  await panel.getByLabel(/Why is the add-on voided/).fill("Guest felt unwell");
  await voidButton.click();
  await expect(row.getByText("Add-on voided")).toBeVisible();
  await expect(panel.locator(".history").getByText("reason: Guest felt unwell")).toBeVisible();
  await expect(panel.locator(".history li").filter({ hasText: "Add-on voided" })).toContainText(
    "Add-ons: Face massage + Scalp massage → No add-on",
  );
  await expect(row.getByText(/\(VOID\)/)).toBeVisible();
  await panel.getByRole("button", { name: "Close" }).click();

  await core.printQueue.idle();
  const kinds = core.model.db
    .prepare(
      "SELECT kind FROM tickets WHERE appointment_id = (SELECT id FROM appointments WHERE booking_code = ?) ORDER BY id",
    )
    .all(DEMO_GUESTS.bothFit.code);
  expect(kinds).toEqual([{ kind: "original" }, { kind: "changed" }, { kind: "void" }]);
});

test("two receptionists confirm the same add-on at once: one ticket, nothing lost", async ({
  browserInstance,
  core,
  kiosk,
  staff,
}) => {
  await signIn(staff, receptionist);
  const context = await newContext(browserInstance, { width: 1920, height: 1080 });
  const second = await openWindow(context, core, "staff");
  await signIn(second, manager);
  await kioskCheckIn(kiosk, DEMO_GUESTS.bothFit.phone, "Face massage");
  await expect(mariaRow(staff).getByText("Add-on to confirm")).toBeVisible();
  await expect(mariaRow(second).getByText("Add-on to confirm")).toBeVisible();
  // Both taps leave at the same moment (a real click would find the button already gone once
  // the other window's confirmation is pushed, so fire both windows' calls together).
  const { id } = core.model.db
    .prepare("SELECT id FROM appointments WHERE booking_code = ?")
    .get(DEMO_GUESTS.bothFit.code) as {
    id: number;
  };
  const tap = (page: Page) =>
    page.evaluate((appointmentId) => window.kiosk.invoke("desk.confirmAddons", { appointmentId }), id);
  const answers = await Promise.all([tap(staff), tap(second), tap(staff), tap(second)]);
  for (const a of answers)
    expect(a).toMatchObject({ ok: true, value: { offer: { status: "confirmed", final: ["Face massage"] } } });
  await expect(mariaRow(staff).getByText("Ticket printed")).toHaveCount(1);
  await expect(mariaRow(second).getByText("Ticket printed")).toHaveCount(1);
  const jobs = core.model.db
    .prepare(
      "SELECT count(*) AS n FROM print_jobs j JOIN tickets t ON t.id = j.ticket_id JOIN appointments a ON a.id = t.appointment_id WHERE a.booking_code = ?",
    )
    .get(DEMO_GUESTS.bothFit.code);
  expect(jobs).toEqual({ n: 1 });
  await context.close();
});

test("desk check-in of a guest who skipped the kiosk, Confirm, Reprint, no-show and a walk-in", async ({ staff }) => {
  await signIn(staff, receptionist);
  const row = mariaRow(staff);
  await row.getByRole("button", { name: `Check in ${DEMO_GUESTS.bothFit.name}` }).click();
  await expect(row.getByText("Checked in", { exact: true })).toBeVisible();
  await row.getByRole("button", { name: /^Confirm/ }).click();
  await expect(row.getByText(/^No add-on/)).toBeVisible();
  await expect(row.getByText("(desk)")).toBeVisible();
  await row.getByRole("button", { name: "Reprint" }).click();
  await expect(row.getByText(/\(REPRINT\)/)).toBeVisible();

  const james = staff.locator("tr", { hasText: DEMO_GUESTS.noRoom.name });
  await james.getByRole("button", { name: /^Change, void or history/ }).click();
  const panel = staff.getByRole("dialog", { name: DEMO_GUESTS.noRoom.name });
  await panel.getByRole("button", { name: "Mark no-show" }).click();
  await expect(james.getByText("No-show")).toBeVisible();
  await expect(panel.locator(".history").getByText("Marked as no-show")).toBeVisible();
  await panel.getByRole("button", { name: "Close" }).click();

  await staff.getByRole("button", { name: "Walk-in" }).click();
  const form = staff.getByRole("dialog", { name: "Walk-in" });
  // A name pasted one character past the limit is refused as it stands, never cut short without a word.
  const pasted = `Walker Texas ${"R".repeat(GUEST_NAME_MAX - 12)}`;
  await form.getByLabel("Guest name").fill(pasted);
  await form.getByLabel("Mobile number").fill("555 777 1234");
  await form.getByRole("button", { name: "Book, check in and print ticket" }).click();
  await expect(form.getByRole("alert")).toHaveText(`Keep this under ${GUEST_NAME_MAX} characters.`);
  await expect(form.getByLabel("Guest name")).toHaveValue(pasted);
  await form.getByLabel("Guest name").fill("Walker Texas");
  await form.getByLabel("Mobile number").fill("call me");
  await form.getByRole("button", { name: "Book, check in and print ticket" }).click();
  await expect(form.getByRole("alert")).toHaveText("Use digits only.");
  await form.getByLabel("Mobile number").fill("555 777 1234");
  await form.getByRole("button", { name: "Book, check in and print ticket" }).click();
  // The demo day keeps every therapist busy now; the refusal names the clash and keeps the form.
  const refused = form.getByRole("alert");
  const added = staff.locator("tr", { hasText: "Walker Texas" });
  await expect(refused.or(added)).toBeVisible();
  if (await refused.isVisible()) await expect(refused).toContainText("with another guest");
  else await expect(added.getByText(/^(Confirmed|Ticket printed)$/)).toBeVisible();
});

test("a name left at the kiosk is booked from the walk-ins list: name and language come along, a free therapist and room are picked, the add-on asked for goes on the ticket, the list empties", async ({
  core,
  staff,
}) => {
  saveSettings(core.model.db, { walkInsAllowed: true });
  // Someone free whatever the hour of the demo day this runs at.
  core.model.db.prepare("INSERT INTO therapists (name) VALUES ('Zoe Free')").run();
  core.model.db.prepare("INSERT INTO rooms (name) VALUES ('Zen')").run();
  expect((await core.dispatch(core.newSession("kiosk"), "kiosk.walkIn", { firstName: "Sam", lang: "es" })).ok).toBe(
    true,
  );
  await signIn(staff, receptionist);
  const waiting = staff.getByRole("region", { name: /Walk-ins waiting/ });
  await waiting.getByRole("button", { name: "Book Sam…" }).click();
  const form = staff.getByRole("dialog", { name: "Book Sam in" });
  await expect(form.getByLabel("Guest name")).toHaveValue("Sam");
  await expect(form.getByText(/^Left their name at the kiosk at \d+:\d\d [AP]M · speaks Spanish\./)).toBeVisible();
  await expect(form.getByText(/^From now: /)).toBeVisible();
  await expect(form.getByLabel("Therapist").locator("option:checked")).toHaveText(/ — free$/);
  await expect(form.getByLabel("Room").locator("option:checked")).toHaveText(/ — free$/);
  await expect(form.getByLabel("Therapist").locator("option", { hasText: "Zoe Free" })).toHaveText("Zoe Free — free");
  await form.getByLabel("Guest name").fill("Sam Lee");
  await form.getByLabel("Mobile number").fill("555 777 4321");
  // Sam never saw the kiosk's offer: the form asks for it.
  await expect(form.getByRole("group", { name: "Add-ons: ask the guest" })).toBeVisible();
  await form.getByRole("checkbox", { name: /^Face massage/ }).check();
  await form.getByRole("button", { name: "Book, check in and print ticket" }).click();

  const row = staff.locator("tr", { hasText: "Sam Lee" });
  await expect(row.getByText(/^(Confirmed|Ticket printed)$/)).toBeVisible();
  await expect(row.getByText("Face massage")).toBeVisible();
  await expect(row.getByText("speaks Spanish")).toBeVisible();
  await expect(waiting).toHaveCount(0);
  expect(
    core.model.db.prepare("SELECT a.guest_name FROM walk_ins w JOIN appointments a ON a.id = w.appointment_id").all(),
  ).toEqual([{ guest_name: "Sam Lee" }]);
});

test("a guest at the desk is found by part of a name (accents or not) or of a phone number; a search with no match says so", async ({
  kiosk,
  staff,
}) => {
  await signIn(staff, receptionist);
  const rows = staff.locator("tbody tr");
  await expect(mariaRow(staff)).toBeVisible();
  const everyone = await rows.count();
  const search = staff.getByLabel("Find a guest");
  // Typing a name with no field focused goes to the search.
  await staff.getByRole("heading", { name: "Arrivals today" }).click();
  await staff.keyboard.type("gonzalez");
  await expect(search).toBeFocused();
  await expect(search).toHaveValue("gonzalez");
  await expect(rows).toHaveCount(1);
  await expect(mariaRow(staff)).toBeVisible();
  await expect(staff.getByRole("status").filter({ hasText: `showing 1 of ${everyone}` })).toBeVisible();
  // A kiosk arrival while the list is narrowed still updates the row in view.
  await kioskCheckIn(kiosk, DEMO_GUESTS.bothFit.phone, "Face massage");
  await expect(mariaRow(staff).getByRole("button", { name: /^Confirm Face massage/ })).toBeVisible();
  // The last digits of a phone number find its guest; her panel has the number to call.
  await search.fill(DEMO_GUESTS.bothFit.phone.slice(-4));
  await expect(rows).toHaveCount(1);
  await mariaRow(staff)
    .getByRole("button", { name: /^Change, void or history/ })
    .click();
  const panel = staff.getByRole("dialog", { name: DEMO_GUESTS.bothFit.name });
  await expect(panel.getByText(`code ${DEMO_GUESTS.bothFit.code} · phone (555) 010-2233`)).toBeVisible();
  await panel.getByRole("button", { name: "Close" }).click();
  // Her whole number as she says it, with the country code: the same one, however each was written.
  await search.fill("+1 555 010 2233");
  await expect(rows).toHaveCount(1);
  await expect(mariaRow(staff)).toBeVisible();
  await search.fill(DEMO_GUESTS.bothFit.code.toLowerCase());
  await expect(rows).toHaveCount(1);
  await search.fill("fischer");
  await expect(rows).toHaveCount(2);
  await search.fill("fischer lena");
  await expect(rows).toHaveCount(1);
  // A zero is in no name and no kiosk code (their alphabet leaves out 0 and O), letters in no phone.
  await search.fill("zz0");
  await expect(rows).toHaveCount(0);
  await expect(staff.getByText("Nobody today matches “zz0”.")).toBeVisible();
  await expect(
    staff.getByText("No booking matches “zz0” on other days either (14 days back, 60 ahead)."),
  ).toBeVisible();
  await staff.getByRole("button", { name: "Show everyone" }).click();
  await expect(rows).toHaveCount(everyone);
  await expect(search).toHaveValue("");
});

test("a guest who isn't on today's list is found on the day they are booked for, and past visits say how they went", async ({
  core,
  staff,
}) => {
  await signIn(staff, receptionist);
  const search = staff.getByLabel("Find a guest");
  await search.fill("priya shah");
  await expect(staff.getByText("Nobody today matches “priya shah”.")).toBeVisible();
  const elsewhere = staff.getByRole("region", { name: "On other days" });
  const { starts_at } = core.model.db
    .prepare("SELECT starts_at FROM appointments WHERE booking_code = ?")
    .get(DEMO_GUESTS.tomorrow.code) as { starts_at: string };
  const when = new Intl.DateTimeFormat("en-US", {
    timeZone: "America/Los_Angeles",
    weekday: "short",
    month: "short",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
  }).format(new Date(starts_at));
  await expect(elsewhere.getByRole("listitem")).toHaveText([`Priya Shah · ${when} · Swedish massage with Ana Ruiz`]);
  // Her number as she says it, with the country code, brackets and a dash: the booking system wrote 5550106677.
  await search.fill("+1 (555) 010-6677");
  await expect(elsewhere.getByRole("listitem")).toHaveText([`Priya Shah · ${when} · Swedish massage with Ana Ruiz`]);
  // A guest of the demo's history who isn't booked today: their last visits, each as it went.
  const { name } = core.model.db
    .prepare(
      `SELECT a.guest_name AS name FROM appointments a JOIN check_ins c ON c.appointment_id = a.id
       WHERE a.local_day >= date('now', '-10 days') AND a.guest_name NOT IN (SELECT guest_name FROM appointments WHERE local_day >= date('now', '-1 day'))
       ORDER BY a.starts_at DESC LIMIT 1`,
    )
    .get() as { name: string };
  await search.fill(name);
  await expect(elsewhere.getByRole("listitem").first()).toHaveText(
    new RegExp(`^${name} · .+ · (came|never checked in)$`),
  );
});

test("To do narrows the list to what needs the desk now; a confirmed guest leaves it", async ({
  core,
  kiosk,
  staff,
}) => {
  // The desk's clock stands still half an hour before María's booking, so she is not late (on the
  // list already) whatever the time of the run, and nobody turns late while the test counts.
  const startsAt = core.model.db
    .prepare("SELECT starts_at FROM appointments WHERE guest_name = ?")
    .pluck()
    .get(DEMO_GUESTS.bothFit.name) as string;
  await staff.clock.setFixedTime(new Date(windowTime(core, Date.parse(startsAt) - 30 * 60_000)));
  await signIn(staff, receptionist);
  await expect(mariaRow(staff)).toBeVisible();
  // The whole day in the table (its first screen comes first).
  await expect(staff.locator("table.queue")).toHaveAttribute("aria-busy", "false");
  const everyone = await staff.locator("tbody tr").count();
  const toDo = staff.getByRole("button", { name: /^To do \(\d+\)$/ });
  const before = Number((await toDo.textContent())?.match(/\d+/)?.[0]);
  await kioskCheckIn(kiosk, DEMO_GUESTS.bothFit.phone, "Face massage");
  await expect(staff.getByRole("button", { name: `To do (${before + 1})` })).toBeVisible();
  await toDo.click();
  await expect(toDo).toHaveAttribute("aria-pressed", "true");
  await expect(staff.locator("tbody tr")).toHaveCount(before + 1);
  await expect(staff.getByRole("status").filter({ hasText: `showing ${before + 1} of ${everyone}` })).toBeVisible();
  // Confirmed, her ticket prints: her row says so where its button was for a moment (a second tap lands on words,
  // not on the next guest's Confirm), then she is off the list.
  await mariaRow(staff)
    .getByRole("button", { name: /^Confirm/ })
    .click();
  await expect(mariaRow(staff).getByRole("status")).toHaveText(/^Confirmed ✓/);
  await expect(mariaRow(staff)).toHaveCount(0, { timeout: 10_000 });
  await expect(staff.locator("tbody tr")).toHaveCount(before);
  await toDo.click();
  await expect(staff.locator("tbody tr")).toHaveCount(everyone);
  await expect(mariaRow(staff).getByText("Ticket printed")).toBeVisible();
});

test("a guest who has not arrived by their start time shows as late, and the count moves on with the clock", async ({
  core,
  staff,
}) => {
  await signIn(staff, receptionist);
  const today = core.model.db
    .prepare(
      `SELECT id, starts_at FROM appointments a WHERE local_day = (SELECT local_day FROM appointments WHERE booking_code = ?)
       AND status = 'booked' AND NOT EXISTS (SELECT 1 FROM check_ins c WHERE c.appointment_id = a.id) ORDER BY starts_at`,
    )
    .all(DEMO_GUESTS.bothFit.code) as { id: number; starts_at: string }[];
  const first = today[0];
  if (!first) throw new Error("the demo day has nobody left to arrive");
  // The window's clock, 25 minutes after the first guest still to arrive was due (the queue still comes from the app).
  const lateAt = Date.parse(first.starts_at) + 25 * 60_000;
  const lateCount = (at: number) => today.filter((a) => at - Date.parse(a.starts_at) >= 60_000).length;
  // Opened just past that minute (the window's clock runs on from there, a minute from the next one).
  await staff.clock.install({ time: windowTime(core, lateAt + 1000) });
  await staff.reload();
  const row = staff.locator(`tr[data-appointment="${first.id}"]`);
  await expect(row.getByText("Late · 25 min")).toBeVisible();
  await expect(staff.getByRole("status").filter({ hasText: "waiting for confirmation" })).toContainText(
    `${lateCount(lateAt)} late, not arrived yet`,
  );

  // The desk's clock moves on at each minute boundary.
  await staff.clock.pauseAt(windowTime(core, lateAt + 30_000));
  await staff.clock.runFor(60_000);
  await expect(row.getByText("Late · 26 min")).toBeVisible();

  await row.getByRole("button", { name: /^Check in/ }).click();
  await expect(row.getByText("Checked in", { exact: true })).toBeVisible();
  await expect(row.getByText(/^Late/)).toHaveCount(0);
});

/**
 * A demo spa whose clock stands at 18:00 today: the afternoon's visits are settled, so the desk scrolls itself on
 * opening.
 */
async function eveningCore(): Promise<{ core: AppCore; done: () => Promise<void> }> {
  const dir = mkdtempSync(path.join(tmpdir(), "happyhead-e2e-evening-"));
  const tz = defaultSettings.timeZone;
  const evening = zonedToUtc(localParts(new Date(), tz).day, "18:00", tz);
  const core = await createAppCore({ dataDir: dir, seed: "demo", clock: { now: () => new Date(evening) } });
  return {
    core,
    done: async () => {
      await core.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

test("opened late in the day, the desk's list starts at the first guest still to be seen to", async ({
  browserInstance,
}) => {
  const { core, done } = await eveningCore();
  const context = await newContext(browserInstance, { width: 1920, height: 1080 });
  const staff = await openWindow(context, core, "staff");
  await signIn(staff, receptionist);
  const rows = staff.locator("tbody tr");
  // The afternoon's visits are settled above; the first guest with a Check in button is in view.
  await expect(rows.first().getByText("Ticket printed")).toBeVisible();
  await expect(rows.filter({ has: staff.getByRole("button", { name: /^Check in/ }) }).first()).toBeInViewport();
  await expect(rows.first()).not.toBeInViewport();
  await context.close();
  await done();
});

/**
 * Holds the page's calls for a whole day's list (desk.queue without `first`) until `release`: the first screen shown,
 * the rest of the day still on its way.
 */
async function holdRestOfDay(page: Page): Promise<{ release: () => Promise<void> }> {
  await page.evaluate(() => {
    const w = window as unknown as {
      __hhInvoke: (c: string, p: unknown, o: unknown) => Promise<unknown>;
      __hhRest?: (() => void)[];
    };
    const real = w.__hhInvoke.bind(window);
    const waiting: (() => void)[] = (w.__hhRest = []);
    w.__hhInvoke = (c, p, o) =>
      c === "desk.queue" && !(p && typeof p === "object" && "first" in p)
        ? new Promise<unknown>((resolve) => waiting.push(() => resolve(real(c, p, o))))
        : real(c, p, o);
  });
  return {
    release: () =>
      page.evaluate(() => {
        for (const go of (window as unknown as { __hhRest: (() => void)[] }).__hhRest.splice(0)) go();
      }),
  };
}

test("a full day (300 bookings): the desk opens on its first screen, says the rest is coming, and the rest of the day follows, in start order, all findable", async ({
  core,
  staff,
}) => {
  const tz = getSettings(core.model.db).timeZone;
  const today = localParts(core.model.clock.now(), tz).day;
  const before = core.model.db
    .prepare("SELECT count(*) FROM appointments WHERE local_day = ?")
    .pluck()
    .get(today) as number;
  core.model.db.transaction(() => {
    for (let i = 0; i < 300 - before; i++)
      insertAppointment(core.model, tz, {
        guestName: `Fullday Guest${String(i).padStart(3, "0")}`,
        phone: `55592${String(10000 + i)}`,
        serviceId: 1,
        therapistId: 1 + (i % 5),
        roomId: 1 + (i % 5),
        startsAt: zonedToUtc(
          today,
          `${String(8 + Math.floor(i / 30)).padStart(2, "0")}:${String(i % 30).padStart(2, "0")}`,
          tz,
        ).toISOString(),
        source: "import",
      });
  })();
  const rest = await holdRestOfDay(staff);
  await unlock(staff, receptionist);
  const rows = staff.locator("tbody tr");
  await expect(rows.first()).toBeVisible();
  // The first screen alone: its rows fill the list, and nothing counted over them is said as if it were the whole day.
  const status = staff.locator(".desk-head .status");
  await expect(status).toHaveText("Loading the rest of today's arrivals…");
  await expect(staff.getByRole("button", { name: "To do (…)" })).toBeVisible();
  const shown = await rows.count();
  expect(shown).toBeGreaterThan(5);
  expect(shown).toBeLessThan(30);
  const last = `Fullday Guest${String(299 - before).padStart(3, "0")}`;
  await staff.getByLabel("Find a guest").fill(last);
  await expect(rows).toHaveCount(0);
  await expect(staff.getByText(/Nobody today matches/)).toHaveCount(0);
  await staff.getByLabel("Find a guest").fill("");
  await expect(staff.locator("table.queue")).toHaveAttribute("aria-busy", "true");
  await rest.release();
  await expect(rows).toHaveCount(300);
  await expect(staff.locator("table.queue")).toHaveAttribute("aria-busy", "false");
  await expect(status).toHaveText(/waiting for confirmation/);
  await expect(staff.getByRole("button", { name: /^To do \(\d+\)$/ })).toBeVisible();
  // Every row in start order: the rows added after the first screen go below it, not in between.
  const ids = await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute("data-appointment"))));
  const order = core.model.db
    .prepare("SELECT id FROM appointments WHERE local_day = ? ORDER BY starts_at, id")
    .pluck()
    .all(today) as number[];
  expect(ids).toEqual(order);
  await staff.getByLabel("Find a guest").fill(last);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(last);
});

test("CSV import: per-row errors with line numbers, nothing imported until bad rows are skipped, wrong encoding named", async ({
  core,
  staff,
}) => {
  await signIn(staff, receptionist);
  await staff.getByRole("button", { name: "Import appointments" }).click();
  const dialog = staff.getByRole("dialog", { name: "Import appointments" });
  const csv = [
    "\uFEFFBooking ID;Client Name;Mobile;Service;Therapist;Room;Date;Start Time",
    "E2E-1;Ada Lovelace;555 010 9001;Swedish massage;Ana Ruiz;Lotus;2026-12-01;9:00 AM",
    'E2E-2;"Hopper; Grace";555 010 9002;Thai massage;Ana Ruiz;Lotus;2026-12-01;10:00',
    'E2E-3;=HYPERLINK("x");555 010 9003;Swedish massage;Ana Ruiz;Cedar;2026-12-01;14:30',
  ].join("\r\n");
  await dialog
    .getByLabel("CSV file")
    .setInputFiles({ name: "bookings.csv", mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
  // Its dates may be past by now: past bookings are imported and only noted.
  await expect(dialog.getByText(/^3 rows: 2 ready, 1 with problems/)).toBeVisible();
  const problem = dialog.locator(".import-errors tbody tr");
  await expect(problem).toHaveCount(1);
  await expect(problem).toContainText("3");
  await expect(problem).toContainText('"Thai massage" is not a service in the catalog');
  const importButton = dialog.getByRole("button", { name: "Import 2 appointments" });
  await expect(importButton).toBeDisabled();
  await dialog.getByLabel("Skip the 1 bad rows and import the other 2").check();
  await importButton.click();
  await expect(dialog.getByText("Imported: 2 new, 0 updated, 0 unchanged, 1 bad rows skipped.")).toBeVisible();
  expect(core.model.db.prepare("SELECT guest_name FROM appointments WHERE external_id = 'E2E-3'").get()).toEqual({
    guest_name: '=HYPERLINK("x")',
  });

  // The same file again: recognised columns, nothing new.
  await dialog
    .getByLabel("CSV file")
    .setInputFiles({ name: "bookings.csv", mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
  await expect(dialog.getByText("(remembered from the last import of this layout)")).toBeVisible();
  await expect(dialog.locator(".import-preview")).toContainText("unchanged");

  // Latin-1 bytes (José in Windows-1252): refused in plain words before anything is sent.
  const latin1 = Buffer.concat([
    Buffer.from("Booking ID,Client Name\r\nX1,Jos"),
    Buffer.from([0xe9]),
    Buffer.from("\r\n"),
  ]);
  await dialog.getByLabel("CSV file").setInputFiles({ name: "old.csv", mimeType: "text/csv", buffer: latin1 });
  await expect(dialog.getByRole("alert")).toContainText("isn't UTF-8 text");
});

test("an imported booking's note shows on its desk row, cut to two lines with the whole note read out and shown in its panel", async ({
  core,
  staff,
}) => {
  await signIn(staff, receptionist);
  const today = localParts(core.model.clock.now(), getSettings(core.model.db).timeZone).day;
  const long = `Allergic to nuts, use plain lotion. Prefers light pressure on the shoulders; recovering from a sprained wrist, so no work on the left arm. Quiet room please.`;
  const csv = [
    "Booking ID,Client Name,Mobile,Service,Therapist,Room,Date,Start Time,Notes",
    `NOTE-1,Noor Haddad,555 010 9011,Swedish massage,Ana Ruiz,Lotus,${today},23:00,"${long}"`,
    `NOTE-2,Olle Berg,555 010 9012,Swedish massage,Ana Ruiz,Cedar,${today},23:00,Nut allergy`,
  ].join("\r\n");
  await staff.getByRole("button", { name: "Import appointments" }).click();
  const dialog = staff.getByRole("dialog", { name: "Import appointments" });
  await dialog
    .getByLabel("CSV file")
    .setInputFiles({ name: "bookings.csv", mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
  await dialog.getByRole("button", { name: "Import 2 appointments" }).click();
  await expect(dialog.getByText(/^Imported: 2 new/)).toBeVisible();
  await staff.keyboard.press("Escape");

  const short = staff.locator("tr", { hasText: "Olle Berg" }).locator(".booking-note");
  await short.scrollIntoViewIfNeeded();
  await expect(short).toHaveText("Note: Nut allergy");
  // The long note: every word in the row for a screen reader, on screen at most two lines and cut, not spilling out of
  // its cell.
  const row = staff.locator("tr", { hasText: "Noor Haddad" });
  const note = row.locator(".booking-note");
  await expect(note).toHaveText(`Note: ${long}`);
  await expect(note).toHaveAttribute("title", long);
  const shape = await note.evaluate((el) => {
    const style = getComputedStyle(el);
    const cell = el.closest("td")?.getBoundingClientRect();
    const box = el.getBoundingClientRect();
    return {
      lines: Math.round(el.clientHeight / parseFloat(style.lineHeight)),
      cut: el.scrollHeight > el.clientHeight + 1,
      inside: cell !== undefined && box.left >= cell.left && box.right <= cell.right && box.bottom <= cell.bottom,
    };
  });
  expect(shape).toEqual({ lines: 2, cut: true, inside: true });
  await row.screenshot({ path: test.info().outputPath("row-with-note.png") });
  // The whole note, in the appointment's panel.
  await row.getByRole("button", { name: "Change, void or history for Noor Haddad" }).click();
  await expect(staff.getByRole("dialog", { name: "Noor Haddad" }).locator(".booking-note-full")).toHaveText(
    `Booking note: ${long}`,
  );
});

test("the staff window locks itself after the idle time and returns to the PIN pad", async ({ browserInstance }) => {
  // In the evening the desk scrolls itself to the first guest still to see to: that is not activity.
  const { core, done } = await eveningCore();
  const context = await newContext(browserInstance, { width: 1920, height: 1080 });
  await context.clock.install();
  const staff = await openWindow(context, core, "staff");
  await signIn(staff, receptionist);
  await staff.clock.fastForward(100_000);
  // The list scrolling without a person (as the desk does when it opens) keeps nothing awake.
  await staff.evaluate(
    () =>
      new Promise<void>((resolve) => {
        window.addEventListener("scroll", () => resolve(), { capture: true, once: true });
        const box = document.querySelector(".queue-scroll");
        // Up when the desk already scrolled it to the end: a scroll that moves nothing fires no event.
        if (box) box.scrollTop += box.scrollTop + box.clientHeight >= box.scrollHeight - 1 ? -300 : 300;
      }),
  );
  await staff.clock.fastForward(21_000);
  await expect(staff.getByText("Locked after a while without activity.")).toBeVisible();
  await expect(staff.getByRole("heading", { name: "Arrivals today" })).toHaveCount(0);
  expect(await staff.evaluate(() => window.kiosk.invoke("desk.queue", {}))).toMatchObject({
    ok: false,
    error: { code: "NOT_AUTHENTICATED" },
  });
  await context.close();
  await done();
});

test("one display: the kiosk's staff door opens a staff window at its PIN pad, and the kiosk stays a kiosk", async ({
  core,
  kiosk,
}) => {
  const opened: Page[] = [];
  core.setStaffWindowOpener(() => {
    void openWindow(kiosk.context(), core, "staff").then((p) => opened.push(p));
  });
  const door = kiosk.getByRole("button", { name: /Staff only/ });
  await door.hover();
  await kiosk.mouse.down();
  await kiosk.waitForTimeout(200);
  await kiosk.mouse.up();
  await kiosk.waitForTimeout(1500);
  expect(opened).toHaveLength(0); // a short tap does nothing
  await kiosk.mouse.down();
  await kiosk.waitForTimeout(1500);
  await kiosk.mouse.up();
  await expect.poll(() => opened.length).toBe(1);
  const staff = opened[0] as Page;
  await expect(staff.getByRole("button", { name: new RegExp(receptionist.name) })).toBeVisible();
  await signIn(staff, receptionist);
  expect(await kiosk.evaluate(() => window.kiosk.invoke("desk.queue", {}))).toMatchObject({
    ok: false,
    error: { code: "FORBIDDEN" },
  });
});

test("first run: with no manager the staff window asks for the first one (name + PIN twice)", async ({
  browserInstance,
}) => {
  const dir = mkdtempSync(path.join(tmpdir(), "happyhead-e2e-empty-"));
  const core = await createAppCore({ dataDir: dir, seed: "empty" });
  const context = await newContext(browserInstance, { width: 1920, height: 1080 });
  const staff = await openWindow(context, core, "staff");
  await expect(staff.getByText("There is no manager yet.")).toBeVisible();
  expect((await axeOn(staff).analyze()).violations.map((v) => v.id)).toEqual([]);
  await staff.getByLabel("Manager's name").fill("Pat Owner");
  await staff.getByLabel("PIN (4 to 8 digits)").fill("8642");
  await staff.getByLabel("Same PIN again").fill("8641");
  await staff.getByRole("button", { name: "Save the spa, create the manager and sign in" }).click();
  await expect(staff.getByRole("alert")).toHaveText("The two PINs don't match. Type the same PIN twice.");
  await staff.getByLabel("Same PIN again").fill("8642");
  await staff.getByRole("button", { name: "Save the spa, create the manager and sign in" }).click();
  await staff.getByLabel(/I've written it down/).check(); // the unlock code, shown once (e2e/unlock-code.spec.ts)
  await staff.getByRole("button", { name: "Done: hide the code" }).click();
  await expect(staff.getByText("Pat Owner · manager")).toBeVisible();
  await expect(staff.getByText("No appointments today.")).toBeVisible();
  await context.close();
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

test("axe finds no violations on the PIN pad, the desk and its dialogs, nor on the kiosk's staff door", async ({
  kiosk,
  staff,
}) => {
  const check = async (page: Page, what: string, only?: string) => {
    const builder = axeOn(page);
    const { violations } = await (only ? builder.include(only) : builder).analyze();
    expect(violations.map((v) => `${what}: ${v.id} ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  };
  await check(kiosk, "kiosk staff door", ".staff-door");
  await check(staff, "PIN pad");
  await signIn(staff, receptionist);
  await check(staff, "desk");
  await mariaRow(staff)
    .getByRole("button", { name: /^Change, void or history/ })
    .click();
  await check(staff, "appointment");
  await staff.keyboard.press("Escape");
  await staff.getByRole("button", { name: "Import appointments" }).click();
  await check(staff, "import");
  await staff.keyboard.press("Escape");
  await staff.getByRole("button", { name: "Walk-in" }).click();
  await check(staff, "walk-in");
});

test("two desks book the one free therapist at once: the form that loses says so, and its list shows them booked now", async ({
  core,
  staff,
}) => {
  const db = core.model.db;
  const therapist = Number(db.prepare("INSERT INTO therapists (name) VALUES ('Zoe Free')").run().lastInsertRowid);
  const room = Number(db.prepare("INSERT INTO rooms (name) VALUES ('Zen')").run().lastInsertRowid);
  await signIn(staff, receptionist);
  await staff.getByRole("button", { name: "Walk-in" }).click();
  const form = staff.getByRole("dialog", { name: "Walk-in" });
  await expect(form.getByLabel("Therapist")).toHaveValue(String(therapist));
  await expect(form.getByLabel("Therapist").locator("option:checked")).toHaveText("Zoe Free — free");
  await form.getByLabel("Guest name").fill("Guest From Here");
  await form.getByLabel("Mobile number").fill("555 111 2222");
  // Meanwhile the other desk books Zoe and the room.
  const serviceId = Number(await form.getByLabel("Service").inputValue());
  const other = await core.dispatch(await deskSession(core), "desk.walkIn", {
    guestName: "Guest From There",
    phone: "5553334444",
    serviceId,
    therapistId: therapist,
    roomId: room,
    addonIds: [],
  });
  expect(other).toMatchObject({ ok: true });
  await form.getByRole("button", { name: "Book, check in and print ticket" }).click();
  await expect(form.getByRole("alert")).toContainText("Zoe Free is booked from");
  // The list is asked again: it no longer says Zoe is free beside the refusal that says she is not.
  await expect(form.getByLabel("Therapist").locator(`option[value="${therapist}"]`)).toHaveText(/^Zoe Free — booked /);
  const shots = path.resolve(__dirname, "..", "test-results", "desk");
  await staff.screenshot({ path: path.join(shots, "walk-in-race-1920x1080.png") });
  await staff.setViewportSize({ width: 1080, height: 1920 });
  await staff.screenshot({ path: path.join(shots, "walk-in-race-1080x1920.png") });
});

test("a Void begun while another desk adds the scalp massage is refused, saying what is there now; voided again knowingly", async ({
  core,
  kiosk,
  staff,
}) => {
  const { row, panel } = await faceConfirmedThenOpened(staff, kiosk);
  await panel.getByRole("button", { name: "Void add-on…" }).click();
  // While the receptionist types the reason, another desk adds the scalp massage for María.
  const id = core.model.db
    .prepare("SELECT id FROM appointments WHERE booking_code = ?")
    .pluck()
    .get(DEMO_GUESTS.bothFit.code) as number;
  const addons = core.model.db.prepare("SELECT id FROM addons WHERE code IN ('face', 'scalp')").pluck().all();
  const other = await core.dispatch(await deskSession(core), "desk.changeAddons", {
    appointmentId: id,
    addonIds: addons,
  });
  expect(other).toMatchObject({ ok: true });
  await panel.getByLabel(/Why is the add-on voided/).fill("Guest felt unwell");
  await panel.getByRole("button", { name: "Void add-on", exact: true }).click();
  await expect(panel.getByRole("alert")).toHaveText(
    "These add-ons changed while you were deciding (now: Face massage + Scalp massage). Check them and decide again.",
  );
  await expect(row.getByText("Face massage + Scalp massage")).toBeVisible();
  const shots = path.resolve(__dirname, "..", "test-results", "desk");
  await staff.screenshot({ path: path.join(shots, "void-refused-1920x1080.png") });
  await staff.setViewportSize({ width: 1080, height: 1920 });
  await staff.screenshot({ path: path.join(shots, "void-refused-1080x1920.png") });
  // Decided again on what is there now: the void goes through.
  await panel.getByRole("button", { name: "Void add-on", exact: true }).click();
  await expect(row.getByText("Add-on voided")).toBeVisible();
});

test("at the spa's midnight the desk reads the day's list again by itself, with no change pushed to it", async ({
  core,
  staff,
}) => {
  const tz = getSettings(core.model.db).timeZone;
  const today = localParts(core.model.clock.now(), tz).day;
  const midnight = zonedToUtc(addDays(today, 1), "00:00", tz).getTime();
  // The window's clock 20 s before the spa's midnight (the demo spa's clock is the app's own: windowTime).
  await staff.clock.install({ time: windowTime(core, midnight - 20_000) });
  await signIn(staff, receptionist);
  await expect(staff.locator("tbody tr").first()).toBeVisible();
  // The rest of the day is read after the first screen's frame, by the window's clock.
  await staff.clock.runFor(1_000);
  await expect(staff.locator("table.queue")).toHaveAttribute("aria-busy", "false");
  // A booking written where no event reaches the desk (as the day's list of a new day is): not shown yet.
  core.model.db.transaction(() =>
    insertAppointment(core.model, tz, {
      guestName: "Quiet Newday",
      phone: "5559200001",
      serviceId: 1,
      therapistId: 1,
      roomId: 1,
      startsAt: zonedToUtc(today, "21:45", tz).toISOString(),
      source: "import",
    }),
  )();
  await staff.clock.runFor(10_000);
  await expect(staff.getByText("Quiet Newday")).toHaveCount(0);
  // Past midnight by the window's clock: the list is read again.
  await staff.clock.runFor(40_000);
  await expect(staff.getByText("Quiet Newday")).toBeVisible();
});
