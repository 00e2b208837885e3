import { existsSync } from "node:fs";
import path from "node:path";
import { connect } from "../../db/open";
import { afterEach, expect } from "vitest";
import { DEMO_STAFF } from "../../db/demo/seed-demo";
import { demoSpaIn, fixedClock } from "../../db/test/helpers";
import { createAppCore, type AppCore } from "../core";
import type { CallerSession } from "../ipc/session";

/**
 * The faults a spa meets, driven through the app's own dispatcher (what a kiosk or desk window
 * calls): for each, what the person at the screen is told and that no acknowledged check-in is lost.
 */
export type R<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };
export const clock = fixedClock("2026-11-25T15:07:00.000Z");
/** The cores a test opened; each test file closes them after each test (closeCoresAfterEach). */
export const cores: AppCore[] = [];
export function closeCoresAfterEach(): void {
  afterEach(async () => {
    for (const c of cores) await c.close();
    cores.length = 0;
  });
}

export async function openCore(dir: string, seed: "demo" | "empty" = "demo"): Promise<AppCore> {
  // A new folder gets the file's seed of the demo spa at the clock's moment, as the core would seed it.
  if (seed === "demo" && !existsSync(path.join(dir, "happyhead.sqlite3"))) await demoSpaIn(dir, clock);
  const core = await createAppCore({ dataDir: dir, seed, clock });
  cores.push(core);
  // The startup backup (and the full check, retention) run in the background just after start.
  await core.maintenance.settled();
  return core;
}
export const call = async <T>(core: AppCore, s: CallerSession, channel: string, payload: unknown = {}) =>
  (await core.dispatch(s, channel, payload)) as R<T>;

/** Today's booking codes that can still check in at the kiosk. */
export const openCodes = (core: AppCore): { id: number; code: string }[] =>
  core.model.db
    .prepare(
      "SELECT id, booking_code AS code FROM appointments a WHERE local_day = '2026-11-25' AND ends_at > ? AND NOT EXISTS (SELECT 1 FROM check_ins c WHERE c.appointment_id = a.id) ORDER BY starts_at",
    )
    .all(clock.now().toISOString()) as { id: number; code: string }[];

/** A guest at the kiosk: finds their booking by code and checks in; the answer as the kiosk got it. */
export async function checkIn(core: AppCore, code: string): Promise<R<unknown> & { id?: number }> {
  const kiosk = core.newSession("kiosk");
  const found = await call<{ matches: { appointmentId: number }[] }>(core, kiosk, "kiosk.findAppointments", {
    by: "code",
    code,
  });
  if (!found.ok) return found;
  const id = found.value.matches[0]!.appointmentId;
  return { ...(await call(core, kiosk, "kiosk.checkIn", { appointmentId: id, lang: "en" })), id };
}
export const checkedInIds = (file: string): Set<number> => {
  const db = connect(file, { readonly: true });
  try {
    return new Set(
      (db.prepare("SELECT appointment_id AS id FROM check_ins").all() as { id: number }[]).map((r) => r.id),
    );
  } finally {
    db.close();
  }
};

export async function signInManager(core: AppCore): Promise<CallerSession> {
  const s = core.newSession("staff");
  const list = (await call<{ staff: { id: number; name: string }[] }>(core, s, "staff.list")) as {
    ok: true;
    value: { staff: { id: number; name: string }[] };
  };
  const id = list.value.staff.find((x) => x.name === DEMO_STAFF[0].name)!.id;
  expect((await call(core, s, "staff.login", { staffId: id, pin: DEMO_STAFF[0].pin })).ok).toBe(true);
  return s;
}
