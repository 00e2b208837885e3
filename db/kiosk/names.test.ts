import { describe, expect, it } from "vitest";
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
    expect(checkInAtKiosk(m, id, "en").visit.guestFirstName).toBe("Jane");
    expect(buildTicketContent(m, id, { kind: "original", confirmedBy: "Kiosk" }).guestLabel).toBe("Jane D.");
  });
});
