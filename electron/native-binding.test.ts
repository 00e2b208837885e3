import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, it } from "vitest";

/**
 * Under Electron, node_modules' better-sqlite3 addon is built for Node's ABI and can't load; only
 * the Electron build, named by useNativeBinding, can. This runs the app's database paths in a Node
 * child where the default addon is made unloadable and a copy of the addon elsewhere is named
 * instead: any connection that bypasses db/open.ts's connect() fails here as it would in the app
 * (a restore refused as "not a readable database", a pre-upgrade backup silently a raw copy).
 */
const require = createRequire(__filename);
const root = path.resolve(__dirname, "..");
const nodeAddon = path.join(
  path.dirname(require.resolve("better-sqlite3/package.json")),
  "build",
  "Release",
  "better_sqlite3.node",
);

it("restore, backup check, pre-upgrade backup, the startup probe and export readers all load the named native binding", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "happyhead-binding-"));
  try {
    const r = spawnSync(
      process.execPath,
      [
        "--require",
        path.join(__dirname, "test-support", "block-default-addon.cjs"),
        "--import",
        "tsx",
        path.join(__dirname, "test-support", "native-binding-child.ts"),
        path.join(dir, "data"),
        nodeAddon,
      ],
      { cwd: root, encoding: "utf8", timeout: 60_000 },
    );
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout.trim().split("\n").at(-1)!) as Record<string, unknown>;
    expect(out).toEqual({
      defaultAddonLoads: false,
      upgradePhase: "ready",
      beforeUpgradeBackup: { ok: true, version: 1 },
      preUpgradeBackupRawCopy: false,
      backupCheck: { ok: true, version: expect.any(Number) },
      backupsTabRestore: { ok: true, safety: true },
      exportReader: true,
      damagedPhase: "corrupt",
      recoveryRestore: { ok: true, value: {} },
      afterRestorePhase: "ready",
      quickCheckThread: "ok",
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 180_000);
