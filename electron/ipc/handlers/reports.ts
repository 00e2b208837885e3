import type { reportChannels } from "../../../contract/reports";
import { uptakeReport } from "../../../db/reports/reports";
import type { AreaHandlers, HandlerDeps } from "./types";

export const reportHandlers = ({ model, background, reportExports }: HandlerDeps): AreaHandlers<typeof reportChannels> => ({
  // Days the cache hasn't built are computed by the worker, a short transaction at a time; the
  // report then reads the cache here (what changed meanwhile is a few check-ins' work).
  "reports.uptake": async (input) => {
    await background.run("refreshReports", { from: input.from, to: input.to });
    return uptakeReport(model, input);
  },
  "reports.exportOptions": () => reportExports.options(),
  "reports.exportStart": (input, session) => reportExports.start(input, session),
  "reports.exportCancel": ({ jobId }) => ({ cancelled: reportExports.cancel(jobId) }),
});
