import type { DateRange, FigureKey, UptakeReport } from "../../../contract/reports";
import { money } from "../../common/format";
import { Def } from "./Def";
import { dayLabel, L, mins, num, pct } from "./format";

/** What a figure was in the days compared with, and how it moved: "▲ 12" from "498". */
interface Change {
  moved: string;
  before: string;
}
const moved = (diff: number, show: (abs: number) => string): string =>
  diff === 0 ? "no change" : `${diff > 0 ? "▲" : "▼"} ${show(Math.abs(diff))}`;
const countChange = (now: number, then: number): Change => ({ moved: moved(now - then, num), before: num(then) });
const bothKnown = (
  now: number | null,
  then: number | null,
  make: (now: number, then: number) => Change,
): Change | null => (now === null || then === null ? null : make(now, then));

/** A range of days as the comparison line names it: "Nov 1 – Nov 30, 2026", or one day. */
function rangeText(r: DateRange): string {
  const full = { month: "short", day: "numeric", year: "numeric" } as const;
  return r.from === r.to
    ? dayLabel(r.from, { weekday: "short", ...full })
    : `${dayLabel(r.from, { month: "short", day: "numeric" })} – ${dayLabel(r.to, full)}`;
}

export function Kpis({
  report,
  previous,
  today,
}: {
  report: UptakeReport;
  previous: UptakeReport | null;
  today: string;
}) {
  const t = report.totals;
  // Changes only against days that had check-ins: against nothing, every figure would just "rise".
  const p = previous && previous.totals.checkIns > 0 ? previous.totals : null;
  const items: { k: FigureKey; label: string; value: string; change: Change | null }[] = [
    { k: "checkIns", label: "Check-ins", value: num(t.checkIns), change: p && countChange(t.checkIns, p.checkIns) },
    { k: "offered", label: "Offered an add-on", value: num(t.offered), change: p && countChange(t.offered, p.offered) },
    {
      k: "acceptedAtKiosk",
      label: "Accepted at kiosk",
      value: num(t.acceptedAtKiosk),
      change: p && countChange(t.acceptedAtKiosk, p.acceptedAtKiosk),
    },
    {
      k: "addedAtDesk",
      label: "Added at desk",
      value: num(t.addedAtDesk),
      change: p && countChange(t.addedAtDesk, p.addedAtDesk),
    },
    {
      k: "confirmed",
      label: "Offers confirmed",
      value: num(t.confirmed),
      change: p && countChange(t.confirmed, p.confirmed),
    },
    { k: "voided", label: "Voided", value: num(t.voided), change: p && countChange(t.voided, p.voided) },
    {
      k: "takeRate",
      label: "Take rate",
      value: pct(t.takeRate),
      change:
        p &&
        bothKnown(t.takeRate, p.takeRate, (a, b) => ({
          moved: moved(Math.round((a - b) * 1000) / 10, (d) => `${d.toFixed(1)} pts`),
          before: pct(b),
        })),
    },
    {
      k: "revenue",
      label: "Add-on revenue",
      value: money(t.revenueCents, L),
      change: p && {
        moved: moved(t.revenueCents - p.revenueCents, (d) => money(d, L)),
        before: money(p.revenueCents, L),
      },
    },
    {
      k: "avgExtraMinutes",
      label: "Avg extra minutes",
      value: mins(t.avgExtraMinutes),
      change:
        p &&
        bothKnown(t.avgExtraMinutes, p.avgExtraMinutes, (a, b) => ({
          moved: moved(Math.round((a - b) * 10) / 10, (d) => `${d.toFixed(1)} min`),
          before: mins(b),
        })),
    },
  ];
  return (
    <>
      {previous && (
        <p className="compare-note">
          {p ? "Changes compared with " : "No check-ins to compare with in "}
          {rangeText(previous.range)}
          {p ? (report.range.to >= today ? " (today counts so far)." : ".") : ", so no changes are shown."}
        </p>
      )}
      <dl className="kpis">
        {items.map((i) => (
          <div key={i.k}>
            <dt>
              <Def k={i.k}>{i.label}</Def>
            </dt>
            <dd>{i.value}</dd>
            {i.change && (
              <dd className="delta">
                {i.change.moved} <span>from {i.change.before}</span>
              </dd>
            )}
          </div>
        ))}
      </dl>
    </>
  );
}
