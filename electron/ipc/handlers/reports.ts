import type { reportChannels } from "../../../contract/reports";
import { needsBackgroundRefresh } from "../../../db/reports/cache";
import { uptakeReport } from "../../../db/reports/reports";
import type { AreaHandlers, HandlerDeps } from "./types";

export const reportHandlers = ({
  model,
  background,
  reportExports,
}: HandlerDeps): AreaHandlers<typeof reportChannels> => ({
  // A range the cache hasn't built is computed by the worker first, a short transaction at a time;
  // the report then reads the cache here (what changed meanwhile is a few check-ins' work).
  "reports.uptake": async (input) => {
    if (needsBackgroundRefresh(model, input.from, input.to))
      await background.run("refreshReports", { from: input.from, to: input.to });
    return uptakeReport(model, input);
  },
  "reports.exportOptions": () => reportExports.options(),
  "reports.exportStart": (input, session) => reportExports.start(input, session),
  "reports.exportCancel": ({ jobId }) => ({ cancelled: reportExports.cancel(jobId) }),
});
