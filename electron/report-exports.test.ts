import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { ExportProgress } from "../contract/reports";
import { generateCheckIns } from "../db/test/generate";
import { tempDir } from "../db/test/helpers";
import { createAppCore, type AppCore } from "./core";
import type { CallerSession } from "./ipc/session";
import {
  dialogExportHost,
  saveQuestion,
  savedPath,
  type ExportHost,
  type SaveAnswer,
  type SaveQuestion,
} from "./report-exports";

const open: AppCore[] = [];
afterEach(async () => {
  while (open.length) await open.pop()?.close();
});

/** An app core over a generated busy year, a manager's staff session, and the pushed export events. */
async function setup(n: number, exportHost?: ExportHost) {
  const dataDir = tempDir();
  const generated = generateCheckIns(path.join(dataDir, "happyhead.sqlite3"), n).db;
  // The dispatcher authorizes against the staff table: the session's people must be in it.
  const person = generated.prepare(
    "INSERT INTO staff (name, role, pin_hash, created_at) VALUES (?, ?, 'not-a-pin', '2025-01-01T00:00:00.000Z')",
  );
  const people = {
    manager: { id: Number(person.run("Morgan Lee", "manager").lastInsertRowid), name: "Morgan Lee", role: "manager" },
    receptionist: {
      id: Number(person.run("Riley Chen", "receptionist").lastInsertRowid),
      name: "Riley Chen",
      role: "receptionist",
    },
  } as const;
  generated.close();
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
  manager.staff = people.manager;
  manager.lastActivityMs = Date.now();
  const call = async (channel: string, payload: unknown) => {
    manager.lastActivityMs = Date.now();
    return (await core.dispatch(manager, channel, payload)) as {
      ok: boolean;
      value?: unknown;
      error?: { code: string; message: string };
    };
  };
  return { core, dataDir, events, call, manager, people, range: { from: "2025-11-25", to: "2026-11-24" } };
}

describe("report exports through the main process", () => {
  it("streams a CSV into <dataDir>/exports, pushing progress and a final 'done' with the path", async () => {
    const s = await setup(10_000);
    const r = await s.call("reports.exportStart", { ...s.range, format: "csv" });
    expect(r).toMatchObject({
      ok: true,
      value: { started: true, fileName: "addon-uptake_checkins_2025-11-25_2026-11-24.csv" },
    });
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

  it("for a spreadsheet that writes 1.234,56: fields split by semicolons, decimals with a comma", async () => {
    const s = await setup(300);
    await s.call("reports.exportStart", { ...s.range, format: "csv", csvStyle: "semicolon" });
    await s.core.reportExports.idle();
    const lines = readFileSync(String(s.events.at(-1)?.message), "utf8").split("\r\n");
    expect(lines[0]).toMatch(/^\uFEFFDate;Check-in time;Hour;Weekday;/);
    const revenue = lines[0]!.split(";").indexOf("Add-on revenue (USD)");
    const amounts = lines.slice(1, -1).map((l) => l.split(";")[revenue]);
    expect(amounts.length).toBe(300);
    // Whole dollars stay whole; any part of a dollar follows a comma, never a dot.
    expect(amounts.filter((a) => a !== "" && !/^\d+(,\d+)?$/.test(a!))).toEqual([]);
    await s.call("reports.exportStart", { ...s.range, format: "csv", table: "addons", csvStyle: "semicolon" });
    await s.core.reportExports.idle();
    const table = readFileSync(String(s.events.at(-1)?.message), "utf8");
    expect(table).toMatch(/^Face massage;\d+;\d+;\d+;\d+,\d;/m); // its take rate, 43,8 %
    expect(table).not.toMatch(/\d\.\d/);
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

  it("closing the app during an export cancels it: the close finishes and no partial file is left", async () => {
    const s = await setup(40_000);
    const r = await s.call("reports.exportStart", { ...s.range, format: "csv" });
    const jobId = (r.value as { jobId: string }).jobId;
    await s.core.close();
    expect(s.events.at(-1)).toMatchObject({ jobId, state: "cancelled" });
    expect(readdirSync(path.join(s.dataDir, "exports"))).toEqual([]);
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

  it("in the browser wiring PDF is refused with a reason", async () => {
    const s = await setup(100);
    expect(await s.call("reports.exportOptions", {})).toEqual({
      ok: true,
      value: { pdf: false, destination: "folder" },
    });
    expect(await s.call("reports.exportStart", { ...s.range, format: "pdf" })).toMatchObject({
      ok: false,
      error: {
        code: "NOT_AVAILABLE",
        message: "Saving the summary as PDF needs the desktop app. Export Excel or CSV instead.",
      },
    });
  });

  it("refuses receptionists and unknown export options", async () => {
    const s = await setup(10);
    s.manager.staff = s.people.receptionist;
    expect(await s.call("reports.exportStart", { ...s.range, format: "csv" })).toMatchObject({
      ok: false,
      error: { code: "FORBIDDEN" },
    });
    expect(await s.call("reports.uptake", s.range)).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    s.manager.staff = s.people.manager;
    expect(await s.call("reports.exportStart", { ...s.range, format: "csv", path: "/etc/passwd" })).toMatchObject({
      ok: false,
      error: { code: "INVALID_INPUT" },
    });
    expect(await s.call("reports.exportStart", { ...s.range, format: "docx" })).toMatchObject({
      ok: false,
      error: { code: "INVALID_INPUT" },
    });
    expect(await s.call("reports.exportCancel", { jobId: "../../x" })).toMatchObject({
      ok: false,
      error: { code: "INVALID_INPUT" },
    });
  });
});

/**
 * The desktop app's host with its two Electron calls (the save dialog, printToPDF) answered as
 * they answer: everything around them — the question asked, the path taken from the answer,
 * the files written whole — is the host's own code, run here under Node.
 */
describe("the desktop app's export host", () => {
  const PDF_BYTES = new TextEncoder().encode("%PDF-1.7\n% the staff window, printed\n%%EOF\n");
  function desktop(answer: (q: SaveQuestion) => SaveAnswer, renderPdf = () => Promise.resolve(PDF_BYTES)) {
    const documents = tempDir();
    const questions: SaveQuestion[] = [];
    const printedFor: CallerSession[] = [];
    const host = dialogExportHost({
      documentsDir: () => documents,
      ask: (_session, q) => {
        questions.push(q);
        return Promise.resolve(answer(q));
      },
      renderPdf: (session) => {
        printedFor.push(session);
        return renderPdf();
      },
    });
    return { documents, questions, printedFor, host };
  }

  it("asks for each format in the Documents folder with that format's filter, and takes the chosen path", () => {
    expect(saveQuestion("addon-uptake_summary_2026-11-01_2026-11-30.pdf", "/home/morgan/Documents")).toEqual({
      defaultPath: "/home/morgan/Documents/addon-uptake_summary_2026-11-01_2026-11-30.pdf",
      filters: [{ name: "PDF", extensions: ["pdf"] }],
      properties: ["createDirectory", "showOverwriteConfirmation"],
    });
    expect(saveQuestion("a.csv", "/d").filters).toEqual([{ name: "CSV (comma-separated)", extensions: ["csv"] }]);
    expect(saveQuestion("a.xlsx", "/d").filters).toEqual([{ name: "Excel workbook", extensions: ["xlsx"] }]);
    expect(savedPath({ canceled: true, filePath: "/x/a.csv" }, "a.csv")).toBeNull();
    expect(savedPath({ canceled: false }, "a.csv")).toBeNull();
    expect(savedPath({ canceled: false, filePath: "" }, "a.csv")).toBeNull();
    expect(savedPath({ canceled: false, filePath: "/x/uptake" }, "a.xlsx")).toBe("/x/uptake.xlsx"); // typed without an extension
    expect(savedPath({ canceled: false, filePath: "/x/uptake.csv" }, "a.csv")).toBe("/x/uptake.csv");
    expect(savedPath({ canceled: false, filePath: "/x/uptake.txt" }, "a.csv")).toBe("/x/uptake.txt"); // the person's choice stands
  });

  it("exports CSV, Excel and the summary PDF where the dialog says, each file whole; a closed dialog starts nothing", async () => {
    const target = tempDir();
    const d = desktop((q) => ({
      canceled: false,
      filePath: path.join(target, path.basename(q.defaultPath, path.extname(q.defaultPath))),
    }));
    const s = await setup(200, d.host);
    expect(await s.call("reports.exportOptions", {})).toEqual({
      ok: true,
      value: { pdf: true, destination: "dialog" },
    });
    for (const input of [{ format: "csv", table: "therapist" }, { format: "xlsx" }, { format: "pdf" }]) {
      expect(await s.call("reports.exportStart", { ...s.range, ...input })).toMatchObject({
        ok: true,
        value: { started: true },
      });
      await s.core.reportExports.idle();
      expect(s.events.at(-1)).toMatchObject({ state: "done" });
    }
    expect(d.questions.map((q) => [path.relative(d.documents, q.defaultPath), q.filters[0]?.extensions])).toEqual([
      ["addon-uptake_therapist_2025-11-25_2026-11-24.csv", ["csv"]],
      ["addon-uptake_report_2025-11-25_2026-11-24.xlsx", ["xlsx"]],
      ["addon-uptake_summary_2025-11-25_2026-11-24.pdf", ["pdf"]],
    ]);
    expect(readdirSync(target).sort()).toEqual([
      "addon-uptake_report_2025-11-25_2026-11-24.xlsx",
      "addon-uptake_summary_2025-11-25_2026-11-24.pdf",
      "addon-uptake_therapist_2025-11-25_2026-11-24.csv",
    ]);
    expect(readFileSync(path.join(target, "addon-uptake_therapist_2025-11-25_2026-11-24.csv"), "utf8")).toMatch(
      /^\uFEFFTherapist,Check-ins,/,
    );
    expect(
      readFileSync(path.join(target, "addon-uptake_report_2025-11-25_2026-11-24.xlsx")).subarray(0, 2).toString(),
    ).toBe("PK");
    expect(readFileSync(path.join(target, "addon-uptake_summary_2025-11-25_2026-11-24.pdf"))).toEqual(
      Buffer.from(PDF_BYTES),
    );
    expect(s.events.at(-1)).toMatchObject({
      state: "done",
      fileName: "addon-uptake_summary_2025-11-25_2026-11-24.pdf",
      message: path.join(target, "addon-uptake_summary_2025-11-25_2026-11-24.pdf"),
    });
    // The summary is the calling manager's window, printed.
    expect(d.printedFor).toEqual([s.manager]);
    expect(existsSync(path.join(s.dataDir, "exports"))).toBe(false);

    const closed = desktop(() => ({ canceled: true }));
    const c = await setup(10, closed.host);
    expect(await c.call("reports.exportStart", { ...c.range, format: "xlsx" })).toEqual({
      ok: true,
      value: { started: false },
    });
    expect(await c.call("reports.exportStart", { ...c.range, format: "pdf" })).toEqual({
      ok: true,
      value: { started: false },
    });
    expect(closed.printedFor).toEqual([]);
    expect(c.events).toEqual([]);
  });

  it("a PDF that can't be printed or written says so and leaves no file behind", async () => {
    const target = tempDir();
    const failing = desktop(
      (q) => ({ canceled: false, filePath: path.join(target, path.basename(q.defaultPath)) }),
      () => Promise.reject(new Error("render process gone")),
    );
    const s = await setup(10, failing.host);
    await s.call("reports.exportStart", { ...s.range, format: "pdf" });
    await s.core.reportExports.idle();
    expect(s.events.at(-1)).toMatchObject({
      state: "failed",
      message: "The PDF could not be saved. Check the folder and try again.",
    });
    expect(readdirSync(target)).toEqual([]);

    const unwritable = desktop(() => ({
      canceled: false,
      filePath: path.join(target, "no-such-folder", "summary.pdf"),
    }));
    const u = await setup(10, unwritable.host);
    await u.call("reports.exportStart", { ...u.range, format: "pdf" });
    await u.core.reportExports.idle();
    expect(u.events.at(-1)).toMatchObject({
      state: "failed",
      message: `The folder ${path.join(target, "no-such-folder")} is not there any more (a USB stick taken out?). Nothing was saved: export again.`,
    });
    expect(readdirSync(target)).toEqual([]);
  });
});
