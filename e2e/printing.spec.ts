import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { checkInAtKiosk, chooseAddons, findAppointments } from "../db/kiosk";
import { getSettings, saveSettings } from "../db/settings";
import { DEMO_GUESTS, DEMO_STAFF } from "../db/seed-demo";
import type { AppCore } from "../electron/core";
import { FakeThermalPrinter, LOOPBACK } from "../electron/printing/fake-printer";
import { expect, test } from "./fixtures";

const [manager, receptionist] = DEMO_STAFF;

async function login(page: Page, who: { name: string; pin: string }) {
  await page.getByRole("button", { name: new RegExp(who.name) }).click();
  await page.getByLabel("PIN", { exact: true }).fill(who.pin);
  await page.getByRole("button", { name: "Unlock" }).click();
}

/** María checks in at the kiosk and picks both add-ons (through the domain, not the kiosk UI). */
function mariaChecksIn(core: AppCore): void {
  const id = findAppointments(core.model, { by: "code", code: DEMO_GUESTS.bothFit.code })[0]?.appointmentId ?? 0;
  const { visit } = checkInAtKiosk(core.model, id, "en");
  chooseAddons(core.model, { appointmentId: id, addonIds: visit.offer.cards.map((c) => c.addonId), offerMs: 2000, lang: "en" });
}

let printer: FakeThermalPrinter;
test.beforeEach(async () => {
  printer = new FakeThermalPrinter({ kind: "paper-out" });
  await printer.start();
});
test.afterEach(async () => {
  await printer.stop();
});

test("the desk sees 'out of paper' pushed live, then Retry and Reprint get the ticket out", async ({ core, staff }) => {
  saveSettings(core.model.db, { printer: { driver: "network", host: LOOPBACK, port: printer.port, paper: "80mm" } });
  mariaChecksIn(core);
  await login(staff, receptionist);
  const banner = staff.getByRole("region", { name: "Printer" });
  await expect(banner.getByText("Printer is out of paper")).toBeVisible();
  await expect(banner.getByText(`Network printer ${LOOPBACK}:${printer.port} (80mm paper)`)).toBeVisible();

  const row = staff.locator("tr", { hasText: DEMO_GUESTS.bothFit.name });
  await row.getByRole("button", { name: /^Confirm/ }).click();
  await expect(row.getByText("Ticket queued: Printer is out of paper")).toBeVisible();
  await expect(banner.getByText("1 ticket waiting to print.")).toBeVisible();
  expect((await new AxeBuilder({ page: staff }).include(".printer-banner").analyze()).violations).toEqual([]);
  expect(printer.tickets).toHaveLength(0);

  // Paper goes in; Retry sends it now instead of after the backoff.
  printer.behaviour = { kind: "healthy" };
  await row.getByRole("button", { name: /^Retry/ }).click();
  await expect(row.getByText("Ticket printed")).toHaveCount(2);
  await expect(banner.getByText("Printer is ready")).toBeVisible();
  await expect(banner.getByText(/waiting to print/)).toHaveCount(0);
  expect(printer.tickets.map((t) => t.reprint)).toEqual([false]);

  // Reprint: a second copy, visibly marked.
  await row.getByRole("button", { name: /^Reprint/ }).click();
  await expect.poll(() => printer.tickets.map((t) => t.reprint)).toEqual([false, true]);
  await row.getByRole("button", { name: "Ticket", exact: true }).click();
  await expect(staff.locator(".ticket-preview")).toContainText("R E P R I N T");
});

test("a manager sets up a network printer: bad input is named on its field, test print, save", async ({ core, staff }) => {
  printer.behaviour = { kind: "healthy" };
  await login(staff, manager);
  await staff.getByRole("button", { name: "Printer", exact: true }).click();
  await expect(staff.getByRole("heading", { name: "Ticket printer" })).toBeVisible();
  await expect(staff.getByLabel("PDF folder")).toBeChecked();

  await staff.getByLabel("Network thermal printer").check();
  await staff.getByLabel("IP address or host name").fill("http://10.0.0.7:9100");
  await staff.getByRole("textbox", { name: /^Port/ }).fill("91o0");
  await staff.getByRole("button", { name: "Save" }).click();
  await expect(staff.getByText("Enter an IP address like 192.168.1.50")).toBeVisible();
  await expect(staff.getByText("Enter the port as a number, e.g. 9100.")).toBeVisible();
  await expect(staff.getByLabel("IP address or host name")).toHaveAttribute("aria-invalid", "true");
  expect((await new AxeBuilder({ page: staff }).analyze()).violations).toEqual([]);
  expect(getSettings(core.model.db).printer).toEqual({ driver: "pdf-folder", paper: "80mm" });

  await staff.getByLabel("IP address or host name").fill(LOOPBACK);
  await staff.getByRole("textbox", { name: /^Port/ }).fill(String(printer.port));
  await staff.getByLabel("58 mm").check();
  await staff.getByRole("button", { name: "Test print" }).click();
  await expect(staff.getByText(`Test ticket sent: Network printer ${LOOPBACK}:${printer.port} (58mm paper).`)).toBeVisible();
  await expect.poll(() => printer.tickets.length).toBe(1);
  expect(Buffer.from(printer.tickets[0]?.bytes ?? []).toString("latin1")).toContain("TEST PRINT");

  await staff.getByRole("button", { name: "Save" }).click();
  await expect(staff.getByText("Saved.")).toBeVisible();
  const audit = core.model.db.prepare("SELECT after_json FROM audit_log WHERE action = 'settings.printer'").pluck().get() as string;
  expect(JSON.parse(audit)).toEqual({ driver: "network", host: LOOPBACK, port: printer.port, paper: "58mm" });

  // The desk banner now describes the new printer.
  await staff.getByRole("button", { name: "Arrivals" }).click();
  await expect(staff.getByRole("region", { name: "Printer" }).getByText(`Network printer ${LOOPBACK}:${printer.port} (58mm paper)`)).toBeVisible();
});

test("a receptionist has no printer settings, and the channels refuse them", async ({ staff }) => {
  await login(staff, receptionist);
  await expect(staff.getByRole("heading", { name: "Arrivals today" })).toBeVisible();
  await expect(staff.getByRole("button", { name: "Printer", exact: true })).toHaveCount(0);
  const result = await staff.evaluate(() => window.kiosk.invoke("printing.saveSettings", { printer: { driver: "pdf-folder", paper: "80mm" } }));
  expect(result).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
});
