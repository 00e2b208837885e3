import type { reportChannels } from "../../../contract/reports";
import { uptakeReport } from "../../../db/reports/reports";
import type { AreaHandlers, HandlerDeps } from "./types";

export const reportHandlers = ({ model, reportExports }: HandlerDeps): AreaHandlers<typeof reportChannels> => ({
  "reports.uptake": (input) => uptakeReport(model, input),
  "reports.exportOptions": () => reportExports.options(),
  "reports.exportStart": (input, session) => reportExports.start(input, session),
  "reports.exportCancel": ({ jobId }) => ({ cancelled: reportExports.cancel(jobId) }),
});
