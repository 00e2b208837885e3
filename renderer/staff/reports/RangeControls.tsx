import type { ReactNode } from "react";
import type { DateRange, ReportPreset } from "../../../contract/reports";
import { DAY_MAX, DAY_MIN } from "../../../contract/common";

/** The quick ranges a report offers, in order. */
export const PRESETS: readonly { key: ReportPreset; label: string }[] = [
  { key: "today", label: "Today" },
  { key: "thisWeek", label: "This week" },
  { key: "last30", label: "Last 30 days" },
  { key: "thisMonth", label: "This month" },
];

/**
 * A report's range: quick-range buttons and From/To dates, with a note on whose days they are.
 * The caller decides what a typed date does (`onDates` gets the range as typed, perhaps half a date).
 */
export function RangeControls({
  presets,
  preset,
  range,
  onPreset,
  onDates,
  note,
}: {
  presets: readonly { key: ReportPreset; label: string }[];
  preset: ReportPreset | "custom";
  range: DateRange;
  onPreset: (p: ReportPreset) => void;
  onDates: (typed: DateRange) => void;
  note: ReactNode;
}) {
  return (
    <form className="range report-controls" onSubmit={(e) => e.preventDefault()} aria-label="Date range">
      <div className="presets" role="group" aria-label="Quick ranges">
        {presets.map((p) => (
          <button
            key={p.key}
            type="button"
            className={preset === p.key ? "secondary active" : "secondary"}
            aria-pressed={preset === p.key}
            onClick={() => onPreset(p.key)}
          >
            {p.label}
          </button>
        ))}
      </div>
      <label>
        From{" "}
        <input
          type="date"
          value={range.from}
          min={DAY_MIN}
          max={range.to}
          onChange={(e) => onDates({ ...range, from: e.target.value })}
        />
      </label>
      <label>
        To{" "}
        <input
          type="date"
          value={range.to}
          min={range.from}
          max={DAY_MAX}
          onChange={(e) => onDates({ ...range, to: e.target.value })}
        />
      </label>
      <p className="tz">{note}</p>
    </form>
  );
}
