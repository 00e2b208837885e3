import { copyFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EXTERNAL_ID_MAX } from "../../contract/desk";
import { createBackup } from "./backup";
import { openRestoreGaps, recordRestoreGaps } from "./restore-gaps";
import { confirmAddons } from "../desk/addons";
import { checkInAtDesk } from "../desk/appointment";
import { commitImport } from "../import/commit";
import { previewImport } from "../import/preview";
import { checkInAtKiosk } from "../kiosk/check-in";
import { chooseAddons } from "../kiosk/choose";
import { modelOf, type Model } from "../model";
import { openDatabase } from "../open";
import { latestTicket } from "../printing/tickets";
import { riley } from "../test/desk";
import { demoModel, found, tempDir } from "../test/helpers";

/** The booking system's export of one booking of the demo spa's day, as a re-import after a restore reads it. */
const exportOf = (externalId: string, start: string) =>
  "Booking ID,Client Name,Mobile,Service,Therapist,Room,Date,Start Time\r\n" +
  `${externalId},Ada Lovelace,555 010 9001,Swedish massage,Emi Tanaka,Jasmine,2026-11-25,${start}\r\n`;

async function importInto(m: Model, file: string): Promise<number> {
  const { mapping } = await previewImport(m, file);
  const result = await commitImport(m, riley, file, { mapping, skipBadRows: false });
  expect(result.created).toBe(1);
  return found(result.firstId, "the imported booking");
}

/**
 * The demo spa backed up; then a booking the booking system made that morning is imported, its guest checks in at the
 * kiosk in Spanish and chooses an add-on, and the desk confirms it: the therapist has the slip. Returns the live model
 * (the file a restore replaces), the backup opened as the restored data, and what happened.
 */
async function importedAfterTheBackup(externalId: string) {
  const live = await demoModel();
  const dir = tempDir();
  const backup = await createBackup(live, path.join(dir, "backups"), "manual");
  // The first start that leaves the guest's therapist room for an add-on after the massage.
  for (const start of ["14:00", "17:00", "19:00", "20:00"]) {
    const file = exportOf(externalId, start);
    const id = await importInto(live, file);
    const card = checkInAtKiosk(live, id, "es").visit.offer.cards.find((c) => c.available);
    if (!card) {
      live.db.prepare("DELETE FROM check_ins WHERE appointment_id = ?").run(id);
      live.db.prepare("UPDATE appointments SET external_id = NULL, status = 'cancelled' WHERE id = ?").run(id);
      continue;
    }
    chooseAddons(live, { appointmentId: id, addonIds: [card.addonId], offerMs: 3000, lang: "es" });
    confirmAddons(live, riley, id, true);
    live.clock.advance(10);
    const restoredFile = path.join(dir, "restored.sqlite3");
    copyFileSync(path.join(dir, "backups", backup.name), restoredFile);
    const restored: Model = modelOf(openDatabase(restoredFile), live.clock);
    return { live, restored, file, card, before: found(latestTicket(live, id), "the slip printed before") };
  }
  throw new Error("the demo spa has a start with room for an add-on");
}

describe("a booking made after the backup, brought back by import", () => {
  it("the list keeps its booking system ID; the import that stores it again links the row, and the desk checks the guest in as they had arrived, the repeated slip marked a copy", async () => {
    const { live, restored, file, card, before } = await importedAfterTheBackup("POS-9001");
    expect(recordRestoreGaps(restored, live.db.name)).toEqual({ recorded: 1, undone: 0, complete: true });
    const [gap] = openRestoreGaps(restored);
    expect(gap).toMatchObject({ appointmentId: null, externalId: "POS-9001", guestName: null, channel: "kiosk" });

    // The desk imports the day's bookings again: the booking is back, under a code of its own, and the row names it.
    const id = await importInto(restored, file);
    expect(openRestoreGaps(restored)).toEqual([
      { ...gap, appointmentId: id, guestName: "Ada Lovelace", checkedInAgain: false },
    ]);
    // Importing the same file again changes nothing on the list.
    await commitImport(restored, riley, file, {
      mapping: (await previewImport(restored, file)).mapping,
      skipBadRows: false,
    });
    expect(openRestoreGaps(restored).map((g) => g.appointmentId)).toEqual([id]);

    // From the queue, the guest comes back as they had arrived: the kiosk, in Spanish, their choice awaiting Confirm.
    const item = checkInAtDesk(restored, riley, id);
    expect(item).toMatchObject({ checkInChannel: "kiosk", offer: { status: "accepted" } });
    expect(restored.db.prepare("SELECT lang FROM check_ins WHERE appointment_id = ?").pluck().get(id)).toBe("es");
    // The therapist has had this slip since before the restore: the desk's Confirm prints it as a copy.
    confirmAddons(restored, riley, id, true);
    const slip = found(latestTicket(restored, id), "the slip after the restore");
    expect(slip.kind).toBe("reprint");
    expect(slip.addons.map((a) => a.title)).toEqual(before.addons.map((a) => a.title));
    expect(slip.addons.map((a) => a.code)).toEqual([card.code]);
    expect(openRestoreGaps(restored)[0]?.checkedInAgain).toBe(true);
  });

  it("a booking system ID an import would refuse (longer than it takes) is carried as none: the row stays, to book as a walk-in", async () => {
    const { live, restored } = await importedAfterTheBackup("POS-9001");
    // A file whose booking system had longer IDs than this version imports (a newer version, or another program).
    live.db
      .prepare("UPDATE appointments SET external_id = ? WHERE external_id = 'POS-9001'")
      .run("X".repeat(EXTERNAL_ID_MAX + 1));
    expect(recordRestoreGaps(restored, live.db.name)).toEqual({ recorded: 1, undone: 0, complete: true });
    expect(openRestoreGaps(restored)).toMatchObject([{ appointmentId: null, externalId: null, channel: "kiosk" }]);
  });
});
