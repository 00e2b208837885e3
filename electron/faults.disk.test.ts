import { readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../db/test/helpers";
import { canMountTmpfs, fillDisk, mountTmpfs, unmount } from "./test-support/full-disk";
import {
  type R,
  cores,
  closeCoresAfterEach,
  openCore,
  call,
  openCodes,
  checkIn,
  checkedInIds,
  signInManager,
} from "./test-support/fault-core";

closeCoresAfterEach();

describe("full disk", () => {
  it.skipIf(!canMountTmpfs)(
    "a report export on a full drive says the disk is full and where, leaves no part of a file, and works once there is room",
    async () => {
      const dir = tempDir();
      mountTmpfs(dir, "24m");
      try {
        const core = await openCore(dir);
        const manager = await signInManager(core);
        const told: { state: string; message: string | null }[] = [];
        core.onEvent((_, event, payload) => {
          if (event === "reports.exportProgress") told.push(payload as { state: string; message: string | null });
        });
        const exportYear = async () => {
          const r = await call(core, manager, "reports.exportStart", {
            from: "2026-01-01",
            to: "2026-11-25",
            format: "csv",
          });
          expect(r.ok).toBe(true);
          await core.reportExports.idle();
          return told.at(-1);
        };
        const filler = fillDisk(dir);
        const exports = path.join(dir, "exports");
        // Before: "The export could not be written. Check that the disk has room and try again."
        expect(await exportYear()).toMatchObject({
          state: "failed",
          message: `The disk is full: there is no room for the export in ${exports}. Nothing was saved: make room there, or export to another drive.`,
        });
        expect(readdirSync(exports)).toEqual([]);
        rmSync(filler);
        expect(await exportYear()).toMatchObject({ state: "done" });
        expect(readdirSync(exports)).toEqual(["addon-uptake_checkins_2026-01-01_2026-11-25.csv"]);
        await core.close();
        cores.length = 0;
      } finally {
        unmount(dir);
      }
    },
  );

  it("a check-in on a database that can't grow says the disk is full and where; everything acknowledged is kept", async () => {
    const dir = tempDir();
    const core = await openCore(dir);
    // SQLite's own limit stands in for the disk: the same SQLITE_FULL a full drive gives.
    const pages = core.model.db.pragma("page_count", { simple: true }) as number;
    core.model.db.pragma(`max_page_count = ${pages}`);
    const acknowledged: number[] = [];
    let refused: R<unknown> | null = null;
    for (const { code } of openCodes(core)) {
      const r = await checkIn(core, code);
      if (!r.ok) {
        refused = r;
        break;
      }
      acknowledged.push(r.id!);
    }
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: "NOT_AVAILABLE",
        message: `The disk is full: free space on ${dir}; nothing was lost. This was not saved: try again once there is room.`,
      },
    });
    const saved = checkedInIds(path.join(dir, "happyhead.sqlite3"));
    expect(acknowledged.filter((id) => !saved.has(id))).toEqual([]);
  });

  it.skipIf(!canMountTmpfs)(
    "on a full drive (tmpfs): the desk warns below a day's backups, sign-up and backups say the disk is full, and work again once there is room",
    async () => {
      const dir = tempDir();
      mountTmpfs(dir, "4m");
      try {
        const core = await openCore(dir, "empty");
        expect(core.maintenance.diskSpace()).toMatchObject({ folder: dir, low: false });
        const filler = fillDisk(dir);
        expect(core.maintenance.diskSpace().low).toBe(true);
        const staff = core.newSession("staff");
        const setup = {
          spaName: "Casa Calma",
          timeZone: "Europe/Madrid",
          otherLanguages: [],
          name: "Ada Manager",
          pin: "4826",
          pinAgain: "4826",
        };
        const full = `The disk is full: free space on ${dir}; nothing was lost. This was not saved: try again once there is room.`;
        expect(await call(core, staff, "staff.createFirstManager", setup)).toEqual({
          ok: false,
          error: { code: "NOT_AVAILABLE", message: full },
        });
        await expect(core.maintenance.backupNow("manual")).rejects.toMatchObject({
          code: expect.stringMatching(/^(SQLITE_FULL|ENOSPC)$/) as unknown,
        });
        expect(readdirSync(path.join(dir, "backups")).filter((f) => f.endsWith(".partial"))).toEqual([]); // no half backup left eating the space
        rmSync(filler);
        expect((await call(core, staff, "staff.createFirstManager", setup)).ok).toBe(true);
        expect((await call(core, staff, "maintenance.backupNow")).ok).toBe(true);
        await core.close();
        cores.length = 0;
      } finally {
        unmount(dir);
      }
    },
  );
});
