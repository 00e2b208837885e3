import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ExportCancelled, openReader, runExport } from "../../db/reports/export";
import { generateCheckIns } from "../../db/test/generate";
import { tempDir } from "../../db/test/helpers";
import type { ExportJob } from "./export-protocol";
import { exportOffThread } from "./export-thread";

function setup(n: number) {
  const dir = tempDir();
  const database = path.join(dir, "happyhead.sqlite3");
  const { db, firstDay, lastDay } = generateCheckIns(database, n);
  db.close();
  const job = (file: string): ExportJob => ({
    range: { from: firstDay, to: lastDay },
    file: path.join(dir, file),
    format: "csv",
    table: "checkins",
    csvStyle: "comma",
    report: null,
  });
  return { dir, database, job };
}

describe("an export in its own thread", () => {
  it("writes the same file as the export run in place, with progress up to every row", async () => {
    const s = setup(6_000);
    const progress: number[] = [];
    const rows = await exportOffThread(
      { database: s.database },
      s.job("thread.csv"),
      new AbortController().signal,
      (r) => progress.push(r),
    );
    const inPlace = await runExport({
      ...s.job("in-place.csv"),
      reader: openReader(s.database),
      signal: new AbortController().signal,
      onProgress: () => undefined,
    });
    expect(rows).toBe(6_000);
    expect(inPlace).toBe(rows);
    expect(readFileSync(path.join(s.dir, "thread.csv"))).toEqual(readFileSync(path.join(s.dir, "in-place.csv")));
    expect(progress[0]).toBe(0);
    expect(progress.at(-1)).toBe(6_000);
  });

  it("Cancel stops it at its next batch and leaves neither the file nor a partial one", async () => {
    const s = setup(20_000);
    const abort = new AbortController();
    const done = exportOffThread({ database: s.database }, s.job("cancelled.csv"), abort.signal, (r) => {
      if (r > 0) abort.abort();
    });
    await expect(done).rejects.toBeInstanceOf(ExportCancelled);
    expect(readdirSync(s.dir).filter((f) => f.includes("cancelled"))).toEqual([]);
  });

  it("a thread that cannot open the database fails the export with its reason, never hangs", async () => {
    const s = setup(10);
    const done = exportOffThread(
      { database: path.join(s.dir, "gone.sqlite3") },
      s.job("never.csv"),
      new AbortController().signal,
      () => undefined,
    );
    await expect(done).rejects.toThrow(/unable to open database file/i);
    expect(readdirSync(s.dir).filter((f) => f.includes("never"))).toEqual([]);
  });
});
