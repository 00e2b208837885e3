import type { Page } from "@playwright/test";
import { axeOn } from "./axe";
import { PNG } from "pngjs";
import { LOGO_MAX_BYTES } from "../contract/admin";
import { listAddonsAdmin } from "../db/admin/addons";
import { uptakeReport } from "../db/reports/reports";
import { DEMO_GUESTS, DEMO_STAFF } from "../db/demo/seed-demo";
import { getSettings } from "../db/settings";
import { addDays, localParts } from "../db/time";
import { expect, signIn, test } from "./fixtures";
import { findByCode, noneApply, tapKeys } from "./kiosk-helpers";
import { openWindow } from "./wiring";

const manager = DEMO_STAFF[0];
const receptionist = DEMO_STAFF[1];

async function openBackOffice(page: Page, section?: "Catalog" | "Staff" | "Kiosk") {
  await signIn(page, manager);
  await page.getByRole("button", { name: "Back office" }).click();
  await expect(page.getByRole("heading", { name: "Back office" })).toBeVisible();
  if (section) await page.getByRole("button", { name: section, exact: true }).click();
}

async function kioskCheckIn(kiosk: Page, code: string) {
  await kiosk.getByRole("button", { name: "Check in" }).click();
  await kiosk.getByRole("button", { name: "Booking code" }).click();
  await kiosk.getByLabel("Booking code").fill(code);
  await kiosk.getByRole("button", { name: "Yes, that's me" }).click();
}

/** The field's error message, found the way a screen reader does: through aria-describedby. */
async function errorOf(page: Page, label: string | RegExp) {
  const input = page.getByLabel(label, { exact: typeof label === "string" });
  await expect(input).toHaveAttribute("aria-invalid", "true");
  const ids = (await input.getAttribute("aria-describedby")) ?? "";
  return page.locator(
    ids
      .split(" ")
      .map((id) => `[id="${id}"].field-error`)
      .join(", "),
  );
}

test("a manager changes the face-massage price and copy: the next guest sees the new card, yesterday's report keeps the old price", async ({
  core,
  kiosk,
  staff,
}) => {
  const { db } = core.model;
  const tz = getSettings(db).timeZone;
  const yesterday = addDays(localParts(new Date(), tz).day, -1);
  const before = uptakeReport(core.model, { from: yesterday, to: yesterday, grain: "day" }).byAddon.find(
    (a) => a.code === "face",
  );
  expect(before?.taken).toBeGreaterThan(0);

  await openBackOffice(staff);
  await expect(staff.getByRole("heading", { name: "Edit Face massage" })).toBeVisible();
  await staff.getByLabel("Price ($)").fill("32");
  await staff.getByLabel("Title (English)").fill("Glow face massage");
  await staff.getByLabel("Benefit 1 (English)").fill("Wakes up tired skin in fifteen quiet minutes.");
  // The live preview is the kiosk's own card, at both text sizes, before anything is saved.
  for (const size of ["normal", "large"]) {
    const card = staff.getByTestId(`preview-en-${size}`);
    await expect(card.getByRole("heading", { name: "Glow face massage" })).toBeVisible();
    await expect(card).toContainText("$32 · +15 min");
    await expect(card).toContainText("Wakes up tired skin in fifteen quiet minutes.");
  }
  const normal = await staff
    .getByTestId("preview-en-normal")
    .getByRole("heading")
    .evaluate((h) => getComputedStyle(h).fontSize);
  const large = await staff
    .getByTestId("preview-en-large")
    .getByRole("heading")
    .evaluate((h) => getComputedStyle(h).fontSize);
  expect(parseFloat(large)).toBeGreaterThan(parseFloat(normal));
  await staff.getByRole("button", { name: "Save add-on" }).click();
  await expect(staff.getByRole("status")).toContainText("Saved");

  // The next guest at the kiosk: no restart, the new card.
  await kioskCheckIn(kiosk, DEMO_GUESTS.bothFit.code);
  const card = kiosk.getByRole("article", { name: "Glow face massage" });
  await expect(card).toContainText("$32");
  await expect(card).toContainText("Wakes up tired skin in fifteen quiet minutes.");
  await expect(kiosk.getByRole("button", { name: "Add Glow face massage" })).toBeVisible();

  // Yesterday's report, through the Reports screen: the same revenue at the old price.
  await staff.getByRole("button", { name: "Reports" }).click();
  await staff.getByLabel("From", { exact: true }).fill(yesterday);
  await staff.getByLabel("To", { exact: true }).fill(yesterday);
  const row = staff.getByRole("table", { name: "By add-on" }).getByRole("row", { name: /Glow face massage/ });
  const dollars = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", minimumFractionDigits: 0 });
  await expect(row.locator("td").nth(1)).toHaveText(String(before?.taken));
  await expect(row.locator("td").nth(3)).toHaveText(dollars.format((before?.revenueCents ?? 0) / 100));
  expect(before?.revenueCents).toBe((before?.taken ?? 0) * 2500);
});

test("add-on offers: bad input gets a message on its field and nothing is saved", async ({ core, staff }) => {
  const { db } = core.model;
  const snapshot = () =>
    JSON.stringify([db.prepare("SELECT * FROM addons").all(), db.prepare("SELECT * FROM addon_texts").all()]);
  const saved = snapshot();
  await openBackOffice(staff);
  const save = () => staff.getByRole("button", { name: "Save add-on" }).click();

  await staff.getByLabel("Price ($)").fill("-5");
  await save();
  await expect(await errorOf(staff, "Price ($)")).toHaveText("A price can't be negative.");
  await staff.getByLabel("Price ($)").fill("25000");
  await save();
  await expect(await errorOf(staff, "Price ($)")).toContainText("That price looks wrong");
  await staff.getByLabel("Price ($)").fill("twenty");
  await save();
  await expect(await errorOf(staff, "Price ($)")).toContainText("Enter a price in dollars");
  await staff.getByLabel("Price ($)").fill("25");

  await staff.getByLabel("Extra minutes").fill("900");
  await save();
  await expect(await errorOf(staff, "Extra minutes")).toContainText("120 minutes is the most");
  await staff.getByLabel("Extra minutes").fill("15");

  await staff.getByLabel("Title (English)").fill("   ");
  await save();
  await expect(await errorOf(staff, "Title (English)")).toHaveText("The title can't be empty.");
  await staff.getByLabel("Title (English)").fill("Scalp massage");
  await save();
  await expect(await errorOf(staff, "Title (English)")).toContainText("Another add-on already has the title");
  await staff.getByLabel("Title (English)").fill("Face massage");

  await staff.getByLabel("Benefit 2 (English)").fill("x".repeat(10_000));
  await save();
  await expect(await errorOf(staff, "Benefit 2 (English)")).toHaveText("Keep this under 160 characters.");
  expect(snapshot()).toBe(saved);
});

test("deactivating an add-on a waiting guest chose warns on the field and keeps that guest's choice", async ({
  core,
  kiosk,
  staff,
}) => {
  await kioskCheckIn(kiosk, DEMO_GUESTS.bothFit.code);
  await kiosk.getByRole("button", { name: "Add Face massage" }).click();
  await noneApply(kiosk);
  await expect(kiosk.getByText("Added to your session: Face massage ($25, +15 min).")).toBeVisible();

  await openBackOffice(staff);
  await expect(staff.getByText("1 guest is waiting at the desk with this add-on today")).toBeVisible();
  await staff.getByLabel("Active (offered on the kiosk)").uncheck();
  await staff.getByRole("button", { name: "Save add-on" }).click();
  await expect(await errorOf(staff, "Active (offered on the kiosk)")).toContainText(
    "1 guest checked in today chose Face massage",
  );
  expect(listAddonsAdmin(core.model).addons.find((a) => a.code === "face")?.active).toBe(true);
  await staff.getByLabel("Deactivate anyway; those guests keep their add-on").check();
  await staff.getByRole("button", { name: "Save add-on" }).click();
  await expect(staff.getByRole("status")).toContainText("1 guest keep Face massage as chosen");
  expect(listAddonsAdmin(core.model).addons.find((a) => a.code === "face")).toMatchObject({
    active: false,
    pendingToday: 1,
  });

  // The desk still sees and can confirm María's face massage.
  await staff.getByRole("button", { name: "Arrivals" }).click();
  const row = staff.locator("tr", { hasText: DEMO_GUESTS.bothFit.name });
  await expect(row.getByText("Face massage")).toBeVisible();
});

test("catalog: the preview of a titled therapist's name is the name the kiosk shows (Dr. Ana Ruiz is Ana)", async ({
  core,
  staff,
  kiosk,
}) => {
  const maria = DEMO_GUESTS.bothFit;
  let current = core.model.db
    .prepare("SELECT t.name FROM therapists t JOIN appointments a ON a.therapist_id = t.id WHERE a.booking_code = ?")
    .pluck()
    .get(maria.code) as string;
  await openBackOffice(staff, "Catalog");
  for (const [name, shown] of [
    ["Dr. Ana Ruiz", "Ana"],
    ["Mrs. Jane Doe", "Jane"],
    ["RUIZ, ANA", "Ana"],
  ] as const) {
    const row = staff.locator("tr", { has: staff.getByLabel(`Name of ${current}`) });
    await staff.getByLabel(`Name of ${current}`).fill(name);
    // Before the save: the preview already names them as the kiosk will.
    await expect(row.locator(".guest-name")).toHaveText(shown);
    await row.getByRole("button", { name: "Save" }).click();
    await expect(staff.getByLabel(`Name of ${name}`)).toHaveValue(name);
    current = name;
    await kiosk.reload();
    await findByCode(kiosk, maria.code);
    await expect(kiosk.getByText(`with ${shown}`, { exact: false })).toBeVisible();
  }
});

test("catalog: add a therapist (guests see the first name), rename a room, refuse a duplicate service", async ({
  core,
  staff,
}) => {
  await openBackOffice(staff, "Catalog");
  await staff.getByLabel("Name of new therapist").fill("Fatima Noor Haddad");
  await staff.getByRole("button", { name: "Add therapist" }).click();
  await expect(staff.getByLabel("Name of Fatima Noor Haddad")).toHaveValue("Fatima Noor Haddad");
  await expect(
    staff.locator("tr", { has: staff.getByLabel("Name of Fatima Noor Haddad") }).locator(".guest-name"),
  ).toHaveText("Fatima");

  await staff.getByLabel("Name of Swedish massage").fill("Deep Tissue Massage");
  await staff
    .locator("tr", { has: staff.getByLabel("Name of Swedish massage") })
    .getByRole("button", { name: "Save" })
    .click();
  await expect(await errorOf(staff, "Name of Swedish massage")).toContainText("There is already a service called");
  await staff.getByLabel("Name of Swedish massage").fill("Swedish massage");
  await staff.getByLabel("Price of Swedish massage ($)").fill("-1");
  await staff
    .locator("tr", { has: staff.getByLabel("Name of Swedish massage") })
    .getByRole("button", { name: "Save" })
    .click();
  await expect(await errorOf(staff, "Price of Swedish massage ($)")).toHaveText("A price can't be negative.");
  await staff.getByLabel("Price of Swedish massage ($)").fill("99.50");
  await staff
    .locator("tr", { has: staff.getByLabel("Name of Swedish massage") })
    .getByRole("button", { name: "Save" })
    .click();
  await expect(
    staff.locator("tr", { has: staff.getByLabel("Name of Swedish massage") }).getByRole("status"),
  ).toHaveText("Saved");
  expect(core.model.db.prepare("SELECT price_cents FROM services WHERE name = 'Swedish massage'").get()).toEqual({
    price_cents: 9950,
  });

  await staff.getByLabel("Name of Lotus").fill("Lotus Suite");
  await staff
    .locator("tr", { has: staff.getByLabel("Name of Lotus") })
    .getByRole("button", { name: "Save" })
    .click();
  await expect(staff.getByLabel("Name of Lotus Suite")).toBeVisible();
  const audit = core.model.db
    .prepare("SELECT before_json, after_json FROM audit_log WHERE action = 'room.update'")
    .get() as {
    before_json: string;
    after_json: string;
  };
  expect(JSON.parse(audit.before_json)).toMatchObject({ name: "Lotus" });
  expect(JSON.parse(audit.after_json)).toMatchObject({ name: "Lotus Suite" });
});

test('catalog: a new service starts with every add-on; which add-ons it offers has one home, each add-on\'s "May be added to", which the catalog opens', async ({
  core,
  staff,
}) => {
  await openBackOffice(staff, "Catalog");
  await staff.getByLabel("Name of new service").fill("Chair massage");
  await staff.getByLabel("Minutes of new service").fill("30");
  await staff.getByLabel("Price of new service ($)").fill("45");
  await staff.getByRole("button", { name: "Add service" }).click();
  const row = staff.locator("tr", { has: staff.getByLabel("Name of Chair massage") });
  await expect(row).toContainText("Offered");
  // No switch for it here: the catalog names the one place and opens it.
  await expect(staff.getByRole("checkbox", { name: /Offer add-ons/ })).toHaveCount(0);
  await staff.screenshot({ path: test.info().outputPath("catalog.png"), fullPage: true });
  await staff.getByRole("button", { name: "Open Add-on offers" }).click();
  await expect(staff.getByRole("heading", { name: "Edit Face massage" })).toBeVisible();
  const chair = staff.getByRole("group", { name: "May be added to" }).getByLabel("Chair massage");
  await expect(chair).toBeChecked();
  await chair.uncheck();
  await staff.getByRole("button", { name: "Save add-on" }).click();
  const id = (core.model.db.prepare("SELECT id FROM services WHERE name = 'Chair massage'").get() as { id: number }).id;
  await expect
    .poll(() =>
      listAddonsAdmin(core.model)
        .addons.find((a) => a.code === "face")
        ?.serviceIds.includes(id),
    )
    .toBe(false);
  expect(listAddonsAdmin(core.model).addons.find((a) => a.code === "scalp")?.serviceIds).toContain(id);
});

test("catalog: a service's name in Spanish reaches a guest reading Spanish; a blank one shows the English name; the desk keeps English", async ({
  core,
  kiosk,
  staff,
}) => {
  await openBackOffice(staff, "Catalog");
  const row = staff.locator("tr", { has: staff.getByLabel("Name of Swedish massage") });
  await expect(staff.getByLabel("Swedish massage in Spanish")).toHaveValue("Masaje sueco");
  await staff.getByLabel("Swedish massage in Spanish").fill("Masaje sueco clásico");
  await staff.getByLabel("Swedish massage in Chinese").fill("按".repeat(81));
  await row.getByRole("button", { name: "Save" }).click();
  await expect(await errorOf(staff, "Swedish massage in Chinese")).toHaveText("Keep this under 80 characters.");
  expect(
    core.model.db
      .prepare(
        "SELECT name FROM service_names WHERE lang = 'es' AND service_id = (SELECT id FROM services WHERE name = 'Swedish massage')",
      )
      .pluck()
      .get(),
  ).toBe("Masaje sueco");
  // Left blank, the field shows the English name the guest will see instead.
  await staff.getByLabel("Swedish massage in Chinese").fill("");
  await expect(staff.getByLabel("Swedish massage in Chinese")).toHaveAttribute("placeholder", "Swedish massage");
  await row.getByRole("button", { name: "Save" }).click();
  await expect(row.getByRole("status")).toHaveText("Saved");

  await kiosk.getByRole("button", { name: "Cambiar a español" }).click();
  await kiosk.getByRole("button", { name: "Registrar llegada" }).click();
  await kiosk.getByRole("button", { name: "Código de reserva" }).click();
  await tapKeys(kiosk, DEMO_GUESTS.bothFit.code);
  await expect(kiosk.locator(".summary").getByText("Masaje sueco clásico", { exact: true })).toBeVisible();
  // In Chinese, with no Chinese name, the English one, marked as English for a screen reader.
  await kiosk.getByRole("button", { name: "切换到中文" }).click();
  await expect(kiosk.locator('.summary [lang="en"]')).toHaveText("Swedish massage");

  await staff.getByRole("button", { name: "Arrivals" }).click();
  await expect(staff.locator("tr", { hasText: DEMO_GUESTS.bothFit.name }).getByText("Swedish massage")).toBeVisible();
});

test("staff: add a receptionist with a PIN shown once, unlock the PIN pads, and never lose the last manager", async ({
  core,
  staff,
}) => {
  await openBackOffice(staff, "Staff");
  await staff.getByLabel("Full name").fill("Sam Ortiz");
  await staff.getByRole("button", { name: "Add staff member" }).click();
  const pin = (await staff.getByTestId("issued-pin").textContent()) ?? "";
  expect(pin).toMatch(/^\d{6}$/);
  await expect(staff.getByRole("alertdialog")).toContainText("Shown once only");
  await staff.getByRole("button", { name: "Done" }).click();
  await expect(staff.getByTestId("issued-pin")).toHaveCount(0);

  // Wrong PINs slow the pad, not Riley; the manager clears every pad from here.
  await staff.getByRole("button", { name: "Unlock the PIN pads" }).click();
  await expect(staff.getByRole("status").filter({ hasText: "No PIN pad was waiting." })).toBeVisible();
  const rileyRow = staff.locator("tr", { has: staff.getByLabel(`Name of ${receptionist.name}`) });

  // Reset Riley's PIN to one Riley types.
  await rileyRow.getByRole("button", { name: "Reset PIN" }).click();
  await rileyRow.getByLabel("The staff member types their own PIN").check();
  await rileyRow.getByLabel("New PIN (4–8 digits)").fill("12");
  await rileyRow.getByRole("button", { name: `Set new PIN for ${receptionist.name}` }).click();
  await expect(rileyRow.getByRole("alert")).toContainText("A PIN is 4 to 8 digits.");
  await rileyRow.getByLabel("New PIN (4–8 digits)").fill("9753");
  await rileyRow.getByRole("button", { name: `Set new PIN for ${receptionist.name}` }).click();
  await expect(rileyRow.getByRole("status")).toHaveText("PIN changed");

  // The only manager can't step down: one active manager always remains.
  const meRow = staff.locator("tr", { has: staff.getByLabel(`Name of ${manager.name}`) });
  await meRow.getByLabel(`Role of ${manager.name}`).selectOption("receptionist");
  await meRow.getByRole("button", { name: "Save" }).click();
  await expect(meRow.getByRole("alert")).toHaveText(
    "At least one active manager must remain. Add or promote another manager first.",
  );
  await meRow.getByLabel(`Role of ${manager.name}`).selectOption("manager");
  await meRow.getByLabel(`${manager.name} active`).uncheck();
  await meRow.getByRole("button", { name: "Save" }).click();
  await expect(meRow.getByRole("alert")).toContainText("At least one active manager must remain");
  expect(core.model.db.prepare("SELECT role, active FROM staff WHERE name = ?").get(manager.name)).toEqual({
    role: "manager",
    active: 1,
  });
  // Deactivate Sam (never deleted: the row stays, greyed).
  const samRow = staff.locator("tr", { has: staff.getByLabel("Name of Sam Ortiz") });
  await samRow.getByLabel("Sam Ortiz active").uncheck();
  await samRow.getByRole("button", { name: "Save" }).click();
  await expect(staff.locator("tr.inactive", { has: staff.getByLabel("Name of Sam Ortiz") })).toBeVisible();

  // Riley signs in with the new PIN; Sam is no longer offered on the PIN pad.
  await staff.getByRole("button", { name: "Lock", exact: true }).click();
  await expect(staff.getByRole("button", { name: /Sam Ortiz/ })).toHaveCount(0);
  await signIn(staff, { name: receptionist.name, pin: "9753" });
  await expect(staff.getByRole("button", { name: "Back office" })).toHaveCount(0);
  const forbidden = await staff.evaluate(() =>
    window.kiosk.invoke("admin.saveStaff", { id: 1, name: "X", role: "manager", active: true }),
  );
  expect(forbidden).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
});

test("one display: a guest's wrong PINs make the kiosk's pad wait; the receptionist opens it with the spa's unlock code and signs in at once", async ({
  core,
  kiosk,
  staff,
}) => {
  // The manager makes the spa's unlock code once, in the back office, and it goes behind the desk.
  await openBackOffice(staff, "Staff");
  await expect(staff.getByTestId("pad-code-state")).toContainText("This spa has no unlock code yet");
  await staff.getByRole("button", { name: "Make the unlock code" }).click();
  const code = ((await staff.getByTestId("pad-code").textContent()) ?? "").replace(/\s/g, "");
  expect(code).toMatch(/^\d{10}$/);
  await staff.getByLabel(/I've written it down/).check();
  await staff.getByRole("button", { name: "Done: hide the code" }).click();
  await expect(staff.getByTestId("pad-code")).toHaveCount(0);
  await expect(staff.getByTestId("pad-code-state")).toContainText("The current code was made");

  // The staff window opened over the kiosk (one display): a guest taps wrong PINs until it waits.
  const pad = await openWindow(kiosk.context(), core, "staff", "kiosk-display");
  await pad.getByRole("button", { name: new RegExp(receptionist.name) }).click();
  for (let i = 0; i < 3; i++) {
    await pad.getByLabel("PIN", { exact: true }).fill("0000");
    await pad.getByRole("button", { name: "Unlock" }).click();
    if (i < 2) await expect(pad.getByRole("alert")).toHaveText("Wrong PIN. Try again.");
  }
  // The third starts the wait: the PIN entry gives way to the unlock code.
  await expect(pad.getByRole("heading", { name: "This PIN pad is waiting" })).toBeVisible();
  await expect(pad.getByText("it takes the next one in 30 seconds")).toBeVisible();
  await expect(pad.getByLabel("PIN", { exact: true })).toHaveCount(0);
  expect((await axeOn(pad).analyze()).violations.map((v) => v.id)).toEqual([]);

  // A wrong code is refused in words; the right one, typed on the screen's keypad, opens the pad.
  await pad.getByLabel("Unlock code").fill("1234567890");
  await pad.getByRole("button", { name: "Open the PIN pad" }).click();
  await expect(pad.getByRole("alert")).toHaveText("That is not the spa's unlock code.");
  for (const digit of code)
    await pad.locator(".open-pad .pinpad").getByRole("button", { name: digit, exact: true }).click();
  await pad.getByRole("button", { name: "Open the PIN pad" }).click();
  await expect(pad.getByRole("status")).toHaveText("The PIN pad is open: choose your name and type your PIN.");
  await signIn(pad, receptionist);
  expect(
    core.model.db.prepare("SELECT action FROM audit_log WHERE action LIKE 'staff.pad%' ORDER BY id").pluck().all(),
  ).toEqual(["staff.padCodeMade", "staff.padOpened"]);
});

test("kiosk settings: the spa name, logo and idle time reach an open kiosk without a restart; bad values stay on their field", async ({
  core,
  kiosk,
  staff,
}) => {
  await expect(kiosk.getByRole("heading", { name: "Welcome to Happy Head Massage" })).toBeVisible();
  await openBackOffice(staff, "Kiosk");
  await staff.getByLabel("Idle time before the kiosk starts over (seconds)").fill("5");
  await staff.getByRole("button", { name: "Save kiosk settings" }).click();
  await expect(await errorOf(staff, "Idle time before the kiosk starts over (seconds)")).toHaveText(
    "Give guests at least 15 seconds.",
  );
  await staff.getByLabel("Spa name").fill("  ");
  await staff.getByLabel("Idle time before the kiosk starts over (seconds)").fill("60");
  await staff.getByRole("button", { name: "Save kiosk settings" }).click();
  await expect(await errorOf(staff, "Spa name")).toHaveText("The spa name can't be empty.");
  expect(getSettings(core.model.db)).toMatchObject({ spaName: "Happy Head Massage", idleSeconds: 45 });

  await staff.getByLabel("Spa name").fill("Casa Calma Spa");
  await expect(staff.getByText("The spa name can't be empty.")).toHaveCount(0);
  const zoneHint = staff.getByText(/bookings keep their times/);
  await expect(zoneHint).toHaveCount(0);
  const bookings = core.model.db.prepare("SELECT count(*) FROM appointments WHERE source != 'walk-in'").pluck().get();
  const times = () =>
    core.model.db
      .prepare("SELECT starts_at, local_day FROM appointments WHERE source != 'walk-in' ORDER BY id")
      .all() as {
      starts_at: string;
      local_day: string;
    }[];
  const wallClocks = (zone: string) =>
    times().map((a) => [a.local_day, new Date(a.starts_at).toLocaleTimeString("en-US", { timeZone: zone })]);
  const before = wallClocks("America/Los_Angeles");
  await staff.getByLabel("Time zone").selectOption("Europe/Madrid");
  // A new time zone says, before it is saved, what it does to the bookings and check-ins already stored.
  await expect(staff.getByLabel("Time zone")).toHaveAccessibleDescription(
    new RegExp(
      `^${Number(bookings).toLocaleString("en-US")} bookings keep their times \\((\\d+:\\d\\d [AP]M) stays \\1\\); [\\d,]+ check-ins keep the moment they ` +
        "happened \\(the last one, at \\d+:\\d\\d [AP]M, will read \\d+:\\d\\d [AP]M\\)\\.",
    ),
  );
  await staff.getByLabel("Time zone").screenshot({ path: "test-results/admin/time-zone-change-1920x1080.png" });
  await staff.locator("form.admin-form").screenshot({ path: "test-results/admin/time-zone-change-form-1920x1080.png" });
  await staff.getByRole("button", { name: "Save kiosk settings" }).click();
  await expect(staff.getByRole("status")).toContainText("Saved");
  await expect(zoneHint).toHaveCount(0);
  await expect(kiosk.getByRole("heading", { name: "Welcome to Casa Calma Spa" })).toBeVisible();
  expect(getSettings(core.model.db)).toMatchObject({
    spaName: "Casa Calma Spa",
    idleSeconds: 60,
    timeZone: "Europe/Madrid",
  });
  // Every booking kept its day and wall-clock time.
  expect(wallClocks("Europe/Madrid")).toEqual(before);

  // How long guests' phone numbers and full names are kept, and when the staff window locks.
  const retention = "Keep guests' phone numbers and full names for (days)";
  await staff.getByLabel(retention).fill("0");
  await staff.getByRole("button", { name: "Save kiosk settings" }).click();
  await expect(await errorOf(staff, retention)).toHaveText("Keep guests' details for at least 1 day.");
  await staff.getByLabel(retention).fill("thirty");
  await staff.getByRole("button", { name: "Save kiosk settings" }).click();
  await expect(await errorOf(staff, retention)).toHaveText("Enter whole days.");
  expect(getSettings(core.model.db)).toMatchObject({ retentionDays: 90, staffIdleSeconds: 120 });
  await staff.getByLabel(retention).fill("30");
  await staff.getByLabel("Lock the staff window after (seconds without a tap)").fill("300");
  await staff.getByRole("button", { name: "Save kiosk settings" }).click();
  await expect(staff.getByRole("status")).toContainText("Saved");
  expect(getSettings(core.model.db)).toMatchObject({ retentionDays: 30, staffIdleSeconds: 300 });

  // A file that claims to be a PNG but isn't, then a real (tiny) PNG.
  const upload = staff.getByLabel("Upload a logo");
  await upload.setInputFiles({
    name: "logo.png",
    mimeType: "image/png",
    buffer: Buffer.from("<html>not an image</html>"),
  });
  await expect(staff.locator("#logo-error")).toHaveText(
    "That file is not a real PNG image (it may be damaged): save it again and upload it.",
  );
  await upload.setInputFiles({ name: "logo.gif", mimeType: "image/gif", buffer: Buffer.from("GIF89a") });
  await expect(staff.locator("#logo-error")).toHaveText(
    "The logo must be a PNG or JPEG file (SVG is not accepted: export the logo as PNG).",
  );
  const png = Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
    "base64",
  );
  await upload.setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: png });
  await expect(staff.getByRole("img", { name: "Current logo" })).toBeVisible();
  await expect(kiosk.locator("img.spa-logo")).toHaveAttribute("src", /^data:image\/png;base64,iVBORw0KGgo/);

  // A designer's logo: 3000 × 2000 pixels, well over the limit. Made smaller here, saved, and the kiosk shows it.
  const big = new PNG({ width: 3000, height: 2000 });
  for (let y = 0; y < big.height; y++)
    for (let x = 0; x < big.width; x++) {
      const i = (y * big.width + x) * 4;
      const inside = (x - 1500) ** 2 / 1400 ** 2 + (y - 1000) ** 2 / 900 ** 2 < 1;
      // Gradients with a little grain, as a designer's export has.
      big.data[i] = inside ? 30 + Math.floor(x / 25) : 255;
      big.data[i + 1] = inside ? 110 + Math.floor(y / 25) + ((x * 7 + y * 3) % 3) : 255;
      big.data[i + 2] = inside ? 80 + Math.floor((x + y) / 40) : 255;
      big.data[i + 3] = inside ? 255 : 0;
    }
  const bigFile = PNG.sync.write(big);
  expect(bigFile.length).toBeGreaterThan(LOGO_MAX_BYTES);
  await upload.setInputFiles({ name: "Logo FINAL (2).png", mimeType: "image/png", buffer: bigFile });
  await expect(staff.getByRole("status").filter({ hasText: "Made smaller" })).toHaveText(
    /^Made smaller for the kiosk and saved: 3000 × 2000 pixels, \d+ KB → 1200 × 800 pixels, \d+ KB\.$/,
    { timeout: 15_000 }, // decoding and drawing 6 million pixels, on a machine shared with other tests
  );
  await expect(staff.locator("#logo-error")).toHaveCount(0);
  await expect
    .poll(() =>
      kiosk.locator("img.spa-logo").evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight]),
    )
    .toEqual([1200, 800]);
  // Kept transparent: still a PNG.
  await expect(kiosk.locator("img.spa-logo")).toHaveAttribute("src", /^data:image\/png;base64,/);
  await staff.screenshot({ path: test.info().outputPath("kiosk-settings-logo-shrunk-1920.png"), fullPage: true });
  await staff.setViewportSize({ width: 1080, height: 1920 });
  await staff.screenshot({ path: test.info().outputPath("kiosk-settings-logo-shrunk-1080.png"), fullPage: true });
  await kiosk.screenshot({ path: test.info().outputPath("kiosk-welcome-shrunk-logo.png") });
  await staff.setViewportSize({ width: 1920, height: 1080 });

  // A phone's photo of the sign, named .png by whoever sent it: a JPEG, taken as one.
  const photo = Buffer.from(
    await staff.evaluate(async () => {
      const canvas = new OffscreenCanvas(1600, 1200);
      const ctx = canvas.getContext("2d")!;
      ctx.fillStyle = "#2d6a4f";
      ctx.fillRect(0, 0, 1600, 1200);
      ctx.fillStyle = "#fff";
      ctx.font = "200px serif";
      ctx.fillText("Happy Head", 120, 650);
      const blob = await canvas.convertToBlob({ type: "image/jpeg", quality: 0.95 });
      return [...new Uint8Array(await blob.arrayBuffer())];
    }),
  );
  await upload.setInputFiles({ name: "sign.png", mimeType: "image/png", buffer: photo });
  await expect(staff.getByRole("status").filter({ hasText: "Made smaller" })).toHaveText(
    /→ 1200 × 900 pixels, \d+ KB\.$/,
    { timeout: 15_000 },
  );
  await expect(kiosk.locator("img.spa-logo")).toHaveAttribute("src", /^data:image\/jpeg;base64,/);

  // Which services' guests are offered an add-on is not set here: the page takes the manager to its one place.
  await expect(staff.getByLabel("Swedish massage")).toHaveCount(0);
  await staff.screenshot({ path: test.info().outputPath("kiosk-settings.png"), fullPage: true });
  await staff.getByRole("button", { name: "Open Add-on offers" }).click();
  await expect(staff.getByRole("group", { name: "May be added to" })).toBeVisible();
});

test("every back-office screen passes axe-core with 0 violations", async ({ staff }) => {
  await openBackOffice(staff);
  for (const [section, heading] of [
    ["Add-on offers", "Edit Face massage"],
    ["Catalog", "Services"],
    ["Staff", "Team"],
    ["Kiosk", "Kiosk settings"],
    ["Head office", "Head office"],
  ] as const) {
    await staff.getByRole("button", { name: section, exact: true }).click();
    await expect(staff.getByRole("heading", { name: heading, exact: true })).toBeVisible();
    const results = await axeOn(staff).analyze();
    expect(
      results.violations.map(
        (v) =>
          `${section}: ${v.id} — ${v.nodes
            .map((n) => n.target.join(" "))
            .slice(0, 3)
            .join(", ")}`,
      ),
    ).toEqual([]);
  }
});

test("Back office → Head office: not paired yet; a pairing code of the wrong length is refused under its field, before any network call", async ({
  staff,
}) => {
  await openBackOffice(staff);
  await staff.getByRole("button", { name: "Head office", exact: true }).click();
  const status = staff.getByRole("definition");
  await expect(status.first()).toHaveText("No");
  await expect(status.nth(1)).toHaveText("never");
  await staff.getByLabel("Pairing code").fill("ABCD-EFGH-JKMN-P");
  await staff.getByLabel("Head office address").fill("http://127.0.0.1:9");
  await staff.getByRole("button", { name: "Pair" }).click();
  await expect(await errorOf(staff, "Pairing code")).toContainText("12 letters and digits");
});
