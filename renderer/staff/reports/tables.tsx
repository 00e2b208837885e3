import type { BookedAheadCounts, FigureKey, Figures, UptakeReport } from "../../../contract/reports";
import { money } from "../../common/format";
import { Def } from "./Def";
import { L, num, pct } from "./format";

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

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
/** The breakdown tables' figure columns, each named with its definition (FIGURES). */
const FIGURE_COLUMNS: [FigureKey, string][] = [
  ["checkIns", "Check-ins"],
  ["offered", "Offered"],
  ["taken", "Taken"],
  ["takeRate", "Take rate"],
  ["addedAtDesk", "Added at desk"],
  ["voided", "Voided"],
  ["revenue", "Revenue"],
];
function FigureHeadCells() {
  return (
    <>
      {FIGURE_COLUMNS.map(([k, label]) => (
        <th scope="col" key={k}>
          <Def k={k}>{label}</Def>
        </th>
      ))}
    </>
  );
}

export function BreakdownTable({
  caption,
  head,
  rows,
}: {
  caption: string;
  head: string;
  rows: { key: string; label: string; f: Figures }[];
}) {
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

/**
 * Take rate by weekday and hour: the cells with check-ins (weekday 0 = Sunday), as a location's report or head office
 * has them.
 */
export function WeekdayHour({ cells }: { cells: readonly { weekday: number; hour: number; figures: Figures }[] }) {
  const hours = [...new Set(cells.map((c) => c.hour))].sort((a, b) => a - b);
  const cell = (w: number, h: number) => cells.find((c) => c.weekday === w && c.hour === h)?.figures;
  const order = [1, 2, 3, 4, 5, 6, 0];
  // A spa open round the clock has 24 hour columns: the table scrolls inside its own frame (which
  // takes the keyboard's arrows once focused), never the page.
  return (
    <div className="heat-frame" role="region" aria-label="Take rate by weekday and check-in hour" tabIndex={0}>
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
                const band =
                  f?.takeRate == null ? "none" : f.takeRate >= 0.6 ? "high" : f.takeRate >= 0.3 ? "mid" : "low";
                return (
                  <td key={h} className={`heat-${band}`}>
                    {f ? (
                      <>
                        {pct(f.takeRate)} <span className="heat-count">({num(f.checkIns)})</span>
                      </>
                    ) : (
                      "—"
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The heads of an add-on's take rate and revenue columns, each with its FIGURES definition. */
export function AddonRateHeads() {
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

export function AddonTable({ report }: { report: UptakeReport }) {
  const t = report.totals;
  return (
    <table className="report-table">
      <caption>By add-on</caption>
      <thead>
        <tr>
          <th scope="col">Add-on</th>
          <th scope="col">Shown to</th>
          <th scope="col">Taken</th>
          <AddonRateHeads />
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
          <th scope="row">
            <Def k="bothRate">Both</Def>
          </th>
          <td>{num(t.offeredMulti)}</td>
          <td>{num(t.takenMulti)}</td>
          <td>{pct(t.bothRate)}</td>
          <td>—</td>
        </tr>
      </tbody>
    </table>
  );
}

/**
 * Add-ons guests booked ahead in the booking system (FIGURES bookedAhead…), per add-on and in all: their own table,
 * beside the kiosk's and never in its take rate, so a manager counting what sold sees both and can't add one to the
 * other by mistake.
 */
export function BookedAheadTable({
  rows,
  total,
}: {
  rows: readonly ({ key: string; title: string } & BookedAheadCounts)[];
  total: BookedAheadCounts;
}) {
  return (
    <table className="report-table booked-ahead">
      <caption>
        Booked ahead in the booking system
        <BookedAheadNote />
      </caption>
      <thead>
        <tr>
          <th scope="col">Add-on</th>
          <BookedAheadHeads />
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 && (
          <tr>
            <td colSpan={4} className="none">
              No add-on was booked ahead for these days' guests.
            </td>
          </tr>
        )}
        {rows.map((a) => (
          <tr key={a.key}>
            <th scope="row">{a.title}</th>
            <td>{num(a.count)}</td>
            <td>{num(a.minutes)}</td>
            <td>{money(a.valueCents, L)}</td>
          </tr>
        ))}
        {rows.length > 1 && (
          <tr className="total">
            <th scope="row">All add-ons</th>
            <td>{num(total.count)}</td>
            <td>{num(total.minutes)}</td>
            <td>{money(total.valueCents, L)}</td>
          </tr>
        )}
      </tbody>
    </table>
  );
}

/** The booked-ahead figures' column heads, each with its definition (the location's report and head office's). */
export function BookedAheadHeads() {
  return (
    <>
      <th scope="col">
        <Def k="bookedAhead">Booked ahead</Def>
      </th>
      <th scope="col">
        <Def k="bookedAheadMinutes">Minutes</Def>
      </th>
      <th scope="col">
        <Def k="bookedAheadValue">Value at menu price</Def>
      </th>
    </>
  );
}

/** What booked-ahead figures are not, under each table of them. */
export const BookedAheadNote = () => (
  <span className="caption-note">
    Sold with the booking, not offered at the kiosk: not in the take rate, taken or revenue.
  </span>
);
