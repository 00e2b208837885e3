import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZONE_CHANGE_INLINE_MAX } from "../../../contract/admin";
import { DEMO_STAFF } from "../../../db/demo/seed-demo";
import { insertAppointment } from "../../../db/desk/appointments";
import { modelOf } from "../../../db/model";
import { getSettings, spaToday } from "../../../db/settings";
import { addDays, zonedToUtc } from "../../../db/time";
import { WRITES_HELD_MESSAGE } from "../../background/gate";
import { closeDemoCore, openDemoCore, type DemoCore } from "../../test-support/demo-core";
import type { CallerSession } from "../session";

let demo: DemoCore;
beforeAll(async () => {
  demo = await openDemoCore("happyhead-zone-held-");
  await demo.core.maintenance.settled();
});
afterAll(() => closeDemoCore(demo));

type R = { ok: boolean; value?: unknown; error?: { code: string; message: string; field?: string } };

describe("a change of time zone on a spa with more than a save rewrites at once", () => {
  it("is made whole by the background writer; meanwhile the kiosk's check-ins are refused saying why and the desk's list still answers", async () => {
    const { core } = demo;
    const { db, clock } = core.model;
    const call = async (session: CallerSession, channel: string, payload: unknown) =>
      (await core.dispatch(session, channel, payload, "person")) as R;
    const manager = core.newSession("staff");
    expect((await call(manager, "staff.login", { staffId: 1, pin: DEMO_STAFF[0].pin })).ok).toBe(true);
    const from = getSettings(db).timeZone;
    const today = spaToday(core.model);

    // Two years of bookings ahead, twelve a day: a busy spa's file, past what the main thread rewrites in its save.
    const perDay = 12;
    const days = Math.ceil((ZONE_CHANGE_INLINE_MAX * 2.5) / perDay);
    db.transaction(() => {
      for (let d = 1; d <= days; d++)
        for (let h = 0; h < perDay; h++)
          insertAppointment(modelOf(db, clock), from, {
            guestName: `Future Guest${d}-${h}`,
            phone: `55571${String(d * 100 + h).padStart(5, "0")}`,
            serviceId: 1,
            therapistId: 1 + (h % 3),
            roomId: 1 + (h % 3),
            startsAt: zonedToUtc(addDays(today, d + 1), `${String(8 + h).padStart(2, "0")}:00`, from).toISOString(),
            source: "demo",
          });
    })();
    const probe = db.prepare("SELECT id, starts_at FROM appointments WHERE guest_name = 'Future Guest1-2'").get() as {
      id: number;
      starts_at: string;
    };

    const change = await call(manager, "admin.timeZoneChange", { timeZone: "Asia/Tokyo" });
    expect(change).toMatchObject({ ok: true, value: { pauses: true } });

    // The kiosk's guests of today, checked in one after another while the save runs.
    const kiosk = core.newSession("kiosk");
    const waiting = db
      .prepare(
        `SELECT id FROM appointments WHERE local_day = ? AND status = 'booked' AND ends_at > ?
           AND id NOT IN (SELECT appointment_id FROM check_ins) ORDER BY id`,
      )
      .pluck()
      .all(today, clock.now().toISOString()) as number[];
    for (const id of waiting) kiosk.visitScope.add(id);

    const settings = (await call(manager, "admin.kioskSettings", {})).value as { settings: Record<string, unknown> };
    let saving = true;
    const saved = call(manager, "admin.saveKioskSettings", { ...settings.settings, timeZone: "Asia/Tokyo" }).finally(
      () => (saving = false),
    );
    const refused: number[] = [];
    let listedMeanwhile = false;
    for (const id of waiting) {
      if (!saving) break;
      const r = await call(kiosk, "kiosk.checkIn", { appointmentId: id, lang: "en" });
      if (!r.ok) {
        expect(r.error).toEqual({ code: "NOT_AVAILABLE", message: WRITES_HELD_MESSAGE });
        refused.push(id);
        const list = await call(manager, "desk.queue", { day: today });
        expect(list.ok).toBe(true);
        listedMeanwhile ||= saving;
      }
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    expect(await saved).toMatchObject({ ok: true, value: { settings: { timeZone: "Asia/Tokyo" } } });
    expect(refused.length).toBeGreaterThan(0);
    expect(listedMeanwhile).toBe(true);

    // All of it or none: the zone is saved, a booking keeps its wall-clock time, the refused check-ins were not made.
    expect(getSettings(db).timeZone).toBe("Asia/Tokyo");
    const moved = db.prepare("SELECT starts_at FROM appointments WHERE id = ?").pluck().get(probe.id) as string;
    expect(moved).not.toBe(probe.starts_at);
    expect(new Date(moved).toLocaleTimeString("en-GB", { timeZone: "Asia/Tokyo", hourCycle: "h23" })).toBe("10:00:00");
    const checkedIn = db.prepare("SELECT appointment_id FROM check_ins").pluck().all() as number[];
    for (const id of refused) expect(checkedIn).not.toContain(id);
    expect(
      db.prepare("SELECT count(*) FROM audit_log WHERE action = 'settings.time_zone'").pluck().get() as number,
    ).toBe(1);
    // Once it is done, the kiosk writes again.
    const after = await call(kiosk, "kiosk.checkIn", { appointmentId: refused[0], lang: "en" });
    expect(after.error?.message ?? "").not.toBe(WRITES_HELD_MESSAGE);
  }, 120_000);
});
