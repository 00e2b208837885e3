import { describe, expect, it } from "vitest";
import { decodeStatus } from "./escpos-status";

const OK = 0x12;

describe("decodeStatus", () => {
  it("reads a healthy printer as ready", () => {
    expect(decodeStatus({ printer: OK, offlineCause: OK, paperSensor: OK })).toEqual({
      state: "ready",
      message: "Printer is ready",
    });
  });
  it("warns when paper is running low but still prints", () => {
    expect(decodeStatus({ printer: OK, offlineCause: OK, paperSensor: OK | 0x0c }).state).toBe("ready");
  });
  it("reports paper out from the paper sensor or the offline cause", () => {
    expect(decodeStatus({ printer: OK | 0x08, offlineCause: OK | 0x20, paperSensor: OK | 0x60 })).toEqual({
      state: "paper-out",
      message: "Printer is out of paper",
    });
    expect(decodeStatus({ printer: OK | 0x08, offlineCause: OK | 0x20, paperSensor: OK }).state).toBe("paper-out");
  });
  it("reports an open cover before anything else", () => {
    expect(decodeStatus({ printer: OK | 0x08, offlineCause: OK | 0x04 | 0x20, paperSensor: OK | 0x60 }).state).toBe(
      "cover-open",
    );
  });
  it("reports errors and plain offline", () => {
    expect(decodeStatus({ printer: OK | 0x08, offlineCause: OK | 0x40, paperSensor: OK }).state).toBe("offline");
    expect(decodeStatus({ printer: OK | 0x08, offlineCause: OK, paperSensor: OK })).toEqual({
      state: "offline",
      message: "Printer is offline",
    });
  });
  it("does not trust bytes that are not status answers", () => {
    expect(decodeStatus({ printer: 0x41, offlineCause: OK, paperSensor: OK }).state).toBe("unknown");
  });
});
