import { describe, expect, it } from "vitest";
import { uptakeReportSchema } from "../../contract/reports";
import { changeAddons } from "../desk/addons";
import { modelOf } from "../model";
import { reportSpa } from "../test/report-fixture";
import { uptakeReport } from "./reports";

describe("an add-on the desk added where the kiosk hid it", () => {
  it("counts as offered, so no take rate passes 100% and the Reports screen takes the report", () => {
    const spa = reportSpa("America/New_York");
    const day = "2026-11-18";
    const desk = { kind: "staff", staffId: 1, name: "Riley Desk" } as const;
    // Ana is booked back to back: the kiosk shows her first three guests no add-on (none fits before the next
    // booking). Each asks at the desk for a face massage anyway, and the receptionist adds it.
    const ana = ["10:00", "11:00", "12:00", "13:00"].map((t) => spa.book(day, t, "swedish", "ana"));
    for (const [i, id] of ana.slice(0, 3).entries()) {
      const at = spa.localIso(day, `${9 + i}:50`);
      spa.kiosk(id, at, null);
      expect(
        spa.db
          .prepare(
            "SELECT count(*) FROM offer_items i JOIN offers o ON o.id = i.offer_id WHERE o.appointment_id = ? AND i.shown = 1",
          )
          .pluck()
          .get(id),
      ).toBe(0);
      changeAddons(modelOf(spa.db, { now: () => new Date(Date.parse(at) + 5 * 60_000) }), desk, {
        appointmentId: id,
        addonIds: [spa.addons.face],
        acknowledged: true,
      });
    }
    // A guest of Ben's is shown both add-ons and says no thanks.
    spa.kiosk(spa.book(day, "10:00", "deep", "ben"), spa.localIso(day, "09:45"), []);

    const report = uptakeReport(spa.m, { from: day, to: day, grain: "day" });
    expect(report.totals).toMatchObject({ checkIns: 4, offered: 4, taken: 3, takeRate: 0.75, addedAtDesk: 3 });
    const face = report.byAddon.find((a) => a.code === "face");
    expect(face).toMatchObject({ shown: 4, taken: 3, takeRate: 0.75 });
    expect(report.funnel.steps[0]).toMatchObject({ count: 4 });
    // What the screen checks before it shows the report: every rate a share.
    expect(uptakeReportSchema.safeParse(report).success).toBe(true);
    for (const row of [...report.byTherapist, ...report.byService, ...report.overTime])
      expect(row.figures.takeRate ?? 0).toBeLessThanOrEqual(1);
  });
});
