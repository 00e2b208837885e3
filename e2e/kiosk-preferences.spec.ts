import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import { axeOn } from "./axe";
import path from "node:path";
import type { Page } from "@playwright/test";
import { DEMO_GUESTS, DEMO_STAFF } from "../db/demo/seed-demo";
import { saveSettings } from "../db/settings";
import type { AppCore } from "../electron/core";
import { FakeThermalPrinter, LOOPBACK } from "../electron/test-support/fake-printer";
import { hasPdftotext, pdfToText } from "../electron/test-support/pdftotext";
import { expect, signIn, test } from "./fixtures";
import { findByCode } from "./kiosk-helpers";

const receptionist = DEMO_STAFF[1];
const maria = DEMO_GUESTS.bothFit;

/** María came last week (an earlier booking made hers: same phone, same name) and gave her preferences there. */
function mariaCameBefore(core: AppCore, keep: boolean): void {
  const { db } = core.model;
  const earlier = db
    .prepare(
      "SELECT id FROM appointments WHERE local_day < (SELECT local_day FROM appointments WHERE booking_code = ?) ORDER BY local_day DESC LIMIT 1",
    )
    .pluck()
    .get(maria.code) as number;
  db.prepare("UPDATE appointments SET guest_name = ?, phone = ?, phone_key = ? WHERE id = ?").run(
    maria.name,
    maria.phone,
    maria.phone,
    earlier,
  );
  db.prepare(
    "INSERT INTO guest_preferences (appointment_id, pressure, allergies, allergy_other, avoid, keep, given_at) VALUES (?, 'firm', '[\"nuts\"]', 'lavender oil', '[\"face\"]', ?, '2026-11-18T18:00:00.000Z')",
  ).run(earlier, keep ? 1 : 0);
}

async function axeClean(page: Page): Promise<string[]> {
  const result = await axeOn(page)
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"])
    .analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

const pressed = (page: Page, name: string) => page.getByRole("button", { name, exact: true });

test("a returning guest who kept her preferences confirms last visit's in one tap; the desk flags them and the ticket's ALERTS box prints them, her pressure on its own line (ESC/POS)", async ({
  core,
  kiosk,
  staff,
}, info) => {
  const printer = new FakeThermalPrinter({ kind: "healthy" });
  await printer.start();
  try {
    saveSettings(core.model.db, { printer: { driver: "network", host: LOOPBACK, port: printer.port, paper: "58mm" } });
    mariaCameBefore(core, true);
    await findByCode(kiosk, maria.code);
    await kiosk.getByRole("button", { name: "Yes, that's me" }).click();

    await expect(kiosk.getByRole("heading", { name: "Anything your therapist should know?" })).toBeVisible();
    await expect(kiosk.getByText("From your last visit.")).toBeVisible();
    for (const name of ["Firm", "Nuts", "Other: lavender oil", "Face", "Keep these for my next visit"])
      await expect(pressed(kiosk, name)).toHaveAttribute("aria-pressed", "true");
    await expect(pressed(kiosk, "Neck")).toHaveAttribute("aria-pressed", "false");

    // Looked at, and checked with axe, at both sizes on both kiosk shapes.
    const dir = path.join(info.project.outputDir, "kiosk-preferences");
    mkdirSync(dir, { recursive: true });
    const violations: string[] = [];
    for (const large of [false, true]) {
      if (large) await kiosk.getByRole("button", { name: "Larger text" }).click();
      for (const [shape, size] of [
        ["portrait", { width: 1080, height: 1920 }],
        ["landscape", { width: 1920, height: 1080 }],
      ] as const) {
        await kiosk.setViewportSize(size);
        await kiosk.screenshot({ path: path.join(dir, `${shape}-${large ? "large" : "normal"}.png`), fullPage: true });
        violations.push(...(await axeClean(kiosk)).map((v) => `${shape} ${large ? "large" : "normal"}: ${v}`));
      }
    }
    expect(violations).toEqual([]);

    await kiosk.getByRole("button", { name: "These are right" }).click();
    await expect(kiosk.getByRole("heading", { name: "Add a little extra?" })).toBeVisible();
    await kiosk.getByRole("button", { name: "Add Scalp massage" }).click();
    // The scalp massage's screening questions (another engineer's step): nothing applies.
    await kiosk.getByRole("button", { name: "None of these apply to me" }).click();
    await expect(kiosk.getByRole("heading", { name: "You're checked in, María" })).toBeVisible();

    await signIn(staff, receptionist);
    const row = staff.locator("tr", { hasText: maria.name });
    await expect(row.getByText("⚠ Allergy: Nuts, lavender oil")).toBeVisible();
    await expect(row.getByText("Avoid: Face")).toBeVisible();
    await row.getByRole("button", { name: /^Confirm/ }).click();
    await expect.poll(() => printer.tickets.length).toBe(1);
    const bytes = Buffer.from(printer.tickets[0]?.bytes ?? []).toString("latin1");
    expect(bytes).toContain("+== ALERTS ====================+");
    // 58 mm: the row wraps inside the box, the continuation indented.
    expect(bytes).toContain("| ALLERGIES: Nuts, lavender    |");
    expect(bytes).toContain("|   oil                        |");
    expect(bytes).toContain("| AVOID: Face                  |");
    // Her pressure: a plain line above the box, not an alert.
    expect(bytes).toContain("Pressure: Firm\n");
    expect(bytes.indexOf("Pressure: Firm")).toBeLessThan(bytes.indexOf("+== ALERTS"));
    await row.getByRole("button", { name: "Ticket" }).click();
    await expect(staff.locator(".ticket-preview strong", { hasText: "ALLERGIES: Nuts" })).toBeVisible();
    await expect(staff.locator(".ticket-preview").getByText("Pressure: Firm")).toBeVisible();
  } finally {
    await printer.stop();
  }
});

test("a guest who did not agree to keep them sees nothing of last visit's; from Done she gives new ones, and the PDF ticket's ALERTS box prints them", async ({
  core,
  kiosk,
  staff,
}) => {
  mariaCameBefore(core, false);
  await findByCode(kiosk, maria.code);
  await kiosk.getByRole("button", { name: "Yes, that's me" }).click();
  // No step on the way: straight to the offer, as for any guest.
  await expect(kiosk.getByRole("heading", { name: "Add a little extra?" })).toBeVisible();
  await kiosk.getByRole("button", { name: "No thanks" }).click();
  await kiosk.getByRole("button", { name: "Anything your therapist should know?" }).click();
  await expect(kiosk.getByRole("heading", { name: "Anything your therapist should know?" })).toBeVisible();
  await expect(kiosk.getByText("From your last visit.")).toHaveCount(0);
  await expect(kiosk.locator("button[aria-pressed='true']", { hasText: /Firm|Nuts|Face|lavender/ })).toHaveCount(0);

  await pressed(kiosk, "Latex").click();
  await pressed(kiosk, "Other…").click();
  await kiosk.getByRole("button", { name: "A", exact: true }).click();
  await kiosk.getByRole("button", { name: "R", exact: true }).click();
  await kiosk.getByRole("button", { name: "N", exact: true }).click();
  await kiosk.getByRole("button", { name: "I", exact: true }).click();
  await kiosk.getByRole("button", { name: "C", exact: true }).click();
  await kiosk.getByRole("button", { name: "A", exact: true }).click();
  await kiosk.getByRole("button", { name: "Done", exact: true }).click();
  await pressed(kiosk, "Neck").click();
  await kiosk.getByRole("button", { name: "Continue" }).click();
  await expect(kiosk.getByRole("heading", { name: "You're checked in, María" })).toBeVisible();

  await signIn(staff, receptionist);
  const row = staff.locator("tr", { hasText: maria.name });
  await expect(row.getByText("⚠ Allergy: Latex, arnica")).toBeVisible();
  await row.getByRole("button", { name: /^Confirm/ }).click();
  await expect(row.getByText("Ticket printed")).toHaveCount(1);
  await core.printQueue.idle();
  const pdf = readdirSync(core.paths.tickets).find((f) => f.endsWith(".pdf"));
  expect(pdf).toBeDefined();
  test.skip(!hasPdftotext, "pdftotext not installed");
  const text = pdfToText(readFileSync(path.join(core.paths.tickets, pdf ?? "")));
  expect(text).toContain("ALERTS");
  expect(text).toContain("ALLERGIES: Latex, arnica");
  expect(text).toContain("AVOID: Neck");
});

test("Back office → Guest data: a manager finds the one guest on a number, exports her stored preferences as JSON, then erases them and their ticket's alerts", async ({
  core,
  staff,
}, info) => {
  mariaCameBefore(core, true);
  await signIn(staff, DEMO_STAFF[0]);
  await staff.getByRole("button", { name: "Back office" }).click();
  await staff.getByRole("button", { name: "Guest data" }).click();
  await staff.getByLabel("Guest's mobile number").fill("(555) 010-2233");
  await staff.getByRole("button", { name: "Find" }).click();
  // One person on the number: nothing to pick, their line is shown.
  await expect(staff.getByText("Booked on this number:")).toBeVisible();
  await expect(staff.getByRole("radio")).toHaveCount(0);
  const downloading = staff.waitForEvent("download");
  await staff.getByRole("button", { name: "Export" }).click();
  const file = await downloading;
  expect(file.suggestedFilename()).toBe("guest-preferences.json");
  const exported = JSON.parse(readFileSync(await file.path(), "utf8")) as {
    guest: string;
    visits: { allergies: string[]; allergyOther: string }[];
  };
  expect(exported.guest).toBe(maria.name);
  expect(exported.visits).toEqual([
    expect.objectContaining({ allergies: ["nuts"], allergyOther: "lavender oil", avoid: ["face"] }),
  ]);
  await expect(staff.getByRole("status")).toHaveText(`Exported the preferences of 1 visit of ${maria.name}.`);
  expect(await axeClean(staff)).toEqual([]);

  await staff.getByRole("button", { name: "Erase…" }).click();
  await staff.screenshot({
    path: path.join(info.project.outputDir, "kiosk-preferences", "back-office-guest-data.png"),
  });
  await staff.getByRole("button", { name: "Yes, erase them" }).click();
  await expect(staff.getByRole("status")).toHaveText(
    `Erased the preferences of 1 visit of ${maria.name}, and their tickets' alerts.`,
  );
  expect(core.model.db.prepare("SELECT count(*) FROM guest_preferences").pluck().get()).toBe(0);
  await staff.getByLabel("Guest's mobile number").fill("2233");
  await staff.getByRole("button", { name: "Find" }).click();
  await expect(staff.getByText("Enter the guest's whole phone number (7 to 15 digits).")).toBeVisible();
});
