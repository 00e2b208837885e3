import { describe, expect, it } from "vitest";
import { changeAddons } from "../desk/addons";
import { refreshReportCache } from "../reports/cache";
import { uptakeReport } from "../reports/reports";
import { riley } from "../test/desk";
import { demoModel } from "../test/helpers";
import { sql } from "./0030-report-desk-offers";

describe("0030: an add-on the desk added counts as offered", () => {
  it("marks stale exactly the check-ins with an add-on the desk added where the kiosk hid it, and a refresh of those gives the report", async () => {
    const m = await demoModel();
    // Checked-in guests the kiosk showed an add-on to none of: the desk adds one anyway.
    const hidden = m.db
      .prepare(
        `SELECT o.appointment_id, min(i.addon_id) AS addon FROM offers o JOIN offer_items i ON i.offer_id = o.id
         JOIN check_ins c ON c.appointment_id = o.appointment_id WHERE o.status <> 'voided'
         GROUP BY o.id HAVING max(i.shown) = 0 ORDER BY o.appointment_id DESC LIMIT 3`,
      )
      .all() as { appointment_id: number; addon: number }[];
    expect(hidden.length).toBeGreaterThan(0);
    for (const h of hidden)
      changeAddons(m, riley, { appointmentId: h.appointment_id, addonIds: [h.addon], acknowledged: true });
    const range = { from: "2026-10-20", to: "2026-11-25", grain: "week" } as const;
    const truth = uptakeReport(m, range);
    expect(m.db.prepare("SELECT count(*) FROM report_stale").pluck().get()).toBe(0);

    m.db.exec(sql);
    expect(m.db.prepare("SELECT appointment_id FROM report_stale ORDER BY 1 DESC").pluck().all()).toEqual(
      hidden.map((h) => h.appointment_id),
    );
    expect(refreshReportCache(m, range.from, range.to)).toBe(hidden.length);
    expect(uptakeReport(m, range)).toEqual(truth);
    expect(truth.totals.takeRate ?? 0).toBeLessThanOrEqual(1);
  });
});
