// `npm run preview [-- --screenshots DIR] [--data-dir DIR] [--empty]`
// The built renderer in Chromium over the same handlers as the Electron app (e2e/wiring.ts),
// for machines where Electron can't run. With --screenshots it walks every screen headless and
// writes a PNG of each (kiosk at 1080x1920, 1920x1080 and 1280x800, staff at 1920x1080).
import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type Browser, type Page } from "@playwright/test";
import { DEMO_GUESTS, DEMO_STAFF } from "../db/demo/seed-demo";
import { checkInAtKiosk } from "../db/kiosk/check-in";
import { chooseAddons } from "../db/kiosk/choose";
import { findAppointments } from "../db/kiosk/search";
import { registerWalkIn } from "../db/walk-ins/walk-ins";
import { saveSettings } from "../db/settings";
import { createAppCore } from "../electron/core";
import { addHandMassage, findByCode, noneApply } from "../e2e/kiosk-helpers";
import { chromiumLaunchOptions, newContext, openStartupWindow, openWindow } from "../e2e/wiring";
import { closeSync, openSync, writeSync } from "node:fs";
import { STARTUP_EVENT } from "../contract/recovery";
import { createStartupController } from "../electron/startup/controller";
import { systemClock } from "../db/time";

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const shotsDir = arg("--screenshots");
const dataDir =
  arg("--data-dir") ??
  (shotsDir ? mkdtempSync(path.join(tmpdir(), "happyhead-preview-")) : path.resolve(".data/preview"));

/** Windows in Chromium need a screen; the screenshots run headless and don't. */
const headedWithoutDisplay =
  !shotsDir && process.platform === "linux" && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;

async function main(): Promise<void> {
  const core = await createAppCore({ dataDir, seed: process.argv.includes("--empty") ? "empty" : "demo" });
  const browser = await chromium.launch({ ...chromiumLaunchOptions(), headless: Boolean(shotsDir) });
  console.log(`Preview data: ${dataDir}`);

  if (!shotsDir) {
    const kiosk = await openWindow(await newContext(browser, { width: 1080, height: 1920 }), core, "kiosk");
    const staffContext = await newContext(browser, { width: 1920, height: 1080 });
    await openWindow(staffContext, core, "staff");
    // The kiosk's staff door (press and hold "Staff") opens another staff window, as on one display.
    core.setStaffWindowOpener(() => void openWindow(staffContext, core, "staff"));
    console.log("Kiosk and staff windows are open. Close the browser or press Ctrl+C to stop.");
    await new Promise<void>((resolve) => kiosk.on("close", () => resolve()));
  } else {
    mkdirSync(shotsDir, { recursive: true });
    const shot = async (page: Page, name: string, fullPage = false) => {
      await page.waitForTimeout(150);
      await page.screenshot({ path: path.join(shotsDir, `${name}.png`), fullPage });
      console.log(`  ${name}.png`);
    };
    // Numbered as they are taken, so the files sort into the walkthrough.
    let staffStep = 0;
    const staffShot = (page: Page, name: string, fullPage = false) =>
      shot(page, `staff-${String(++staffStep).padStart(2, "0")}-${name}`, fullPage);
    for (const [label, viewport] of [
      ["portrait", { width: 1080, height: 1920 }],
      ["landscape", { width: 1920, height: 1080 }],
      ["small", { width: 1280, height: 800 }],
    ] as const) {
      await shootKiosk(browser, label, viewport, shot);
    }
    // María checks in with a face massage and James (no add-on fits) checks in, so the desk has
    // arrivals to confirm; a walk-in left a first name at the kiosk.
    const maria = findAppointments(core.model, { by: "code", code: DEMO_GUESTS.bothFit.code })[0]?.appointmentId ?? 0;
    const face = checkInAtKiosk(core.model, maria, "en").visit.offer.cards[0]?.addonId ?? 0;
    chooseAddons(core.model, { appointmentId: maria, addonIds: [face], offerMs: 6000, lang: "en" });
    checkInAtKiosk(
      core.model,
      findAppointments(core.model, { by: "code", code: DEMO_GUESTS.noRoom.code })[0]?.appointmentId ?? 0,
      "en",
    );
    saveSettings(core.model.db, { walkInsAllowed: true });
    registerWalkIn(core.model, { firstName: "Sam", lang: "es" });
    const staff = await openWindow(await newContext(browser, { width: 1920, height: 1080 }), core, "staff");
    await staffShot(staff, "pin");
    await staff.getByRole("button", { name: new RegExp(DEMO_STAFF[0].name) }).click();
    await staff.getByLabel("PIN", { exact: true }).fill(DEMO_STAFF[0].pin);
    await staff.getByRole("button", { name: "Unlock" }).click();
    await staff.getByRole("heading", { name: "Arrivals today" }).waitFor();
    await staffShot(staff, "desk");
    await staff
      .locator("tr", { hasText: DEMO_GUESTS.bothFit.name })
      .getByRole("button", { name: /^Confirm/ })
      .click();
    await staff.locator("tr", { hasText: DEMO_GUESTS.bothFit.name }).getByRole("button", { name: "Ticket" }).click();
    await staffShot(staff, "ticket");
    await staff.getByRole("button", { name: "Close" }).click();
    await staff.getByRole("button", { name: "Reports" }).click();
    await staff.getByRole("heading", { name: "Add-on uptake" }).waitFor();
    await staff.getByRole("img", { name: /Line chart/ }).waitFor();
    await staffShot(staff, "reports");
    await staffShot(staff, "reports-full", true);
    await staff.locator(".kpis").getByRole("button", { name: "Take rate" }).focus();
    await staffShot(staff, "reports-definition");
    await staff.getByRole("button", { name: "Export CSV" }).click();
    await staff.getByText(/^Saved /).waitFor();
    await staff.locator(".export").scrollIntoViewIfNeeded();
    await staffShot(staff, "reports-exported");
    await staff.getByLabel("From", { exact: true }).fill("2030-01-01");
    await staff.getByLabel("To", { exact: true }).fill("2030-01-31");
    await staff.getByRole("heading", { name: "No check-ins in this range" }).waitFor();
    await staffShot(staff, "reports-empty");
    const portrait = await openWindow(await newContext(browser, { width: 1080, height: 1920 }), core, "staff");
    await portrait.getByRole("button", { name: new RegExp(DEMO_STAFF[0].name) }).click();
    await portrait.getByLabel("PIN", { exact: true }).fill(DEMO_STAFF[0].pin);
    await portrait.getByRole("button", { name: "Unlock" }).click();
    await portrait.getByRole("button", { name: "Reports" }).click();
    await portrait.getByRole("img", { name: /Line chart/ }).waitFor();
    await staffShot(portrait, "reports-portrait");
    await frontDeskShots(staff, staffShot);
    await staff.getByRole("button", { name: "Back office" }).click();
    await staff.getByRole("heading", { name: "Edit Face massage" }).waitFor();
    await staffShot(staff, "admin-addons");
    // The whole page: the add-on's screening questions and the kiosk preview at both text sizes.
    await staffShot(staff, "admin-addons-full", true);
    await staff.setViewportSize({ width: 1080, height: 1920 });
    await staffShot(staff, "admin-addons-portrait-full", true);
    await staff.setViewportSize({ width: 1920, height: 1080 });
    await staff.getByLabel("Price ($)").fill("-5");
    await staff.getByLabel("Title (English)").fill("");
    await staff.getByRole("button", { name: "Save add-on" }).click();
    await staff.getByRole("alert").first().waitFor();
    await staffShot(staff, "admin-addons-error");
    for (const [section, heading, name] of [
      ["Catalog", "Services", "admin-catalog"],
      ["Staff", "Team", "admin-staff"],
      ["Kiosk", "Kiosk settings", "admin-kiosk"],
    ] as const) {
      await staff.getByRole("button", { name: section, exact: true }).click();
      await staff.getByRole("heading", { name: heading, exact: true }).waitFor();
      await staffShot(staff, name);
    }
    await staff.setViewportSize({ width: 1080, height: 1920 });
    await staffShot(staff, "admin-kiosk-portrait");
    await staff.setViewportSize({ width: 1920, height: 1080 });
    for (const [section, name] of [
      ["Head office", "admin-head-office"],
      ["Guest data", "admin-guest-data"],
    ] as const) {
      await staff.getByRole("button", { name: section, exact: true }).click();
      await staff.getByRole("heading", { name: section, exact: true }).waitFor();
      await staffShot(staff, name);
    }
    await staff.getByRole("button", { name: "Printer", exact: true }).click();
    await staff.getByRole("heading", { name: "Ticket printer" }).waitFor();
    await staff.getByLabel("Network thermal printer").check();
    await staff.getByLabel("IP address or host name").fill("http://tm-t20");
    await staff.getByRole("button", { name: "Save" }).click();
    await staffShot(staff, "printer-settings");
    // A printer that is not installed: the banner, the failed ticket, Retry and Reprint.
    saveSettings(core.model.db, { printer: { driver: "system", name: "TM-T20", paper: "80mm" } });
    await staff.getByRole("button", { name: "Arrivals" }).click();
    await staff
      .locator("tr", { hasText: DEMO_GUESTS.noRoom.name })
      .getByRole("button", { name: /^Confirm/ })
      .click();
    await staff
      .locator("tr", { hasText: DEMO_GUESTS.noRoom.name })
      .getByRole("button", { name: /^Retry/ })
      .waitFor();
    await staff.evaluate(() => window.scrollTo(0, 0));
    await staffShot(staff, "printer-problem");
    await staff.setViewportSize({ width: 1080, height: 1920 });
    await staffShot(staff, "printer-problem-portrait");
    await staff.setViewportSize({ width: 1920, height: 1080 });
    await staff.getByRole("button", { name: "Backups" }).click();
    await staff.getByRole("heading", { name: "Backups" }).waitFor();
    await staffShot(staff, "backups");

    // The recovery screen, for a damaged copy of this database that has a backup.
    const broken = mkdtempSync(path.join(tmpdir(), "happyhead-preview-broken-"));
    const copy = await createAppCore({ dataDir: broken, seed: "demo" });
    await copy.close();
    const fd = openSync(path.join(broken, "happyhead.sqlite3"), "r+");
    writeSync(fd, Buffer.alloc(32768, 0x5a), 0, 32768, 16384);
    closeSync(fd);
    const pushes: ((event: string, payload: unknown) => void)[] = [];
    const controller = createStartupController({
      dataDir: broken,
      onStaffDisplay: true,
      clock: systemClock,
      openCore: () => createAppCore({ dataDir: broken, seed: "demo" }),
      onState: (state) => pushes.forEach((p) => p(STARTUP_EVENT, state)),
      onReady: (opened) => void opened.close(),
      chooseFolder: () => undefined,
      quit: () => undefined,
    });
    await controller.run();
    for (const [label, viewport] of [
      ["portrait", { width: 1080, height: 1920 }],
      ["landscape", { width: 1920, height: 1080 }],
    ] as const) {
      const recovery = await openStartupWindow(
        await newContext(browser, viewport),
        controller.dispatch,
        (push) => void pushes.push(push),
      );
      await recovery.getByRole("heading", { name: "The database is damaged" }).waitFor();
      await shot(recovery, `recovery-${label}-damaged`);
    }
    console.log(`Screenshots in ${shotsDir}`);
  }
  await browser.close();
  await core.close();
}

/** The front desk's dialogs and the first-run setup screen (issue 4). */
async function frontDeskShots(staff: Page, staffShot: (page: Page, name: string) => Promise<void>): Promise<void> {
  await staff.getByRole("button", { name: "Arrivals" }).click();
  const maria = staff.locator("tr", { hasText: DEMO_GUESTS.bothFit.name });
  await maria.getByRole("button", { name: /^Change, void or history/ }).click();
  await staff
    .getByRole("dialog")
    .getByLabel(/Scalp massage/)
    .check();
  await staff.getByRole("button", { name: "Save add-on change" }).click();
  await staff.getByRole("button", { name: "Void add-on…" }).click();
  await staff.getByLabel(/Why is the add-on voided/).fill("Guest changed their mind");
  await staffShot(staff, "appointment");
  await staff.getByRole("button", { name: "Back", exact: true }).click();
  await staff.keyboard.press("Escape");
  await staff.getByRole("button", { name: "Import appointments" }).click();
  // A week ahead, so no row is noted as already past whatever day the preview runs.
  const day = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  const csv = [
    "Booking ID;Client Name;Mobile;Service;Therapist;Room;Date;Start Time",
    `PV-1;Ada Lovelace;555 010 9001;Swedish massage;Ana Ruiz;Lotus;${day};9:00 AM`,
    `PV-2;Grace Hopper;call me;Swedish massage;Ana Ruiz;Lotus;${day};10:00`,
    `PV-3;Alan Turing;555 010 9003;Thai massage;Ben Carter;Cedar;${day};14:30`,
    `PV-4;Katherine Johnson;555 010 9004;Deep tissue massage;Ben Carter;Cedar;${day};4:15 PM`,
  ].join("\r\n");
  await staff
    .getByLabel("CSV file")
    .setInputFiles({ name: "bookings.csv", mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
  await staff.getByText(/^4 rows: 2 ready, 2 with problems/).waitFor();
  await staffShot(staff, "import");
  await staff.keyboard.press("Escape");
  await staff.getByRole("button", { name: "Book Sam…" }).click();
  await staff.getByText(/^From now: /).waitFor();
  await staffShot(staff, "walk-in");
  await staff.keyboard.press("Escape");

  const emptyCore = await createAppCore({
    dataDir: mkdtempSync(path.join(tmpdir(), "happyhead-preview-empty-")),
    seed: "empty",
  });
  const context = staff.context();
  const setup = await openWindow(context, emptyCore, "staff");
  await setup.getByText("There is no manager yet.").waitFor();
  await staffShot(setup, "first-run");
  await setup.close();
  await emptyCore.close();
}

/** Every kiosk screen on a fresh demo spa (walk-ins on), at normal text and, for the offer, larger text. */
async function shootKiosk(
  browser: Browser,
  label: string,
  viewport: { width: number; height: number },
  shot: (page: Page, name: string) => Promise<void>,
): Promise<void> {
  const core = await createAppCore({
    dataDir: mkdtempSync(path.join(tmpdir(), "happyhead-preview-kiosk-")),
    seed: "demo",
  });
  saveSettings(core.model.db, { walkInsAllowed: true });
  const kiosk = await openWindow(await newContext(browser, viewport), core, "kiosk");
  const keys = async (text: string) => {
    for (const k of text) await kiosk.getByRole("button", { name: k, exact: true }).click();
  };
  // Numbered as they are taken, so the files sort into the walkthrough.
  let step = 0;
  const n = (name: string) => `kiosk-${label}-${String(++step).padStart(2, "0")}-${name}`;
  await shot(kiosk, n("welcome"));
  await kiosk.getByRole("button", { name: "Check in" }).click();
  await keys("555010");
  await shot(kiosk, n("find-phone"));
  await kiosk.getByRole("button", { name: "Booking code" }).click();
  await keys("HH22");
  await shot(kiosk, n("find-code"));
  await kiosk.getByRole("button", { name: "Mobile number" }).click();
  await keys(DEMO_GUESTS.family.phone);
  await kiosk.getByRole("heading", { name: "Which one is you?" }).waitFor();
  await shot(kiosk, n("matches"));
  // Not found as most guests meet it: after a number with no booking, which the screen repeats.
  await kiosk.getByRole("button", { name: "None of these is me" }).click();
  await kiosk.getByRole("button", { name: "Try again" }).click();
  await keys("5550109999");
  await kiosk.getByText("We looked for the number 555 010 9999.").waitFor();
  await shot(kiosk, n("not-found"));
  await kiosk.getByRole("button", { name: "Leave my name for the front desk" }).click();
  await keys("SAM");
  await shot(kiosk, n("walk-in"));
  await kiosk.getByRole("button", { name: "Let the front desk know" }).click();
  await shot(kiosk, n("walk-in-done"));
  await kiosk.getByRole("button", { name: "Done" }).click();
  await kiosk.getByRole("button", { name: "Check in" }).click();
  await keys(DEMO_GUESTS.tomorrow.phone);
  await kiosk.getByRole("heading", { name: "Your booking isn't today" }).waitFor();
  await shot(kiosk, n("later"));
  await kiosk.getByRole("button", { name: "Done" }).click();
  await kiosk.getByRole("button", { name: "Check in" }).click();
  await kiosk.getByRole("button", { name: "Booking code" }).click();
  await keys(DEMO_GUESTS.bothFit.code);
  await kiosk.getByRole("heading", { name: "Is this you?" }).waitFor();
  await shot(kiosk, n("confirm"));
  await kiosk.getByRole("button", { name: "Yes, that's me" }).click();
  await kiosk.getByRole("heading", { name: "Add a little extra?" }).waitFor();
  await shot(kiosk, n("offer"));
  await kiosk.getByRole("button", { name: "Add Face massage" }).click();
  await kiosk.getByRole("heading", { name: "Face massage: a few quick questions" }).waitFor();
  await shot(kiosk, n("screening"));
  await noneApply(kiosk);
  await kiosk.getByRole("heading", { name: /^You're checked in, María/ }).waitFor();
  await shot(kiosk, n("done"));
  // The optional preferences step, opened from Done; Skip comes back.
  await kiosk.getByRole("button", { name: "Anything your therapist should know?" }).click();
  await kiosk.getByRole("heading", { name: "Anything your therapist should know?" }).waitFor();
  await shot(kiosk, n("preferences"));
  await kiosk.getByRole("button", { name: "Skip", exact: true }).click();
  await kiosk.getByRole("button", { name: "Change my add-on" }).click();
  await kiosk.getByRole("heading", { name: "Add a little extra?" }).waitFor();
  await shot(kiosk, n("offer-change"));
  await kiosk.getByRole("button", { name: "Add Scalp massage" }).click();
  await noneApply(kiosk);
  await kiosk.getByRole("button", { name: "Done" }).click();
  // James: no add-on fits before the next guest; then larger text and Spanish.
  await kiosk.getByRole("button", { name: "Larger text" }).click();
  await kiosk.getByRole("button", { name: "Cambiar a español" }).click();
  await shot(kiosk, n("welcome-es-large"));
  await kiosk.getByRole("button", { name: "Registrar llegada" }).click();
  await keys(DEMO_GUESTS.noRoom.phone);
  await kiosk.getByRole("button", { name: "Sí, soy yo" }).click();
  await shot(kiosk, n("done-no-addon-es-large"));
  await kiosk.getByRole("button", { name: "Listo" }).click();
  await kiosk.getByRole("button", { name: "Larger text" }).click();
  await kiosk.getByRole("button", { name: "Check in" }).click();
  await kiosk.getByRole("button", { name: "Booking code" }).click();
  await keys(DEMO_GUESTS.bothFit.code);
  await kiosk.getByRole("button", { name: "Yes, that's me" }).click();
  await kiosk.getByRole("button", { name: "Change my add-on" }).click();
  await shot(kiosk, n("offer-large"));
  await kiosk.getByRole("button", { name: "Add Face massage" }).click();
  await noneApply(kiosk);
  await kiosk.getByRole("button", { name: "Done" }).click();
  // The Fischers check in together: Lena's Done screen offers Tom's booking.
  await kiosk.getByRole("button", { name: "Check in" }).click();
  await keys(DEMO_GUESTS.family.phone);
  await kiosk.getByRole("button", { name: /Lena F\./ }).click();
  await kiosk.getByRole("button", { name: "Yes, that's me" }).click();
  await kiosk.getByRole("button", { name: "No thanks" }).click();
  await kiosk.getByRole("button", { name: "Check in Tom F. too" }).waitFor();
  await shot(kiosk, n("done-party"));
  // Tom checks in later, in Chinese.
  await kiosk.getByRole("button", { name: "Done" }).click();
  await kiosk.getByRole("button", { name: "切换到中文" }).click();
  await shot(kiosk, n("welcome-zh"));
  await kiosk.getByRole("button", { name: "签到" }).click();
  await keys(DEMO_GUESTS.family.phone);
  await kiosk.getByRole("button", { name: /Tom F\./ }).click();
  await kiosk.getByRole("heading", { name: "这是您吗？" }).waitFor();
  await shot(kiosk, n("confirm-zh"));
  await kiosk.getByRole("button", { name: "是的，是我" }).click();
  await kiosk.getByRole("heading", { name: "要不要加一项？" }).waitFor();
  await shot(kiosk, n("offer-zh"));
  await kiosk.context().close();
  await core.close();

  // A spa with a third add-on: all three at once, or any of them picked on their cards.
  const three = await createAppCore({
    dataDir: mkdtempSync(path.join(tmpdir(), "happyhead-preview-kiosk-")),
    seed: "demo",
  });
  await addHandMassage(three);
  const page = await openWindow(await newContext(browser, viewport), three, "kiosk");
  await findByCode(page, DEMO_GUESTS.bothFit.code);
  await page.getByRole("button", { name: "Yes, that's me" }).click();
  await page.getByRole("heading", { name: "Hand massage" }).waitFor();
  await shot(page, n("offer-three"));
  await page.getByRole("button", { name: "Add Face massage" }).click();
  await page.getByRole("button", { name: "Add Hand massage" }).click();
  await shot(page, n("offer-three-picked"));
  await page.getByRole("button", { name: /^Continue with/ }).click();
  await noneApply(page);
  await shot(page, n("done-three"));
  await page.context().close();
  await three.close();
}

if (headedWithoutDisplay) {
  console.error(
    "npm run preview: there is no display here (neither DISPLAY nor WAYLAND_DISPLAY is set), so the kiosk and staff windows can't open.",
  );
  console.error(
    "Run it in a desktop session, or take a PNG of every screen without one: npm run preview -- --screenshots screenshots",
  );
  process.exit(1);
}
main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
