import { mkdtempSync, rmSync } from "node:fs";
import { axeOn } from "./axe";
import { tmpdir } from "node:os";
import path from "node:path";
import { checkInAtKiosk } from "../db/kiosk/check-in";
import { chooseAddons } from "../db/kiosk/choose";
import { findAppointments } from "../db/kiosk/search";
import { getSettings, saveSettings } from "../db/settings";
import { DEMO_GUESTS, DEMO_STAFF } from "../db/demo/seed-demo";
import type { AppCore } from "../electron/core";
import { demoCore } from "./demo-database";
import { FakeThermalPrinter, LOOPBACK } from "../electron/test-support/fake-printer";
import { sampleTicket } from "../electron/test-support/fixtures";
import { renderTicketHtml } from "../electron/printing/html";
import { hasPdftotext, pdfToText } from "../electron/test-support/pdftotext";
import { expect, test, signIn } from "./fixtures";
import { newContext, openWindow } from "./wiring";

const [manager, receptionist] = DEMO_STAFF;

/** María checks in at the kiosk and picks both add-ons (through the domain, not the kiosk UI). */
function mariaChecksIn(core: AppCore): void {
  const id = findAppointments(core.model, { by: "code", code: DEMO_GUESTS.bothFit.code })[0]?.appointmentId ?? 0;
  const { visit } = checkInAtKiosk(core.model, id, "en");
  chooseAddons(core.model, {
    appointmentId: id,
    addonIds: visit.offer.cards.map((c) => c.addonId),
    offerMs: 2000,
    lang: "en",
  });
}

let printer: FakeThermalPrinter;
test.beforeEach(async () => {
  printer = new FakeThermalPrinter({ kind: "paper-out" });
  await printer.start();
});
test.afterEach(async () => {
  await printer.stop();
});

test.describe(() => {
  // The worker's own retry (2 s after the failure by default) could print the ticket between the
  // paper going in and the tap, taking the Retry button away before the test taps it.
  test.use({ coreOptions: { printBackoffMs: () => 10 * 60_000 } });

  test("the desk sees 'out of paper' pushed live, then Retry and Reprint get the ticket out", async ({
    core,
    staff,
  }) => {
    saveSettings(core.model.db, { printer: { driver: "network", host: LOOPBACK, port: printer.port, paper: "80mm" } });
    mariaChecksIn(core);
    await signIn(staff, receptionist);
    const banner = staff.getByRole("region", { name: "Printer" });
    await expect(banner.getByText("Printer is out of paper")).toBeVisible();
    await expect(banner.getByText(`Network printer ${LOOPBACK}:${printer.port} (80mm paper)`)).toBeVisible();

    const row = staff.locator("tr", { hasText: DEMO_GUESTS.bothFit.name });
    await row.getByRole("button", { name: /^Confirm/ }).click();
    await expect(row.getByText("Ticket queued: Printer is out of paper")).toBeVisible();
    await expect(banner.getByText("1 ticket waiting to print.")).toBeVisible();
    expect((await axeOn(staff).include(".printer-banner").analyze()).violations).toEqual([]);
    expect(printer.tickets).toHaveLength(0);

    // Paper goes in; Retry sends it now instead of after the backoff.
    printer.behaviour = { kind: "healthy" };
    await row.getByRole("button", { name: /^Retry/ }).click();
    await expect(row.getByText("Ticket printed")).toHaveCount(1);
    await expect(banner.getByText("Printer is ready")).toBeVisible();
    await expect(banner.getByText(/waiting to print/)).toHaveCount(0);
    expect(printer.tickets.map((t) => t.reprint)).toEqual([false]);

    // Reprint: a second copy, visibly marked.
    await row.getByRole("button", { name: /^Reprint/ }).click();
    await expect.poll(() => printer.tickets.map((t) => t.reprint)).toEqual([false, true]);
    await row.getByRole("button", { name: "Ticket", exact: true }).click();
    await expect(staff.locator(".ticket-preview")).toContainText("R E P R I N T");
  });
});

test("a manager sets up a network printer: bad input is named on its field, test print, save", async ({
  core,
  staff,
}) => {
  printer.behaviour = { kind: "healthy" };
  await signIn(staff, manager);
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
  expect((await axeOn(staff).analyze()).violations).toEqual([]);
  expect(getSettings(core.model.db).printer).toEqual({ driver: "pdf-folder", paper: "80mm" });

  await staff.getByLabel("IP address or host name").fill(LOOPBACK);
  await staff.getByRole("textbox", { name: /^Port/ }).fill(String(printer.port));
  await staff.getByLabel("58 mm").check();
  await staff.getByRole("button", { name: "Test print" }).click();
  await expect(
    staff.getByText(`Test ticket sent: Network printer ${LOOPBACK}:${printer.port} (58mm paper).`),
  ).toBeVisible();
  await expect.poll(() => printer.tickets.length).toBe(1);
  expect(Buffer.from(printer.tickets[0]?.bytes ?? []).toString("latin1")).toContain("TEST PRINT");

  await staff.getByRole("button", { name: "Save" }).click();
  await expect(staff.getByText("Saved.")).toBeVisible();
  const audit = core.model.db
    .prepare("SELECT after_json FROM audit_log WHERE action = 'settings.printer'")
    .pluck()
    .get() as string;
  expect(JSON.parse(audit)).toEqual({ driver: "network", host: LOOPBACK, port: printer.port, paper: "58mm" });

  // The desk banner now describes the new printer.
  await staff.getByRole("button", { name: "Arrivals" }).click();
  await expect(
    staff
      .getByRole("region", { name: "Printer" })
      .getByText(`Network printer ${LOOPBACK}:${printer.port} (58mm paper)`),
  ).toBeVisible();
});

test("a receptionist has no printer settings, and the channels refuse them", async ({ staff }) => {
  await signIn(staff, receptionist);
  await expect(staff.getByRole("heading", { name: "Arrivals today" })).toBeVisible();
  await expect(staff.getByRole("button", { name: "Printer", exact: true })).toHaveCount(0);
  const result = await staff.evaluate(() =>
    window.kiosk.invoke("printing.saveSettings", { printer: { driver: "pdf-folder", paper: "80mm" } }),
  );
  expect(result).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
});

test("a manager on Windows reads that system printers print through the Windows spooler (here without the desktop app)", async ({
  browserInstance,
}) => {
  // The same core on Windows' path, as `npm run preview` runs there: no Electron, so no spooler.
  const dir = mkdtempSync(path.join(tmpdir(), "happyhead-e2e-win-"));
  const core = await demoCore({ dataDir: dir, platform: "win32" });
  const context = await newContext(browserInstance, { width: 1920, height: 1080 });
  try {
    const staff = await openWindow(context, core, "staff");
    await signIn(staff, manager);
    await staff.getByRole("button", { name: "Printer", exact: true }).click();
    await expect(
      staff.getByText("A printer installed in Windows, by name. Tickets print through the Windows print spooler."),
    ).toBeVisible();
    await staff.getByRole("radio", { name: /^System printer/ }).check();
    await expect(staff.getByRole("group", { name: "Windows printer" })).toBeVisible();
    await expect(
      staff.getByText(
        "Windows printers can only be used from the desktop app; this window runs without its printing. Use the PDF folder or a network printer here.",
      ),
    ).toBeVisible();
    expect((await axeOn(staff).include(".printer-settings").analyze()).violations).toEqual([]);
  } finally {
    await context.close();
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test("elsewhere the Printer tab names CUPS", async ({ staff }) => {
  await signIn(staff, manager);
  await staff.getByRole("button", { name: "Printer", exact: true }).click();
  await expect(staff.getByText("A printer installed on this computer (CUPS), by name.")).toBeVisible();
  await staff.getByRole("radio", { name: /^System printer/ }).check();
  await expect(staff.getByRole("group", { name: "System printer" })).toBeVisible();
});

test("the ticket page Electron prints is one page exactly the paper's width and the ticket's height in Chromium's print layout", async ({
  browserInstance,
}) => {
  for (const paper of ["80mm", "58mm"] as const) {
    const ticket = sampleTicket({ kind: "reprint", reprintOf: "changed", changes: ["Added SCALP MASSAGE"] });
    const { html, widthMm, heightMm } = renderTicketHtml(ticket, paper);
    // A fresh page per document: the CSP of one document must not meet the next one's style.
    const page = await browserInstance.newPage();
    const violations: string[] = [];
    page.on("console", (message) => violations.push(message.text()));
    await page.setContent(html);
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    await page.close();
    expect(violations).toEqual([]);
    const raw = pdf.toString("latin1");
    expect(/\/Type \/Pages[\s\S]*?\/Count (\d+)/.exec(raw)?.[1]).toBe("1");
    const box = (/\/MediaBox \[([^\]]+)\]/.exec(raw)?.[1] ?? "").trim().split(/\s+/).map(Number);
    expect([box[2], box[3]].map((points) => Math.round(((points ?? 0) * 25.4) / 72))).toEqual([widthMm, heightMm]);
    if (hasPdftotext) {
      const text = pdfToText(pdf);
      for (const expected of [
        "*** REPRINT ***",
        "*** CHANGED ***",
        "FACE MASSAGE",
        "SCALP MASSAGE",
        "María G.",
        "Print job 1007",
      ])
        expect(text).toContain(expected);
    }
  }
});

test("the ticket page Electron prints draws every emoji in the slip's own font, on a computer with no emoji font of its own", async ({
  browserInstance,
}) => {
  // Debian here has no emoji font (CI installs none): before, Chromium drew these as empty boxes.
  const ticket = sampleTicket({
    guestLabel: "Kai 👨‍👩‍👧 🇯🇵 G.",
    alerts: { allergies: ["🥜 peanuts"], avoid: [], checks: [] },
  });
  for (const paper of ["80mm", "58mm"] as const) {
    const page = await browserInstance.newPage();
    const violations: string[] = [];
    page.on("console", (message) => violations.push(message.text()));
    await page.setContent(renderTicketHtml(ticket, paper).html);
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    // What Chromium really drew each emoji with: the fonts of its text, as the inspector reports them.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("DOM.enable");
    await cdp.send("CSS.enable");
    const { root } = await cdp.send("DOM.getDocument");
    const { nodeIds } = await cdp.send("DOM.querySelectorAll", { nodeId: root.nodeId, selector: ".emoji > span" });
    const drawn: string[] = [];
    for (const nodeId of nodeIds) {
      const { fonts } = await cdp.send("CSS.getPlatformFontsForNode", { nodeId });
      drawn.push(
        fonts.map((f) => `${f.familyName}${f.isCustomFont ? " (the slip's)" : ""} ×${f.glyphCount}`).join(", "),
      );
    }
    expect(drawn).toEqual(["Noto Emoji (the slip's) ×1", "Noto Emoji (the slip's) ×1", "Noto Emoji (the slip's) ×1"]);
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    await page.close();
    expect(violations).toEqual([]);
    expect(/\/Type \/Pages[\s\S]*?\/Count (\d+)/.exec(pdf.toString("latin1"))?.[1]).toBe("1");
  }
});

test("the ticket page Electron prints draws Arabic and Hebrew names as written, in reading order, on one page", async ({
  browserInstance,
}) => {
  const ticket = sampleTicket({
    guestLabel: "\u200fمريم عبد",
    therapistName: "שרה כהן",
    alerts: { allergies: ["زيت اللوز"], avoid: [], checks: [] },
  });
  for (const paper of ["80mm", "58mm"] as const) {
    const page = await browserInstance.newPage();
    const violations: string[] = [];
    page.on("console", (message) => violations.push(message.text()));
    await page.setContent(renderTicketHtml(ticket, paper).html);
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    await page.close();
    expect(violations).toEqual([]);
    expect(/\/Type \/Pages[\s\S]*?\/Count (\d+)/.exec(pdf.toString("latin1"))?.[1]).toBe("1");
    if (hasPdftotext) {
      const text = pdfToText(pdf)
        .replace(/[\u202a-\u202e]/g, "")
        .replace(/ +/g, " ");
      for (const expected of ["Guest: مريم عبد", "Therapist: שרה כהן", "ALLERGIES: زيت اللوز"])
        expect(text).toContain(expected);
    }
  }
});
