import { describe, expect, it } from "vitest";
import { confirmAddons } from "../desk/addons";
import { queueItem } from "../desk/queue";
import { checkInAtKiosk } from "../kiosk/check-in";
import { latestTicket } from "../printing/tickets";
import { demoModel, found } from "../test/helpers";
import { commitImport } from "./commit";
import { previewImport } from "./preview";

/**
 * A visit's add-on row stored as its add-on booked ahead (migration 0033), as a later file changes it: the same way
 * as the booking's length, and a therapist already holding the slip gets a CHANGED one.
 */
const riley = { kind: "staff", staffId: 2, name: "Riley Chen" } as const;
const HEADER = "Appt ID,Client Name,Mobile,Service,Therapist,Room,Date,Start Time,Duration,Status,Notes";
/** Friday 27 November 2026, 9:00 AM at the spa: its demo bookings end at 10 PM, the file's come after. */
const NINE_AM = "2026-11-27T17:00:00.000Z";
const MASSAGE =
  "MB-1,Ada Lovelace,555-201-0001,Swedish massage,Ben Carter,Jasmine,11/27/2026,10:15 PM,60,Confirmed,Light";
const SCALP =
  "MB-1,Ada Lovelace,555-201-0001,Scalp Massage 15 min,Ben Carter,Jasmine,11/27/2026,11:15 PM,15,Confirmed,";
const file = (...rows: string[]) => `\uFEFF${HEADER}\r\n${rows.join("\r\n")}\r\n`;
type M = Awaited<ReturnType<typeof demoModel>>;
async function imported(m: M, content: string) {
  const { mapping } = await previewImport(m, content);
  return commitImport(m, riley, content, { mapping, skipBadRows: false });
}
const ada = (m: M) =>
  found(
    m.db.prepare("SELECT id, note FROM appointments WHERE external_id = 'MB-1'").get() as
      { id: number; note: string | null } | undefined,
    "Ada's booking",
  );

describe("an add-on booked ahead, file after file", () => {
  it("a booking an earlier version imported with 'Also booked: Scalp Massage 15 min' in its note is set right by the same file", async () => {
    const m = await demoModel(NINE_AM);
    await imported(m, file(MASSAGE, SCALP));
    // As the import before migration 0033 left it: the scalp massage named in the note, not booked ahead.
    m.db.prepare("DELETE FROM booked_addons").run();
    m.db
      .prepare("UPDATE appointments SET note = 'Also booked: Scalp Massage 15 min · Light' WHERE id = ?")
      .run(ada(m).id);
    expect(await imported(m, file(MASSAGE, SCALP))).toMatchObject({ updated: 1 });
    expect([ada(m).note, queueItem(m, ada(m).id).bookedAhead]).toEqual(["Light", ["Scalp massage"]]);
    expect(await imported(m, file(MASSAGE, SCALP))).toMatchObject({ unchanged: 1 });
  });

  it("a checked-in guest's scalp massage the next file drops: the therapist gets a CHANGED slip without it", async () => {
    const m = await demoModel(NINE_AM);
    await imported(m, file(MASSAGE, SCALP));
    const { id } = ada(m);
    expect(checkInAtKiosk(m, id, "en").visit.offer.cards.map((c) => c.code)).toEqual(["face"]);
    confirmAddons(m, riley, id);
    expect(found(latestTicket(m, id), "the slip").addons).toEqual([
      { code: "scalp", title: "SCALP MASSAGE", extraMinutes: 15, bookedAhead: true },
    ]);

    const result = await imported(m, file(MASSAGE));
    expect(result.changedAfterCheckIn).toEqual([
      { line: 2, externalId: "MB-1", guestName: "Ada Lovelace", ticketed: true },
    ]);
    const changed = found(latestTicket(m, id), "the CHANGED slip");
    expect(changed).toMatchObject({ kind: "changed", addons: [], serviceMinutes: 60 });
    expect(changed.changes).toEqual([
      "Time: 10:15 PM–11:30 PM → 10:15 PM–11:15 PM",
      "No longer booked ahead: SCALP MASSAGE 15 min",
    ]);
    expect(queueItem(m, id).bookedAhead).toEqual([]);

    // Booked again: back on a CHANGED slip.
    await imported(m, file(MASSAGE, SCALP));
    expect(found(latestTicket(m, id), "the next slip").changes).toEqual([
      "Time: 10:15 PM–11:15 PM → 10:15 PM–11:30 PM",
      "Booked ahead: SCALP MASSAGE 15 min",
    ]);
  });
});
