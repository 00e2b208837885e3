import { describe, expect, it } from "vitest";
import { neutralizeCell, toCsv } from "./csv";
import { uptakeCsv, uptakeSummary } from "./reports";
import { demoModel, openTemp } from "./test/helpers";

describe("uptake report", () => {
  it("shows null (not NaN) take rate for an empty range", () => {
    const { db } = openTemp();
    expect(uptakeSummary(db, { from: "2026-01-01", to: "2026-01-31" })).toMatchObject({ checkIns: 0, offered: 0, takeRate: null, revenueCents: 0 });
  });

  it("adds up: revenue by add-on equals the total, taken never exceeds offered", async () => {
    const m = await demoModel();
    const s = uptakeSummary(m.db, { from: "2026-10-28", to: "2026-11-24" });
    expect(s.checkIns).toBeGreaterThan(400);
    expect(s.offered).toBeGreaterThan(0);
    expect(s.byAddon.reduce((a, b) => a + b.revenueCents, 0)).toBe(s.revenueCents);
    expect(s.takeRate).toBeGreaterThan(0);
    expect(s.takeRate).toBeLessThanOrEqual(1);
  });

  it("exports a CSV with a BOM, a header and one row per offer", async () => {
    const m = await demoModel();
    const { content, filename } = uptakeCsv(m.db, { from: "2026-11-24", to: "2026-11-24" });
    expect(filename).toBe("addon-uptake_2026-11-24_2026-11-24.csv");
    expect(content.startsWith("\uFEFFDate,Appointment ID,Service")).toBe(true);
    const lines = content.trim().split("\r\n");
    const offers = m.db.prepare("SELECT count(*) AS n FROM offers WHERE local_day = '2026-11-24'").get() as { n: number };
    expect(lines).toHaveLength(offers.n + 1);
  });
});

describe("CSV cells", () => {
  it("neutralizes formula-looking cells, including after spaces and on every line", () => {
    expect(neutralizeCell("=SUM(A1)")).toBe("'=SUM(A1)");
    expect(neutralizeCell("  +1")).toBe("'  +1");
    expect(neutralizeCell("\uFF1Dcmd")).toBe("'\uFF1Dcmd");
    expect(neutralizeCell("ok\n@evil")).toBe("ok\n'@evil");
    expect(neutralizeCell("María")).toBe("María");
    expect(toCsv(["a"], [["x,\"y\""]])).toBe('\uFEFFa\r\n"x,""y"""\r\n');
  });
});
