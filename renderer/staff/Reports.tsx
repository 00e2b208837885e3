import { lazy, Suspense, useCallback, useEffect, useId, useRef, useState } from "react";
import type { AppInfo } from "../../contract/channels";
import {
  comparisonRange,
  FIGURES,
  languageLabel,
  periodBounds,
  presetRange,
  type DateRange,
  type ExportOptions,
  type ExportProgress,
  type ExportTable,
  type FigureKey,
  type Figures,
  type ReportGrain,
  type ReportPeriod,
  type ReportPreset,
  type UptakeReport,
} from "../../contract/reports";
import { call, messageOf, onEvent } from "../common/api";
import { dateTimeFormat, money, percent, todayIn } from "../common/format";
import { useAuthGuard } from "./useAuthGuard";
import "./reports.css";

// Chart.js is only needed here: its own chunk, fetched when the Reports tab first shows data.
const ReportCharts = lazy(() => import("./ReportCharts"));

const L = "en-US";
const PRESETS: { key: ReportPreset; label: string }[] = [
  { key: "today", label: "Today" },
  { key: "thisWeek", label: "This week" },
  { key: "last30", label: "Last 30 days" },
  { key: "thisMonth", label: "This month" },
];
const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const TABLES: { key: ExportTable; label: string }[] = [
  { key: "checkins", label: "Check-ins (one row each)" },
  { key: "overTime", label: "Over time" },
  { key: "service", label: "By service" },
  { key: "therapist", label: "By therapist" },
  { key: "channel", label: "By channel" },
  { key: "language", label: "By kiosk language" },
  { key: "weekdayHour", label: "Weekday × hour" },
  { key: "addons", label: "By add-on" },
  { key: "funnel", label: "Funnel" },
];

/** The definition's width (reports.css `.def-tip`). */
const TIP_WIDTH_REM = 22;

/** A figure's name that shows its definition (contract FIGURES) on hover and keyboard focus. */
function Def({ k, children }: { k: FigureKey; children: React.ReactNode }) {
  const id = useId();
  // A definition opens to the right of its term, or to the left when the window ends first (a
  // figure in the last column): it never makes the page scroll sideways.
  const [toLeft, setToLeft] = useState(false);
  const place = (e: React.SyntheticEvent<HTMLElement>) => {
    const term = e.currentTarget.getBoundingClientRect();
    const tip = Math.min(TIP_WIDTH_REM * parseFloat(getComputedStyle(document.documentElement).fontSize), window.innerWidth * 0.8);
    setToLeft(term.left + tip > window.innerWidth - 8 && term.right - tip >= 0);
  };
  return (
    <span className="def" onFocus={place} onPointerEnter={place}>
      <button type="button" className="def-term" aria-describedby={id}>
        {children}
      </button>
      <span role="tooltip" id={id} className={toLeft ? "def-tip to-left" : "def-tip"}>
        {FIGURES[k]}
      </span>
    </span>
  );
}

const pct = (r: number | null) => percent(r, L);
const mins = (m: number | null) => (m === null ? "—" : `${m.toFixed(1)} min`);
const num = (n: number) => n.toLocaleString(L);
const dayLabel = (day: string, opts: Intl.DateTimeFormatOptions) => dateTimeFormat(L, { timeZone: "UTC", ...opts }).format(new Date(`${day}T12:00:00Z`));
const periodLabel = (period: string, grain: ReportGrain): string =>
  grain === "month"
    ? dayLabel(`${period}-01`, { month: "long", year: "numeric" })
    : grain === "week"
      ? `Week of ${dayLabel(period, { month: "short", day: "numeric", year: "numeric" })}`
      : dayLabel(period, { weekday: "short", month: "short", day: "numeric" });
/** A week or month the range cuts says which of its days it counts: "Week of Nov 16, 2026 (Nov 18 – Nov 22 only)". */
function periodRowLabel(p: ReportPeriod, grain: ReportGrain): string {
  const whole = periodBounds(p.period, grain);
  if (whole.from === p.from && whole.to === p.to) return periodLabel(p.period, grain);
  const short = (day: string) => dayLabel(day, { month: "short", day: "numeric" });
  return `${periodLabel(p.period, grain)} (${p.from === p.to ? short(p.from) : `${short(p.from)} – ${short(p.to)}`} only)`;
}

function FigureRowCells({ f }: { f: Figures }) {
  return (
    <>
      <td>{num(f.checkIns)}</td>
      <td>{num(f.offered)}</td>
      <td>{num(f.taken)}</td>
      <td>{pct(f.takeRate)}</td>
      <td>{num(f.addedAtDesk)}</td>
      <td>{num(f.voided)}</td>
      <td>{money(f.revenueCents, L)}</td>
    </>
  );
}
function FigureHeadCells() {
  return (
    <>
      <th scope="col"><Def k="checkIns">Check-ins</Def></th>
      <th scope="col"><Def k="offered">Offered</Def></th>
      <th scope="col"><Def k="taken">Taken</Def></th>
      <th scope="col"><Def k="takeRate">Take rate</Def></th>
      <th scope="col"><Def k="addedAtDesk">Added at desk</Def></th>
      <th scope="col"><Def k="voided">Voided</Def></th>
      <th scope="col"><Def k="revenue">Revenue</Def></th>
    </>
  );
}

function BreakdownTable({ caption, head, rows }: { caption: string; head: string; rows: { key: string; label: string; f: Figures }[] }) {
  return (
    <table className="report-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{head}</th>
          <FigureHeadCells />
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <th scope="row">{r.label}</th>
            <FigureRowCells f={r.f} />
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function WeekdayHour({ report }: { report: UptakeReport }) {
  const hours = [...new Set(report.weekdayHour.map((c) => c.hour))].sort((a, b) => a - b);
  const cell = (w: number, h: number) => report.weekdayHour.find((c) => c.weekday === w && c.hour === h)?.figures;
  const order = [1, 2, 3, 4, 5, 6, 0];
  return (
    <table className="report-table heat">
      <caption>
        <Def k="takeRate">Take rate</Def> by weekday and check-in hour (check-ins in brackets)
      </caption>
      <thead>
        <tr>
          <th scope="col">Weekday</th>
          {hours.map((h) => (
            <th scope="col" key={h}>{`${String(h).padStart(2, "0")}:00`}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {order.map((w) => (
          <tr key={w}>
            <th scope="row">{WEEKDAYS[w]}</th>
            {hours.map((h) => {
              const f = cell(w, h);
              const band = f?.takeRate == null ? "none" : f.takeRate >= 0.6 ? "high" : f.takeRate >= 0.3 ? "mid" : "low";
              return (
                <td key={h} className={`heat-${band}`}>
                  {f ? `${pct(f.takeRate)} (${num(f.checkIns)})` : "—"}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const FUNNEL_LABEL = { offered: "Offered", accepted: "Accepted", confirmed: "Confirmed", printed: "Ticket printed" } as const;
const FUNNEL_DEF = { offered: "funnelOffered", accepted: "funnelAccepted", confirmed: "funnelConfirmed", printed: "funnelPrinted" } as const;

function Funnel({ report }: { report: UptakeReport }) {
  const top = report.funnel.steps[0]?.count ?? 0;
  return (
    <section className="funnel" aria-labelledby="funnel-title">
      <h2 id="funnel-title">Funnel</h2>
      <table className="report-table">
        <caption className="visually-hidden">Offered to ticket printed, with drop-off per step</caption>
        <thead>
          <tr>
            <th scope="col">Step</th>
            <th scope="col">Guests</th>
            <th scope="col"><Def k="dropOff">Drop-off</Def></th>
            <th scope="col">Of those offered</th>
          </tr>
        </thead>
        <tbody>
          {report.funnel.steps.map((s) => (
            <tr key={s.key}>
              <th scope="row"><Def k={FUNNEL_DEF[s.key]}>{FUNNEL_LABEL[s.key]}</Def></th>
              <td>{num(s.count)}</td>
              <td>{s.dropOffRate === null ? "—" : `${num(s.dropOff)} (${pct(s.dropOffRate)})`}</td>
              <td>
                <progress max={Math.max(top, 1)} value={s.count} aria-label={`${FUNNEL_LABEL[s.key]}: ${num(s.count)} of ${num(top)}`} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="override">
        <Def k="overrideRate">Kiosk-vs-desk override rate</Def>: <strong>{pct(report.funnel.overrideRate)}</strong>{" "}
        ({num(report.funnel.overridden)} of {num(report.funnel.deskReviewed)} kiosk choices settled at the desk)
      </p>
    </section>
  );
}

/** What a figure was in the days compared with, and how it moved: "▲ 12" from "498". */
interface Change {
  moved: string;
  before: string;
}
const moved = (diff: number, show: (abs: number) => string): string => (diff === 0 ? "no change" : `${diff > 0 ? "▲" : "▼"} ${show(Math.abs(diff))}`);
const countChange = (now: number, then: number): Change => ({ moved: moved(now - then, num), before: num(then) });
const bothKnown = (now: number | null, then: number | null, make: (now: number, then: number) => Change): Change | null =>
  now === null || then === null ? null : make(now, then);

/** A range of days as the comparison line names it: "Nov 1 – Nov 30, 2026", or one day. */
function rangeText(r: DateRange): string {
  const full = { month: "short", day: "numeric", year: "numeric" } as const;
  return r.from === r.to ? dayLabel(r.from, { weekday: "short", ...full }) : `${dayLabel(r.from, { month: "short", day: "numeric" })} – ${dayLabel(r.to, full)}`;
}

function Kpis({ report, previous, today }: { report: UptakeReport; previous: UptakeReport | null; today: string }) {
  const t = report.totals;
  // Changes only against days that had check-ins: against nothing, every figure would just "rise".
  const p = previous && previous.totals.checkIns > 0 ? previous.totals : null;
  const items: { k: FigureKey; label: string; value: string; change: Change | null }[] = [
    { k: "checkIns", label: "Check-ins", value: num(t.checkIns), change: p && countChange(t.checkIns, p.checkIns) },
    { k: "offered", label: "Offered an add-on", value: num(t.offered), change: p && countChange(t.offered, p.offered) },
    { k: "acceptedAtKiosk", label: "Accepted at kiosk", value: num(t.acceptedAtKiosk), change: p && countChange(t.acceptedAtKiosk, p.acceptedAtKiosk) },
    { k: "addedAtDesk", label: "Added at desk", value: num(t.addedAtDesk), change: p && countChange(t.addedAtDesk, p.addedAtDesk) },
    { k: "confirmed", label: "Confirmed", value: num(t.confirmed), change: p && countChange(t.confirmed, p.confirmed) },
    { k: "voided", label: "Voided", value: num(t.voided), change: p && countChange(t.voided, p.voided) },
    {
      k: "takeRate",
      label: "Take rate",
      value: pct(t.takeRate),
      change: p && bothKnown(t.takeRate, p.takeRate, (a, b) => ({ moved: moved(Math.round((a - b) * 1000) / 10, (d) => `${d.toFixed(1)} pts`), before: pct(b) })),
    },
    {
      k: "revenue",
      label: "Add-on revenue",
      value: money(t.revenueCents, L),
      change: p && { moved: moved(t.revenueCents - p.revenueCents, (d) => money(d, L)), before: money(p.revenueCents, L) },
    },
    {
      k: "avgExtraMinutes",
      label: "Avg extra minutes",
      value: mins(t.avgExtraMinutes),
      change: p && bothKnown(t.avgExtraMinutes, p.avgExtraMinutes, (a, b) => ({ moved: moved(Math.round((a - b) * 10) / 10, (d) => `${d.toFixed(1)} min`), before: mins(b) })),
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
            <dt><Def k={i.k}>{i.label}</Def></dt>
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

function AddonTable({ report }: { report: UptakeReport }) {
  const t = report.totals;
  return (
    <table className="report-table">
      <caption>By add-on</caption>
      <thead>
        <tr>
          <th scope="col">Add-on</th>
          <th scope="col">Shown to</th>
          <th scope="col">Taken</th>
          <th scope="col"><Def k="addonTakeRate">Take rate</Def></th>
          <th scope="col"><Def k="revenue">Revenue</Def></th>
        </tr>
      </thead>
      <tbody>
        {report.byAddon.map((a) => (
          <tr key={a.addonId}>
            <th scope="row">{a.title}</th>
            <td>{num(a.shown)}</td>
            <td>{num(a.taken)}</td>
            <td>{pct(a.takeRate)}</td>
            <td>{money(a.revenueCents, L)}</td>
          </tr>
        ))}
        <tr>
          <th scope="row"><Def k="bothRate">Both</Def></th>
          <td>{num(t.offeredMulti)}</td>
          <td>{num(t.takenMulti)}</td>
          <td>{pct(t.bothRate)}</td>
          <td>—</td>
        </tr>
      </tbody>
    </table>
  );
}

function ExportPanel({ range, grain, guard }: { range: { from: string; to: string }; grain: ReportGrain; guard: <T>(p: Promise<T>) => Promise<T> }) {
  const ids = useId();
  const [options, setOptions] = useState<ExportOptions | null>(null);
  const [format, setFormat] = useState<"csv" | "xlsx" | "pdf">("csv");
  const [table, setTable] = useState<ExportTable>("checkins");
  const [job, setJob] = useState<ExportProgress | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    guard(call("reports.exportOptions", {})).then(setOptions, (e: unknown) => setError(messageOf(e)));
  }, [guard]);
  // Progress can arrive before exportStart answers (a small file is done at once): keep it by job.
  const seen = useRef(new Map<string, ExportProgress>());
  useEffect(
    () =>
      onEvent("reports.exportProgress", (p) => {
        seen.current.set(p.jobId, p);
        setJob((j) => (j && j.jobId === p.jobId ? p : j));
      }),
    [],
  );

  const start = async () => {
    setError(null);
    try {
      const r = await guard(call("reports.exportStart", { ...range, grain, format, table }));
      if (!r.started) return;
      setJob(seen.current.get(r.jobId) ?? { jobId: r.jobId, state: "running", rows: 0, total: 0, fileName: r.fileName, message: null });
    } catch (e) {
      setError(messageOf(e));
    }
  };
  const cancel = async () => {
    if (job) await guard(call("reports.exportCancel", { jobId: job.jobId })).catch((e: unknown) => setError(messageOf(e)));
  };
  const running = job?.state === "running";

  return (
    <section className="export" aria-labelledby="export-title">
      <h2 id="export-title">Export</h2>
      <div className="export-row">
        <div className="field">
          <label htmlFor={`${ids}-format`}>Format</label>
          <select id={`${ids}-format`} value={format} onChange={(e) => setFormat(e.target.value as typeof format)} disabled={running}>
            <option value="csv">CSV (spreadsheet text)</option>
            <option value="xlsx">Excel workbook (every table)</option>
            {options?.pdf && <option value="pdf">PDF of this summary</option>}
          </select>
        </div>
        {format === "csv" && (
          <div className="field">
            <label htmlFor={`${ids}-table`}>Table</label>
            <select id={`${ids}-table`} value={table} onChange={(e) => setTable(e.target.value as ExportTable)} disabled={running}>
              {TABLES.map((t) => (
                <option key={t.key} value={t.key}>{t.label}</option>
              ))}
            </select>
          </div>
        )}
        <button type="button" className="primary" onClick={() => void start()} disabled={running}>
          {format === "csv" ? "Export CSV" : format === "xlsx" ? "Export Excel" : "Save PDF"}
        </button>
      </div>
      {options && !options.pdf && <p className="hint">PDF of the summary is available in the desktop app.</p>}
      {options?.destination === "folder" && <p className="hint">Files are saved in the data folder's “exports” folder.</p>}
      {error && <p className="error" role="alert">{error}</p>}
      {job && (
        <div className="export-job" role="status" aria-live="polite">
          {running ? (
            <>
              <progress max={Math.max(job.total, 1)} value={job.rows} aria-label={`Exporting ${job.fileName}`} />
              <span>
                {job.total > 0 ? `${num(job.rows)} of ${num(job.total)} rows` : "Preparing…"}
              </span>
              <button type="button" className="secondary" onClick={() => void cancel()}>Cancel export</button>
            </>
          ) : job.state === "done" ? (
            <span>
              Saved {job.fileName}
              {/* A PDF has pages, not rows: its "saved" line gives no row count. */}
              {job.fileName.endsWith(".pdf") ? "" : ` (${num(job.rows)} ${job.rows === 1 ? "row" : "rows"})`}
              {job.message ? ` to ${job.message}` : ""}.
            </span>
          ) : job.state === "cancelled" ? (
            <span>Export cancelled; no file was saved.</span>
          ) : (
            <span className="error">{job.message}</span>
          )}
        </div>
      )}
    </section>
  );
}

export function Reports({ info, onAuthLost }: { info: AppInfo; onAuthLost: () => void }) {
  const today = todayIn(info.timeZone);
  const [preset, setPreset] = useState<ReportPreset | "custom">("last30");
  const [range, setRange] = useState(() => presetRange("last30", today));
  const [grain, setGrain] = useState<ReportGrain>("day");
  const [report, setReport] = useState<UptakeReport | null>(null);
  const [previous, setPrevious] = useState<UptakeReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const guard = useAuthGuard(onAuthLost);

  const load = useCallback(() => {
    setError(null);
    // The figures of the days compared with: only their totals show, so by month, the fewest
    // periods. If they can't be had, the report shows without changes rather than not at all.
    const before = guard(call("reports.uptake", { ...comparisonRange(range, preset), grain: "month" })).catch(() => null);
    Promise.all([guard(call("reports.uptake", { ...range, grain })), before]).then(
      ([now, then]) => {
        setReport(now);
        setPrevious(then);
      },
      (e: unknown) => setError(messageOf(e)),
    );
  }, [guard, range, grain, preset]);
  useEffect(load, [load]);
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
  const custom = (patch: Partial<typeof range>) => {
    setPreset("custom");
    const next = { ...range, ...patch };
    if (/^\d{4}-\d{2}-\d{2}$/.test(next.from) && /^\d{4}-\d{2}-\d{2}$/.test(next.to)) setRange(next);
  };
  const empty = report !== null && report.totals.checkIns === 0;

  return (
    <section className="reports" aria-labelledby="reports-title">
      <h1 id="reports-title">Add-on uptake</h1>
      {report && (
        <p className="print-only">
          {dayLabel(report.range.from, { weekday: "short", month: "long", day: "numeric", year: "numeric" })} –{" "}
          {dayLabel(report.range.to, { weekday: "short", month: "long", day: "numeric", year: "numeric" })}, days in the spa's time zone ({report.timeZone})
        </p>
      )}
      <form className="range report-controls" onSubmit={(e) => e.preventDefault()} aria-label="Date range">
        <div className="presets" role="group" aria-label="Quick ranges">
          {PRESETS.map((p) => (
            <button key={p.key} type="button" className={preset === p.key ? "secondary active" : "secondary"} aria-pressed={preset === p.key} onClick={() => choose(p.key)}>
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
        <p className="tz">Days in the spa's time zone ({info.timeZone}).</p>
      </form>
      {error && <p className="error" role="alert">{error}</p>}
      {report && empty && (
        <div className="empty" role="status">
          <h2>No check-ins in this range</h2>
          <p>
            Nothing to count between {dayLabel(report.range.from, { month: "long", day: "numeric", year: "numeric" })} and{" "}
            {dayLabel(report.range.to, { month: "long", day: "numeric", year: "numeric" })}. Pick another range, or check back after guests arrive.
          </p>
        </div>
      )}
      {report && !empty && (
        <>
          <Kpis report={report} previous={previous} today={today} />
          <div className="report-grid">
            <AddonTable report={report} />
            <Funnel report={report} />
          </div>
          <Suspense fallback={<p className="hint" role="status">Loading charts…</p>}>
            <ReportCharts report={report} periodLabel={(p) => periodLabel(p, report.grain)} />
          </Suspense>
          <section aria-labelledby="over-time-title">
            <div className="section-head">
              <h2 id="over-time-title">Over time</h2>
              <div role="group" aria-label="Group by" className="presets grain">
                {(["day", "week", "month"] as const).map((g) => (
                  <button key={g} type="button" className={grain === g ? "secondary active" : "secondary"} aria-pressed={grain === g} onClick={() => setGrain(g)}>
                    By {g}
                  </button>
                ))}
              </div>
            </div>
            <BreakdownTable caption={`Per ${grain}`} head={grain === "day" ? "Day" : grain === "week" ? "Week" : "Month"} rows={report.overTime.map((p) => ({ key: p.period, label: periodRowLabel(p, report.grain), f: p.figures }))} />
          </section>
          <div className="report-grid wide">
            <BreakdownTable caption="By service" head="Service" rows={report.byService.map((s) => ({ key: String(s.id), label: s.name, f: s.figures }))} />
            <BreakdownTable caption="By therapist" head="Therapist" rows={report.byTherapist.map((s) => ({ key: String(s.id), label: s.name, f: s.figures }))} />
            <BreakdownTable caption="By channel (where the guest checked in)" head="Channel" rows={report.byChannel.map((s) => ({ key: s.channel, label: s.channel === "kiosk" ? "Kiosk" : "Front desk", f: s.figures }))} />
            <BreakdownTable caption="By kiosk language (the language the guest checked in in)" head="Language" rows={report.byLanguage.map((s) => ({ key: s.language ?? "none", label: languageLabel(s.language), f: s.figures }))} />
          </div>
          <WeekdayHour report={report} />
        </>
      )}
      <ExportPanel range={range} grain={grain} guard={guard} />
    </section>
  );
}
