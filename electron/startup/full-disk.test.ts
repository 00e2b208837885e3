import { rmSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { StartupState } from "../../contract/recovery";
import { fixedClock, tempDir } from "../../db/test/helpers";
import { createAppCore, type AppCore } from "../core";
import { createStartupController } from "./controller";
import { canMountTmpfs, fillDisk, mountTmpfs, unmount } from "../test-support/full-disk";

const clock = fixedClock("2026-11-25T15:07:00.000Z");

describe("starting on a full disk", () => {
  it.skipIf(!canMountTmpfs)(
    "says the disk is full (not damaged, not unreadable), offers no restore, and Try again opens the app once there is room",
    async () => {
      const dir = tempDir();
      mountTmpfs(dir, "24m");
      const opened: AppCore[] = [];
      try {
        const first = await createAppCore({ dataDir: dir, seed: "demo", clock });
        await first.maintenance.settled(); // its first backup is in the folder
        await first.close();
        const filler = fillDisk(dir);
        const states: StartupState[] = [];
        const controller = createStartupController({
          dataDir: dir,
          onStaffDisplay: true,
          clock,
          openCore: async () => {
            const core = await createAppCore({ dataDir: dir, seed: "demo", clock });
            opened.push(core);
            return core;
          },
          onState: (s) => states.push(s),
          onReady: () => undefined,
          chooseFolder: () => undefined,
          quit: () => undefined,
        });
        expect(await controller.run()).toBeNull();
        const shown = controller.state();
        // Before: "The data folder can't be opened … check the folder's permissions and free disk space. You can
        // restore the most recent good backup below." A restore there said the backup was "not a readable database".
        expect(shown).toMatchObject({
          phase: "problem",
          kind: "full",
          title: "The disk is full",
          message: expect.stringMatching(
            /^There is no room left on the disk .* Nothing is damaged and nothing is lost/,
          ),
          canRetry: true,
          backups: [{ kind: "auto" }],
        });
        const backup = shown.phase === "problem" ? shown.backups[0]!.name : "";
        expect(await controller.dispatch("recovery.restore", { name: backup })).toMatchObject({
          ok: false,
          error: { code: "CONFLICT", message: expect.stringMatching(/^The disk is full: a restore would not help/) },
        });
        // Startup's own step files could not be written either: no failed start is counted against the spa.
        expect(await controller.dispatch("recovery.retry", {})).toEqual({ ok: true, value: {} });
        await expect.poll(() => controller.state()).toMatchObject({ phase: "problem", kind: "full" });
        rmSync(filler);
        expect(await controller.dispatch("recovery.retry", {})).toEqual({ ok: true, value: {} });
        await expect.poll(() => controller.state().phase).toBe("ready");
      } finally {
        for (const c of opened) await c.close();
        unmount(dir);
      }
    },
    60_000,
  );
});
