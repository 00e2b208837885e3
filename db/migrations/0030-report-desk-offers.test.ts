import { describe, expect, it } from "vitest";
import { refreshReportCache } from "../reports/cache";
import { uptakeReport } from "../reports/reports";
import { deskAddsWhatTheKioskHid } from "../test/desk";
import { demoModel } from "../test/helpers";
import { sql } from "./0030-report-desk-offers";

describe("0030: an add-on the desk added counts as offered", () => {
  it("marks stale exactly the check-ins with an add-on the desk added where the kiosk hid it, and a refresh of those gives the report", async () => {
    const m = await demoModel();
    // Checked-in guests the kiosk showed an add-on to none of: the desk adds one anyway.
    const hidden = deskAddsWhatTheKioskHid(m, 3);
    expect(hidden.length).toBeGreaterThan(0);
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
