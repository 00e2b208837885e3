import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "..");
/** The environment without a screen (Linux: no X server, no Wayland compositor). */
const { DISPLAY: _d, WAYLAND_DISPLAY: _w, ...headless } = process.env;

describe("npm start", () => {
  it("checks for a display and Electron's binary before it builds anything", () => {
    const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.start?.startsWith("node scripts/start.mjs --preflight && ")).toBe(true);
  });

  it("without a runnable Electron binary says so in two lines and points to npm run preview", () => {
    const empty = mkdtempSync(path.join(tmpdir(), "happyhead-no-electron-"));
    try {
      const r = spawnSync(process.execPath, ["scripts/start.mjs", "--empty"], {
        cwd: root,
        encoding: "utf8",
        env: { ...process.env, DISPLAY: process.env.DISPLAY ?? ":99", ELECTRON_OVERRIDE_DIST_PATH: empty },
      });
      expect(r.status).toBe(1);
      const lines = r.stderr.trim().split("\n");
      expect(lines).toHaveLength(2);
      expect(lines[0]).toContain(`Electron could not be started from ${empty}`);
      expect(lines[1]).toContain("npm run preview");
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it.runIf(process.platform === "linux")("without a display says so in a sentence, not a stack trace", () => {
    const r = spawnSync(process.execPath, ["scripts/start.mjs"], { cwd: root, encoding: "utf8", env: headless });
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split("\n")[0]).toBe(
      "npm start: there is no display here (neither DISPLAY nor WAYLAND_DISPLAY is set): the app needs a desktop session, or a kiosk session such as cage, to show its windows.",
    );
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe("npm run preview", () => {
  it.runIf(process.platform === "linux")(
    "without a display says so and points to the headless screenshots, before touching any data",
    () => {
      const dataDir = path.join(mkdtempSync(path.join(tmpdir(), "happyhead-preview-nodisplay-")), "data");
      const tsx = path.join(root, "node_modules", "tsx", "dist", "cli.mjs");
      const r = spawnSync(process.execPath, [tsx, "scripts/preview.ts", "--data-dir", dataDir], {
        cwd: root,
        encoding: "utf8",
        env: headless,
      });
      expect(r.status).toBe(1);
      const lines = r.stderr.trim().split("\n");
      expect(lines[0]).toMatch(/^npm run preview: there is no display here/);
      expect(lines[1]).toContain("npm run preview -- --screenshots screenshots");
      expect(r.stderr).not.toMatch(/\n\s+at /);
      rmSync(path.dirname(dataDir), { recursive: true, force: true });
    },
  );
});
