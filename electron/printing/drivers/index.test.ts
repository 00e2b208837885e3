import { describe, expect, it } from "vitest";
import { printerSettingSchema } from "../../../contract/ticket";
import { sampleTicket } from "../../test-support/fixtures";
import { CupsDriver } from "./cups";
import { ElectronPrintDriver, type ElectronPrintHost } from "./electron-print";
import {
  chooseSystemPrinting,
  createDriver,
  listSystemPrinters,
  type DriverContext,
  type SystemPrinting,
} from "./index";
import { NetworkDriver } from "./network";
import { PdfFolderDriver } from "./pdf-folder";

/** A printer list as the desktop app's Electron host would give it; these tests never print. */
const listing = (list: () => Promise<string[]>): ElectronPrintHost => ({
  listPrinters: list,
  print: () => Promise.reject(new Error("not printing in this test")),
});
const host = listing(() => Promise.resolve(["EPSON TM-T20III Receipt", "\\\\desk\\TM-T88"]));

describe("chooseSystemPrinting", () => {
  it("uses lp on Linux and macOS, Electron's printing on Windows, and says so when Windows has no Electron", () => {
    expect(chooseSystemPrinting("linux", null)).toEqual({ path: "lp" });
    expect(chooseSystemPrinting("darwin", null)).toEqual({ path: "lp" });
    expect(chooseSystemPrinting("linux", { host, everywhere: false })).toEqual({ path: "lp" });
    expect(chooseSystemPrinting("win32", { host, everywhere: false })).toEqual({ path: "electron", host });
    expect(chooseSystemPrinting("win32", null)).toEqual({ path: "none" });
  });

  it("uses Electron's printing everywhere when the app was started with --system-print=electron", () => {
    expect(chooseSystemPrinting("linux", { host, everywhere: true })).toEqual({ path: "electron", host });
    expect(chooseSystemPrinting("darwin", { host, everywhere: true })).toEqual({ path: "electron", host });
  });
});

describe("createDriver", () => {
  const lp: DriverContext = { pdfDir: "/var/lib/happyhead/tickets", platform: "linux", system: { path: "lp" } };
  const windows: DriverContext = { ...lp, platform: "win32", system: { path: "electron", host } };
  const system = printerSettingSchema.parse({ driver: "system", name: "TM-T20" });

  it("makes the driver each setting names", () => {
    expect(createDriver(printerSettingSchema.parse({ driver: "pdf-folder" }), lp)).toBeInstanceOf(PdfFolderDriver);
    expect(createDriver(system, lp)).toBeInstanceOf(CupsDriver);
    expect(createDriver(system, windows)).toBeInstanceOf(ElectronPrintDriver);
    expect(createDriver(printerSettingSchema.parse({ driver: "network", host: "10.0.0.7" }), lp)).toBeInstanceOf(
      NetworkDriver,
    );
  });

  it("passes paper, folder, name, address and spooler through", () => {
    expect(createDriver(printerSettingSchema.parse({ driver: "pdf-folder", paper: "58mm" }), lp).describe()).toBe(
      "PDF files in /var/lib/happyhead/tickets (58mm paper)",
    );
    expect(createDriver(system, lp).describe()).toBe('System printer "TM-T20" (80mm paper)');
    expect(
      createDriver(
        printerSettingSchema.parse({ driver: "system", name: "EPSON TM-T20III Receipt", paper: "58mm" }),
        windows,
      ).describe(),
    ).toBe('System printer "EPSON TM-T20III Receipt" through the Windows print spooler (58mm paper)');
    expect(createDriver(system, { ...lp, system: { path: "electron", host } }).describe()).toBe(
      'System printer "TM-T20" through CUPS (80mm paper)',
    );
    expect(
      createDriver(printerSettingSchema.parse({ driver: "network", host: "10.0.0.7", port: 9101 }), lp).describe(),
    ).toBe("Network printer 10.0.0.7:9101 (80mm paper)");
  });

  it("on Windows without the desktop app, every system print fails saying why, nothing is attempted", async () => {
    const driver = createDriver(system, { ...lp, platform: "win32", system: { path: "none" } });
    const why = "Windows printers can only be used from the desktop app; this window runs without its printing";
    expect(await driver.print({ jobId: 1, ticket: sampleTicket() })).toEqual({
      ok: false,
      transient: false,
      reason: why,
    });
    expect(await driver.status()).toEqual({ state: "offline", message: why });
  });
});

describe("listSystemPrinters", () => {
  const electron = (h: ElectronPrintHost): SystemPrinting => ({ path: "electron", host: h });

  it("lists Windows' printers by the names Electron prints to, naming the Windows spooler", async () => {
    expect(await listSystemPrinters("win32", electron(host))).toEqual({
      printers: ["EPSON TM-T20III Receipt", "\\\\desk\\TM-T88"],
      available: true,
      message: null,
      spooler: "windows",
    });
  });

  it("says where to add a printer when Windows has none, and when the list cannot be read", async () => {
    expect(await listSystemPrinters("win32", electron(listing(() => Promise.resolve([]))))).toMatchObject({
      printers: [],
      available: true,
      message: expect.stringContaining("Settings > Bluetooth & devices > Printers & scanners"),
      spooler: "windows",
    });
    expect(
      await listSystemPrinters("win32", electron(listing(() => Promise.reject(new Error("spooler down"))))),
    ).toEqual({
      printers: [],
      available: false,
      message: "The list of printers could not be read from the Windows print spooler.",
      spooler: "windows",
    });
  });

  it("on Windows without the desktop app, points to the PDF folder and network printers", async () => {
    expect(await listSystemPrinters("win32", { path: "none" })).toMatchObject({
      printers: [],
      available: false,
      spooler: "windows",
      message: expect.stringContaining("PDF folder or a network printer"),
    });
  });

  it("names CUPS as the spooler on Linux", async () => {
    expect(await listSystemPrinters("linux", { path: "lp" })).toMatchObject({ spooler: "cups" });
    expect(await listSystemPrinters("linux", electron(listing(() => Promise.resolve([]))))).toEqual({
      printers: [],
      available: true,
      message: "No printers are installed on this computer yet.",
      spooler: "cups",
    });
  });
});
