import { describe, expect, it } from "vitest";
import { phoneInputSchema } from "../contract/channels";
import { verifyAuditChain } from "./audit";
import { arrivalsQueue } from "./desk";
import { checkInAtKiosk, chooseAddons, findAppointments } from "./kiosk";
import { DEMO_GUESTS } from "./seed-demo";
import { demoModel } from "./test/helpers";

const phone = (s: string) => phoneInputSchema.parse(s);

describe("kiosk check-in", () => {
  it("finds today's appointment by any common phone format, showing only first name and last initial", async () => {
    const m = await demoModel();
    for (const typed of ["+1 (555) 010-2233", "555.010.2233", "5550102233", "15550102233"]) {
      const matches = findAppointments(m, { by: "phone", phone: phone(typed) });
      expect(matches).toHaveLength(1);
      expect(matches[0]?.guestLabel).toBe("María G.");
      expect(JSON.stringify(matches)).not.toContain("González");
      expect(JSON.stringify(matches)).not.toContain("2233");
    }
    expect(findAppointments(m, { by: "code", code: "HH2233" })).toHaveLength(1);
    expect(findAppointments(m, { by: "phone", phone: phone("555 999 0000") })).toEqual([]);
  });

  it("lists every appointment sharing a number so the guest can pick theirs", async () => {
    const m = await demoModel();
    const matches = findAppointments(m, { by: "phone", phone: phone(DEMO_GUESTS.family.phone) });
    expect(matches.map((x) => x.guestLabel).sort()).toEqual(["Lena F.", "Tom F."]);
  });

  it("rejects letters, too few and too many digits with a specific message", () => {
    expect(phoneInputSchema.safeParse("555-CALL-NOW").error?.issues[0]?.message).toBe("Use digits only.");
    expect(phoneInputSchema.safeParse("12345").error?.issues[0]?.message).toMatch(/at least 7 digits/);
    expect(phoneInputSchema.safeParse("1".repeat(30)).error?.issues[0]?.message).toBe("That number is too long.");
  });

  it("is idempotent: a double tap creates one check-in, one offer and one audit row", async () => {
    const m = await demoModel();
    const [match] = findAppointments(m, { by: "code", code: "HH2233" });
    const id = match?.appointmentId ?? 0;
    const first = checkInAtKiosk(m, id, "en");
    const second = checkInAtKiosk(m, id, "en");
    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(second.visit.checkedInAt).toBe(first.visit.checkedInAt);
    const count = (sql: string) => (m.db.prepare(sql).get(id) as { n: number }).n;
    expect(count("SELECT count(*) AS n FROM check_ins WHERE appointment_id = ?")).toBe(1);
    expect(count("SELECT count(*) AS n FROM offers WHERE appointment_id = ?")).toBe(1);
    expect(count("SELECT count(*) AS n FROM audit_log WHERE action = 'check_in.create' AND entity_id = ?")).toBe(1);
    expect(verifyAuditChain(m.db).ok).toBe(true);
  });

  it("offers both add-ons with their price and minutes and records the guest's choice and offer time", async () => {
    const m = await demoModel();
    const id = findAppointments(m, { by: "code", code: "HH2233" })[0]?.appointmentId ?? 0;
    const { visit } = checkInAtKiosk(m, id, "en");
    expect(visit.offer.cards.map((c) => [c.code, c.priceCents, c.extraMinutes, c.available])).toEqual([
      ["face", 2500, 15, true],
      ["scalp", 2000, 10, true],
    ]);
    expect(visit.offer.selectedAddonIds).toEqual([]);
    const face = visit.offer.cards[0]?.addonId ?? 0;
    const choice = chooseAddons(m, { appointmentId: id, addonIds: [face], offerMs: 5200, lang: "en" });
    expect(choice).toMatchObject({ status: "accepted", chosen: [{ title: "Face massage", priceCents: 2500 }] });
    const item = arrivalsQueue(m).items.find((i) => i.appointmentId === id);
    expect(item).toMatchObject({ stage: "awaiting_confirmation", offer: { guestChoice: ["Face massage"], channel: "kiosk" } });
    expect(m.db.prepare("SELECT offer_ms FROM offers WHERE appointment_id = ?").get(id)).toEqual({ offer_ms: 5200 });
  });

  it("does not offer an add-on that would run into the therapist's next guest, and says why", async () => {
    const m = await demoModel();
    const id = findAppointments(m, { by: "code", code: "HH4455" })[0]?.appointmentId ?? 0;
    const { visit } = checkInAtKiosk(m, id, "es");
    expect(visit.offer.cards.every((c) => !c.available)).toBe(true);
    expect(visit.offer.cards[0]?.unavailableReason).toMatch(/terapeuta/);
    const face = visit.offer.cards[0]?.addonId ?? 0;
    expect(() => chooseAddons(m, { appointmentId: id, addonIds: [face], offerMs: 1, lang: "en" })).toThrow(/isn't available/);
  });

  it("refuses an unknown appointment or one from another day", async () => {
    const m = await demoModel();
    expect(() => checkInAtKiosk(m, 999_999, "en")).toThrow(/couldn't find that appointment for today/);
    const yesterday = m.db.prepare("SELECT id FROM appointments WHERE local_day < '2026-11-25' LIMIT 1").get() as { id: number };
    expect(() => checkInAtKiosk(m, yesterday.id, "en")).toThrow(/couldn't find/);
  });
});
