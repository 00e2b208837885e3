import { describe, expect, it } from "vitest";
import { hqEventSchema, type HqEvent } from "../contract/hq";
import { uptakeReport } from "../db/reports/reports";
import { nextBatch, savePairing } from "../db/sync/outbox";
import { demoModel } from "../db/test/helpers";
import { deskAddsWhatTheKioskHid } from "../db/test/desk";
import { applyZoneChange } from "../db/admin/time-zone";
import { storeBookedAddons } from "../db/desk/booked-addons";
import { getSettings, saveSettings } from "../db/settings";
import { foldVisit } from "./fold";
import { MEASURES } from "./migrations/0001-initial";
import { ofHeadOffice, ofLocationReport } from "./test/compare";

/** The fold alone (no PostgreSQL): a location's own events, folded per visit, give its own report. */
describe("foldVisit", () => {
  it("folded per visit, the demo spa's four weeks of events give its own report, figure by figure", async () => {
    const m = await demoModel();
    savePairing(
      m,
      { kind: "system" },
      { url: "http://127.0.0.1:9", locationId: "0b9f3c1e-5d2a-4c6b-9e8f-7a1b2c3d4e5f", token: "t".repeat(43) },
    );
    // Guests the kiosk showed no add-on to (none fitted), to whom the desk added one anyway: offered, and taken.
    const hidden = deskAddsWhatTheKioskHid(m, 3);
    expect(hidden.length).toBeGreaterThan(0);
    // Imports book a scalp massage ahead for some checked-in guests, a later file drops it for some of them and books
    // it again for a few, with a face massage too; the desk cancels one; then the spa moves to New York's time zone.
    const id = (code: string) => m.db.prepare("SELECT id FROM addons WHERE code = ?").pluck().get(code) as number;
    const [scalp, face] = [id("scalp"), id("face")];
    const guests = m.db
      .prepare("SELECT appointment_id FROM check_ins ORDER BY appointment_id")
      .pluck()
      .all() as number[];
    const some = (mod: number) => guests.filter((g) => g % 6 === mod);
    for (const g of [...some(0), ...some(1)]) storeBookedAddons(m.db, g, [{ id: scalp, minutes: 15 }]);
    for (const g of some(1)) storeBookedAddons(m.db, g, []);
    for (const g of some(1).slice(0, 5))
      storeBookedAddons(m.db, g, [
        { id: scalp, minutes: 20 },
        { id: face, minutes: 15 },
      ]);
    m.db.prepare("UPDATE appointments SET status = 'cancelled' WHERE id = ?").run(some(0)[0]);
    m.db.transaction(() => {
      applyZoneChange(m.db, getSettings(m.db).timeZone, "America/New_York");
      saveSettings(m.db, { timeZone: "America/New_York" });
    })();
    const events = nextBatch(m.db, 1_000_000)!.batch.events;
    for (const e of events) hqEventSchema.parse(e);
    const byVisit = new Map<string, HqEvent[]>();
    for (const e of events) byVisit.set(e.visit, [...(byVisit.get(e.visit) ?? []), e]);
    const range = { from: "2026-10-28", to: "2026-11-25" };
    const counts = Object.fromEntries(MEASURES.map((k) => [k, 0])) as Record<(typeof MEASURES)[number], number>;
    const addons = new Map<string, Record<string, number>>();
    for (const list of byVisit.values()) {
      const f = foldVisit(list.reverse());
      if (!f || f.localDay < range.from || f.localDay > range.to) continue;
      for (const k of MEASURES) counts[k] += f.counts[k];
      for (const a of f.addons) {
        const sum = addons.get(a.addon) ?? {};
        for (const [k, n] of Object.entries(a.counts)) sum[k] = (sum[k] ?? 0) + n;
        addons.set(a.addon, sum);
      }
    }
    const local = uptakeReport(m, { ...range, grain: "day" });
    expect(local.totals.checkIns).toBeGreaterThan(100);
    expect(local.totals.voided).toBeGreaterThan(0);
    const byAddon = [...addons].map(([addon, c]) => ({ addon, counts: c }));
    expect(Object.keys(ofLocationReport(local).bookedAhead).sort()).toEqual(["face", "scalp"]);
    expect(ofHeadOffice(counts, byAddon)).toEqual(ofLocationReport(local));
  });
});
