import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { _electron as electron, expect, test, type ElectronApplication } from "@playwright/test";
import { DEMO_STAFF } from "../db/demo/seed-demo";
import { CUPS_PDF_QUEUE, waitForPdf, whyCupsPdfCannotPrint } from "../electron/test-support/cups-pdf";
import { listCupsPrinters } from "../electron/printing/drivers/cups";
import { pdfToText } from "../electron/test-support/pdftotext";
import { appRoot, electronBinary, nativeReady, staffWindow } from "./electron-app";
import { signIn } from "./fixtures";

/**
 * System printers in the real Electron app: the printer list Electron's printing (Windows) or
 * CUPS (elsewhere) gives the Printer tab, and test prints through webContents.print. With
 * `--system-print=electron` Linux and macOS take the same Electron path as Windows, so it also
 * runs where Windows doesn't. Electron's binary is needed; these are skipped, with the reason,
 * where it cannot be installed.
 */
const binary = electronBinary();
const windows = process.platform === "win32";
const [manager] = DEMO_STAFF;

/** Where a real test print goes: HAPPYHEAD_E2E_PRINTER, else the cups-pdf queue where CUPS has one. */
const cupsPdf = windows ? "no cups-pdf queue on Windows" : whyCupsPdfCannotPrint();
const target = process.env.HAPPYHEAD_E2E_PRINTER ?? (cupsPdf === null ? CUPS_PDF_QUEUE : null);

async function launch(...flags: string[]): Promise<ElectronApplication> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "happyhead-electron-printing-"));
  return electron.launch({ args: [appRoot, `--data-dir=${dataDir}`, ...flags], executablePath: binary ?? undefined });
}

/** The printer names Electron itself sees, asked in the main process as the app does. */
function electronPrinterNames(app: ElectronApplication): Promise<string[]> {
  return app.evaluate(async ({ BrowserWindow }) => {
    const win = new BrowserWindow({ show: false });
    try {
      return (await win.webContents.getPrintersAsync()).map((printer) => printer.name);
    } finally {
      win.destroy();
    }
  });
}

test.describe("Electron app: system printers", () => {
  test.skip(
    binary === null,
    "Electron binary not installed (its download host is unreachable here); electron/printing/drivers/electron-print.test.ts and index.test.ts check the options, outcomes and platform choice, e2e/printing.spec.ts the ticket page in Chromium's print layout.",
  );
  test.skip(
    !nativeReady,
    "better-sqlite3 has no Electron-ABI build yet: run `node scripts/electron-native.mjs` first.",
  );

  test("the Printer tab lists the installed printers through printing.printers and names the spooler", async () => {
    const app = await launch();
    const staff = await staffWindow(app);
    await signIn(staff, manager);
    const listed = await staff.evaluate(() => window.kiosk.invoke("printing.printers", {}));
    if (windows) {
      expect(listed).toMatchObject({
        ok: true,
        value: { printers: await electronPrinterNames(app), spooler: "windows", available: true },
      });
    } else {
      expect(listed).toMatchObject({ ok: true, value: { printers: await listCupsPrinters(), spooler: "cups" } });
    }
    await staff.getByRole("button", { name: "Printer", exact: true }).click();
    await expect(
      staff.getByText(
        windows
          ? "A printer installed in Windows, by name. Tickets print through the Windows print spooler."
          : "A printer installed on this computer (CUPS), by name.",
      ),
    ).toBeVisible();
    await app.close();
  });

  test("through Electron's printing the list is Electron's own, and a missing printer is named in plain words", async () => {
    const app = await launch("--system-print=electron");
    const staff = await staffWindow(app);
    await signIn(staff, manager);
    const listed = await staff.evaluate(() => window.kiosk.invoke("printing.printers", {}));
    expect(listed).toMatchObject({
      ok: true,
      value: { printers: await electronPrinterNames(app), spooler: windows ? "windows" : "cups" },
    });
    const before = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length);
    const missing = await staff.evaluate(() =>
      window.kiosk.invoke("printing.testPrint", {
        printer: { driver: "system", name: "No Such Printer 404", paper: "80mm" },
      }),
    );
    expect(missing).toEqual({
      ok: true,
      value: { ok: false, message: "Test print failed: Printer not found: No Such Printer 404." },
    });
    // The hidden print window is gone again.
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(before);
    await app.close();
  });

  test("a test print reaches a real printer through webContents.print", async () => {
    test.skip(
      target === null,
      `no printer to print to: set HAPPYHEAD_E2E_PRINTER to an installed printer's name (${cupsPdf ?? ""})`,
    );
    const printer = target ?? "";
    const app = await launch("--system-print=electron");
    const staff = await staffWindow(app);
    await signIn(staff, manager);
    const started = Date.now();
    const result = await staff.evaluate(
      (name) => window.kiosk.invoke("printing.testPrint", { printer: { driver: "system", name, paper: "80mm" } }),
      printer,
    );
    const spooler = windows ? "the Windows print spooler" : "CUPS";
    expect(result).toEqual({
      ok: true,
      value: { ok: true, message: `Test ticket sent: System printer "${printer}" through ${spooler} (80mm paper).` },
    });
    if (printer === CUPS_PDF_QUEUE && cupsPdf === null) {
      // cups-pdf names the file after the page's title, "Happy Head ticket 1 job 1".
      const text = pdfToText(await waitForPdf("ticket_1_job_1", started, 60_000));
      for (const expected of ["TEST PRINT", "FACE MASSAGE", "SCALP MASSAGE", "Confirmed by: Morgan Lee"])
        expect(text).toContain(expected);
    }
    await app.close();
  });
});
