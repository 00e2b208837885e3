import { CLOCK_AHEAD_MAX_DAYS, type ClockTrust } from "../../contract/maintenance";

/**
 * The computer's clock reads further ahead than erasing by date believes (db/maintenance/clock-trust.ts): privacy
 * retention and the backups' ages wait at the last believed date until a manager says the date is right, or the clock
 * is put right. An alert, since every check-in meanwhile is stamped with that clock too.
 */
export function ClockAhead({
  clock,
  when,
  busy,
  onConfirm,
}: {
  clock: Extract<ClockTrust, { state: "ahead" }>;
  when: (iso: string) => string;
  busy: boolean;
  onConfirm: (clockAt: string) => void;
}) {
  return (
    <div className="clock-ahead" role="alert" aria-labelledby="clock-ahead-title">
      <h2 id="clock-ahead-title">⚠ Is the computer’s date right?</h2>
      <p>
        Its clock reads <strong>{when(clock.clockAt)}</strong>: {clock.days} days after the last date Happy Head trusted
        ({when(clock.trustedAt)}). Check-ins are stamped with this clock. Until you say the date is right, nothing is
        erased by it: guests’ details and old backups are kept as of {when(clock.trustedAt)}.
      </p>
      <p>
        If the date is wrong, set the computer’s date and time (and its time zone) right; this goes away by itself. If
        the spa was closed for more than {CLOCK_AHEAD_MAX_DAYS} days, the date is right: say so here.
      </p>
      <button type="button" className="primary" disabled={busy} onClick={() => onConfirm(clock.clockAt)}>
        The date is right
      </button>
    </div>
  );
}
