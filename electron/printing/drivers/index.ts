import type { PrinterList, Spooler } from "../../../contract/printing";
import type { Paper, PrinterSetting } from "../../../contract/ticket";
import type { PrinterDriver, PrintOutcome, PrinterStatus } from "../driver";
import { cupsIsRunning, CupsDriver, listCupsPrinters } from "./cups";
import { ElectronPrintDriver, type ElectronPrintHost } from "./electron-print";
import { NetworkDriver } from "./network";
import { PdfFolderDriver } from "./pdf-folder";

/** Electron's printing, as the desktop app offers it (electron/main.ts); absent under plain Node. */
export type ElectronPrinting = {
  host: ElectronPrintHost;
  /** Print through Electron on Linux and macOS too, instead of `lp` (`--system-print=electron`). */
  everywhere: boolean;
};

/**
 * How the "system" setting reaches the OS spooler: CUPS `lp` on Linux and macOS; Electron's
 * printing on Windows, which has no `lp` (and anywhere when asked); nothing on Windows without
 * the desktop app (`npm run preview` there), which is said in plain words instead.
 */
export type SystemPrinting = { path: "lp" } | { path: "electron"; host: ElectronPrintHost } | { path: "none" };

export function chooseSystemPrinting(platform: NodeJS.Platform, electron: ElectronPrinting | null): SystemPrinting {
  if (electron && (platform === "win32" || electron.everywhere)) return { path: "electron", host: electron.host };
  return platform === "win32" ? { path: "none" } : { path: "lp" };
}

export const spoolerOf = (platform: NodeJS.Platform): Spooler => (platform === "win32" ? "windows" : "cups");

/** The spooler as the Printer tab and the desk banner name it. */
export const SPOOLER_NAMES: Readonly<Record<Spooler, string>> = { windows: "the Windows print spooler", cups: "CUPS" };

const NO_SPOOLER = "Windows printers can only be used from the desktop app; this window runs without its printing";

/** The system setting where no spooler can be reached: every attempt fails, saying why. */
class NoSpoolerDriver implements PrinterDriver {
  constructor(
    private readonly printer: string,
    private readonly paper: Paper,
  ) {}

  describe(): string {
    return `System printer "${this.printer}" (${this.paper} paper)`;
  }

  print(): Promise<PrintOutcome> {
    return Promise.resolve({ ok: false, transient: false, reason: NO_SPOOLER });
  }

  status(): Promise<PrinterStatus> {
    return Promise.resolve({ state: "offline", message: NO_SPOOLER });
  }
}

export type DriverContext = {
  /** Where the PDF-folder driver saves tickets. */
  pdfDir: string;
  platform: NodeJS.Platform;
  system: SystemPrinting;
};

/** The driver for a manager's printer setting. */
export function createDriver(setting: PrinterSetting, context: DriverContext): PrinterDriver {
  switch (setting.driver) {
    case "pdf-folder":
      return new PdfFolderDriver(context.pdfDir, setting.paper);
    case "system":
      return systemDriver(setting.name, setting.paper, context);
    case "network":
      return new NetworkDriver({ host: setting.host, port: setting.port, paper: setting.paper });
  }
}

function systemDriver(name: string, paper: Paper, { platform, system }: DriverContext): PrinterDriver {
  switch (system.path) {
    case "lp":
      return new CupsDriver(name, paper);
    case "electron":
      return new ElectronPrintDriver(system.host, name, paper, { spooler: SPOOLER_NAMES[spoolerOf(platform)] });
    case "none":
      return new NoSpoolerDriver(name, paper);
  }
}

/** The installed printers for the Printer tab, from the spooler the system setting prints through. */
export async function listSystemPrinters(platform: NodeJS.Platform, system: SystemPrinting): Promise<PrinterList> {
  const spooler = spoolerOf(platform);
  const none = (available: boolean, message: string): PrinterList => ({ printers: [], available, message, spooler });
  switch (system.path) {
    case "none":
      return none(false, `${NO_SPOOLER}. Use the PDF folder or a network printer here.`);
    case "electron": {
      let printers: string[];
      try {
        printers = await system.host.listPrinters();
      } catch {
        return none(false, `The list of printers could not be read from ${SPOOLER_NAMES[spooler]}.`);
      }
      if (printers.length > 0) return { printers, available: true, message: null, spooler };
      return none(
        true,
        spooler === "windows"
          ? "No printers are installed in Windows yet: add the ticket printer under Settings > Bluetooth & devices > Printers & scanners, then refresh the list."
          : "No printers are installed on this computer yet.",
      );
    }
    case "lp": {
      const printers = await listCupsPrinters();
      if (printers.length > 0) return { printers, available: true, message: null, spooler };
      if (!(await cupsIsRunning())) {
        return none(
          false,
          "The print service (CUPS) is not running on this computer, so no system printers can be listed.",
        );
      }
      return none(true, "No printers are installed on this computer yet.");
    }
  }
}
