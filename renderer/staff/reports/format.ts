import { periodBounds, type ReportGrain, type ReportPeriod } from "../../../contract/reports";
import { dateTimeFormat, percent } from "../../common/format";

/** How the Reports screen writes its figures and days (US English, days as the spa counts them). */
export const L = "en-US";
export const pct = (r: number | null) => percent(r, L);
export const mins = (m: number | null) => (m === null ? "—" : `${m.toFixed(1)} min`);
export const num = (n: number) => n.toLocaleString(L);
/** Where the guest checked in, as the breakdowns name it. */
export const channelLabel = (channel: "kiosk" | "desk") => (channel === "kiosk" ? "Kiosk" : "Front desk");
export const dayLabel = (day: string, opts: Intl.DateTimeFormatOptions) =>
  dateTimeFormat(L, { timeZone: "UTC", ...opts }).format(new Date(`${day}T12:00:00Z`));
export const periodLabel = (period: string, grain: ReportGrain): string =>
  grain === "month"
    ? dayLabel(`${period}-01`, { month: "long", year: "numeric" })
    : grain === "week"
      ? `Week of ${dayLabel(period, { month: "short", day: "numeric", year: "numeric" })}`
      : dayLabel(period, { weekday: "short", month: "short", day: "numeric" });
/** A week or month the range cuts says which of its days it counts: "Week of Nov 16, 2026 (Nov 18 – Nov 22 only)". */
export function periodRowLabel(p: ReportPeriod, grain: ReportGrain): string {
  const whole = periodBounds(p.period, grain);
  if (whole.from === p.from && whole.to === p.to) return periodLabel(p.period, grain);
  const short = (day: string) => dayLabel(day, { month: "short", day: "numeric" });
  return `${periodLabel(p.period, grain)} (${p.from === p.to ? short(p.from) : `${short(p.from)} – ${short(p.to)}`} only)`;
}
