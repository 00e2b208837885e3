import type { PrinterStatus } from "../driver";

/** DLE EOT n: real-time status requests, answered with one byte even while the printer is busy. */
export const STATUS_QUERIES = {
  printer: Uint8Array.of(0x10, 0x04, 1),
  offlineCause: Uint8Array.of(0x10, 0x04, 2),
  paperSensor: Uint8Array.of(0x10, 0x04, 4),
} as const;

export type StatusReplies = { printer: number; offlineCause: number; paperSensor: number };

/** Every DLE EOT reply has bit 1 and 4 set and bits 0 and 7 clear. */
function isStatusByte(byte: number): boolean {
  return (byte & 0b1001_0011) === 0b0001_0010;
}

/** Decodes the three DLE EOT replies; the most actionable problem wins. */
export function decodeStatus(replies: StatusReplies): PrinterStatus {
  const { printer, offlineCause, paperSensor } = replies;
  if (![printer, offlineCause, paperSensor].every(isStatusByte)) {
    return { state: "unknown", message: "Printer gave an unexpected status answer" };
  }
  if (offlineCause & 0x04) return { state: "cover-open", message: "Printer cover is open" };
  if (paperSensor & 0x60 || offlineCause & 0x20) return { state: "paper-out", message: "Printer is out of paper" };
  if (offlineCause & 0x40) {
    return { state: "offline", message: "Printer reports an error (paper jam or cutter); switch it off and on again" };
  }
  if (printer & 0x08) return { state: "offline", message: "Printer is offline" };
  if (paperSensor & 0x0c) return { state: "ready", message: "Printer is ready (paper is running low)" };
  return { state: "ready", message: "Printer is ready" };
}
