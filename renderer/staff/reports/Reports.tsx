import { lazy, Suspense, useCallback, useEffect, useRef, useState } from "react";
import type { AppInfo } from "../../../contract/channels";
import {
  bookedAheadPerRow,
  comparisonRange,
  languageLabel,
  presetRange,
  type ReportGrain,
  type ReportCounting,
  type ReportPreset,
  type UptakeReport,
} from "../../../contract/reports";
import { call, messageOf, onEvent } from "../../common/api";
import { todayIn } from "../../common/format";
import { useAuthGuard } from "../useAuthGuard";
import { ExportPanel } from "./ExportPanel";
import { channelLabel, dayLabel, periodLabel, periodRowLabel } from "./format";
import { Funnel } from "./Funnel";
import { Kpis } from "./Kpis";
import { PRESETS, RangeControls } from "./RangeControls";
import { AddonTable, BookedAheadTable, BookedWeekdayHour, BreakdownTable, WeekdayHour } from "./tables";
import "./reports.css";

// Chart.js is only needed here: its own chunk, fetched when the Reports tab first shows data.
const ReportCharts = lazy(() => import("./ReportCharts"));

export function Reports({ info, onAuthLost }: { info: AppInfo; onAuthLost: () => void }) {
  const today = todayIn(info.timeZone);
  const [preset, setPreset] = useState<ReportPreset | "custom">("last30");
  const [range, setRange] = useState(() => presetRange("last30", today));
  const [grain, setGrain] = useState<ReportGrain>("day");
  const [report, setReport] = useState<UptakeReport | null>(null);
  const [previous, setPrevious] = useState<UptakeReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** How far the counting of a range the cache has not built is (pushed while the workers count it). */
  const [counting, setCounting] = useState<ReportCounting | null>(null);
  const guard = useAuthGuard(onAuthLost);
  /** The latest load: an answer to an earlier one (a slow range just left, a refresh overtaken) is dropped. */
  const latest = useRef(0);

  const load = useCallback(() => {
    const asked = ++latest.current;
    setError(null);
    // The figures of the days compared with: only their totals show, so by month, the fewest
    // periods. If they can't be had, the report shows without changes rather than not at all.
    const before = guard(call("reports.uptake", { ...comparisonRange(range, preset), grain: "month" })).catch(
      () => null,
    );
    Promise.all([guard(call("reports.uptake", { ...range, grain })), before]).then(
      ([now, then]) => {
        if (asked !== latest.current) return;
        setReport(now);
        setPrevious(then);
      },
      (e: unknown) => asked === latest.current && setError(messageOf(e)),
    );
  }, [guard, range, grain, preset]);
  useEffect(load, [load]);
  useEffect(() => onEvent("reports.counting", setCounting), []);
  // A count heard for another range, or an earlier one of this range, is not this one's.
  useEffect(() => setCounting(null), [range.from, range.to]);
  // Live: a check-in or desk decision today refreshes a range that includes today (pushed, not polled).
  useEffect(() => {
    if (range.to < today) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = onEvent("queue.changed", () => {
      clearTimeout(timer);
      timer = setTimeout(load, 1000);
    });
    return () => {
      off();
      clearTimeout(timer);
    };
  }, [load, range.to, today]);

  const choose = (p: ReportPreset) => {
    setPreset(p);
    setRange(presetRange(p, today));
  };
  const custom = (next: typeof range) => {
    setPreset("custom");
    if (/^\d{4}-\d{2}-\d{2}$/.test(next.from) && /^\d{4}-\d{2}-\d{2}$/.test(next.to)) setRange(next);
  };
  const empty = report !== null && report.totals.checkIns === 0;
  // Each row's add-ons booked ahead, in their own columns when the range has any (none: the tables as before).
  const ahead = report && bookedAheadPerRow(report.bookedAhead);
  const booked = report !== null && report.bookedAhead.total.count > 0;
  /** Whether the figures shown are the range and grain picked; while the new ones are counted, the old ones fade. */
  const current =
    report !== null && report.range.from === range.from && report.range.to === range.to && report.grain === grain;
  const progress = !current && counting?.from === range.from && counting.to === range.to ? counting : null;

  return (
    <section className="reports" aria-labelledby="reports-title">
      <h1 id="reports-title">Add-on uptake</h1>
      {report && (
        <p className="print-only">
          {dayLabel(report.range.from, { weekday: "short", month: "long", day: "numeric", year: "numeric" })} –{" "}
          {dayLabel(report.range.to, { weekday: "short", month: "long", day: "numeric", year: "numeric" })}, days in the
          spa's time zone ({report.timeZone})
        </p>
      )}
      <RangeControls
        presets={PRESETS}
        preset={preset}
        range={range}
        onPreset={choose}
        onDates={custom}
        note={`Days in the spa's time zone (${info.timeZone}).`}
      />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {!current && !error && (
        <p className="hint" role="status">
          Counting {dayLabel(range.from, { month: "long", day: "numeric", year: "numeric" })} –{" "}
          {dayLabel(range.to, { month: "long", day: "numeric", year: "numeric" })}…
        </p>
      )}
      {progress && !error && <CountingProgress {...progress} />}
      <div className={current ? "figures" : "figures stale"} aria-busy={!current}>
        {report && empty && (
          <div className="empty" role="status">
            <h2>No check-ins in this range</h2>
            <p>
              Nothing to count between {dayLabel(report.range.from, { month: "long", day: "numeric", year: "numeric" })}{" "}
              and {dayLabel(report.range.to, { month: "long", day: "numeric", year: "numeric" })}. Pick another range,
              or check back after guests arrive.
            </p>
          </div>
        )}
        {report && !empty && (
          <>
            <Kpis report={report} previous={previous} today={today} />
            <div className="report-grid">
              <div>
                <AddonTable report={report} />
                <BookedAheadTable
                  rows={report.bookedAhead.byAddon.map((a) => ({ key: String(a.addonId), ...a }))}
                  total={report.bookedAhead.total}
                />
              </div>
              <Funnel funnel={report.funnel} />
            </div>
            <Suspense
              fallback={
                <p className="hint" role="status">
                  Loading charts…
                </p>
              }
            >
              <ReportCharts report={report} periodLabel={(p) => periodLabel(p, report.grain)} />
            </Suspense>
            <section aria-labelledby="over-time-title">
              <div className="section-head">
                <h2 id="over-time-title">Over time</h2>
                <div role="group" aria-label="Group by" className="presets grain">
                  {(["day", "week", "month"] as const).map((g) => (
                    <button
                      key={g}
                      type="button"
                      className={grain === g ? "secondary active" : "secondary"}
                      aria-pressed={grain === g}
                      onClick={() => setGrain(g)}
                    >
                      By {g}
                    </button>
                  ))}
                </div>
              </div>
              <BreakdownTable
                caption={`Per ${grain}`}
                head={grain === "day" ? "Day" : grain === "week" ? "Week" : "Month"}
                booked={booked}
                rows={report.overTime.map((p) => ({
                  key: p.period,
                  label: periodRowLabel(p, report.grain),
                  f: p.figures,
                  booked: ahead?.period(p),
                }))}
              />
            </section>
            <div className={booked ? "report-grid wide with-booked" : "report-grid wide"}>
              <BreakdownTable
                caption="By service"
                head="Service"
                booked={booked}
                rows={report.byService.map((s) => ({
                  key: String(s.id),
                  label: s.name,
                  f: s.figures,
                  booked: ahead?.service(s),
                }))}
              />
              <BreakdownTable
                caption="By therapist"
                head="Therapist"
                booked={booked}
                rows={report.byTherapist.map((s) => ({
                  key: String(s.id),
                  label: s.name,
                  f: s.figures,
                  booked: ahead?.therapist(s),
                }))}
              />
              <BreakdownTable
                caption="By channel (where the guest checked in)"
                head="Channel"
                booked={booked}
                rows={report.byChannel.map((s) => ({
                  key: s.channel,
                  label: channelLabel(s.channel),
                  f: s.figures,
                  booked: ahead?.channel(s),
                }))}
              />
              <BreakdownTable
                caption="By kiosk language (the language the guest checked in in)"
                head="Language"
                booked={booked}
                rows={report.byLanguage.map((s) => ({
                  key: s.language ?? "none",
                  label: languageLabel(s.language),
                  f: s.figures,
                  booked: ahead?.language(s),
                }))}
              />
            </div>
            <WeekdayHour cells={report.weekdayHour} />
            {booked && ahead && <BookedWeekdayHour cells={report.weekdayHour} booked={ahead.weekdayHour} />}
          </>
        )}
      </div>
      <ExportPanel range={range} grain={grain} guard={guard} />
    </section>
  );
}

/**
 * The first report over days the cache has not built counts every check-in of them (seconds on a busy year):
 * how far it is, as a bar and in words. Outside the status line, so a screen reader is not read each step.
 */
function CountingProgress({ done, total }: ReportCounting) {
  if (total === 0) return null;
  // Never 100% before the figures show: what is left after the count is read in a moment.
  const percent = Math.min(99, Math.floor((done / total) * 100));
  return (
    <div className="counting">
      <progress max={total} value={Math.min(done, total)} aria-label="Check-ins counted" />
      <span>
        {percent}% of {total.toLocaleString("en-US")} check-ins counted. Only the first report over these days counts
        them all; after that they show at once.
      </span>
    </div>
  );
}
