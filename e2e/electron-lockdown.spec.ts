import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { _electron as electron, expect, test } from "@playwright/test";
import { appRoot, electronBinary, kioskShown, nativeReady } from "./electron-app";

/**
 * The kiosk lockdown in the real Electron app: the shortcuts a guest could press on a keyboard
 * left at the kiosk do nothing. Unit tests (electron/windows.test.ts) check the same rules and
 * handlers everywhere; this runs where Electron's binary is installed.
 */
const binary = electronBinary();

test.describe("Electron kiosk lockdown", () => {
  test.skip(
    binary === null,
    "Electron binary not installed (its download host is unreachable here); electron/windows.test.ts checks the shortcut rules and handlers.",
  );
  test.skip(
    !nativeReady,
    "better-sqlite3 has no Electron-ABI build yet: run `node scripts/electron-native.mjs` first.",
  );

  test("no menu, devtools, reload, close, zoom, print, new windows or navigation from the kiosk", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "happyhead-lockdown-"));
    const app = await electron.launch({
      args: [appRoot, `--data-dir=${dataDir}`],
      executablePath: binary ?? undefined,
    });
    const kiosk = await kioskShown(app);
    await expect(kiosk.getByRole("button", { name: "Check in" })).toBeVisible();
    await kiosk.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
    const windows = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length);

    for (const shortcut of [
      "F5",
      "Control+R",
      "Control+Shift+R",
      "F12",
      "Control+Shift+I",
      "Control+Shift+J",
      "Control+W",
      "Alt+F4",
      "Control+Q",
      "Control+P",
      "Control+N",
      "Control+T",
      "Control+O",
      "Control+U",
      "Control+=",
      "Control+Minus",
      "Control+0",
      "F11",
      "Alt+ArrowLeft",
    ]) {
      await kiosk.keyboard.press(shortcut);
    }
    await kiosk.mouse.click(200, 200, { button: "right" });
    await kiosk.waitForTimeout(500);

    const state = await app.evaluate(({ BrowserWindow, Menu }) => {
      const wins = BrowserWindow.getAllWindows();
      const k = wins.find((w) => w.webContents.getURL().endsWith("/kiosk.html"));
      return {
        windows: wins.length,
        menu: Menu.getApplicationMenu()?.items.map((i) => i.label) ?? null,
        devtools: wins.some((w) => w.webContents.isDevToolsOpened()),
        zoom: k?.webContents.getZoomFactor(),
        kiosk: k?.isKiosk(),
        contextMenuHandlers: k?.webContents.listenerCount("context-menu"),
      };
    });
    // No menu, but macOS's Edit menu (Cmd+C/V in staff fields), which has no reload, devtools or quit.
    expect(state).toEqual({
      windows,
      menu: process.platform === "darwin" ? ["Happy Head Kiosk", "Edit"] : null,
      devtools: false,
      zoom: 1,
      kiosk: true,
      contextMenuHandlers: expect.any(Number),
    });
    expect(state.contextMenuHandlers).toBeGreaterThan(0);
    // Not reloaded (the marker survived), not navigated, no new window.
    expect(await kiosk.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
    await kiosk.evaluate(() => {
      window.open("https://example.com");
      location.href = "https://example.com";
    });
    await kiosk.waitForTimeout(500);
    expect(kiosk.url()).toMatch(/\/kiosk\.html$/);
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(windows);
    await app.close();
  });
});
