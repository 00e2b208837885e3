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
