import { copyFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createBackup } from "./backup";
import { recordRestoreGaps } from "./restore-gaps";
import { changeAddons, confirmAddons, voidAddons } from "../desk/addons";
import { storeBookedAddons } from "../desk/booked-addons";
import { latestTicket } from "../printing/tickets";
import { checkInAtKiosk } from "../kiosk/check-in";
import { chooseAddons } from "../kiosk/choose";
import { modelOf, type Model } from "../model";
import { openDatabase } from "../open";
import { spaToday } from "../settings";
import { riley } from "../test/desk";
import { demoModel, tempDir } from "../test/helpers";

/**
 * The slip the therapist holds from before a restore, and the desk's first decision after it: a copy (REPRINT) when it
 * has the therapist do the same add-ons. A VOID slip and a slip confirming no add-on say the same: the massage as
 * booked, no add-on on top of it; a booked-ahead add-on is the booking's and on both.
 */
async function restoredAfter(
  before: (live: Model, guests: Guest[]) => void,
  after: (live: Model, guests: Guest[]) => void,
) {
  const live = await demoModel();
  const ids = live.db
    .prepare(
      `SELECT a.id FROM appointments a WHERE a.local_day = ? AND a.status = 'booked' AND a.ends_at > ?
         AND NOT EXISTS (SELECT 1 FROM check_ins c WHERE c.appointment_id = a.id) ORDER BY a.starts_at, a.id`,
    )
    .pluck()
    .all(spaToday(live), live.clock.now().toISOString()) as number[];
  const guests: Guest[] = [];
  for (const id of ids) {
    const card = checkInAtKiosk(live, id, "en").visit.offer.cards.find((c) => c.available);
    if (card) guests.push({ id, addonId: card.addonId, code: card.code });
    if (guests.length === 3) break;
  }
  before(live, guests);
  live.clock.advance(1);
  const dir = tempDir();
  const backup = await createBackup(live, path.join(dir, "backups"), "manual");
  live.clock.advance(5);
  after(live, guests);
  const restoredFile = path.join(dir, "restored.sqlite3");
  copyFileSync(path.join(dir, "backups", backup.name), restoredFile);
  const restored: Model = modelOf(openDatabase(restoredFile), live.clock);
  live.clock.advance(1);
  expect(recordRestoreGaps(restored, live.db.name).complete).toBe(true);
  return { restored, guests };
}
interface Guest {
  id: number;
  addonId: number;
  code: string;
}
const slip = (m: Model, id: number) => {
  const t = latestTicket(m, id);
  return { kind: t?.kind, reprintOf: t?.reprintOf, addons: t?.addons.map((a) => a.code) };
};
const guest = (guests: Guest[], n: number): Guest => {
  const g = guests[n];
  if (!g) throw new Error("the demo spa has three guests with room for an add-on");
  return g;
};

describe("the therapist's slip after a restore", () => {
  it("a VOID slip made again as 'no add-on', or a 'no add-on' slip made again as VOID, prints as a REPRINT: the therapist does no add-on either way", async () => {
    const { restored, guests } = await restoredAfter(
      (live, gs) => {
        // Before the backup: the first guest chooses an add-on, the second says no thanks.
        const [chose, declined] = [guest(gs, 0), guest(gs, 1)];
        chooseAddons(live, { appointmentId: chose.id, addonIds: [chose.addonId], offerMs: 3000, lang: "en" });
        chooseAddons(live, { appointmentId: declined.id, addonIds: [], offerMs: 3000, lang: "en" });
      },
      (live, gs) => {
        // After it: the desk voids the first (a VOID slip) and confirms the second's "no add-on".
        voidAddons(live, riley, { appointmentId: guest(gs, 0).id, reason: "Guest changed their mind" });
        confirmAddons(live, riley, guest(gs, 1).id, true);
      },
    );
    const [voided, declined] = [guest(guests, 0), guest(guests, 1)];
    // Restored, the desk takes the first guest's add-on off: the therapist holds the VOID slip, which says just that.
    changeAddons(restored, riley, { appointmentId: voided.id, addonIds: [], acknowledged: true });
    expect(slip(restored, voided.id)).toEqual({ kind: "reprint", reprintOf: undefined, addons: [] });
    // ...and voids the second's: the therapist holds "no add-on", the same instruction, under its own VOID banner.
    voidAddons(restored, riley, { appointmentId: declined.id, reason: "Asked again: no add-on" });
    expect(slip(restored, declined.id)).toEqual({ kind: "reprint", reprintOf: "void", addons: [] });
  });

  it("a VOID slip made again as an add-on is a new instruction, printed as usual", async () => {
    const { restored, guests } = await restoredAfter(
      (live, gs) =>
        chooseAddons(live, {
          appointmentId: guest(gs, 0).id,
          addonIds: [guest(gs, 0).addonId],
          offerMs: 1,
          lang: "en",
        }),
      (live, gs) => voidAddons(live, riley, { appointmentId: guest(gs, 0).id, reason: "Guest changed their mind" }),
    );
    const g = guest(guests, 0);
    confirmAddons(restored, riley, g.id, true);
    expect(slip(restored, g.id)).toEqual({ kind: "original", reprintOf: undefined, addons: [g.code] });
  });

  it("a guest with an add-on booked ahead: the same choice confirmed again is a REPRINT, the booked one on both slips", async () => {
    let booked = "";
    const { restored, guests } = await restoredAfter(
      (live, gs) => {
        const g = guest(gs, 0);
        // Booked ahead: an add-on the kiosk did not offer this guest (the demo's other one).
        const other = live.db
          .prepare("SELECT id, code FROM addons WHERE id != ? AND active = 1 ORDER BY sort_order, id LIMIT 1")
          .get(g.addonId) as { id: number; code: string };
        booked = other.code;
        storeBookedAddons(live.db, g.id, [{ id: other.id, minutes: 15 }]);
        chooseAddons(live, { appointmentId: g.id, addonIds: [g.addonId], offerMs: 3000, lang: "en" });
      },
      (live, gs) => confirmAddons(live, riley, guest(gs, 0).id, true),
    );
    const g = guest(guests, 0);
    confirmAddons(restored, riley, g.id, true);
    expect(slip(restored, g.id)).toEqual({
      kind: "reprint",
      reprintOf: undefined,
      addons: expect.arrayContaining([booked, g.code]) as string[],
    });
  });
});
