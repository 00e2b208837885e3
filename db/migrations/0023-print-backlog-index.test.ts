import path from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../open";
import { modelOf } from "../model";
import { printBacklog } from "../printing/desk-jobs";
import { fixedClock, tempDir } from "../test/helpers";
import { demoAtVersion } from "../test/upgrade";
import { LATEST_VERSION } from "./index";

describe("0023: the printer banner's failed jobs are indexed", () => {
  it("upgrading a version-22 database adds the index of failed jobs not reprinted, and the banner counts the afternoon's failure only", async () => {
    const dir = tempDir();
    const file = path.join(dir, "v22.sqlite3");
    const clock = fixedClock("2026-11-25T18:07:00.000Z");
    const { db: v22 } = await demoAtVersion(dir, file, 22, clock);
    // A failure of this afternoon, one reprinted since, and one of two days ago: only the first is the desk's to see.
    const ids = v22.prepare("SELECT id FROM print_jobs ORDER BY id DESC LIMIT 3").pluck().all() as number[];
    const fail = v22.prepare(
      "UPDATE print_jobs SET status = 'failed', last_error = ?, created_at = ?, reprinted_as = ? WHERE id = ?",
    );
    fail.run("Paper out", "2026-11-25T17:00:00.000Z", null, ids[0]);
    fail.run("Cover open", "2026-11-25T16:00:00.000Z", ids[0], ids[1]);
    fail.run("Offline", "2026-11-23T16:00:00.000Z", null, ids[2]);
    const waiting = v22.prepare("SELECT count(*) FROM print_jobs WHERE status IN ('queued', 'sending')").pluck().get();
    v22.close();

    const db = openDatabase(file);
    expect(db.pragma("user_version", { simple: true })).toBe(LATEST_VERSION);
    const indexed = db.prepare(
      "SELECT id FROM print_jobs INDEXED BY print_jobs_failed WHERE status = 'failed' AND reprinted_as IS NULL AND created_at >= ''",
    );
    expect(indexed.pluck().all()).toEqual([ids[0], ids[2]].sort((a, b) => (a ?? 0) - (b ?? 0)));
    expect(printBacklog(modelOf(db, clock))).toEqual({ queued: waiting, failed: 1, lastError: "Paper out" });
    db.close();
  });
});
