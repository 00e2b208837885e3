import { describe, expect, it } from "vitest";
import { sampleTicket } from "../test-support/fixtures";
import { previewLines } from "./preview";

describe("previewLines", () => {
  it("renders the 58 mm ticket as monospace lines", () => {
    expect(
      previewLines(
        sampleTicket({ kind: "reprint", addons: [{ code: "face", title: "FACE MASSAGE", extraMinutes: 0 }] }),
        "58mm",
      ).map((l) => l.text),
    ).toEqual([
      "   Happy Head Spa & Wellness",
      "      T I C K E T   4 2",
      "         Print job 1007",
      "--------------------------------",
      "* * *   R E P R I N T   * * *",
      "--------------------------------",
      "Guest: María G.",
      "Date: Tuesday 3 June 2025",
      "Time: 14:00 - 15:30",
      "Service: Swedish Massage",
      "  (60 min)",
      "Therapist: Zoë",
      "Room: Room 3 (Garden)",
      "--------------------------------",
      "ADD-ONS",
      "F A C E   M A S S A G E",
      "--------------------------------",
      "Confirmed by: Begoña",
      "Printed: 3 Jun 2025 13:58",
    ]);
  });

  it("never exceeds the paper's columns", () => {
    for (const [paper, columns] of [
      ["80mm", 48],
      ["58mm", 32],
    ] as const) {
      const lines = previewLines(
        sampleTicket({ spaName: "W".repeat(120), addons: [{ code: "x", title: "M".repeat(80), extraMinutes: 0 }] }),
        paper,
      );
      for (const line of lines) expect(line.text.length).toBeLessThanOrEqual(columns);
    }
  });

  it("shows the guest's pressure as a plain line, as the paper prints it", () => {
    for (const paper of ["80mm", "58mm"] as const) {
      expect(previewLines(sampleTicket({ pressure: "light" }), paper)).toContainEqual({
        text: "Pressure: Light",
        bold: false,
      });
    }
  });

  it("shows the ALERTS box in bold where the paper prints it bold", () => {
    const lines = previewLines(
      sampleTicket({
        alerts: { allergies: ["Nuts"], avoid: [], checks: [{ addon: "scalp", reason: "recent hair transplant" }] },
      }),
      "58mm",
    );
    const top = lines.findIndex((l) => l.text.startsWith("+== ALERTS"));
    expect(lines.slice(top, top + 5)).toEqual([
      { text: "+== ALERTS ====================+", bold: true },
      { text: "| ALLERGIES: Nuts              |", bold: true },
      { text: "| CHECK WITH GUEST: scalp \u2014    |", bold: false },
      { text: "|   recent hair transplant     |", bold: false },
      { text: "+==============================+", bold: true },
    ]);
  });
});
