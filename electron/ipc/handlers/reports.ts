import type { reportChannels } from "../../../contract/reports";
import { uptakeCsv, uptakeSummary } from "../../../db/reports";
import type { AreaHandlers, HandlerDeps } from "./types";

export const reportHandlers = ({ model }: HandlerDeps): AreaHandlers<typeof reportChannels> => ({
  "reports.uptake": (input) => uptakeSummary(model.db, input),
  "reports.uptakeCsv": (input) => ({ ...uptakeCsv(model.db, input), mimeType: "text/csv;charset=utf-8" }),
});
