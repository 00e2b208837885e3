import { describe, expect, it } from "vitest";
import type { QueueItem } from "../../contract/channels";
import { lateLabel, matchesSearch } from "./deskText";

describe("lateLabel", () => {
  const start = "2026-12-01T17:00:00.000Z";
  const at = (minutes: number, seconds = 0) => Date.parse(start) + minutes * 60_000 + seconds * 1000;

  it("says nothing before the start time or within its first minute", () => {
    expect(lateLabel(start, at(-30))).toBeNull();
    expect(lateLabel(start, at(0))).toBeNull();
    expect(lateLabel(start, at(0, 59))).toBeNull();
  });

  it("counts whole minutes, then hours and minutes", () => {
    expect(lateLabel(start, at(1))).toBe("Late · 1 min");
    expect(lateLabel(start, at(25, 30))).toBe("Late · 25 min");
    expect(lateLabel(start, at(60))).toBe("Late · 1 h");
    expect(lateLabel(start, at(125))).toBe("Late · 2 h 5 min");
  });
});

describe("matchesSearch", () => {
  const item = {
    guestName: "María González",
    serviceName: "Hot stone massage",
    therapistName: "Chloé Martin",
    roomName: "Lotus",
    externalId: "BK-1042",
    guestPhone: "(555) 010-2233",
  } as QueueItem;

  it("finds a guest by part of a name typed without accents or capitals", () => {
    expect(matchesSearch(item, "gonzalez")).toBe(true);
    expect(matchesSearch(item, "MARIA")).toBe(true);
    expect(matchesSearch(item, "chloe")).toBe(true);
    expect(matchesSearch(item, "bk-1042")).toBe(true);
  });

  it("finds a guest by the last digits of their phone, however it was written when booked", () => {
    expect(matchesSearch(item, "2233")).toBe(true);
    expect(matchesSearch(item, "5550102233")).toBe(true);
    expect(matchesSearch(item, "4455")).toBe(false);
    expect(matchesSearch({ ...item, guestPhone: null }, "2233")).toBe(false);
  });

  it("needs every word typed, in any column and any order", () => {
    expect(matchesSearch(item, "lotus maría")).toBe(true);
    expect(matchesSearch(item, "lotus cedar")).toBe(false);
  });

  it("an empty search matches every row", () => {
    expect(matchesSearch(item, "   ")).toBe(true);
  });
});
