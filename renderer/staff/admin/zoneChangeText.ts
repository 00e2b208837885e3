import { ZONE_CHANGE_INLINE_MAX, type TimeZoneChange } from "../../../contract/admin";

const count = (n: number, one: string, many: string) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

/**
 * What saving another time zone will do, in the manager's words (the Time zone field's hint): bookings keep their
 * wall-clock time, check-ins the moment they happened, and the reports follow the new zone (db/admin/time-zone.ts).
 */
export function zoneChangeText(change: TimeZoneChange): string {
  if (change.pauses)
    return (
      `This spa has more than ${ZONE_CHANGE_INLINE_MAX.toLocaleString("en-US")} bookings and check-ins. Bookings keep ` +
      "their times and check-ins the moment they happened, but rewriting them all pauses the kiosk and the desk: " +
      "about a minute for a busy year. Guests who tap meanwhile are asked to try again. Save when no one is checking in."
    );
  const said: string[] = [];
  if (change.bookings > 0)
    said.push(
      `${count(change.bookings, "booking keeps its time", "bookings keep their times")}` +
        (change.bookingTime ? ` (${change.bookingTime} stays ${change.bookingTime})` : ""),
    );
  if (change.checkIns > 0)
    said.push(
      `${count(change.checkIns, "check-in keeps", "check-ins keep")} the moment ${change.checkIns === 1 ? "it" : "they"} ` +
        "happened" +
        (change.checkIn ? ` (the last one, at ${change.checkIn.before}, will read ${change.checkIn.after})` : ""),
    );
  if (said.length === 0) return "Nothing is stored yet: bookings and check-ins will be in the new time zone.";
  return `${said.join("; ")}. Each day's arrivals, the reports, exports and head office follow the new time zone.`;
}
