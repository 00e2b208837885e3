import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { _electron as electron, expect, test } from "@playwright/test";
import ExcelJS from "exceljs";
import { DEMO_STAFF } from "../db/demo/seed-demo";
import { hasPdftotext, pdfToText } from "../electron/test-support/pdftotext";
import { appRoot as root, electronBinary, nativeReady, staffWindow, windowWithPage } from "./electron-app";
import { signIn } from "./fixtures";
import { WORKBOOK_SHEETS } from "../db/test/workbook";

/**
 * The real Electron app. The npm package has no binary until its download succeeds; where it
 * can't (this project's CI machines have no route to Electron's download host), these tests are
 * skipped with that reason and the same flows run in Chromium over the same handlers instead.
 */
const binary = electronBinary();

test.describe("Electron app", () => {
  test.skip(
    binary === null,
    "Electron binary not installed (its download host is unreachable here); the renderer e2e covers the same flows in Chromium.",
  );
  test.skip(
    !nativeReady,
    "better-sqlite3 has no Electron-ABI build yet: run `node scripts/electron-native.mjs` first.",
  );

  test("windows are sandboxed and isolated, and the slice works", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "happyhead-electron-"));
    const app = await electron.launch({ args: [root, `--data-dir=${dataDir}`], executablePath: binary ?? undefined });
    const kiosk = await windowWithPage(app, "kiosk");
    await expect(kiosk.getByRole("button", { name: "Check in" })).toBeVisible();
    // Sandboxed, isolated, no Node: the page sees window.kiosk and nothing of Node or Electron.
    const globals = await kiosk.evaluate(() => ({
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      bridge: Object.keys(window.kiosk).sort(),
    }));
    expect(globals).toEqual({ require: "undefined", process: "undefined", bridge: ["invoke", "on"] });
    // Two displays: kiosk + staff at start. One display: the kiosk alone until staff ask for theirs.
    const displays = await app.evaluate(({ screen }) => screen.getAllDisplays().length);
    // (The startup window stays until the kiosk is on screen over it, so this settles a moment later.)
    await expect
      .poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length))
      .toBe(displays > 1 ? 2 : 1);
    if (displays === 1) {
      const staff = await staffWindow(app);
      await expect(staff.getByRole("button", { name: "Unlock" }).or(staff.getByText("Who are you?"))).toBeVisible();
    }
    const forbidden = await kiosk.evaluate(() => window.kiosk.invoke("desk.queue", {}));
    expect(forbidden).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    await app.close();
  });

  test("a manager exports CSV, Excel and the summary PDF through the save dialog; closing the dialog saves nothing", async () => {
    test.skip(
      !hasPdftotext,
      "pdftotext is not installed (apt-get install poppler-utils): the summary PDF can't be read back.",
    );
    const dataDir = mkdtempSync(path.join(tmpdir(), "happyhead-electron-"));
    const saveDir = mkdtempSync(path.join(tmpdir(), "happyhead-saved-"));
    const app = await electron.launch({ args: [root, `--data-dir=${dataDir}`], executablePath: binary ?? undefined });
    // The main process asks where to save with Electron's native dialog, which no test can click:
    // answer it in the main process, as Playwright documents for Electron's dialog API. Everything
    // else is the real app: the staff window, IPC, the export jobs and printToPDF.
    const answerDialog = (answer: "save" | "close") =>
      app.evaluate(
        ({ dialog }, a) => {
          const asked = ((globalThis as { saveDialogs?: unknown[] }).saveDialogs ??= []);
          dialog.showSaveDialog = (...args: unknown[]) => {
            const options = args.at(-1) as Electron.SaveDialogOptions;
            asked.push(options);
            const name = (options.defaultPath ?? "").split(/[\\/]/).pop() ?? "";
            return Promise.resolve(
              a.answer === "close"
                ? { canceled: true, filePath: "" }
                : { canceled: false, filePath: `${a.dir}/${name}` },
            );
          };
        },
        { answer, dir: saveDir },
      );
    await answerDialog("save");
    const staff = await staffWindow(app);
    await signIn(staff, DEMO_STAFF[0]);
    await staff.getByRole("button", { name: "Reports" }).click();
    await expect(staff.locator(".kpis")).toBeVisible();
    const from = await staff.getByLabel("From", { exact: true }).inputValue();
    const to = await staff.getByLabel("To", { exact: true }).inputValue();

    await staff.getByLabel("Table", { exact: true }).selectOption({ label: "By therapist" });
    await staff.getByRole("button", { name: "Export CSV" }).click();
    await expect(
      staff.getByText(`Saved addon-uptake_therapist_${from}_${to}.csv (5 rows)`, { exact: false }),
    ).toBeVisible();
    await staff.getByLabel("Format", { exact: true }).selectOption("xlsx");
    await staff.getByRole("button", { name: "Export Excel" }).click();
    await expect(staff.getByText(`Saved addon-uptake_report_${from}_${to}.xlsx`, { exact: false })).toBeVisible();
    await staff.getByLabel("Format", { exact: true }).selectOption("pdf");
    await staff.getByRole("button", { name: "Save PDF" }).click();
    await expect(
      staff.getByText(`Saved addon-uptake_summary_${from}_${to}.pdf to ${saveDir}`, { exact: false }),
    ).toBeVisible();

    // Asked each time with the suggested name in Documents and that format's filter.
    const documents = await app.evaluate(({ app: electronApp }) => electronApp.getPath("documents"));
    const asked = await app.evaluate(
      () => (globalThis as { saveDialogs?: Electron.SaveDialogOptions[] }).saveDialogs ?? [],
    );
    expect(asked.map((o) => [o.defaultPath, o.filters?.[0]?.extensions])).toEqual([
      [path.join(documents, `addon-uptake_therapist_${from}_${to}.csv`), ["csv"]],
      [path.join(documents, `addon-uptake_report_${from}_${to}.xlsx`), ["xlsx"]],
      [path.join(documents, `addon-uptake_summary_${from}_${to}.pdf`), ["pdf"]],
    ]);
    expect(readdirSync(saveDir).sort()).toEqual([
      `addon-uptake_report_${from}_${to}.xlsx`,
      `addon-uptake_summary_${from}_${to}.pdf`,
      `addon-uptake_therapist_${from}_${to}.csv`,
    ]);
    const csv = readFileSync(path.join(saveDir, `addon-uptake_therapist_${from}_${to}.csv`), "utf8");
    expect(csv.startsWith("\uFEFFTherapist,Check-ins,Offered,")).toBe(true);
    expect(csv.trim().split("\r\n")).toHaveLength(6);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path.join(saveDir, `addon-uptake_report_${from}_${to}.xlsx`));
    expect(workbook.worksheets.map((w) => w.name)).toEqual(WORKBOOK_SHEETS);
    // The summary PDF is the Reports page printed: its range and figures, none of the controls.
    const pdf = readFileSync(path.join(saveDir, `addon-uptake_summary_${from}_${to}.pdf`));
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const text = pdfToText(pdf);
    expect(text).toContain("Add-on uptake");
    expect(text).toContain("days in the spa's time zone");
    for (const figure of ["Check-ins", "Take rate", "Funnel", "By therapist", "Ticket printed"])
      expect(text).toContain(figure);
    for (const control of ["Export", "Last 30 days", "By week"]) expect(text).not.toContain(control);

    // Closing the dialog starts nothing and writes nothing.
    await answerDialog("close");
    await staff.getByRole("button", { name: "Save PDF" }).click();
    await expect
      .poll(() => app.evaluate(() => ((globalThis as { saveDialogs?: unknown[] }).saveDialogs ?? []).length))
      .toBe(4);
    expect(readdirSync(saveDir)).toHaveLength(3);
    await app.close();
  });
});
