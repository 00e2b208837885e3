import { describe, expect, it } from "vitest";
import type { HqEvent } from "../../contract/hq";
import { reportSpa } from "../test/report-fixture";
import { nextBatch, savePairing, syncState } from "./outbox";

const LOCATION = "0b9f3c1e-5d2a-4c6b-9e8f-7a1b2c3d4e5f";
const pair = (m: Parameters<typeof savePairing>[0]) =>
  savePairing(m, { kind: "system" }, { url: "http://127.0.0.1:9", locationId: LOCATION, token: "t".repeat(43) });

/** Every unacknowledged event of the outbox, as the worker would send them. */
function allEvents(db: Parameters<typeof nextBatch>[0]): HqEvent[] {
  return nextBatch(db, 1_000_000)?.batch.events ?? [];
}

describe("the head-office outbox (migration 0019)", () => {
  it("appends each fact in the transaction that writes it, as facts only", () => {
    const spa = reportSpa();
    pair(spa.m);
    const id = spa.book("2026-11-02", "10:00", "swedish", "ana");
    spa.kiosk(id, spa.localIso("2026-11-02", "09:55"), ["face"], "es");
    spa.confirm(id, spa.localIso("2026-11-02", "09:57"));
    spa.printed(id);
    const events = allEvents(spa.db);
    expect(events.map((e) => e.kind)).toEqual([
      "check_in",
      "offer_shown",
      "offer_line",
      "offer_line",
      "offer_line",
      "offer_accepted",
      "desk_confirmed",
      "ticket_printed",
    ]);
    expect(events[0]).toMatchObject({
      kind: "check_in",
      body: { localDay: "2026-11-02", hour: 9, channel: "kiosk", lang: "es", service: "Swedish" },
    });
    expect(new Set(events.map((e) => e.visit)).size).toBe(1);
    expect(events.map((e) => e.seq)).toEqual([...events.keys()].map((i) => events[0]!.seq + i));
    // Time-ordered ids; nothing personal anywhere in what leaves.
    expect(events.map((e) => e.id)).toEqual(events.map((e) => e.id).sort());
    const sent = JSON.stringify(events);
    const code = spa.db.prepare("SELECT booking_code FROM appointments WHERE id = ?").pluck().get(id) as string;
    for (const personal of ["Test Guest", "5550100000", code, "appointment"]) expect(sent).not.toContain(personal);
    expect(syncState(spa)).toMatchObject({ paired: true, waiting: events.length });
  });

  it("writes nothing when the fact's transaction rolls back, and refuses edits of the outbox", () => {
    const spa = reportSpa();
    const id = spa.book("2026-11-02", "10:00", "swedish", "ana");
    const count = () => spa.db.prepare("SELECT count(*) FROM outbox").pluck().get();
    const before = count();
    expect(() =>
      spa.db.transaction(() => {
        spa.kiosk(id, spa.localIso("2026-11-02", "09:55"), ["face"]);
        throw new Error("power cut");
      })(),
    ).toThrow("power cut");
    expect(count()).toBe(before);
    spa.kiosk(id, spa.localIso("2026-11-02", "09:55"), ["face"]);
    expect(() => spa.db.prepare("UPDATE outbox SET kind = 'x'").run()).toThrow(/append-only/);
    expect(() => spa.db.prepare("DELETE FROM outbox").run()).toThrow(/append-only/);
  });

  it("says how many events wait and sends nothing before pairing", () => {
    const spa = reportSpa();
    spa.kiosk(spa.book("2026-11-02", "10:00", "swedish", "ana"), spa.localIso("2026-11-02", "09:55"), null);
    expect(nextBatch(spa.db, 500)).toBeNull();
    expect(syncState(spa)).toMatchObject({ paired: false, lastSyncAt: null, waiting: 4 });
  });
});
