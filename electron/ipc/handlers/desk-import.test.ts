import { afterEach, describe, expect, it } from "vitest";
import { DEMO_STAFF } from "../../../db/demo/seed-demo";
import { spaToday } from "../../../db/settings";
import { addDays } from "../../../db/time";
import { closeDemoCore, openDemoCore, type DemoCore } from "../../test-support/demo-core";
import type { CallerSession } from "../session";
import { IMPORT_STOPPED_MESSAGE } from "./desk";

const opened: DemoCore[] = [];
afterEach(async () => {
  for (const c of opened.splice(0)) await closeDemoCore(c);
});

/** The demo spa with its upkeep done and the manager signed in at the desk. */
async function deskWithManager(): Promise<{ core: DemoCore["core"]; manager: CallerSession }> {
  const demo = await openDemoCore("happyhead-import-");
  opened.push(demo);
  const { core } = demo;
  await core.maintenance.settled();
  const manager = core.newSession("staff");
  const signedIn = await core.dispatch(manager, "staff.login", { staffId: 1, pin: DEMO_STAFF[0].pin }, "person");
  expect(signedIn.ok).toBe(true);
  return { core, manager };
}

/** A booking export of `n` rows: row i on `dayOf(i)`, at 9:00 plus i % 10 hours, for one therapist and room. */
function bookingExport(n: number, dayOf: (i: number) => string): string {
  const rows = Array.from(
    { length: n },
    (_, i) =>
      `YEAR-${i},Guest Number${i},(646) 555-${String(1000 + (i % 9000))},Swedish massage,Ana Ruiz,Lotus,${dayOf(i)},${9 + (i % 10)}:00`,
  );
  return ["Booking ID,Client Name,Mobile,Service,Therapist,Room,Date,Start Time", ...rows].join("\r\n");
}

async function mappingOf(core: DemoCore["core"], manager: CallerSession, content: string) {
  const preview = await core.dispatch(manager, "desk.importPreview", { content });
  expect(preview).toMatchObject({ ok: true, value: { errors: [] } });
  return (preview as { ok: true; value: { mapping: Record<string, number> } }).value.mapping;
}

describe("a booking export imported from the desk", () => {
  it("is written by the background writer: the windows' connection changes no row, and an old export's past guests lose their details there too", async () => {
    const { core, manager } = await deskWithManager();
    const { db } = core.model;
    // A booking system's whole-year export: 600 bookings long past the 90-day window, 600 months ahead (an hour
    // apart, ten a day: never two at once for the one therapist and room).
    const today = spaToday(core.model);
    const content = bookingExport(1200, (i) => addDays(today, (i < 600 ? -200 : 100) + Math.floor((i % 600) / 10)));
    const mapping = await mappingOf(core, manager, content);

    const changesHere = () => db.prepare("SELECT total_changes()").pluck().get() as number;
    const before = changesHere();
    const imported = await core.dispatch(
      manager,
      "desk.importCommit",
      { content, mapping, skipBadRows: false },
      "person",
    );
    expect(imported).toMatchObject({ ok: true, value: { created: 1200, skipped: 0 } });
    expect(changesHere()).toBe(before);

    const phones = db
      .prepare(
        "SELECT local_day < ? AS past, count(*) AS n, count(*) FILTER (WHERE phone != '') AS withPhone FROM appointments WHERE external_id LIKE 'YEAR-%' GROUP BY 1 ORDER BY 1",
      )
      .all(today) as { past: number; n: number; withPhone: number }[];
    expect(phones).toEqual([
      { past: 0, n: 600, withPhone: 600 },
      { past: 1, n: 600, withPhone: 0 },
    ]);
    // The audit trail says who imported it, as when it ran on the main thread.
    expect(
      db.prepare("SELECT actor, after_json FROM audit_log WHERE action = 'import.commit'").get() as {
        actor: string;
        after_json: string;
      },
    ).toMatchObject({ actor: expect.stringContaining(DEMO_STAFF[0].name) });
  }, 60_000);

  it("stopped part-way (the worker killed mid-import): the desk is told what was kept, and the same file again adds the rest, none twice", async () => {
    const { core, manager } = await deskWithManager();
    const { db } = core.model;
    const today = spaToday(core.model);
    const content = bookingExport(8000, (i) => addDays(today, 100 + Math.floor(i / 10)));
    const mapping = await mappingOf(core, manager, content);
    const inFile = () =>
      db.prepare("SELECT count(*) FROM appointments WHERE external_id LIKE 'YEAR-%'").pluck().get() as number;
    const importing = core.dispatch(manager, "desk.importCommit", { content, mapping, skipBadRows: false }, "person");
    while (inFile() === 0) await new Promise((r) => setTimeout(r, 2));
    await core.background.stop(); // as a crash would
    expect(await importing).toMatchObject({
      ok: false,
      error: { code: "NOT_AVAILABLE", message: IMPORT_STOPPED_MESSAGE },
    });
    const kept = inFile();
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(8000);
    const again = await core.dispatch(manager, "desk.importCommit", { content, mapping, skipBadRows: false }, "person");
    expect(again).toMatchObject({ ok: true, value: { created: 8000 - kept, unchanged: kept } });
    expect(inFile()).toBe(8000);
  }, 120_000);
});

describe("settings a manager saved, as the background writer reads them", () => {
  it("an import after the spa's time zone changed dates its bookings in the new zone, not the one the worker first read", async () => {
    const { core, manager } = await deskWithManager();
    const { db } = core.model;
    const today = spaToday(core.model);
    // The worker has read the settings once already (the preview), then the manager corrects the zone.
    const first = bookingExport(1, () => addDays(today, 30)).replace("YEAR-0", "EARLY-0");
    await core.dispatch(
      manager,
      "desk.importCommit",
      { content: first, mapping: await mappingOf(core, manager, first), skipBadRows: false },
      "person",
    );
    const settings = await core.dispatch(manager, "admin.kioskSettings", {});
    expect(settings.ok).toBe(true);
    const current = (settings as { ok: true; value: { settings: Record<string, unknown> } }).value.settings;
    const saved = await core.dispatch(
      manager,
      "admin.saveKioskSettings",
      { ...current, timeZone: "Pacific/Auckland" },
      "person",
    );
    expect(saved.ok).toBe(true);
    // A booking at 11:00 PM, wall clock, on a day a month ahead: its instant and day follow the zone now set.
    const day = addDays(today, 40);
    const late = [
      "Booking ID,Client Name,Mobile,Service,Therapist,Room,Date,Start Time",
      `LATE-1,Late Guest,(646) 555-0199,Swedish massage,Ana Ruiz,Lotus,${day},23:00`,
    ].join("\r\n");
    const imported = await core.dispatch(
      manager,
      "desk.importCommit",
      { content: late, mapping: await mappingOf(core, manager, late), skipBadRows: false },
      "person",
    );
    expect(imported).toMatchObject({ ok: true, value: { created: 1 } });
    const row = db.prepare("SELECT starts_at, local_day FROM appointments WHERE external_id = 'LATE-1'").get() as {
      starts_at: string;
      local_day: string;
    };
    expect(row.local_day).toBe(day);
    expect(
      new Date(row.starts_at).toLocaleString("en-GB", {
        timeZone: "Pacific/Auckland",
        hour: "2-digit",
        minute: "2-digit",
        hourCycle: "h23",
      }),
    ).toBe("23:00");
  }, 60_000);
});
