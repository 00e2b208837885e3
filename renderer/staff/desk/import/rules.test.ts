import { describe, expect, it } from "vitest";
import type { ImportPreview, ImportResult } from "../../../../contract/desk";
import { newEntryPrice, readiness, resultSummary } from "./rules";

const preview = (more: Partial<ImportPreview> = {}): ImportPreview => ({
  delimiter: ",",
  columns: ["id", "guest"],
  mapping: {},
  mappingRemembered: false,
  preset: null,
  dateOrder: { order: null, from: "not-needed" },
  rows: [],
  errors: [],
  warnings: [],
  unknownNames: [],
  missing: [],
  catalog: { service: [], therapist: [], room: [] },
  canAddToCatalog: true,
  totalRows: 10,
  validRows: 10,
  bookings: 10,
  ...more,
});
const result = (more: Partial<ImportResult> = {}): ImportResult => ({
  created: 3,
  updated: 2,
  unchanged: 1,
  skipped: 0,
  cancelled: 0,
  cancelledAfterCheckIn: [],
  cancelledMissing: 0,
  changedAfterCheckIn: [],
  ...more,
});

describe("the import's rules", () => {
  it("a new therapist or room needs nothing more; a new service needs 5 minutes or more and a price", () => {
    expect(newEntryPrice("therapist", "", "")).not.toBeNull();
    expect(newEntryPrice("service", "60", "45.50")).toBe(4550);
    expect(newEntryPrice("service", "60", "")).toBeNull();
    expect(newEntryPrice("service", "4", "45")).toBeNull();
    expect(newEntryPrice("service", "60.5", "45")).toBeNull();
    expect(newEntryPrice("service", "60", "-1")).toBeNull();
    expect(newEntryPrice("service", "60", "abc")).toBeNull();
  });

  it("Import runs only when every row is good or the bad ones are skipped, and never twice", () => {
    expect(readiness(preview(), false, false, null)).toEqual({
      bad: 0,
      mappingBroken: false,
      canImport: true,
    });
    expect(readiness(preview({ validRows: 8 }), false, false, null)).toMatchObject({ bad: 2, canImport: false });
    expect(readiness(preview({ validRows: 8 }), true, false, null).canImport).toBe(true);
    expect(readiness(preview(), false, true, null).canImport).toBe(false);
    expect(readiness(preview(), false, false, result()).canImport).toBe(false);
    expect(readiness(null, false, false, null).canImport).toBe(false);
  });

  it("a problem on line 1 (the header) means the columns are wrong: nothing imports, even skipping", () => {
    const broken = preview({
      validRows: 0,
      errors: [{ line: 1, field: "guestName", column: null, message: "No guest column" }],
    });
    expect(readiness(broken, true, false, null)).toMatchObject({ mappingBroken: true, canImport: false });
  });

  it("the outcome names only what happened", () => {
    expect(resultSummary(result())).toBe("Imported: 3 new, 2 updated, 1 unchanged.");
    expect(resultSummary(result({ cancelled: 2, skipped: 1 }))).toBe(
      "Imported: 3 new, 2 updated, 1 unchanged, 2 cancelled, 1 bad rows skipped.",
    );
  });
});
