import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { _electron as electron, expect, test, type ElectronApplication } from "@playwright/test";
import { appRoot, electronBinary, kioskShown, nativeReady, windowWithPage } from "./electron-app";

/**
 * The shell's lifecycle in the real Electron app: a crashed or hung renderer comes back, Quit on
 * the recovery screen quits, a second launch focuses the kiosk, the display never sleeps, windows
 * follow display changes, and a user can't close the kiosk while the app can always quit. The
 * decisions are unit-tested under Node (electron/lifecycle.test.ts, windows.test.ts,
 * platform.test.ts); these check the glue applies them, and run where Electron's binary exists.
 */
const binary = electronBinary();

/** The app's log (the shell writes it to <data folder>/logs/happyhead.log). */
const logOf = (dataDir: string) => {
  const file = path.join(dataDir, "logs", "happyhead.log");
  return existsSync(file) ? readFileSync(file, "utf8") : "";
};

async function launch(dataDir: string): Promise<ElectronApplication> {
  return electron.launch({ args: [appRoot, `--data-dir=${dataDir}`], executablePath: binary ?? undefined });
}

const newDataDir = () => mkdtempSync(path.join(tmpdir(), "happyhead-shell-"));

test.describe("Electron shell lifecycle", () => {
  test.skip(
    binary === null,
    "Electron binary not installed (its download host is unreachable here); electron/lifecycle.test.ts, windows.test.ts and platform.test.ts check the decisions under Node.",
  );
  test.skip(
    !nativeReady,
    "better-sqlite3 has no Electron-ABI build yet: run `node scripts/electron-native.mjs` first.",
  );

  test("a crashed kiosk renderer reloads, with the reason logged, and works again", async () => {
    const dataDir = newDataDir();
    const app = await launch(dataDir);
    const kiosk = await kioskShown(app);
    await expect(kiosk.getByRole("button", { name: "Check in" })).toBeVisible();
    await app.evaluate(({ BrowserWindow }) => {
      BrowserWindow.getAllWindows()
        .find((w) => w.webContents.getURL().endsWith("/kiosk.html"))
        ?.webContents.forcefullyCrashRenderer();
    });
    await expect
      .poll(() => logOf(dataDir), { timeout: 15_000 })
      .toMatch(
        /\[renderer\] event=gone window=kiosk reason=(killed|crashed)[^\n]* action=reload attempt=1 delayMs=1000/,
      );
    await expect
      .poll(() => logOf(dataDir), { timeout: 15_000 })
      .toMatch(/\[renderer\] event=reloading window=kiosk attempt=1/);
    await expect
      .poll(
        () =>
          app.evaluate(async ({ BrowserWindow }) => {
            const w = BrowserWindow.getAllWindows().find((x) => x.webContents.getURL().endsWith("/kiosk.html"));
            if (!w || w.webContents.isCrashed() || w.webContents.isLoading()) return false;
            return (await w.webContents.executeJavaScript(
              "Boolean(window.kiosk) && document.querySelectorAll('button').length > 0",
            )) as boolean;
          }),
        { timeout: 20_000 },
      )
      .toBe(true);
    await app.close();
  });

  test("a hung kiosk renderer is ended after its grace period and reloaded", async () => {
    test.setTimeout(150_000); // Chromium reports a hang after ~30 s; the shell then waits 10 s more.
    const dataDir = newDataDir();
    const app = await launch(dataDir);
    const kiosk = await kioskShown(app);
    await expect(kiosk.getByRole("button", { name: "Check in" })).toBeVisible();
    await app.evaluate(({ BrowserWindow }) => {
      const w = BrowserWindow.getAllWindows().find((x) => x.webContents.getURL().endsWith("/kiosk.html"));
      void w?.webContents.executeJavaScript("for (;;) {}").catch(() => undefined);
    });
    await expect
      .poll(() => logOf(dataDir), { timeout: 90_000 })
      .toMatch(/\[renderer\] event=unresponsive window=kiosk graceMs=10000/);
    await expect
      .poll(() => logOf(dataDir), { timeout: 30_000 })
      .toMatch(/\[renderer\] event=hung-ending-renderer window=kiosk/);
    await expect.poll(() => logOf(dataDir), { timeout: 30_000 }).toMatch(/\[renderer\] event=reloading window=kiosk/);
    await app.close();
  });

  test("Quit on the recovery screen quits the app (no window cancels it)", async () => {
    const dataDir = newDataDir();
    writeFileSync(path.join(dataDir, "happyhead.sqlite3"), Buffer.alloc(64 * 1024, 0x5a)); // not a database
    const app = await launch(dataDir);
    const recovery = await windowWithPage(app, "recovery");
    await expect(recovery.getByRole("button", { name: "Quit" })).toBeVisible();
    const exited = new Promise<number | null>((resolve) => app.process().once("exit", (code) => resolve(code)));
    await recovery.getByRole("button", { name: "Quit" }).click();
    expect(await exited).toBe(0);
  });

  test("a user's close is refused while the app runs; quitting closes everything", async () => {
    const dataDir = newDataDir();
    const app = await launch(dataDir);
    await kioskShown(app);
    const before = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length);
    // What Alt+F4 or the window manager's close does: a close request on the window.
    await app.evaluate(({ BrowserWindow }) => {
      for (const w of BrowserWindow.getAllWindows()) if (w.webContents.getURL().endsWith("/kiosk.html")) w.close();
    });
    await expect.poll(() => logOf(dataDir)).toMatch(/\[windows\] event=close-refused window=kiosk/);
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(before);
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().every((w) => w.isClosable()))).toBe(
      true,
    );
    await app.close(); // app.quit(): every window closes, the database closes on will-quit
  });

  test("a second launch exits at once and brings the kiosk forward", async () => {
    const dataDir = newDataDir();
    const app = await launch(dataDir);
    await kioskShown(app);
    await expect.poll(() => logOf(dataDir)).toMatch(/event=started/);
    const windows = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length);
    const second = spawn(binary ?? "", [appRoot, `--data-dir=${dataDir}`], { stdio: "ignore" });
    const code = await new Promise<number | null>((resolve) => second.once("exit", resolve));
    expect(code).toBe(0);
    await expect.poll(() => logOf(dataDir)).toMatch(/\[app\] event=second-instance focused=kiosk/);
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(windows);
    await app.close();
  });

  test("the display never sleeps while the app runs", async () => {
    const dataDir = newDataDir();
    const app = await launch(dataDir);
    await kioskShown(app);
    const line = /\[power\] event=sleep-blocked type=prevent-display-sleep blocker=(\d+)/.exec(logOf(dataDir));
    expect(line).not.toBeNull();
    const id = Number(line?.[1]);
    expect(await app.evaluate(({ powerSaveBlocker }, blocker) => powerSaveBlocker.isStarted(blocker), id)).toBe(true);
    await app.close();
  });

  test("windows follow a display plugged in and unplugged (simulated in the main process), the kiosk staying on its display", async () => {
    const dataDir = newDataDir();
    const app = await launch(dataDir);
    await kioskShown(app);
    const real = await app.evaluate(({ screen }) => screen.getAllDisplays().length);
    test.skip(real !== 1, "this simulation starts from one display");
    const kioskDisplay = await app.evaluate(({ screen }) => screen.getPrimaryDisplay().id);
    // Electron can't fake hardware: the shell's own question, screen.getAllDisplays(), is answered
    // with a second (landscape) display to the right, and the event it listens to is emitted.
    await app.evaluate(({ screen }) => {
      const original = screen.getAllDisplays.bind(screen);
      (globalThis as { restoreDisplays?: () => void }).restoreDisplays = () => {
        screen.getAllDisplays = original;
      };
      const [primary] = original();
      if (!primary) return;
      const extra = {
        ...primary,
        id: primary.id + 1000,
        internal: false,
        bounds: { x: primary.bounds.x + primary.bounds.width, y: 0, width: 1920, height: 1080 },
      };
      screen.getAllDisplays = () => [primary, extra];
      screen.emit("display-added", {}, extra);
    });
    await expect
      .poll(() => logOf(dataDir), { timeout: 10_000 })
      .toMatch(new RegExp(`\\[displays\\] event=replanned displays=2 kioskDisplay=${kioskDisplay} staff=open`));
    await windowWithPage(app, "staff");
    expect(
      await app.evaluate(({ BrowserWindow }) =>
        BrowserWindow.getAllWindows()
          .find((w) => w.webContents.getURL().endsWith("/staff.html"))
          ?.isAlwaysOnTop(),
      ),
    ).toBe(false);

    // Unplugged again: the staff window stays open, now over the kiosk on the one display left.
    await app.evaluate(({ screen }) => {
      (globalThis as { restoreDisplays?: () => void }).restoreDisplays?.();
      screen.emit("display-removed", {}, screen.getPrimaryDisplay());
    });
    await expect
      .poll(() => logOf(dataDir), { timeout: 10_000 })
      .toMatch(new RegExp(`\\[displays\\] event=replanned displays=1 kioskDisplay=${kioskDisplay} staff=move`));
    if (process.platform !== "darwin") {
      expect(
        await app.evaluate(({ BrowserWindow }) =>
          BrowserWindow.getAllWindows()
            .find((w) => w.webContents.getURL().endsWith("/staff.html"))
            ?.isAlwaysOnTop(),
        ),
      ).toBe(true);
    }
    const kioskOnItsDisplay = await app.evaluate(({ BrowserWindow, screen }) => {
      const k = BrowserWindow.getAllWindows().find((w) => w.webContents.getURL().endsWith("/kiosk.html"));
      return k ? screen.getDisplayMatching(k.getBounds()).id : null;
    });
    expect(kioskOnItsDisplay).toBe(kioskDisplay);
    await app.close();
  });
});
