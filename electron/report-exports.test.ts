import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { ExportProgress } from "../contract/reports";
import { generateCheckIns } from "../db/test/generate";
import { tempDir } from "../db/test/helpers";
import { createAppCore, type AppCore } from "./core";
import type { ExportHost } from "./report-exports";

const open: AppCore[] = [];
afterEach(() => {
  while (open.length) open.pop()?.close();
});

/** An app core over a generated busy year, a manager's staff session, and the pushed export events. */
async function setup(n: number, exportHost?: ExportHost) {
  const dataDir = tempDir();
  generateCheckIns(path.join(dataDir, "happyhead.sqlite3"), n).db.close();
  const core = await createAppCore({ dataDir, seed: "empty", ...(exportHost ? { exportHost } : {}) });
  open.push(core);
  const events: ExportProgress[] = [];
  core.onEvent((audience, event, payload) => {
    if (event === "reports.exportProgress") {
      expect(audience).toBe("staff");
      events.push(payload as ExportProgress);
    }
  });
  const manager = core.newSession("staff");
  manager.staff = { id: 1, name: "Morgan Lee", role: "manager" };
  manager.lastActivityMs = Date.now();
  const call = async (channel: string, payload: unknown) => {
    manager.lastActivityMs = Date.now();
    return (await core.dispatch(manager, channel, payload)) as { ok: boolean; value?: unknown; error?: { code: string; message: string } };
  };
  return { core, dataDir, events, call, manager, range: { from: "2025-11-25", to: "2026-11-24" } };
}

describe("report exports through the main process", () => {
  it("streams a CSV into <dataDir>/exports, pushing progress and a final 'done' with the path", async () => {
    const s = await setup(10_000);
    const r = await s.call("reports.exportStart", { ...s.range, format: "csv" });
    expect(r).toMatchObject({ ok: true, value: { started: true, fileName: "addon-uptake_checkins_2025-11-25_2026-11-24.csv" } });
    await s.core.reportExports.idle();
    const done = s.events.at(-1);
    expect(done).toMatchObject({ state: "done", rows: 10_000, total: 10_000 });
    expect(s.events.filter((e) => e.state === "running").length).toBeGreaterThan(0);
    const file = path.join(s.dataDir, "exports", "addon-uptake_checkins_2025-11-25_2026-11-24.csv");
    expect(done?.message).toBe(file);
    expect(readFileSync(file, "utf8").split("\r\n")).toHaveLength(10_002);
    // A second export of the same range never overwrites the first.
    await s.call("reports.exportStart", { ...s.range, format: "csv" });
    await s.core.reportExports.idle();
    expect(readdirSync(path.join(s.dataDir, "exports")).sort()).toEqual([
      "addon-uptake_checkins_2025-11-25_2026-11-24 (2).csv",
      "addon-uptake_checkins_2025-11-25_2026-11-24.csv",
    ]);
  });

  it("Cancel stops a running export and leaves no file", async () => {
    const s = await setup(40_000);
    const r = await s.call("reports.exportStart", { ...s.range, format: "csv" });
    const jobId = (r.value as { jobId: string }).jobId;
    expect(await s.call("reports.exportCancel", { jobId })).toEqual({ ok: true, value: { cancelled: true } });
    await s.core.reportExports.idle();
    expect(s.events.at(-1)).toMatchObject({ jobId, state: "cancelled" });
    expect(s.events.at(-1)?.rows ?? 0).toBeLessThan(40_000);
    expect(readdirSync(path.join(s.dataDir, "exports"))).toEqual([]);
    expect(await s.call("reports.exportCancel", { jobId })).toEqual({ ok: true, value: { cancelled: false } });
  });

  it("the kiosk keeps checking in while an export reads (its own read-only connection)", async () => {
    const s = await setup(20_000);
    await s.call("reports.exportStart", { ...s.range, format: "csv" });
    while (!s.events.some((e) => e.state === "running" && e.rows > 0)) await new Promise((r) => setTimeout(r, 5));
    // Mid-export, with the export's statement still open: the main connection writes and reads.
    s.core.model.db.prepare("UPDATE offers SET status = 'voided' WHERE id = 19999").run();
    expect(await s.call("reports.uptake", { from: "2026-11-24", to: "2026-11-24" })).toMatchObject({ ok: true });
    await s.core.reportExports.idle();
    expect(s.events.at(-1)).toMatchObject({ state: "done", rows: 20_000 });
  });

  it("in the browser wiring PDF is refused with a reason; a desktop host asks where to save, and a closed dialog starts nothing", async () => {
    const s = await setup(100);
    expect(await s.call("reports.exportOptions", {})).toEqual({ ok: true, value: { pdf: false, destination: "folder" } });
    expect(await s.call("reports.exportStart", { ...s.range, format: "pdf" })).toMatchObject({
      ok: false,
      error: { code: "NOT_AVAILABLE", message: "Saving the summary as PDF needs the desktop app. Export Excel or CSV instead." },
    });

    const saved: string[] = [];
    const dir = tempDir();
    const host: ExportHost = {
      destination: "dialog",
      choosePath: (_session, name) => Promise.resolve(name.endsWith(".xlsx") ? null : path.join(dir, name)),
      printToPdf: (_session, file) => {
        saved.push(file);
        return Promise.resolve();
      },
    };
    const d = await setup(100, host);
    expect(await d.call("reports.exportOptions", {})).toEqual({ ok: true, value: { pdf: true, destination: "dialog" } });
    expect(await d.call("reports.exportStart", { ...d.range, format: "xlsx" })).toEqual({ ok: true, value: { started: false } });
    expect(await d.call("reports.exportStart", { ...d.range, format: "pdf" })).toMatchObject({ ok: true, value: { started: true } });
    await d.core.reportExports.idle();
    expect(saved).toEqual([path.join(dir, "addon-uptake_summary_2025-11-25_2026-11-24.pdf")]);
    expect(d.events.at(-1)).toMatchObject({ state: "done" });
    expect(existsSync(path.join(d.dataDir, "exports"))).toBe(false);
  });

  it("refuses receptionists and unknown export options", async () => {
    const s = await setup(10);
    s.manager.staff = { id: 1, name: "Riley Chen", role: "receptionist" };
    expect(await s.call("reports.exportStart", { ...s.range, format: "csv" })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect(await s.call("reports.uptake", s.range)).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    s.manager.staff = { id: 1, name: "Morgan Lee", role: "manager" };
    expect(await s.call("reports.exportStart", { ...s.range, format: "csv", path: "/etc/passwd" })).toMatchObject({ ok: false, error: { code: "INVALID_INPUT" } });
    expect(await s.call("reports.exportStart", { ...s.range, format: "docx" })).toMatchObject({ ok: false, error: { code: "INVALID_INPUT" } });
    expect(await s.call("reports.exportCancel", { jobId: "../../x" })).toMatchObject({ ok: false, error: { code: "INVALID_INPUT" } });
  });
});
