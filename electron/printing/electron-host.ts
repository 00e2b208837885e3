import { BrowserWindow, WebContentsView } from "electron";
import { ticketPageUrl, type ElectronPrintHost, type ElectronPrintResult } from "./drivers/electron-print";
import { printWindowOptions } from "../windows";

/**
 * One web contents, never shown and never in a window, for asking Electron which printers the
 * system has (the desk asks every 30 s). Created on first use and kept: a window per poll would
 * be a renderer process started and torn down twice a minute.
 */
let lister: WebContentsView | null = null;
function printerLister(): WebContentsView {
  if (!lister || lister.webContents.isDestroyed())
    lister = new WebContentsView({ webPreferences: printWindowOptions().webPreferences });
  return lister;
}

/**
 * Electron's printing for the system-printer driver (electron/printing/drivers/electron-print.ts
 * decides everything else): each ticket gets its own hidden, locked-down window, closed afterwards;
 * the printer list comes from one reused, windowless web contents.
 * The ticket page is a data: URL (ticketPageUrl) with its own CSP; hardenApp() also keeps this window from
 * navigating or opening others.
 */
export const electronPrintHost: ElectronPrintHost = {
  async listPrinters() {
    return (await printerLister().webContents.getPrintersAsync()).map((printer) => printer.name);
  },

  async print(html, options, signal) {
    const win = new BrowserWindow(printWindowOptions());
    const close = () => {
      if (!win.isDestroyed()) win.destroy();
    };
    signal.addEventListener("abort", close, { once: true });
    try {
      await win.loadURL(ticketPageUrl(html));
      return await new Promise<ElectronPrintResult>((resolve, reject) => {
        signal.addEventListener("abort", () => reject(new Error("print abandoned")), { once: true });
        win.webContents.print(options, (success, failureReason) => resolve({ success, failureReason }));
      });
    } finally {
      signal.removeEventListener("abort", close);
      close();
    }
  },
};
