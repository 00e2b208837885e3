import { useEffect, useState } from "react";
import { chainComparisonSchema, type ChainComparison } from "../../contract/dashboard";
import { presetRange, type DateRange, type ReportPreset } from "../../contract/reports";
import { dateTimeFormat, money, todayIn } from "../../renderer/common/format";
import { Def } from "../../renderer/staff/reports/Def";
import { dayLabel, L, num, pct } from "../../renderer/staff/reports/format";
import { BreakdownTable } from "../../renderer/staff/reports/tables";
import "../../renderer/staff/reports/reports.css";
import { DashboardError, get } from "./api";

const PRESETS: { key: ReportPreset; label: string }[] = [
  { key: "thisWeek", label: "This week" },
  { key: "last30", label: "Last 30 days" },
  { key: "thisMonth", label: "This month" },
];
const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** An add-on as head office knows it: the location catalog's code ("face" → "Face"). */
const addonName = (code: string) => code.charAt(0).toUpperCase() + code.slice(1);
const syncTime = (iso: string | null) =>
  iso === null ? "Never" : dateTimeFormat(L, { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));

/** The chain's locations side by side for a range of days: the location report's figures, add-on uptake, and each one's last sync. */
export function Compare({ onSignedOut }: { onSignedOut: (e: DashboardError) => void }) {
  const today = todayIn(Intl.DateTimeFormat().resolvedOptions().timeZone);
  const [preset, setPreset] = useState<ReportPreset | "custom">("last30");
  const [range, setRange] = useState<DateRange>(() => presetRange("last30", today));
  const [data, setData] = useState<ChainComparison | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setError(null);
    get(`/api/compare?${new URLSearchParams(range).toString()}`, chainComparisonSchema).then(
      (d) => live && setData(d),
      (e: unknown) => {
        if (!live) return;
        if (e instanceof DashboardError && (e.code === "SIGNED_OUT" || e.code === "SESSION_EXPIRED")) onSignedOut(e);
        else setError(e instanceof Error ? e.message : String(e));
      },
    );
    return () => {
      live = false;
    };
  }, [range, onSignedOut]);

  const choose = (p: ReportPreset) => {
    setPreset(p);
    setRange(presetRange(p, today));
  };
  const custom = (patch: Partial<DateRange>) => {
    setPreset("custom");
    const next = { ...range, ...patch };
    if (DAY.test(next.from) && DAY.test(next.to) && next.from <= next.to) setRange(next);
  };
  const long = (day: string) => dayLabel(day, { month: "long", day: "numeric", year: "numeric" });

  return (
    <section className="reports compare" aria-labelledby="compare-title">
      <h1 id="compare-title">Locations compared</h1>
      <form className="range report-controls" onSubmit={(e) => e.preventDefault()} aria-label="Date range">
        <div className="presets" role="group" aria-label="Quick ranges">
          {PRESETS.map((p) => (
            <button
              key={p.key}
              type="button"
              className={preset === p.key ? "secondary active" : "secondary"}
              aria-pressed={preset === p.key}
              onClick={() => choose(p.key)}
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
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {!data && !error && <p role="status">Loading…</p>}
      {data && data.locations.length === 0 && (
        <div className="empty" role="status">
          <h2>No locations yet</h2>
          <p>
            Add one on the head-office machine with <code>npm run hq -- add-location "Downtown"</code> and type its pairing code in that
            location's Back office → Head office.
          </p>
        </div>
      )}
      {data && data.locations.length > 0 && (
        <>
          <p className="range-said" aria-live="polite">
            {long(data.range.from)} – {long(data.range.to)}: {num(data.totals.checkIns)} check-ins at {data.locations.length} locations.
          </p>
          <BreakdownTable
            caption="Check-ins, offers and revenue by location"
            head="Location"
            rows={[
              ...data.locations.map((l) => ({ key: l.locationId, label: l.name, f: l.figures })),
              { key: "all", label: "All locations", f: data.totals },
            ]}
          />
          <AddonUptake data={data} />
          <table className="report-table sync">
            <caption>Last sync</caption>
            <thead>
              <tr>
                <th scope="col">Location</th>
                <th scope="col">Last batch received</th>
              </tr>
            </thead>
            <tbody>
              {data.locations.map((l) => (
                <tr key={l.locationId}>
                  <th scope="row">{l.name}</th>
                  <td>{syncTime(l.lastSyncAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

/** Per add-on and location: the share of guests shown it who took it, and what it earned. */
function AddonUptake({ data }: { data: ChainComparison }) {
  if (data.addons.length === 0) return null;
  return (
    <table className="report-table addon-uptake">
      <caption>Add-on uptake by location</caption>
      <thead>
        <tr>
          <th scope="col" rowSpan={2}>
            Location
          </th>
          {data.addons.map((a) => (
            <th scope="colgroup" colSpan={2} key={a} className="group">
              {addonName(a)}
            </th>
          ))}
        </tr>
        <tr>
          {data.addons.map((a) => (
            <AddonHead key={a} />
          ))}
        </tr>
      </thead>
      <tbody>
        {data.locations.map((l) => (
          <tr key={l.locationId}>
            <th scope="row">{l.name}</th>
            {data.addons.map((a) => {
              const f = l.byAddon[a];
              return f ? (
                <AddonCells key={a} f={f} />
              ) : (
                <td key={a} colSpan={2} className="none">
                  Not offered
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
function AddonHead() {
  return (
    <>
      <th scope="col">
        <Def k="addonTakeRate">Take rate</Def>
      </th>
      <th scope="col">
        <Def k="revenue">Revenue</Def>
      </th>
    </>
  );
}
function AddonCells({ f }: { f: ChainComparison["locations"][number]["byAddon"][string] }) {
  return (
    <>
      <td>
        <span className="uptake">
          <progress max={1} value={f.takeRate ?? 0} aria-hidden="true" />
          <span>
            {pct(f.takeRate)}{" "}
            <span className="of">
              ({num(f.taken)} of {num(f.shown)})
            </span>
          </span>
        </span>
      </td>
      <td>{money(f.revenueCents, L)}</td>
    </>
  );
}
