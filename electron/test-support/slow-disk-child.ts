// Child process of electron/slow-disk.test.ts, run under strace with every fsync made slow: on a
// generated year whose report cache is cold, the background workers refresh the cache, import a
// booking export and erase the guests past the retention window, each between two marker system
// calls (an access() of a path that doesn't exist) so the trace can be cut to each task. Prints
// what each task did, as JSON.
import { accessSync } from "node:fs";
import path from "node:path";
import { addDays } from "../../db/time";
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

/** A booking system's export of `rows` bookings from `firstDay`, 400 a day. */
function bookingExport(rows: number, firstDay: string): string {
  const lines = ["Booking ID,Client Name,Mobile,Service,Therapist,Room,Date,Start Time"];
  for (let i = 0; i < rows; i++) {
    const therapist = String(1 + (i % 12)).padStart(2, "0");
    lines.push(
      `SLOW-${i},Imported Guest${i},(646) 555-${String(1000 + (i % 9000))},Swedish 60,Therapist ${therapist},Room ${1 + (i % 12)},${addDays(firstDay, Math.floor(i / 400))},${9 + (i % 10)}:${i % 2 ? "30" : "00"}`,
    );
  }
  return lines.join("\r\n") + "\r\n";
}

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
  const content = bookingExport(Number(importRows), addDays(lastDay, 2));
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
