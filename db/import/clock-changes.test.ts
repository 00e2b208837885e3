import { describe, expect, it } from "vitest";
import { kioskSettings } from "../admin/kiosk";
import { confirmAddons } from "../desk/addons";
import { arrivalsQueue } from "../desk/queue";
import { checkInAtKiosk } from "../kiosk/check-in";
import { chooseAddons } from "../kiosk/choose";
import { findAppointments } from "../kiosk/search";
import { latestTicket } from "../printing/tickets";
import { manager, saveKioskSettings } from "../test/back-office";
import { demoModel, found, receptionist } from "../test/helpers";
import { addDays, clockTimeLocal, localParts, zonedToUtc } from "../time";
import { commitImport } from "./commit";
import { previewImport } from "./preview";

const riley = { kind: "staff", staffId: 2, name: "Riley Chen" } as const;

/**
 * A booking export carries local wall times. On the spring-forward night one of them doesn't exist, on the fall-back
 * night one happens twice: real tz data (Intl), four zones, Lord Howe's clocks moving 30 minutes.
 */
const WORLD = [
  {
    tz: "America/New_York",
    gap: { day: "2026-03-08", cell: "2:30 AM", shown: "3:30 AM" },
    twice: { day: "2026-11-01", cell: "1:30 AM", at: "2026-11-01T05:30:00.000Z", start: "1:30 AM EDT" },
    // A 60-minute session from the first 1:30 ends at the second.
    end: "1:30 AM EST",
  },
  {
    tz: "Europe/London",
    gap: { day: "2026-03-29", cell: "1:30 AM", shown: "2:30 AM" },
    twice: { day: "2026-10-25", cell: "1:30 AM", at: "2026-10-25T00:30:00.000Z", start: "1:30 AM GMT+1" },
    end: "1:30 AM GMT",
  },
  {
    tz: "Australia/Sydney",
    gap: { day: "2026-10-04", cell: "2:30 AM", shown: "3:30 AM" },
    twice: { day: "2026-04-05", cell: "2:30 AM", at: "2026-04-04T15:30:00.000Z", start: "2:30 AM GMT+11" },
    end: "2:30 AM GMT+10",
  },
  {
    tz: "Australia/Lord_Howe",
    gap: { day: "2026-10-04", cell: "2:15 AM", shown: "2:45 AM" },
    twice: { day: "2026-04-05", cell: "1:45 AM", at: "2026-04-04T14:45:00.000Z", start: "1:45 AM GMT+11" },
    end: "2:15 AM",
  },
] as const;

describe("a booking export across the clock changes", () => {
  it.each(WORLD)(
    "$tz: the skipped and the repeated time are imported with a warning, the same on re-import, and read the same everywhere",
    async ({ tz, gap, twice, end }) => {
      // The week before the earlier of the two nights, so neither booking is in the past.
      const m = await demoModel(`${gap.day < twice.day ? gap.day : twice.day}T00:00:00.000Z`.replace(/-\d\dT/, "-01T"));
      saveKioskSettings(m, manager(m), { ...kioskSettings(m).settings, timeZone: tz });
      const file = [
        "ID,Client,Phone,Service,Therapist,Room,Date,Time",
        `G-1,Gap Guest,5550107001,Swedish massage,Ana Ruiz,Lotus,${gap.day},${gap.cell}`,
        `F-1,Fall Guest,5550107002,Swedish massage,Ana Ruiz,Lotus,${twice.day},${twice.cell}`,
        "",
      ].join("\r\n");

      const preview = await previewImport(m, file);
      expect(preview.errors).toEqual([]);
      expect(preview.warnings.map((w) => [w.line, w.column, w.message])).toEqual([
        [2, "Time", expect.stringContaining(`on ${gap.day} does not exist in ${tz}`)],
        [3, "Time", expect.stringContaining(`on ${twice.day} happens twice in ${tz} (the clocks go back`)],
      ]);
      const [gapRow, twiceRow] = preview.rows;
      expect(clockTimeLocal(found(gapRow, "gap row").startsAt, tz)).toBe(gap.shown);
      expect(found(twiceRow, "repeated row").startsAt).toBe(twice.at);
      // The preview's table reads the repeated one with the zone's name, so the manager sees which 1:30 it is.
      expect(clockTimeLocal(twice.at, tz)).toBe(twice.start);

      const first = await commitImport(m, riley, file, { mapping: preview.mapping, skipBadRows: false });
      expect(first).toMatchObject({ created: 2, updated: 0 });
      const stored = () =>
        m.db
          .prepare(
            "SELECT id, external_id, starts_at, local_day, booking_code FROM appointments WHERE external_id LIKE '_-1' ORDER BY external_id",
          )
          .all() as { id: number; external_id: string; starts_at: string; local_day: string; booking_code: string }[];
      const before = stored();
      expect(before.map((r) => [r.external_id, r.local_day])).toEqual([
        ["F-1", twice.day],
        ["G-1", gap.day],
      ]);

      // The same file again: the same two bookings, unmoved, none added.
      const again = await previewImport(m, file);
      expect(again.rows.map((r) => r.action)).toEqual(["unchanged", "unchanged"]);
      expect(await commitImport(m, riley, file, { mapping: again.mapping, skipBadRows: false })).toMatchObject({
        created: 0,
        updated: 0,
        unchanged: 2,
      });
      expect(stored()).toEqual(before);

      // That night, just before the session: the kiosk finds her by code on that day, the desk lists her, the slip says
      // from which 1:30 to which.
      const fall = found(before[0], "F-1");
      m.clock.set(new Date(Date.parse(twice.at) - 10 * 60_000).toISOString());
      expect(localParts(m.clock.now(), tz).day).toBe(twice.day);
      const [match] = findAppointments(m, { by: "code", code: fall.booking_code });
      expect(found(match, "kiosk match").startsAt).toBe(twice.at);
      expect([clockTimeLocal(match?.startsAt ?? "", tz), clockTimeLocal(match?.endsAt ?? "", tz)]).toEqual([
        twice.start,
        end,
      ]);
      expect(arrivalsQueue(m).items.find((i) => i.externalId === "F-1")?.startsAt).toBe(twice.at);
      checkInAtKiosk(m, fall.id, "en");
      chooseAddons(m, { appointmentId: fall.id, addonIds: [], offerMs: 3000, lang: "en" });
      confirmAddons(m, receptionist(m), fall.id);
      const slip = found(latestTicket(m, fall.id), "slip");
      expect([slip.startLocal, slip.endLocal]).toEqual([twice.start, end]);
    },
  );
});

const zonedToUtcIso = (day: string, time: string, tz: string): string => zonedToUtc(day, time, tz).toISOString();

describe("a kiosk and desk left running over midnight and the clock change", () => {
  it.each(WORLD)(
    "$tz: the day searched and listed turns at the spa's midnight, through the 23- and 25-hour days, with no restart",
    async ({ tz, gap, twice }) => {
      const m = await demoModel(`${gap.day < twice.day ? gap.day : twice.day}T00:00:00.000Z`.replace(/-\d\dT/, "-01T"));
      saveKioskSettings(m, manager(m), { ...kioskSettings(m).settings, timeZone: tz });
      for (const night of [gap.day, twice.day]) {
        // A guest booked at 9:00 on the change day, and one at 9:00 the day after.
        const file = [
          "ID,Client,Phone,Service,Therapist,Room,Date,Time",
          `D-${night},Day Guest,5550108001,Swedish massage,Ana Ruiz,Lotus,${night},9:00 AM`,
          `N-${night},Next Guest,5550108002,Swedish massage,Ana Ruiz,Lotus,${addDays(night, 1)},9:00 AM`,
          "",
        ].join("\r\n");
        const preview = await previewImport(m, file);
        await commitImport(m, riley, file, { mapping: preview.mapping, skipBadRows: false });
        const names = () => ({
          kiosk: findAppointments(m, { by: "phone", phone: "5550108001" })
            .concat(findAppointments(m, { by: "phone", phone: "5550108002" }))
            .map((a) => a.guestLabel),
          desk: arrivalsQueue(m)
            .items.filter((i) => i.guestName.endsWith("Guest"))
            .map((i) => i.guestName),
        });
        // Every 10 minutes from 22:00 the evening before to 01:00 the day after, by the real (UTC) clock.
        const from = Date.parse(zonedToUtcIso(addDays(night, -1), "22:00", tz));
        const to = Date.parse(zonedToUtcIso(addDays(night, 1), "01:00", tz));
        for (let t = from; t <= to; t += 10 * 60_000) {
          m.clock.set(new Date(t).toISOString());
          const today = localParts(new Date(t), tz).day;
          const expected =
            today === night
              ? { kiosk: ["Day G."], desk: ["Day Guest"] }
              : today === addDays(night, 1)
                ? { kiosk: ["Next G."], desk: ["Next Guest"] }
                : { kiosk: [], desk: [] };
          expect(names(), `${new Date(t).toISOString()} (${today})`).toEqual(expected);
        }
        // Cancel both, so the next night's pair is alone on its days.
        m.db
          .prepare("UPDATE appointments SET status = 'cancelled' WHERE external_id IN (?, ?)")
          .run(`D-${night}`, `N-${night}`);
      }
    },
  );
});
