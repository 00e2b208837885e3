import { useCallback, useEffect, useRef } from "react";
import {
  addonName,
  channelLabel,
  EXPORT_TABLE_TITLES,
  hourLabel,
  languageKeyLabel,
  locationExportTables,
  locationReportSchema,
} from "../../contract/dashboard";
import { NO_BOOKED_AHEAD } from "../../contract/reports";
import { dayLabel, num } from "../../renderer/staff/reports/format";
import { Funnel } from "../../renderer/staff/reports/Funnel";
import { BookedAheadTable, BookedWeekdayHour, BreakdownTable, WeekdayHour } from "../../renderer/staff/reports/tables";
import "../../renderer/staff/reports/reports.css";
import { get } from "./api";
import { syncTime } from "./Compare";
import { Export } from "./Export";
import { RangeAndState, useAnswer, type PageProps } from "./page";

/** The location's breakdowns in the page's order, each as the location's own report captions and labels it. */
const BREAKDOWNS: readonly {
  part: "service" | "channel" | "language" | "hour";
  caption: string;
  head: string;
  label: (key: string) => string;
}[] = [
  { part: "service", caption: "By service", head: "Service", label: (key) => key },
  { part: "channel", caption: "By channel (where the guest checked in)", head: "Channel", label: channelLabel },
  {
    part: "language",
    caption: "By kiosk language (the language the guest checked in in)",
    head: "Language",
    label: languageKeyLabel,
  },
  { part: "hour", caption: "By hour of check-in (the location's time)", head: "Hour", label: hourLabel },
];

/**
 * One location's report for the range: its funnel, the add-ons its guests booked ahead (their own table), its
 * breakdowns by service, channel, kiosk language and hour, and its weekday × hour grid. When the range has add-ons
 * booked ahead, each breakdown's rows have them in their own columns and a grid of their own follows, as the location's
 * own report shows them (renderer/staff/reports/Reports.tsx).
 */
export function Location({ id, choice, today, onChoice, onSignedOut }: PageProps & { id: string }) {
  const { range } = choice;
  const title = useRef<HTMLHeadingElement>(null);
  const ask = useCallback(
    () => get(`/api/location?${new URLSearchParams({ id, ...range }).toString()}`, locationReportSchema),
    [id, range],
  );
  const { data, error } = useAnswer(ask, onSignedOut);
  const named = data?.locationId === id;
  useEffect(() => {
    if (named) title.current?.focus();
  }, [named]);

  const long = (day: string) => dayLabel(day, { month: "long", day: "numeric", year: "numeric" });
  // Each row's add-ons booked ahead, in their own columns when the range has any (none: the tables as before).
  const booked = data !== null && data.bookedAhead.total.count > 0;
  const aheadAt = (weekday: number, hour: number) =>
    data?.weekdayHour.find((c) => c.weekday === weekday && c.hour === hour)?.booked ?? NO_BOOKED_AHEAD;
  return (
    <section className="reports compare" aria-labelledby="location-title">
      <p>
        <a href="#/">← All locations</a>
      </p>
      <h1 id="location-title" tabIndex={-1} ref={title}>
        {named ? data.name : "Location"}
      </h1>
      <RangeAndState choice={choice} today={today} onChoice={onChoice} error={error} loading={!data} />
      {data && (
        <>
          <p className="range-said" aria-live="polite">
            {long(data.range.from)} – {long(data.range.to)}: {num(data.figures.checkIns)} check-ins. Last batch received
            (your time): {syncTime(data.lastSyncAt)}.
          </p>
          {data.figures.checkIns === 0 ? (
            <div className="empty" role="status">
              <h2>No check-ins in this range</h2>
              <p>Pick another range, or check the location's last sync above.</p>
            </div>
          ) : (
            <>
              <div className="report-grid wide">
                <Funnel funnel={data.funnel} />
                <BookedAheadTable
                  rows={data.bookedAhead.byAddon.map((a) => ({ key: a.addon, title: addonName(a.addon), ...a }))}
                  total={data.bookedAhead.total}
                />
              </div>
              {/* With their booked-ahead columns the breakdowns take the page's width, one under another. */}
              <div className={booked ? "report-grid wide with-booked" : "report-grid wide"}>
                {BREAKDOWNS.map(({ part, caption, head, label }) => (
                  <BreakdownTable
                    key={part}
                    caption={caption}
                    head={head}
                    booked={booked}
                    rows={data[part].map((r) => ({ key: r.key, label: label(r.key), f: r.figures, booked: r.booked }))}
                  />
                ))}
                <WeekdayHour cells={data.weekdayHour} />
                {booked && <BookedWeekdayHour cells={data.weekdayHour} booked={(c) => aheadAt(c.weekday, c.hour)} />}
              </div>
            </>
          )}
          <Export
            url="/api/location/export"
            query={{ id, ...range }}
            tables={locationExportTables.map((key) => ({ key, label: EXPORT_TABLE_TITLES[key] }))}
            onSignedOut={onSignedOut}
          />
        </>
      )}
    </section>
  );
}
