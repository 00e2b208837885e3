// Child process of electron/slow-disk.test.ts, run under strace with every fsync made slow: on a
// generated year whose report cache is cold, the background workers refresh the cache, import a
// booking export and erase the guests past the retention window, each between two marker system
// calls (an access() of a path that doesn't exist) so the trace can be cut to each task. Prints
// what each task did, as JSON.
import { accessSync } from "node:fs";
import path from "node:path";
import { addDays } from "../../db/time";
import { bookingExport } from "../../db/test/booking-export";
import { generateCheckIns } from "../../db/test/generate";
import { createBackgroundWork } from "../background/client";
import { newWriteGate } from "../background/gate";
import { RETENTION_BATCH } from "../maintenance";

const [dataDir, checkIns, importRows] = process.argv.slice(2);
const mark = (name: string) => {
  try {
    accessSync(`/nonexistent-happyhead-slow-disk-${name}`);
  } catch {
    // the system call is the mark
  }
};

async function main(): Promise<void> {
  const database = path.join(dataDir ?? "", "happyhead.sqlite3");
  const lastDay = "2026-11-24";
  const { db, firstDay } = generateCheckIns(database, Number(checkIns), lastDay);
  db.close();
  const background = createBackgroundWork({ database, gate: newWriteGate() });
  const now = `${addDays(lastDay, 1)}T12:00:00.000Z`;
  mark("refresh-start");
  const { refreshed } = await background.run("refreshReports", { from: firstDay, to: lastDay });
  mark("refresh-end");
  const content = bookingExport(Number(importRows), addDays(lastDay, 2), "SLOW");
  const preview = await background.run("importPreview", { content, canAddToCatalog: false, now });
  mark("import-start");
  const { created } = await background.run("importCommit", {
    content,
    mapping: preview.mapping,
    skipBadRows: false,
    staff: { staffId: 1, name: "Slow Disk" },
    now,
    batch: RETENTION_BATCH,
  });
  mark("import-end");
  mark("retention-start");
  const { erased } = await background.run("retention", { now, batch: RETENTION_BATCH });
  mark("retention-end");
  await background.close();
  console.log(JSON.stringify({ refreshed, created, erased }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
