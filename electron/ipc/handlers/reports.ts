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
}: HandlerDeps): AreaHandlers<typeof reportChannels> => ({
  // A range the cache hasn't built is computed by the workers first, a short transaction at a time,
  // the manager's screen told how far they are; the report then reads the cache here (what changed
  // meanwhile is a few check-ins' work).
  "reports.uptake": async (input) => {
    const { from, to } = input;
    if (needsBackgroundRefresh(model, from, to)) {
      const counting = throttled(COUNTING_PUSH_MS, monotonicMs, (done: number, total: number) =>
        emit("reports.counting", { from, to, done, total }),
      );
      await background.run("refreshReports", { from, to }, counting.call);
      counting.flush();
    }
    return uptakeReport(model, input);
  },
  "reports.exportOptions": () => reportExports.options(),
  "reports.exportStart": (input, session) => reportExports.start(input, session),
  "reports.exportCancel": ({ jobId }) => ({ cancelled: reportExports.cancel(jobId) }),
});
