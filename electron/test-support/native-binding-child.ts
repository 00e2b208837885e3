// Run by electron/native-binding.test.ts with better-sqlite3's default addon made unloadable
// (block-default-addon.cjs). Everything the app does with its database files before and around
// opening it — the startup probe and the quick check's thread, the pre-upgrade backup, the
// recovery screen's restore, the Backups tab's restore, report exports — must load the addon
// named by useNativeBinding.
import { closeSync, copyFileSync, mkdirSync, openSync, writeSync } from "node:fs";
import path from "node:path";
import type { StartupState } from "../../contract/recovery";
import { keepCurrentAsBackup, listBackups, backupsDir, validateBackupFile } from "../../db/maintenance/backup";
import { migrations } from "../../db/migrations";
import { connect, openDatabase, useNativeBinding } from "../../db/open";
import { openReader } from "../../db/reports/export";
import { systemClock } from "../../db/time";
import { createAppCore, type AppCore } from "../core";
import { createStartupController } from "../startup/controller";
import { quickCheckOffMainThread } from "../startup/probe";

const [dataDir, nodeAddon] = process.argv.slice(2) as [string, string];
const out: Record<string, unknown> = {};
const database = path.join(dataDir, "happyhead.sqlite3");

async function startup(): Promise<{
  state: StartupState;
  core: AppCore | null;
  dispatch: (channel: string, payload: unknown) => Promise<unknown>;
}> {
  let core: AppCore | null = null;
  let state: StartupState = { phase: "starting", step: "checking", stepIndex: 0, stepCount: 2 };
  const controller = createStartupController<AppCore>({
    dataDir,
    onStaffDisplay: true,
    clock: systemClock,
    openCore: () => createAppCore({ dataDir, seed: "empty" }),
    onState: (s) => (state = s),
    onReady: (c) => {
      core = c;
    },
    chooseFolder: () => undefined,
    quit: () => undefined,
  });
  await controller.run();
  return { state, core, dispatch: (channel, payload) => controller.dispatch(channel, payload) };
}

async function main(): Promise<void> {
  // The block works: without a binding, nothing opens.
  try {
    connect(":memory:").close();
    out.defaultAddonLoads = true;
  } catch {
    out.defaultAddonLoads = false;
  }
  // The binding is a copy of the addon elsewhere, as Electron's build lives in .native/ or resources/native/.
  const binding = path.join(dataDir, "..", "native", "better_sqlite3.node");
  mkdirSync(path.dirname(binding), { recursive: true });
  copyFileSync(nodeAddon, binding);
  useNativeBinding(binding);

  // A database from an older version (schema 1): startup backs it up, then upgrades it.
  mkdirSync(dataDir, { recursive: true });
  openDatabase(database, { migrations: migrations.filter((m) => m.version === 1) }).close();
  const first = await startup();
  out.upgradePhase = first.state.phase;
  const beforeUpgrade = listBackups(backupsDir(dataDir)).find((b) => b.kind === "before-upgrade");
  out.beforeUpgradeBackup = beforeUpgrade
    ? validateBackupFile(path.join(backupsDir(dataDir), beforeUpgrade.name))
    : null;
  const direct = await keepCurrentAsBackup(database, systemClock, "before-upgrade");
  out.preUpgradeBackupRawCopy = direct?.rawCopy ?? null;

  // Backups tab: back up, restore (validated, the current one kept first), and an export reader.
  const core = first.core!;
  const manual = await core.maintenance.backupNow("manual");
  out.backupCheck = validateBackupFile(path.join(backupsDir(dataDir), manual.name));
  out.backupsTabRestore = await core.maintenance.restore(manual.name, { kind: "system" }).then(
    (r) => ({ ok: true, safety: r.safetyBackup !== null }),
    (e: unknown) => ({ ok: false, error: String(e) }),
  );
  const reader = openReader(database);
  out.exportReader = (reader.pragma("user_version", { simple: true }) as number) > 1;
  reader.close();
  await core.close();

  // The disk damages the file: the recovery screen offers the backups, and restoring one works.
  const fd = openSync(database, "r+");
  writeSync(fd, Buffer.alloc(4096 * 2, 0xa5), 0, 4096 * 2, 0);
  closeSync(fd);
  const broken = await startup();
  out.damagedPhase = broken.state.phase === "problem" ? broken.state.kind : broken.state.phase;
  out.recoveryRestore = await broken.dispatch("recovery.restore", { name: manual.name });
  for (
    let i = 0;
    i < 200 &&
    ((await broken.dispatch("recovery.state", {})) as { value?: { phase?: string } }).value?.phase !== "ready";
    i++
  ) {
    await new Promise((r) => setTimeout(r, 25));
  }
  out.afterRestorePhase = ((await broken.dispatch("recovery.state", {})) as { value?: { phase?: string } }).value
    ?.phase;
  // The quick check after a crash, in its own thread: that thread loads the named binding too.
  out.quickCheckThread = (await quickCheckOffMainThread(database)).result;
  process.stdout.write(`${JSON.stringify(out)}\n`);
  process.exit(0);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
