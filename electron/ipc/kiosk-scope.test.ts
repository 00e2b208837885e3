import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_GUESTS } from "../../db/demo/seed-demo";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fixedClock } from "../../db/test/helpers";
import { createAppCore, type AppCore } from "../core";
import { FREE_MISSES, searchDelayMs } from "./session";

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
