import { createHash, randomBytes, randomUUID } from "node:crypto";
import { HQ_SCHEMA_VERSION, type EventBatch, type HqEvent } from "../../contract/hq";

/** Test events: a UUIDv7 from a counter-driven clock, a visit pseudonym from a name. */
let clock = Date.UTC(2026, 10, 2, 17, 0, 0);
export function uuidV7(): string {
  const ms = (clock += 1).toString(16).padStart(12, "0");
  const r = randomBytes(10).toString("hex");
  const variant = ((parseInt(r.slice(3, 4), 16) & 3) | 8).toString(16);
  return `${ms.slice(0, 8)}-${ms.slice(8, 12)}-7${r.slice(0, 3)}-${variant}${r.slice(4, 7)}-${r.slice(7, 19)}`;
}
export const visit = (name: string) => createHash("sha256").update(name).digest("hex").slice(0, 32);

type Body<K extends HqEvent["kind"]> = Extract<HqEvent, { kind: K }>["body"];
export class EventLog {
  seq = 0;
  readonly events: HqEvent[] = [];
  add<K extends HqEvent["kind"]>(v: string, kind: K, body: Body<K>): HqEvent {
    const e = {
      id: uuidV7(),
      seq: ++this.seq,
      visit: visit(v),
      at: new Date(clock).toISOString(),
      kind,
      body,
    } as HqEvent;
    this.events.push(e);
    return e;
  }
  /** A kiosk guest checked in at `hour` in `lang` and shown the face massage (the offer not yet answered). */
  private shownFace(v: string, localDay: string, hour: number, lang: string): void {
    this.add(v, "check_in", { localDay, hour, channel: "kiosk", lang, service: "Swedish massage" });
    this.add(v, "offer_shown", { channel: "kiosk", status: "offered" });
    this.add(v, "offer_line", {
      addon: "face",
      shown: true,
      guest: false,
      final: false,
      priceCents: 2500,
      minutes: 15,
    });
  }
  /**
   * A kiosk guest (9:00, Spanish) shown the face and scalp massages who took the face massage, confirmed at the desk
   * and printed.
   */
  happyGuest(v: string, localDay = "2026-11-02"): void {
    this.shownFace(v, localDay, 9, "es");
    this.add(v, "offer_line", {
      addon: "scalp",
      shown: true,
      guest: false,
      final: false,
      priceCents: 2000,
      minutes: 10,
    });
    this.add(v, "offer_line", { addon: "face", shown: true, guest: true, final: true, priceCents: 2500, minutes: 15 });
    this.add(v, "offer_accepted", { channel: "kiosk", status: "accepted" });
    this.add(v, "desk_confirmed", { channel: "kiosk", status: "confirmed" });
    this.add(v, "ticket_printed", {});
  }
  /** A kiosk guest (10:00, English) shown the face massage alone, who declined it. */
  decliningGuest(v: string, localDay = "2026-11-02"): void {
    this.shownFace(v, localDay, 10, "en");
    this.add(v, "offer_declined", { channel: "kiosk", status: "declined" });
  }
}

export const batchOf = (locationId: string, events: HqEvent[], batchId: string = randomUUID()): EventBatch => ({
  schemaVersion: HQ_SCHEMA_VERSION,
  locationId,
  batchId,
  events,
});
