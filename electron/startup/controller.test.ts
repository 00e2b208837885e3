import path from "node:path";
import { describe, expect, it } from "vitest";
import type { StartupState } from "../../contract/recovery";
import { createBackup } from "../../db/maintenance/backup";
import { modelOf } from "../../db/model";
import { openDatabase } from "../../db/open";
import { fixedClock, tempDir } from "../../db/test/helpers";
import { damage, healthyDb } from "../test-support/startup-files";
import { createStartupController } from "./controller";
import { probeDatabase } from "./probe";

const clock = fixedClock("2026-11-25T18:07:00.000Z");

describe("startup controller", () => {
  it("shows progress, then for a damaged database the recovery screen; restoring a backup starts the app", async () => {
    const dir = tempDir();
    const file = healthyDb(dir);
    const good = openDatabase(file);
    const backup = await createBackup(modelOf(good, clock), path.join(dir, "backups"), "auto");
    good.close();
    damage(file);
    const states: StartupState[] = [];
    const ready: string[] = [];
    const controller = createStartupController({
      dataDir: dir,
      onStaffDisplay: true,
      clock,
      openCore: async () => {
        const db = openDatabase(file);
        db.close();
        return "core";
      },
      onState: (s) => states.push(s),
      onReady: (core) => ready.push(core),
      chooseFolder: () => undefined,
      quit: () => undefined,
    });
    expect(await controller.run()).toBeNull();
    expect(states[0]).toMatchObject({ phase: "starting", step: "checking" });
    expect(controller.state()).toMatchObject({
      phase: "problem",
      kind: "corrupt",
      title: "The database is damaged",
      backups: [{ name: backup.name }],
    });
    expect(await controller.dispatch("recovery.restore", { name: "../happyhead.sqlite3" })).toMatchObject({
      ok: false,
      error: { code: "INVALID_INPUT" },
    });
    expect(await controller.dispatch("desk.queue", {})).toMatchObject({ ok: false, error: { code: "UNKNOWN_CHANNEL" } });
    expect(await controller.dispatch("recovery.restore", { name: backup.name })).toEqual({ ok: true, value: {} });
    await expect.poll(() => controller.state().phase).toBe("ready");
    expect(ready).toEqual(["core"]);
    expect(probeDatabase(file).problem).toBeNull();
  });
});
