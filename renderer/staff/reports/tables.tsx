import {
  NO_BOOKED_AHEAD,
  type BookedAheadCounts,
  type FigureKey,
  type Figures,
  type UptakeReport,
} from "../../../contract/reports";
import { money } from "../../common/format";
import { Def } from "./Def";
import { HourGrid, hoursOf } from "./HourGrid";
import { L, num, pct } from "./format";

/** What a breakdown's booked-ahead columns are, under its caption. */
const BOOKED_COLUMNS_NOTE =
  "Booked ahead: sold with the booking in the booking system, not offered at the kiosk, so never in the take rate, taken or revenue.";

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

/**
 * A breakdown's rows with their kiosk figures and, when `booked` (a location's report whose range has some), each
 * row's add-ons booked ahead in their own group of columns: headed apart from the kiosk's, set off by a rule, so a
 * manager reads them as a second measure and never as part of the take rate.
 */
export function BreakdownTable({
  caption,
  head,
  rows,
  booked = false,
}: {
  caption: string;
  head: string;
  rows: { key: string; label: string; f: Figures; booked?: BookedAheadCounts }[];
  booked?: boolean;
}) {
  return (
    <table className={booked ? "report-table with-booked" : "report-table"}>
      <caption>
        {caption}
        {booked && <span className="caption-note">{BOOKED_COLUMNS_NOTE}</span>}
      </caption>
      <thead>
        {booked && (
          <tr className="groups">
            <td />
            <th scope="colgroup" colSpan={FIGURE_COLUMNS.length}>
              Kiosk offer
            </th>
            <th scope="colgroup" colSpan={3} className="booked booked-start">
              Booked ahead in the booking system
            </th>
          </tr>
        )}
        <tr>
          <th scope="col">{head}</th>
          <FigureHeadCells />
          {booked && <BookedAheadHeads />}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <th scope="row">{r.label}</th>
            <FigureRowCells f={r.f} />
            {booked && <BookedAheadCells b={r.booked ?? NO_BOOKED_AHEAD} />}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A row's add-ons booked ahead: how many, their minutes and their value at the menu's price. */
function BookedAheadCells({ b }: { b: BookedAheadCounts }) {
  return (
    <>
      <td className="booked booked-start">{num(b.count)}</td>
      <td className="booked">{num(b.minutes)}</td>
      <td className="booked">{money(b.valueCents, L)}</td>
    </>
  );
}

/**
 * Take rate by weekday and hour: the cells with check-ins (weekday 0 = Sunday), as a location's report or head office
 * has them.
 */
export function WeekdayHour({ cells }: { cells: readonly { weekday: number; hour: number; figures: Figures }[] }) {
  const figures = (w: number, h: number) => cells.find((c) => c.weekday === w && c.hour === h)?.figures;
  return (
    <HourGrid
      label="Take rate by weekday and check-in hour"
      caption={
        <>
          <Def k="takeRate">Take rate</Def> by weekday and check-in hour (check-ins in brackets)
        </>
      }
      hours={hoursOf(cells)}
      cell={(w, h) => {
        const f = figures(w, h);
        const band = f?.takeRate == null ? "none" : f.takeRate >= 0.6 ? "high" : f.takeRate >= 0.3 ? "mid" : "low";
        return {
          className: `heat-${band}`,
          content: f ? (
            <>
              {pct(f.takeRate)} <span className="heat-count">({num(f.checkIns)})</span>
            </>
          ) : (
            "—"
          ),
        };
      }}
    />
  );
}

/**
 * Add-ons booked ahead by weekday and check-in hour (FIGURES bookedAhead): the take-rate grid's cells, their own
 * measure. "—": no check-in then; 0: check-ins, none of them with an add-on booked ahead.
 */
export function BookedWeekdayHour({
  cells,
  booked,
}: {
  cells: readonly { weekday: number; hour: number }[];
  booked: (cell: { weekday: number; hour: number }) => BookedAheadCounts;
}) {
  return (
    <HourGrid
      label="Add-ons booked ahead by weekday and check-in hour"
      caption={
        <>
          <Def k="bookedAhead">Add-ons booked ahead</Def> in the booking system, by weekday and check-in hour
          <span className="caption-note">{BOOKED_COLUMNS_NOTE}</span>
        </>
      }
      hours={hoursOf(cells)}
      cell={(weekday, hour) => {
        if (!cells.some((c) => c.weekday === weekday && c.hour === hour))
          return { className: "heat-none", content: "—" };
        const n = booked({ weekday, hour }).count;
        return { className: n > 0 ? "heat-booked" : "", content: num(n) };
      }}
    />
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
            <BookedAheadCells b={a} />
          </tr>
        ))}
        {rows.length > 1 && (
          <tr className="total">
            <th scope="row">All add-ons</th>
            <BookedAheadCells b={total} />
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
      <th scope="col" className="booked booked-start">
        <Def k="bookedAhead">Booked ahead</Def>
      </th>
      <th scope="col" className="booked">
        <Def k="bookedAheadMinutes">Minutes</Def>
      </th>
      <th scope="col" className="booked">
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
