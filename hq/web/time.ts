import { clockTime, dateTimeText as dateTimeIn } from "../../renderer/common/format";
import { L } from "../../renderer/staff/reports/format";

/**
 * Times on head office's pages. Each is a moment head office or the owner lived — a location's batch arriving, a
 * one-time code made, used or cancelled, a release published — and reads in the zone of the browser the owner reads it
 * in, so a column of them compares at a glance even when the chain's locations span zones (a location's days and
 * hours in its reports are its own, counted at the location). The wall time is the kiosk's and desk's rule
 * (`clockTime`, contract/clock-time.ts): on the night the clocks go back, a time the clocks show twice carries the
 * zone's name ("1:30 AM EDT", then "1:30 AM EST"); every other time reads "1:30 AM".
 */
export const ownerZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** "1:06 PM"; "1:30 AM EST" in the repeated hour. */
export const timeText = (iso: string, timeZone = ownerZone()): string => clockTime(iso, timeZone, L);

/** "Dec 7, 2026, 1:06 PM"; "Nov 1, 2026, 1:30 AM EDT" in the repeated hour. */
export const dateTimeText = (iso: string, timeZone = ownerZone()): string => dateTimeIn(iso, timeZone, L);
