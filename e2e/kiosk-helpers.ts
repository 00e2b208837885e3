import type { Page } from "@playwright/test";
import { DEMO_STAFF } from "../db/demo/seed-demo";
import { insertAppointment } from "../db/desk/appointments";
import { checkInAtKiosk } from "../db/kiosk/check-in";
import { chooseAddons } from "../db/kiosk/choose";
import { getSettings } from "../db/settings";
import type { AppCore } from "../electron/core";
import type { CallerSession } from "../electron/ipc/session";
import { HAND_MASSAGE } from "../db/test/hand-massage";

/** Taps on-screen keys, one button per character, as a guest does. */
export async function tapKeys(page: Page, text: string): Promise<void> {
  for (const k of text) await page.getByRole("button", { name: k, exact: true }).click();
}

export const countRows = (core: AppCore, sql: string, ...params: unknown[]): number =>
  (core.model.db.prepare(sql).get(...params) as { n: number }).n;

export const appointmentIdByCode = (core: AppCore, code: string): number =>
  (core.model.db.prepare("SELECT id FROM appointments WHERE booking_code = ?").get(code) as { id: number }).id;

/** A receptionist (or the manager) signed in on a staff session of the main process (the desk, without its window). */
export async function deskSession(
  core: AppCore,
  who: (typeof DEMO_STAFF)[number] = DEMO_STAFF[1],
): Promise<CallerSession> {
  const session = core.newSession("staff");
  const list = (await core.dispatch(session, "staff.list", {})) as {
    ok: true;
    value: { staff: { id: number; name: string }[] };
  };
  const id = list.value.staff.find((s) => s.name === who.name)?.id;
  const login = await core.dispatch(session, "staff.login", { staffId: id, pin: who.pin });
  if (!login.ok) throw new Error(`desk login failed: ${JSON.stringify(login)}`);
  return session;
}

/** Pushes an event to the page exactly as the main process does (used after a change made directly in the database). */
export async function pushEvent(page: Page, event: string, payload: unknown): Promise<void> {
  await page.evaluate(([e, p]) => window.__hhEmit(e, p), [event, payload] as const);
}

/** From Welcome to the Find screen in booking-code mode, then the code: the search runs by itself. */
export async function findByCode(page: Page, code: string): Promise<void> {
  await page.getByRole("button", { name: "Check in" }).click();
  await page.getByRole("button", { name: "Booking code" }).click();
  await tapKeys(page, code);
}

export async function findByPhone(page: Page, digits: string): Promise<void> {
  await page.getByRole("button", { name: "Check in" }).click();
  await tapKeys(page, digits);
}

/**
 * A third add-on, as a manager creates it in the back office: a hand massage (+10 min, $15) with
 * copy in every kiosk language, offered with the same services as the face massage.
 */
export async function addHandMassage(core: AppCore): Promise<void> {
  const manager = await deskSession(core, DEMO_STAFF[0]);
  const list = await core.dispatch(manager, "admin.addons", {});
  if (!list.ok) throw new Error(`admin.addons failed: ${JSON.stringify(list)}`);
  const { addons } = list.value as { addons: { code: string; serviceIds: number[] }[] };
  const face = addons.find((a) => a.code === "face");
  if (!face) throw new Error("The demo spa has no face massage add-on.");
  const saved = await core.dispatch(manager, "admin.saveAddon", {
    ...HAND_MASSAGE,
    sortOrder: 3,
    serviceIds: face.serviceIds,
  });
  if (!saved.ok) throw new Error(`admin.saveAddon failed: ${JSON.stringify(saved)}`);
}

/** The add-on's screening questions are on screen: the guest answers no to all of them in one tap. */
export async function noneApply(page: Page): Promise<void> {
  await page.getByRole("button", { name: "None of these apply to me" }).click();
}

/** Five therapists and rooms the demo's day leaves free, added the first time a test books from now. */
const EXTRA_TEAM = ["Farah Haddad", "Gus Lindqvist", "Hana Kobayashi", "Ivo Petrov", "Jade Morel"];

function extraTeam(core: AppCore): { therapistId: number; roomId: number }[] {
  const db = core.model.db;
  return EXTRA_TEAM.map((name, i) => {
    const room = `Annex ${i + 1}`;
    const therapistId =
      (db.prepare("SELECT id FROM therapists WHERE name = ?").pluck().get(name) as number | undefined) ??
      Number(db.prepare("INSERT INTO therapists (name) VALUES (?)").run(name).lastInsertRowid);
    const roomId =
      (db.prepare("SELECT id FROM rooms WHERE name = ?").pluck().get(room) as number | undefined) ??
      Number(db.prepare("INSERT INTO rooms (name) VALUES (?)").run(room).lastInsertRowid);
    return { therapistId, roomId };
  });
}

/**
 * Guests booked today from the spa clock's current minute, a minute apart (the first of them due now), not
 * checked in, with five therapists and rooms of their own; their ids in order. Booked from the clock rather
 * than at a set hour: the demo spa's clock is the real one from 08:00 to 18:00 (db/demo/clock.ts), and a
 * session booked for 10:00 has ended by 11:00, so the kiosk turns its guest away ("This session ended at
 * 11:00 AM"), which a CI run after 11:00 in the spa's time zone met. With a team of their own, whatever the
 * hour, the demo's full book leaves every add-on time to fit.
 */
export function bookFromNow(core: AppCore, names: readonly string[], phonePrefix: string): number[] {
  const tz = getSettings(core.model.db).timeZone;
  const minute = Math.floor(core.model.clock.now().getTime() / 60_000) * 60_000;
  return core.model.db.transaction(() => {
    const team = extraTeam(core);
    return names.map((guestName, i) =>
      insertAppointment(core.model, tz, {
        guestName,
        phone: `${phonePrefix}${10000 + i}`,
        serviceId: 1,
        ...(team[i % team.length] as { therapistId: number; roomId: number }),
        startsAt: new Date(minute + i * 60_000).toISOString(),
        source: "import",
      }),
    );
  })();
}

/** The guest checks in at the kiosk and takes the face massage (`face` false: none), saying "no" to each question. */
export function chooseFace(core: AppCore, id: number, face = true): void {
  const { visit } = checkInAtKiosk(core.model, id, "en");
  const card = visit.offer.cards.find((c) => c.code === "face" && c.available);
  if (!card?.screening) throw new Error("the face massage fits every guest booked here and has questions");
  const answers = card.screening.questions.map(() => "no" as const);
  chooseAddons(core.model, {
    appointmentId: id,
    addonIds: face ? [card.addonId] : [],
    offerMs: 3000,
    lang: "en",
    ...(face ? { screening: [{ addonId: card.addonId, version: card.screening.version, answers }] } : {}),
  });
}
