import { BrowserWindow } from "electron";
import type { ElectronPrintHost, ElectronPrintResult } from "./drivers/electron-print";
import { printWindowOptions } from "../windows";

/**
 * Electron's printing for the system-printer driver (electron/printing/drivers/electron-print.ts
 * decides everything else): each call gets its own hidden, locked-down window, closed afterwards.
 * The ticket page is a data: URL with its own CSP; hardenApp() also keeps this window from
 * navigating or opening others.
 */
export const electronPrintHost: ElectronPrintHost = {
  async listPrinters() {
    const win = new BrowserWindow(printWindowOptions());
    try {
      return (await win.webContents.getPrintersAsync()).map((printer) => printer.name);
    } finally {
      win.destroy();
    }
  },

  async print(html, options, signal) {
    const win = new BrowserWindow(printWindowOptions());
    const close = () => {
      if (!win.isDestroyed()) win.destroy();
    };
    signal.addEventListener("abort", close, { once: true });
    try {
      await win.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
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
