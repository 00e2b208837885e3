import { useEffect, useState } from "react";
import { OTHER_DAYS_AHEAD, OTHER_DAYS_BACK, type OtherDayBooking } from "../../../contract/channels";
import { call } from "../../common/api";
import { dateTimeFormat } from "../../common/format";

/** How a booking on another day went: a booking still to come says nothing. */
const OTHER_DAY_STATUS: Record<OtherDayBooking["status"], string | null> = {
  booked: null,
  checked_in: "came",
  missed: "never checked in",
  no_show: "no-show",
  cancelled: "cancelled",
};
const otherDayWhen = (iso: string, timeZone: string): string =>
  dateTimeFormat("en-US", {
    timeZone,
    weekday: "short",
    month: "short",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
  }).format(new Date(iso));

/**
 * Nobody today answers the desk's search: the guest may have come on the wrong day, or missed
 * theirs. Looks the words up on other days (a moment after the typing stops) and lists what it finds.
 */
export function OtherDays({
  query,
  timeZone,
  guard,
}: {
  query: string;
  timeZone: string;
  guard: <T>(p: Promise<T>) => Promise<T>;
}) {
  const [found, setFound] = useState<{ query: string; bookings: OtherDayBooking[] } | null>(null);
  useEffect(() => {
    const timer = setTimeout(() => {
      guard(call("desk.otherDays", { query })).then(
        (r) => setFound({ query, bookings: r.bookings }),
        () => setFound(null),
      );
    }, 250);
    return () => clearTimeout(timer);
  }, [query, guard]);
  const elsewhere = found?.query === query ? found.bookings : null;
  if (!elsewhere) return null;
  return (
    <section className="other-days" aria-label="On other days">
      {elsewhere.length === 0 ? (
        <p>
          No booking matches “{query}” on other days either ({OTHER_DAYS_BACK} days back, {OTHER_DAYS_AHEAD} ahead).
        </p>
      ) : (
        <>
          <h2>On other days</h2>
          <ul>
            {elsewhere.map((b) => (
              <li key={b.appointmentId}>
                <strong>{b.guestName}</strong> · {otherDayWhen(b.startsAt, timeZone)} · {b.serviceName} with{" "}
                {b.therapistName}
                {OTHER_DAY_STATUS[b.status] && <span className="status-note"> · {OTHER_DAY_STATUS[b.status]}</span>}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
