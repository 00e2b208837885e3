import { CLOCK_AHEAD_MAX_DAYS, type ClockTrust } from "../../contract/maintenance";
import "./clock-warning.css";

/**
 * The computer's clock reads far from the last date Happy Head trusted (db/maintenance/clock-trust.ts). "ahead":
 * erasing by date (privacy retention, the backups' ages) waits at the last trusted date until a manager says the date
 * is right or the clock is put right. "behind": the clock is wrong (time did not go back), so today's bookings can't be
 * found by it. An alert either way: every check-in meanwhile is stamped with that clock. `onConfirm`: for a manager;
 * the desk's other staff are told where a manager says so.
 */
export function ClockWarning({
  clock,
  when,
  busy,
  onConfirm,
}: {
  clock: Exclude<ClockTrust, { state: "ok" }>;
  when: (iso: string) => string;
  busy: boolean;
  onConfirm?: (clockAt: string) => void;
}) {
  const ahead = clock.state === "ahead";
  return (
    <div className="clock-warning" role="alert" aria-labelledby="clock-warning-title">
      <h2 id="clock-warning-title">{ahead ? "⚠ Is the computer’s date right?" : "⚠ The computer’s clock is wrong"}</h2>
      <p>
        Its clock reads <strong>{when(clock.clockAt)}</strong>: {clock.days} days {ahead ? "after" : "before"} the last
        date Happy Head trusted ({when(clock.trustedAt)}). Check-ins are stamped with this clock.{" "}
        {ahead
          ? `Until a manager says the date is right, nothing is erased by it: guests’ details and old backups are kept as of ${when(clock.trustedAt)}.`
          : "Time doesn’t go backwards, so the clock is wrong: guests can’t find today’s bookings at the kiosk."}
      </p>
      <p>
        Set the computer’s date and time (and its time zone) right; this goes away by itself.
        {ahead &&
          ` If the spa was closed for more than ${CLOCK_AHEAD_MAX_DAYS} days, the date is right: a manager says so.`}
        {!onConfirm && " (A manager can say the date is right under Backups.)"}
      </p>
      {onConfirm && (
        <button type="button" className="primary" disabled={busy} onClick={() => onConfirm(clock.clockAt)}>
          The date is right
        </button>
      )}
    </div>
  );
}
