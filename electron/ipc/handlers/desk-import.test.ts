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
