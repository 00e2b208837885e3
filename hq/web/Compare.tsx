import { useCallback, useEffect, useRef } from "react";
import {
  addonName,
  chainComparisonSchema,
  changePoints,
  compareExportTables,
  EXPORT_TABLE_TITLES,
  type ChainComparison,
} from "../../contract/dashboard";
import { comparisonRange, type DateRange } from "../../contract/reports";
import { money } from "../../renderer/common/format";
import { Def } from "../../renderer/staff/reports/Def";
import { dayLabel, L, num, pct } from "../../renderer/staff/reports/format";
import { AddonRateHeads, BookedAheadHeads, BookedAheadNote, BreakdownTable } from "../../renderer/staff/reports/tables";
import "../../renderer/staff/reports/reports.css";
import { get } from "./api";
import { Export } from "./Export";
import { RangeAndState, useAnswer, type PageProps } from "./page";
import { dateTimeText } from "./time";

/** A rate's change in percentage points ("+12.5 pts"), or — when either period offered nothing. */
const change = (now: number | null, then: number | null) => {
  const points = changePoints(now, then);
  if (points === null) return "—";
  return points === 0 ? "no change" : `${points > 0 ? "+" : "−"}${Math.abs(points).toFixed(1)} pts`;
};
/** When head office last heard from a location, in the owner's time ("Never" before its first batch). */
export const syncTime = (iso: string | null) => (iso === null ? "Never" : dateTimeText(iso));

/**
 * The chain's locations side by side for a range of days: the location report's figures, add-on uptake, and each one's
 * last sync.
 */
export function Compare({ choice, today, onChoice, onSignedOut }: PageProps) {
  const { range, preset } = choice;
  const title = useRef<HTMLHeadingElement>(null);
  useEffect(() => title.current?.focus(), []);
  const ask = useCallback(() => {
    const one = (r: DateRange) => get(`/api/compare?${new URLSearchParams(r).toString()}`, chainComparisonSchema);
    // The period compared with: if it can't be had, the comparison shows without the trend rather than not at all.
    return Promise.all([one(range), one(comparisonRange(range, preset)).catch(() => null)]);
  }, [range, preset]);
  const { data: answer, error } = useAnswer(ask, onSignedOut);
  const [data, previous] = answer ?? [null, null];

  const long = (day: string) => dayLabel(day, { month: "long", day: "numeric", year: "numeric" });

  return (
    <section className="reports compare" aria-labelledby="compare-title">
      <h1 id="compare-title" tabIndex={-1} ref={title}>
        Locations compared
      </h1>
      <RangeAndState choice={choice} today={today} onChoice={onChoice} error={error} loading={!data} />
      {data && data.locations.length === 0 && (
        <div className="empty" role="status">
          <h2>No locations yet</h2>
          <p>
            Add one on the head-office machine with <code>npm run hq -- add-location "Downtown"</code> and type its
            pairing code in that location's Back office → Head office.
          </p>
        </div>
      )}
      {data && data.locations.length > 0 && (
        <>
          <p className="range-said" aria-live="polite">
            {long(data.range.from)} – {long(data.range.to)}: {num(data.totals.checkIns)} check-ins at{" "}
            {data.locations.length} locations.
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
          <BookedAheadByLocation data={data} />
          <table className="report-table sync">
            <caption>
              Each location's trend, report and last sync
              {previous && (
                <span className="caption-note">
                  {" "}
                  (previous period: {long(previous.range.from)} – {long(previous.range.to)})
                </span>
              )}
            </caption>
            <thead>
              <tr>
                <th scope="col">Location</th>
                <th scope="col">
                  <Def k="takeRate">Take rate</Def>
                </th>
                <th scope="col">Previous period</th>
                <th scope="col">Change</th>
                <th scope="col">Last batch received (your time)</th>
              </tr>
            </thead>
            <tbody>
              {data.locations.map((l) => {
                const then = previous?.locations.find((p) => p.locationId === l.locationId)?.figures.takeRate ?? null;
                return (
                  <tr key={l.locationId}>
                    <th scope="row">
                      <a href={`#/location/${l.locationId}`}>{l.name}</a>
                    </th>
                    <td>{pct(l.figures.takeRate)}</td>
                    <td>{previous ? pct(then) : "—"}</td>
                    <td>{change(l.figures.takeRate, then)}</td>
                    <td>{syncTime(l.lastSyncAt)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <Export
            url="/api/compare/export"
            query={{ ...range, preset }}
            tables={compareExportTables.map((key) => ({ key, label: EXPORT_TABLE_TITLES[key] }))}
            onSignedOut={onSignedOut}
          />
        </>
      )}
    </section>
  );
}

/** Per add-on and location: the share of guests offered it who took it, and what it earned. */
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
            <AddonRateHeads key={a} />
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

/**
 * Per location: the add-ons its guests booked ahead in its booking system (FIGURES bookedAhead…), per add-on and in
 * all, with their minutes and value: their own table, never in the take rate. A location whose version sends none
 * reads 0.
 */
function BookedAheadByLocation({ data }: { data: ChainComparison }) {
  const rows = [
    ...data.locations.map((l) => ({ key: l.locationId, name: l.name, b: l.bookedAhead })),
    { key: "all", name: "All locations", b: { total: data.bookedAhead, byAddon: [] } },
  ];
  const countOf = (b: ChainComparison["locations"][number]["bookedAhead"], addon: string) =>
    b.byAddon.find((a) => a.addon === addon)?.count ?? 0;
  const all = (addon: string) => data.locations.reduce((n, l) => n + countOf(l.bookedAhead, addon), 0);
  return (
    <table className="report-table booked-ahead">
      <caption>
        Add-ons booked ahead in each location's booking system
        <BookedAheadNote />
      </caption>
      <thead>
        <tr>
          <th scope="col">Location</th>
          {data.bookedAddons.map((a) => (
            <th scope="col" key={a}>
              {addonName(a)}
            </th>
          ))}
          <BookedAheadHeads />
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} className={r.key === "all" ? "total" : undefined}>
            <th scope="row">{r.name}</th>
            {data.bookedAddons.map((a) => (
              <td key={a}>{num(r.key === "all" ? all(a) : countOf(r.b, a))}</td>
            ))}
            <td>{num(r.b.total.count)}</td>
            <td>{num(r.b.total.minutes)}</td>
            <td>{money(r.b.total.valueCents, L)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
