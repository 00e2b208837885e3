import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_GUESTS, DEMO_STAFF } from "../../../db/demo/seed-demo";
import { fixedClock, found } from "../../../db/test/helpers";
import { createAppCore, type AppCore } from "../../core";
import type { CallerSession } from "../session";

let core: AppCore;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "happyhead-preferences-"));
  core = await createAppCore({ dataDir: dir, seed: "demo", clock: fixedClock("2026-11-25T18:07:00.000Z") });
});
afterAll(async () => {
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

type R = { ok: boolean; value?: unknown; error?: { code: string; message: string; field?: string } };
const call = async (session: CallerSession, channel: string, payload: unknown) =>
  (await core.dispatch(session, channel, payload)) as R;
async function signedIn(who: (typeof DEMO_STAFF)[number]): Promise<CallerSession> {
  const session = core.newSession("staff");
  const staffId = core.model.db.prepare("SELECT id FROM staff WHERE name = ?").pluck().get(who.name) as number;
  expect((await call(session, "staff.login", { staffId, pin: who.pin })).ok).toBe(true);
  return session;
}
const preferences = {
  pressure: null,
  allergies: ["nuts"],
  allergyOther: "  lavender\noil ",
  avoid: ["face"],
  keep: true,
};

describe("the preference channels through the dispatcher", () => {
  it("the kiosk reads and saves only within the guest's visit, the 'other' text folded to one line and refused past its limit", async () => {
    const kiosk = core.newSession("kiosk");
    const search = await call(kiosk, "kiosk.findAppointments", { by: "code", code: DEMO_GUESTS.bothFit.code });
    const appointmentId = found(
      (search.value as { matches: { appointmentId: number }[] }).matches[0],
      `${DEMO_GUESTS.bothFit.code}'s appointment`,
    ).appointmentId;
    const stranger = core.newSession("kiosk");
    expect((await call(stranger, "kiosk.preferences", { appointmentId })).error?.code).toBe("NOT_FOUND");
    expect((await call(kiosk, "kiosk.savePreferences", { appointmentId, preferences })).error?.code).toBe("CONFLICT");
    expect((await call(kiosk, "kiosk.checkIn", { appointmentId, lang: "en" })).ok).toBe(true);
    const tooLong = await call(kiosk, "kiosk.savePreferences", {
      appointmentId,
      preferences: { ...preferences, allergyOther: "x".repeat(61) },
    });
    expect(tooLong.error).toMatchObject({
      code: "INVALID_INPUT",
      message: expect.stringMatching(/under 60 characters/),
    });
    const twice = await call(kiosk, "kiosk.savePreferences", {
      appointmentId,
      preferences: { ...preferences, avoid: ["face", "face"] },
    });
    expect(twice.error?.code).toBe("INVALID_INPUT");
    const events: unknown[] = [];
    const stop = core.onEvent((_audience, event, payload) => events.push({ event, payload }));
    expect((await call(kiosk, "kiosk.savePreferences", { appointmentId, preferences })).ok).toBe(true);
    stop();
    // The desk row refreshes with its flags; not announced as an arrival (no second chime).
    expect(events).toEqual([{ event: "queue.changed", payload: { appointmentId, reason: "preferences" } }]);
    expect((await call(kiosk, "kiosk.preferences", { appointmentId })).value).toEqual({
      preferences: { ...preferences, allergyOther: "lavender oil" },
      lastVisit: false,
    });
    // Staff windows can't use the kiosk's channels.
    expect((await call(await signedIn(DEMO_STAFF[0]), "kiosk.preferences", { appointmentId })).error?.code).toBe(
      "FORBIDDEN",
    );
  });

  it("only a manager exports or erases a guest's preferences", async () => {
    const receptionist = await signedIn(DEMO_STAFF[1]);
    const manager = await signedIn(DEMO_STAFF[0]);
    const phone = { phone: DEMO_GUESTS.bothFit.phone, who: { kind: "person", name: DEMO_GUESTS.bothFit.name } };
    for (const channel of ["guests.onPhone", "guests.exportPreferences", "guests.erasePreferences"]) {
      expect((await call(receptionist, channel, phone)).error?.code).toBe("FORBIDDEN");
      expect((await call(core.newSession("kiosk"), channel, phone)).error?.code).toBe("FORBIDDEN");
    }
    expect((await call(manager, "guests.onPhone", { phone: phone.phone })).value).toMatchObject({
      people: [{ name: DEMO_GUESTS.bothFit.name, stored: { visits: 1, allergies: 1 } }],
    });
    const file = (await call(manager, "guests.exportPreferences", phone)).value as {
      filename: string;
      content: string;
      visits: number;
    };
    expect(file.visits).toBe(1);
    expect(JSON.parse(file.content)).toMatchObject({
      guest: DEMO_GUESTS.bothFit.name,
      visits: [{ allergies: ["nuts"], allergyOther: "lavender oil", keep: true }],
    });
    expect((await call(manager, "guests.erasePreferences", phone)).value).toEqual({ erased: 1 });
    expect(((await call(manager, "guests.exportPreferences", phone)).value as { visits: number }).visits).toBe(0);
  });
});
