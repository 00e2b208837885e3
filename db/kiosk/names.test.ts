import { describe, expect, it } from "vitest";
import { DEMO_GUESTS } from "../demo/seed-demo";
import { insertAppointment } from "../desk/appointments";
import { buildTicketContent } from "../printing/tickets";
import { demoModel } from "../test/helpers";
import { addMinutes } from "../time";
import { checkInAtKiosk } from "./check-in";
import { findAppointments } from "./search";

describe("titles in a booking's name", () => {
  it("the kiosk and the therapist's ticket show the guest's first name and initial, never their title", async () => {
    const m = await demoModel();
    const names = ["Mrs. Jane Doe", "Doe, Mrs. Jane", "Dr Ana Ruiz", "Mr & Mrs Smith", "Sra. María González"];
    const ids = names.map((guestName, i) =>
      m.db.transaction(() =>
        insertAppointment(m, "America/Los_Angeles", {
          guestName,
          phone: "33611223344",
          serviceId: 1,
          therapistId: i + 1,
          roomId: i + 1,
          startsAt: addMinutes(m.clock.now().toISOString(), 30),
          source: "import",
        }),
      )(),
    );
    const found = findAppointments(m, { by: "phone", phone: "0611223344" });
    expect(found.map((a) => a.guestLabel)).toEqual(["Jane D.", "Jane D.", "Ana R.", "Mr & Mrs S.", "María G."]);
    const id = ids[0] ?? 0;
    expect(checkInAtKiosk(m, id, "en").visit.guestLabel).toBe("Jane D.");
    expect(buildTicketContent(m, id, { kind: "original", confirmedBy: "Kiosk" }).guestLabel).toBe("Jane D.");
  });
});

describe("one name, one label: the kiosk's matches, its greeting and the therapist's slip", () => {
  /** The demo's family (one phone) renamed as a booking system wrote them; their labels everywhere. */
  async function family(names: [string, string]) {
    const m = await demoModel();
    const rename = m.db.prepare("UPDATE appointments SET guest_name = ? WHERE guest_name = ?");
    DEMO_GUESTS.family.names.forEach((was, i) => rename.run(names[i], was));
    const matches = findAppointments(m, { by: "phone", phone: DEMO_GUESTS.family.phone });
    return matches.map((match) => ({
      match: match.guestLabel,
      greeting: checkInAtKiosk(m, match.appointmentId, "en").visit.guestLabel,
      slip: buildTicketContent(m, match.appointmentId, { kind: "original", confirmedBy: "Kiosk" }).guestLabel,
    }));
  }
  const same = (label: string) => ({ match: label, greeting: label, slip: label });

  it("a family exported in capitals, 'LAST, FIRST': each finds, is greeted by and is slipped as their own name", async () => {
    expect(await family(["FISCHER, LENA", "FISCHER, TOM"])).toEqual([same("Lena F."), same("Tom F.")]);
  });

  it("a family named family name first: never a whole name, and the two told apart", async () => {
    expect(await family(["Nguyễn Thị Lan", "Nguyễn Văn Minh"])).toEqual([same("Nguyễn L."), same("Nguyễn M.")]);
    expect(await family(["王小明", "王小红"])).toEqual([same("王*明"), same("王*红")]);
  });
});
