import { presetRange, type DateRange, type ReportPreset } from "../../contract/reports";

const PRESETS: { key: ReportPreset; label: string }[] = [
  { key: "thisWeek", label: "This week" },
  { key: "last30", label: "Last 30 days" },
  { key: "thisMonth", label: "This month" },
];
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export interface RangeChoice {
  preset: ReportPreset | "custom";
  range: DateRange;
}
export const initialRange = (today: string): RangeChoice => ({ preset: "last30", range: presetRange("last30", today) });

/** The range every page of the dashboard shows: a preset, or any From/To (a half-typed date is not applied). */
export function RangePicker({
  value,
  today,
  onChange,
}: {
  value: RangeChoice;
  today: string;
  onChange: (next: RangeChoice) => void;
}) {
  const { preset, range } = value;
  const custom = (patch: Partial<DateRange>) => {
    const next = { ...range, ...patch };
    if (DAY.test(next.from) && DAY.test(next.to) && next.from <= next.to) onChange({ preset: "custom", range: next });
  };
  return (
    <form className="range report-controls" onSubmit={(e) => e.preventDefault()} aria-label="Date range">
      <div className="presets" role="group" aria-label="Quick ranges">
        {PRESETS.map((p) => (
          <button
            key={p.key}
            type="button"
            className={preset === p.key ? "secondary active" : "secondary"}
            aria-pressed={preset === p.key}
            onClick={() => onChange({ preset: p.key, range: presetRange(p.key, today) })}
          >
            {p.label}
          </button>
        ))}
      </div>
      <label>
        From <input type="date" value={range.from} max={range.to} onChange={(e) => custom({ from: e.target.value })} />
      </label>
      <label>
        To <input type="date" value={range.to} min={range.from} onChange={(e) => custom({ to: e.target.value })} />
      </label>
      <p className="tz">Days as each location counts them, in its own time zone.</p>
    </form>
  );
}
