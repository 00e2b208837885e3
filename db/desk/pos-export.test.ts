import { describe, expect, it } from "vitest";
import { arrivalsQueue } from "./queue";
import { confirmAddons, voidAddons } from "./addons";
import { exportConfirmedAddons } from "./pos-export";
import { riley, checkedInWithFace } from "../test/desk";

describe("the POS export", () => {
  it("exports the day's confirmed add-ons for the POS, formula-safe, without voided ones", async () => {
    const { m, id } = await checkedInWithFace();
    m.db.prepare("UPDATE appointments SET external_id = '=HYPERLINK(\"x\")' WHERE id = ?").run(id);
    confirmAddons(m, riley, id);
    const day = arrivalsQueue(m).day;
    const csv = exportConfirmedAddons(m, day).content;
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const [header, ...lines] = csv.slice(1).split("\r\n");
    const first = lines.find((l) => l.includes("HH2233"));
    expect(header).toBe("Date,Appointment start,Booking system ID,Booking code,Checked in,Add-on code,Add-on,Price");
    // The spa's date and times, both keys a till can match on, and the check-in time.
    expect(first).toMatch(
      new RegExp(`^${day},\\d{2}:\\d{2},"'=HYPERLINK\\(""x""\\)",HH2233,\\d{2}:\\d{2},face,Face massage,25$`),
    );
    voidAddons(m, riley, { appointmentId: id, reason: "Not today" });
    expect(exportConfirmedAddons(m, day).content).not.toContain("HH2233");
  });
});
