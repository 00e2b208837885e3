import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { PrinterList } from "../../../contract/printing";
import { DEMO_STAFF } from "../../../db/demo/seed-demo";
import { cupsIsRunning, listCupsPrinters } from "../../printing/drivers/cups";
import { createAppCore, type AppCore, type AppCoreOptions } from "../../core";
import type { ElectronPrintHost } from "../../printing/drivers/electron-print";
import type { CallerSession } from "../session";

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

async function core(options: Pick<AppCoreOptions, "platform" | "electronPrinting"> = {}): Promise<AppCore> {
  const dir = mkdtempSync(path.join(tmpdir(), "happyhead-printing-"));
  const c = await createAppCore({ dataDir: dir, seed: "demo", ...options });
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  cleanups.push(() => c.close());
  return c;
}

async function signIn(c: AppCore, who: (typeof DEMO_STAFF)[number]): Promise<CallerSession> {
  const session = c.newSession("staff");
  const staffId = c.model.db.prepare("SELECT id FROM staff WHERE name = ?").pluck().get(who.name) as number;
  expect(await c.dispatch(session, "staff.login", { staffId, pin: who.pin })).toMatchObject({ ok: true });
  return session;
}

const [manager, receptionist] = DEMO_STAFF;

describe("printing channels", () => {
  it("give the desk the printer's state, and keep settings and test prints for managers", async () => {
    const c = await core();
    const desk = await signIn(c, receptionist);
    const status = await c.dispatch(desk, "printing.status", {});
    expect(status).toMatchObject({
      ok: true,
      value: { state: "ready", printer: `PDF files in ${c.paths.tickets} (80mm paper)`, queued: 0, failed: 0 },
    });
    for (const channel of ["printing.settings", "printing.saveSettings", "printing.testPrint", "printing.printers"]) {
      expect(await c.dispatch(desk, channel, { printer: { driver: "pdf-folder" } })).toMatchObject({
        ok: false,
        error: { code: "FORBIDDEN" },
      });
    }
    expect(await c.dispatch(c.newSession("kiosk"), "printing.status", {})).toMatchObject({
      ok: false,
      error: { code: "FORBIDDEN" },
    });
  });

  it("refuse a bad printer setting on the field, saving nothing", async () => {
    const c = await core();
    const m = await signIn(c, manager);
    const cases: [unknown, string, RegExp][] = [
      [{ driver: "network", host: "http://10.0.0.7", port: 9100 }, "printer.host", /IP address like 192\.168\.1\.50/],
      [{ driver: "network", host: "10.0.0.7", port: 70000 }, "printer.port", /1 to 65535/],
      [{ driver: "system", name: "" }, "printer.name", /Choose a printer/],
      [{ driver: "system", name: "TM-T20\u0007" }, "printer.name", /no control characters/],
      [{ driver: "system", name: "x".repeat(221) }, "printer.name", /at most 220 characters/],
      [{ driver: "fax" }, "printer.driver", /PDF folder, system printer or network printer/],
      [{ driver: "pdf-folder", paper: "A4" }, "printer.paper", /./],
      [{ driver: "pdf-folder", path: "/etc" }, "printer", /fields this action does not take/],
    ];
    for (const [printer, field, message] of cases) {
      const r = (await c.dispatch(m, "printing.saveSettings", { printer })) as {
        ok: false;
        error: { code: string; field: string; message: string };
      };
      expect(r.error.code, JSON.stringify(printer)).toBe("INVALID_INPUT");
      expect(r.error.field ?? "printer", JSON.stringify(printer)).toBe(field);
      expect(r.error.message).toMatch(message);
    }
    expect(await c.dispatch(m, "printing.settings", {})).toEqual({
      ok: true,
      value: { printer: { driver: "pdf-folder", paper: "80mm" } },
    });
  });

  it("save a good setting with an audit row, push settings.changed and the new printer.status", async () => {
    const c = await core();
    const m = await signIn(c, manager);
    const events: [string, unknown][] = [];
    c.onEvent((_a, event, payload) => events.push([event, payload]));
    const r = await c.dispatch(m, "printing.saveSettings", {
      printer: { driver: "network", host: " 127.0.0.1 ", port: 1 },
    });
    expect(r).toEqual({
      ok: true,
      value: { printer: { driver: "network", host: "127.0.0.1", port: 1, paper: "80mm" } },
    });
    const audit = c.model.db
      .prepare("SELECT actor, before_json, after_json FROM audit_log WHERE action = 'settings.printer'")
      .get();
    expect(audit).toEqual({
      actor: `staff:${manager.name}`,
      before_json: JSON.stringify({ driver: "pdf-folder", paper: "80mm" }),
      after_json: JSON.stringify({ driver: "network", host: "127.0.0.1", port: 1, paper: "80mm" }),
    });
    expect(events.map(([e]) => e)).toContain("settings.changed");
    await expect
      .poll(() => events.find(([e, p]) => e === "printer.status" && (p as { state: string }).state === "offline")?.[1])
      .toMatchObject({
        printer: "Network printer 127.0.0.1:1 (80mm paper)",
        message: "Printer at 127.0.0.1:1 refused the connection; is it switched on?",
      });
  });

  it("print a test ticket to its own folder, never over a real ticket's file", async () => {
    const c = await core();
    const m = await signIn(c, manager);
    const before = readdirSync(c.paths.tickets);
    const r = await c.dispatch(m, "printing.testPrint", { printer: { driver: "pdf-folder", paper: "58mm" } });
    expect(r).toEqual({
      ok: true,
      value: {
        ok: true,
        message: `Test ticket sent: PDF files in ${path.join(c.paths.tickets, "test-prints")} (58mm paper).`,
      },
    });
    expect(readdirSync(path.join(c.paths.tickets, "test-prints"))).toHaveLength(1);
    expect(readdirSync(c.paths.tickets).filter((f) => f.endsWith(".pdf"))).toEqual(
      before.filter((f) => f.endsWith(".pdf")),
    );
    const failed = await c.dispatch(m, "printing.testPrint", {
      printer: { driver: "network", host: "127.0.0.1", port: 1 },
    });
    expect(failed).toEqual({
      ok: true,
      value: {
        ok: false,
        message: "Test print failed: Printer at 127.0.0.1:1 refused the connection; is it switched on?",
      },
    });
  });

  it("list the installed system printers, or say why there are none", async () => {
    const c = await core();
    const m = await signIn(c, manager);
    const r = (await c.dispatch(m, "printing.printers", {})) as { ok: true; value: PrinterList };
    expect(r.ok).toBe(true);
    expect(r.value.spooler).toBe("cups");
    if (await cupsIsRunning()) {
      expect(r.value.printers).toEqual(await listCupsPrinters());
      expect(r.value.available).toBe(true);
    } else {
      expect(r.value).toMatchObject({ available: false, message: expect.stringContaining("CUPS") });
    }
    expect(existsSync(c.paths.tickets)).toBe(true);
  });

  it("on Windows, list and print through the desktop app's Electron printing, saving a name with spaces and backslashes", async () => {
    const printed: { deviceName: string | undefined; html: string }[] = [];
    const host: ElectronPrintHost = {
      listPrinters: () => Promise.resolve(["EPSON TM-T20III Receipt", "\\\\desk\\TM-T88"]),
      print: (html, options) => {
        printed.push({ deviceName: options.deviceName, html });
        return Promise.resolve({ success: true, failureReason: "" });
      },
    };
    const c = await core({ platform: "win32", electronPrinting: { host, everywhere: false } });
    const m = await signIn(c, manager);
    expect(await c.dispatch(m, "printing.printers", {})).toEqual({
      ok: true,
      value: {
        printers: ["EPSON TM-T20III Receipt", "\\\\desk\\TM-T88"],
        available: true,
        message: null,
        spooler: "windows",
      },
    });
    const printer = { driver: "system", name: "\\\\desk\\TM-T88", paper: "58mm" } as const;
    expect(await c.dispatch(m, "printing.testPrint", { printer })).toEqual({
      ok: true,
      value: {
        ok: true,
        message: 'Test ticket sent: System printer "\\\\desk\\TM-T88" through the Windows print spooler (58mm paper).',
      },
    });
    expect(printed.map((p) => p.deviceName)).toEqual(["\\\\desk\\TM-T88"]);
    expect(printed[0]?.html).toContain("TEST PRINT");
    expect(await c.dispatch(m, "printing.saveSettings", { printer })).toEqual({ ok: true, value: { printer } });
  });

  it("on Windows without the desktop app, say that system printers need it", async () => {
    const c = await core({ platform: "win32" });
    const m = await signIn(c, manager);
    expect(await c.dispatch(m, "printing.printers", {})).toMatchObject({
      ok: true,
      value: { printers: [], available: false, spooler: "windows", message: expect.stringContaining("desktop app") },
    });
  });
});
