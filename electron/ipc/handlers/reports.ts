import type { reportChannels } from "../../../contract/reports";
import { needsBackgroundRefresh } from "../../../db/reports/cache";
import { uptakeReport } from "../../../db/reports/reports";
import { throttled } from "../../throttle";
import type { AreaHandlers, HandlerDeps } from "./types";

/** How often, at most, the windows hear how far a report's counting is ("reports.counting"). */
const COUNTING_PUSH_MS = 250;

export const reportHandlers = ({
  model,
  background,
  reportExports,
  emit,
  monotonicMs,
}: HandlerDeps): AreaHandlers<typeof reportChannels> => {
  /**
   * The counts running, by range. A second report of a range while it is counted (the screen's live
   * reload after a check-in, the manager back on the tab) waits for that count and hears its
   * progress: a second count beside it pushed its own, and the bar jumped between the two.
   */
  const counts = new Map<string, Promise<void>>();
  const countRange = (from: string, to: string): Promise<void> => {
    const key = `${from}/${to}`;
    let count = counts.get(key);
    if (!count) {
      const pushes = throttled(COUNTING_PUSH_MS, monotonicMs, (done: number, total: number) =>
        emit("reports.counting", { from, to, done, total }),
      );
      count = background
        .run("refreshReports", { from, to }, pushes.call)
        .then(() => pushes.flush())
        .finally(() => counts.delete(key));
      counts.set(key, count);
    }
    return count;
  };
  return {
    // A range the cache hasn't built is computed by the workers first, a short transaction at a time,
    // the manager's screen told how far they are; the report then reads the cache here (what changed
    // meanwhile is a few check-ins' work).
    "reports.uptake": async (input) => {
      if (needsBackgroundRefresh(model, input.from, input.to)) await countRange(input.from, input.to);
      return uptakeReport(model, input);
    },
    "reports.exportOptions": () => reportExports.options(),
    "reports.exportStart": (input, session) => reportExports.start(input, session),
    "reports.exportCancel": ({ jobId }) => ({ cancelled: reportExports.cancel(jobId) }),
  };
};
