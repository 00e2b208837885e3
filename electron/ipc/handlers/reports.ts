import type { reportChannels } from "../../../contract/reports";
import { needsBackgroundRefresh, reportChanges } from "../../../db/reports/cache";
import { assembleReport, uptakeReport } from "../../../db/reports/reports";
import { unpackSums, type ReportSums } from "../../../db/reports/sums";
import { logBackgroundFailure } from "../../background/client";
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
  const counting = (from: string, to: string) =>
    throttled(COUNTING_PUSH_MS, monotonicMs, (done: number, total: number) =>
      emit("reports.counting", { from, to, done, total }),
    );
  const countRange = (from: string, to: string): Promise<void> => {
    const key = `${from}/${to}`;
    let count = counts.get(key);
    if (!count) {
      const pushes = counting(from, to);
      count = background
        .run("refreshReports", { from, to }, pushes.call)
        .then(() => pushes.flush())
        .finally(() => counts.delete(key));
      counts.set(key, count);
    }
    return count;
  };
  /**
   * A range's sums counted from the source tables (db/reports/source.ts), by range: the count running, then its
   * sums, kept while the cache of the range is built after it, with the count of changes they saw.
   */
  const sourced = new Map<string, Promise<ReportSums | null>>();
  const kept = new Map<string, { changes: number; sums: ReportSums }>();
  /**
   * The range's sums counted from the source, or null when the cache is the way: its refresh is quicker (a few
   * stale check-ins among many), or it is being built and something changed since the count.
   */
  const fromSource = (from: string, to: string): Promise<ReportSums | null> => {
    const key = `${from}/${to}`;
    const sums = kept.get(key);
    if (sums) return Promise.resolve(sums.changes === reportChanges(model) ? sums.sums : null);
    if (counts.has(key)) return Promise.resolve(null);
    let count = sourced.get(key);
    if (!count) {
      const pushes = counting(from, to);
      count = background
        .run("reportFromSource", { from, to }, pushes.call)
        .then(({ changes, sums: packed }) => {
          pushes.flush();
          const sums = packed && unpackSums(packed);
          if (sums) {
            // The cache is built after the report is shown; until then the sums answer for the range while nothing
            // changes (the screen's other grains, its reload), and a report after a change waits for the cache.
            kept.set(key, { changes, sums });
            // Once the report has gone out: begun at once, both workers' passes took the cores while the main thread
            // put the report together.
            setImmediate(
              () =>
                void countRange(from, to)
                  .catch((error: unknown) => logBackgroundFailure("reports", "cache-build-failed", error))
                  .finally(() => kept.delete(key)),
            );
          }
          return sums;
        })
        .finally(() => sourced.delete(key));
      sourced.set(key, count);
    }
    return count;
  };
  return {
    // A range the cache hasn't built is counted by the workers from the source tables, both cores at once, the
    // manager's screen told how far they are; the cache is built after. A range with a few stale check-ins has the
    // workers refresh those, a short transaction at a time, and the report then reads the cache here (what changed
    // meanwhile is a few check-ins' work).
    "reports.uptake": async (input) => {
      if (needsBackgroundRefresh(model, input.from, input.to)) {
        const sums = await fromSource(input.from, input.to);
        if (sums) return assembleReport(model, input, sums);
        await countRange(input.from, input.to);
      }
      return uptakeReport(model, input);
    },
    "reports.exportOptions": () => reportExports.options(),
    "reports.exportStart": (input, session) => reportExports.start(input, session),
    "reports.exportCancel": ({ jobId }) => ({ cancelled: reportExports.cancel(jobId) }),
  };
};
