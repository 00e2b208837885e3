import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { log } from "./log";

/**
 * The kiosk's display, remembered by Electron's display id across restarts: a guest screen that
 * is in standby at boot, or plugged in after the app started, gets the kiosk back when it returns
 * instead of the windows swapping screens. A small JSON file beside Chromium's profile.
 */
const Saved = z.object({ kioskDisplayId: z.number().int() });

export function readKioskDisplay(file: string): number | null {
  try {
    const parsed = Saved.safeParse(JSON.parse(readFileSync(file, "utf8")));
    return parsed.success ? parsed.data.kioskDisplayId : null;
  } catch {
    return null; // Not saved yet (or unreadable): plan as on a first start.
  }
}

export function saveKioskDisplay(file: string, kioskDisplayId: number): void {
  if (readKioskDisplay(file) === kioskDisplayId) return;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(`${file}.tmp`, JSON.stringify({ kioskDisplayId }));
    renameSync(`${file}.tmp`, file);
  } catch (error) {
    log.error("displays", { event: "remember-failed", error });
  }
}
