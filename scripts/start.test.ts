import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, it } from "vitest";

it("npm start without a runnable Electron binary says so in two lines and points to npm run preview", () => {
  const empty = mkdtempSync(path.join(tmpdir(), "happyhead-no-electron-"));
  try {
    const r = spawnSync(process.execPath, ["scripts/start.mjs", "--empty"], {
      cwd: path.resolve(__dirname, ".."),
      encoding: "utf8",
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: empty },
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
