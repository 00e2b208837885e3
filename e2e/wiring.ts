import { existsSync } from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, LaunchOptions, Page } from "@playwright/test";
import { isPersonOrigin, type KioskBridge } from "../contract/bridge";
import type { AppCore } from "../electron/core";
import type { PinPad } from "../electron/ipc/session";
import { serveStatic } from "../electron/static";

/**
 * The browser wiring: the built renderer in Chromium, with `window.kiosk` bound to the very
 * dispatcher (handler table, sessions, schemas) that electron/shell.ts registers on ipcMain.
 * Only the transport differs: a Playwright binding instead of Electron IPC, a route instead
 * of the app:// protocol. Used by the e2e fixtures and by `npm run preview`.
 */

export const ORIGIN = "http://happyhead.test";
export const rendererRoot = path.resolve(__dirname, "..", "dist", "renderer");

/** Debian's Chromium (or CHROMIUM_PATH); Playwright's own browser when neither exists. */
export function chromiumLaunchOptions(): LaunchOptions {
  const candidate = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  return {
    ...(existsSync(candidate) ? { executablePath: candidate } : {}),
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  };
}

declare global {
  interface Window {
    kiosk: KioskBridge;
    __hhInvoke(channel: string, payload: unknown): Promise<unknown>;
    __hhEmit(event: string, payload: unknown): void;
  }
}

/**
 * Runs in the page before any of its scripts: builds window.kiosk (the contract's KioskBridge)
 * over the binding. Kept as plain JavaScript text so no TypeScript transform can inject helpers
 * that don't exist in the page.
 */
const BRIDGE_SCRIPT = `(() => {
  const listeners = new Map();
  const bridge = {
    invoke: (channel, payload, origin) => window.__hhInvoke(channel, payload, origin),
    on: (event, listener) => {
      const set = listeners.get(event) || new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  };
  Object.defineProperty(window, "kiosk", { value: Object.freeze(bridge), writable: false });
  window.__hhEmit = (event, payload) => (listeners.get(event) || new Set()).forEach((l) => l(payload));
})();`;

export async function newContext(browser: Browser, viewport = { width: 1080, height: 1920 }): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport, reducedMotion: "reduce" });
  await context.route(`${ORIGIN}/**`, async (route) => {
    const res = await serveStatic(rendererRoot, new URL(route.request().url()).pathname);
    await route.fulfill({ status: res.status, headers: res.headers, body: res.body });
  });
  return context;
}

/** Cores whose pushes reach no page for now (`hangPushes`). */
const hung = new WeakSet<AppCore>();

/**
 * Tests only: from now on no push from `core` (no heartbeat, no queue change) reaches its pages, and none is kept for
 * later, as a hung main process looks from a window; `resume` lets the next ones through. Calls are still answered.
 */
export function hangPushes(core: AppCore): { resume: () => void } {
  hung.add(core);
  return { resume: () => hung.delete(core) };
}

/**
 * Opens a kiosk or staff "window": a page with its own main-process session. `pad`: the PIN pad a
 * staff window is (electron/shell.ts: "kiosk-display" for the one opened over the kiosk).
 */
export async function openWindow(
  context: BrowserContext,
  core: AppCore,
  role: "kiosk" | "staff",
  pad?: PinPad,
): Promise<Page> {
  const page = await context.newPage();
  const session = core.newSession(role, pad);
  await page.exposeBinding("__hhInvoke", (_source, channel: unknown, payload: unknown, origin: unknown) =>
    core.dispatch(session, channel, payload, isPersonOrigin(origin) ? "person" : "app"),
  );
  await page.addInitScript({ content: BRIDGE_SCRIPT });
  const unsubscribe = core.onEvent((audience, event, payload) => {
    if (!hung.has(core) && (audience === "all" || role === "staff")) {
      page.evaluate(`window.__hhEmit(${JSON.stringify(event)}, ${JSON.stringify(payload)})`).catch(() => undefined);
    }
  });
  page.on("close", unsubscribe);
  await page.goto(`${ORIGIN}/${role}.html`);
  return page;
}

/**
 * The startup window (renderer/recovery.html) over a startup controller (electron/startup/controller.ts):
 * the same page electron/shell.ts shows while the database is checked, or can't be opened.
 */
export async function openStartupWindow(
  context: BrowserContext,
  dispatch: (channel: unknown, payload: unknown) => Promise<unknown>,
  subscribe: (push: (event: string, payload: unknown) => void) => void,
): Promise<Page> {
  const page = await context.newPage();
  await page.exposeBinding("__hhInvoke", (_source, channel: unknown, payload: unknown) => dispatch(channel, payload));
  await page.addInitScript({ content: BRIDGE_SCRIPT });
  subscribe((event, payload) => {
    page.evaluate(`window.__hhEmit(${JSON.stringify(event)}, ${JSON.stringify(payload)})`).catch(() => undefined);
  });
  await page.goto(`${ORIGIN}/recovery.html`);
  return page;
}
