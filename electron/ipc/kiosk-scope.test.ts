import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_GUESTS } from "../../db/demo/seed-demo";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fixedClock } from "../../db/test/helpers";
import { createAppCore, type AppCore } from "../core";
import { CHECKED_IN_KEPT, FREE_MISSES, keepCheckedIn, newSession, searchDelayMs } from "./session";

let core: AppCore;
let mono = 0;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "happyhead-kiosk-scope-"));
  core = await createAppCore({
    dataDir: dir,
    seed: "demo",
    clock: fixedClock("2026-11-25T15:07:00.000Z"),
    monotonicMs: () => mono,
  });
});
afterAll(async () => {
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

type R = { ok: boolean; value?: { matches: { appointmentId: number }[] }; error?: { code: string; message: string } };
const find = async (kiosk: ReturnType<AppCore["newSession"]>, phone: string) =>
  (await core.dispatch(kiosk, "kiosk.findAppointments", { by: "phone", phone })) as R;

describe("kiosk scope: a kiosk acts only on what its own search in this visit returned", () => {
  it("an appointment id typed in, another window's search, or one from a finished visit is refused", async () => {
    const maria = core.model.db
      .prepare("SELECT id FROM appointments WHERE booking_code = ?")
      .get(DEMO_GUESTS.bothFit.code) as {
      id: number;
    };
    const kiosk = core.newSession("kiosk");
    const checkIn = (s = kiosk) =>
      core.dispatch(s, "kiosk.checkIn", { appointmentId: maria.id, lang: "en" }) as Promise<R>;
    expect(await checkIn()).toMatchObject({
      ok: false,
      error: { code: "NOT_FOUND", message: "Find your booking first: search by your phone number or booking code." },
    });
    expect((await core.dispatch(kiosk, "kiosk.visit", { appointmentId: maria.id, lang: "en" })) as R).toMatchObject({
      ok: false,
      error: { code: "NOT_FOUND" },
    });
    expect((await find(kiosk, DEMO_GUESTS.bothFit.phone)).value?.matches.map((m) => m.appointmentId)).toContain(
      maria.id,
    );
    expect((await checkIn()).ok).toBe(true);
    expect((await checkIn(core.newSession("kiosk"))).ok).toBe(false);
    expect((await core.dispatch(kiosk, "kiosk.endVisit", {})) as R).toMatchObject({ ok: true });
    expect((await core.dispatch(kiosk, "kiosk.visit", { appointmentId: maria.id, lang: "en" })) as R).toMatchObject({
      ok: false,
      error: { code: "NOT_FOUND" },
    });
  });

  it("only the kiosk window that checked a guest in may say she left the offer, after her visit ended too", async () => {
    const maria = core.model.db
      .prepare("SELECT id FROM appointments WHERE booking_code = ?")
      .pluck()
      .get(DEMO_GUESTS.bothFit.code) as number;
    const leave = (s: ReturnType<AppCore["newSession"]>) =>
      core.dispatch(s, "kiosk.leaveOffer", { appointmentId: maria }) as Promise<R>;
    const kiosk = core.newSession("kiosk");
    await find(kiosk, DEMO_GUESTS.bothFit.phone);
    // Found but not checked in here: nothing to leave.
    expect(await leave(kiosk)).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect((await core.dispatch(kiosk, "kiosk.checkIn", { appointmentId: maria, lang: "en" })).ok).toBe(true);
    expect((await core.dispatch(kiosk, "kiosk.endVisit", {})).ok).toBe(true);
    // Another kiosk window, or the staff's, may not speak for her.
    expect(await leave(core.newSession("kiosk"))).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await leave(core.newSession("staff"))).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect(await leave(kiosk)).toMatchObject({ ok: true, value: { recorded: true } });
    expect(await leave(kiosk)).toMatchObject({ ok: true, value: { recorded: false } });
    const typed = await core.dispatch(kiosk, "kiosk.leaveOffer", { appointmentId: "1; DROP TABLE offers" });
    expect(typed).toMatchObject({ ok: false, error: { code: "INVALID_INPUT" } });
  });

  it("a kiosk window keeps its latest check-ins, a guest coming back counting as the latest", () => {
    const kiosk = newSession("kiosk");
    for (let id = 1; id <= CHECKED_IN_KEPT; id++) keepCheckedIn(kiosk, id);
    keepCheckedIn(kiosk, 1); // she came back: the newest again
    keepCheckedIn(kiosk, CHECKED_IN_KEPT + 1);
    expect(kiosk.checkedInHere.size).toBe(CHECKED_IN_KEPT);
    expect(kiosk.checkedInHere.has(1)).toBe(true);
    expect(kiosk.checkedInHere.has(2)).toBe(false);
    expect(kiosk.checkedInHere.has(CHECKED_IN_KEPT + 1)).toBe(true);
  });

  it("searches that find nobody slow the next ones down: 3 free, then 1 s doubling to 30 s, per kiosk window", async () => {
    expect([0, 1, 2, 3, 4, 5, 8, 20].map(searchDelayMs)).toEqual([0, 0, 0, 1000, 2000, 4000, 30_000, 30_000]);
    const kiosk = core.newSession("kiosk");
    for (let i = 0; i < FREE_MISSES; i++) {
      expect((await find(kiosk, `555019${String(1000 + i)}`)).value?.matches).toEqual([]);
      expect(kiosk.nextSearchAt).toBe(mono);
    }
    const started = performance.now();
    await find(kiosk, "5550199999");
    expect(kiosk.nextSearchAt - mono).toBe(1000); // the fourth miss in a row waited a second
    expect(performance.now() - started).toBeGreaterThanOrEqual(990);
    // Another kiosk window, and this one ten minutes later, search at once.
    expect(core.newSession("kiosk").nextSearchAt).toBe(0);
    mono += 10 * 60_000 + 1000;
    await find(kiosk, DEMO_GUESTS.noRoom.phone);
    expect(kiosk.nextSearchAt).toBe(mono);
  });
});
