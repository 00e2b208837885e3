import { presetRange, type DateRange, type ReportPreset } from "../../contract/reports";
import { PRESETS, RangeControls } from "../../renderer/staff/reports/RangeControls";

/** The report's quick ranges, without Today. */
const CHAIN_PRESETS = PRESETS.filter((p) => p.key !== "today");
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
  const custom = (next: DateRange) => {
    if (DAY.test(next.from) && DAY.test(next.to) && next.from <= next.to) onChange({ preset: "custom", range: next });
  };
  return (
    <RangeControls
      presets={CHAIN_PRESETS}
      preset={value.preset}
      range={value.range}
      onPreset={(p) => onChange({ preset: p, range: presetRange(p, today) })}
      onDates={custom}
      note="Days as each location counts them, in its own time zone."
    />
  );
}
