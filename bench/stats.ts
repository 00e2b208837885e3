import { PerformanceObserver, monitorEventLoopDelay, type IntervalHistogram } from "node:perf_hooks";

export interface BenchResult {
  name: string;
  lines: string[];
  /** Measured ratio (ours / reference, lower is better) and its target, when the benchmark has one. */
  ratio?: number;
  target?: number;
  /** Further figures of the same run with their own targets. */
  more?: { label: string; ratio: number; target: number }[];
}

export const median = (xs: readonly number[]): number => percentile(xs, 50);

export function percentile(xs: readonly number[], p: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] ?? Number.NaN;
}

/**
 * The main thread's event-loop delay from now on, in a histogram that is already recording. Node's histogram records
 * from its second tick on, so a stall that starts the measured work (its first synchronous step) went unseen: a 4.6 s
 * check of the audit log on the main thread read as 4.4 ms. This waits for that second tick before it returns.
 */
export async function loopDelayFromNow(resolutionMs = 1): Promise<IntervalHistogram> {
  const h = monitorEventLoopDelay({ resolution: resolutionMs });
  h.enable();
  await new Promise((resolve) => setTimeout(resolve, 2 * resolutionMs + 5));
  return h;
}

/**
 * The main thread's garbage collections from now on, beside a stall: the longest pause of one (for a major GC, its
 * last step with the program stopped; the incremental steps before it run inside the program's own turns). A stall
 * the collector made is told apart from one the app's work made. `stop()` returns the longest, in ms.
 */
export function gcPausesFromNow(): { stop: () => number } {
  let longest = 0;
  const take = (entries: readonly { duration: number }[]) => {
    for (const e of entries) longest = Math.max(longest, e.duration);
  };
  const observer = new PerformanceObserver((list) => take(list.getEntries()));
  observer.observe({ entryTypes: ["gc"] });
  return {
    stop: () => {
      take(observer.takeRecords());
      observer.disconnect();
      return longest;
    },
  };
}
