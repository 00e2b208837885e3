import { clockTime } from "../../common/format";

/** "10:42 AM": when the desk last heard from the main process, in the spa's zone like the desk's other times. */
export const sinceText = (since: number, timeZone: string): string =>
  clockTime(new Date(since).toISOString(), timeZone, "en-US");

/**
 * Over the foot of the list, never pushing it: the main process has sent no heartbeat for a while (useFreshness), so
 * the list may be missing arrivals. What is true when that happens: the kiosk runs on the same main process, so it may
 * be stuck too; the list catches up by itself when the main process answers again.
 */
export function NotUpToDate({ since, timeZone }: { since: number; timeZone: string }) {
  return (
    <div className="not-up-to-date" role="alert">
      <p>
        <strong>⚠ Not up to date since {sinceText(since, timeZone)}</strong> — this list may be missing arrivals and
        changes since then.
      </p>
      <p>
        Happy Head has stopped sending updates, so the kiosk may not be taking check-ins either. Wait a moment: the list
        catches up by itself. If this stays up for more than a minute, restart the computer, or call whoever looks after
        Happy Head.
      </p>
    </div>
  );
}
