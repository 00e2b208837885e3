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
import { dayLabel, num } from "../../renderer/staff/reports/format";
import { Funnel } from "../../renderer/staff/reports/Funnel";
import { BookedAheadTable, BreakdownTable, WeekdayHour } from "../../renderer/staff/reports/tables";
import "../../renderer/staff/reports/reports.css";
import { get } from "./api";
import { syncTime } from "./Compare";
import { Export } from "./Export";
import { RangeAndState, useAnswer, type PageProps } from "./page";

/**
 * One location's report for the range: its funnel, the add-ons its guests booked ahead (their own table), its
 * breakdowns by service, channel, kiosk language and hour, and its weekday × hour grid.
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
            <div className="report-grid wide">
              <Funnel funnel={data.funnel} />
              <BookedAheadTable
                rows={data.bookedAhead.byAddon.map((a) => ({ key: a.addon, title: addonName(a.addon), ...a }))}
                total={data.bookedAhead.total}
              />
              <BreakdownTable
                caption="By service"
                head="Service"
                rows={data.service.map((r) => ({ key: r.key, label: r.key, f: r.figures }))}
              />
              <BreakdownTable
                caption="By channel (where the guest checked in)"
                head="Channel"
                rows={data.channel.map((r) => ({ key: r.key, label: channelLabel(r.key), f: r.figures }))}
              />
              <BreakdownTable
                caption="By kiosk language (the language the guest checked in in)"
                head="Language"
                rows={data.language.map((r) => ({ key: r.key, label: languageKeyLabel(r.key), f: r.figures }))}
              />
              <BreakdownTable
                caption="By hour of check-in (the location's time)"
                head="Hour"
                rows={data.hour.map((r) => ({ key: r.key, label: hourLabel(r.key), f: r.figures }))}
              />
              <WeekdayHour cells={data.weekdayHour} />
            </div>
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
