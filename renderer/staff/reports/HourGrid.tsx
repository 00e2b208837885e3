import type { ReactNode } from "react";

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
/** The grid's rows: Monday first (weekday 0 = Sunday). */
const ORDER = [1, 2, 3, 4, 5, 6, 0];

/**
 * A weekday × check-in hour grid: a row per weekday, a column per hour that has check-ins, each cell drawn by `cell`
 * (its content and a class). A spa open round the clock has 24 hour columns: the table scrolls inside its own frame
 * (which takes the keyboard's arrows once focused), never the page.
 */
export function HourGrid({
  label,
  caption,
  hours,
  cell,
}: {
  /** The frame's name (the caption without its markup). */
  label: string;
  caption: ReactNode;
  hours: readonly number[];
  cell: (weekday: number, hour: number) => { content: ReactNode; className: string };
}) {
  return (
    <div className="heat-frame" role="region" aria-label={label} tabIndex={0}>
      <table className="report-table heat">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Weekday</th>
            {hours.map((h) => (
              <th scope="col" key={h}>{`${String(h).padStart(2, "0")}:00`}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {ORDER.map((w) => (
            <tr key={w}>
              <th scope="row">{WEEKDAYS[w]}</th>
              {hours.map((h) => {
                const { content, className } = cell(w, h);
                return (
                  <td key={h} className={className}>
                    {content}
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

/** The hours of a grid's cells, in order. */
export const hoursOf = (cells: readonly { hour: number }[]): number[] =>
  [...new Set(cells.map((c) => c.hour))].sort((a, b) => a - b);
