import { ADDON_TITLE_MAX, BENEFIT_MAX } from "../contract/admin";
import { ADDONS_PER_VISIT, GUEST_NAME_MAX, type Language } from "../contract/common";
import { ALLERGENS, ALLERGY_OTHER_MAX, AREAS } from "../contract/preferences";
import { SCREENING_QUESTION_MAX, SCREENING_QUESTIONS_MAX } from "../contract/screening";
import { DEMO_GUESTS, DEMO_STAFF } from "../db/demo/seed-demo";
import { storeBookedAddons } from "../db/desk/booked-addons";
import type { AppCore } from "../electron/core";
import { deskSession } from "./kiosk-helpers";

/**
 * The family's phone at everything the contract and the model allow, for the screens whose words the data makes
 * long: Lena's name a single word of GUEST_NAME_MAX letters (her greeting "Llegada registrada, …"), the search's
 * most bookings on one number (10: Lena and 9 others, each an 80-letter name, her Done screen's party buttons),
 * ADDONS_PER_VISIT add-ons on her visit (2 booked ahead, 8 on the offer), each titled ADDON_TITLE_MAX letters with 3
 * benefit lines of BENEFIT_MAX in every kiosk language, the face massage's SCREENING_QUESTIONS_MAX questions of
 * SCREENING_QUESTION_MAX letters, and last visit's preferences kept with every choice on and an "other" allergy of
 * ALLERGY_OTHER_MAX letters (so her preferences step comes first, with its "from your last visit" notice).
 */

/** The search shows at most this many bookings on one number (db/kiosk/search.ts MATCHES_SHOWN). */
export const MATCHES_SHOWN = 10;

/** Words in each language, cut to exactly `n` characters (Chinese: as wide as a Latin text twice as long). */
const WORDS: Record<Language, string> = {
  en: "Relaxing massage with warm essential oils for the neck and temples, gentle pressure and quiet music. ",
  es: "Masaje relajante con aceites esenciales tibios para cuello y sienes, presión suave y música tranquila. ",
  zh: "用温热的精油轻柔按摩颈部和太阳穴，配合舒缓的音乐，让您彻底放松身心。",
};
export const copy = (lang: Language, n: number, tag: string): string =>
  `${tag} ${WORDS[lang].repeat(Math.ceil(n / WORDS[lang].length) + 1)}`.slice(0, n).trimEnd().padEnd(n, "x");

/** A given name of one word (hyphens join its parts), GUEST_NAME_MAX letters: its label is as long as labels get. */
const longName = (i: number) =>
  `${i}-María-Guadalupe-Concepción-Wolfeschlegelsteinhausen-Bergerdorff-Alexandrina-Maximiliana`.slice(
    0,
    GUEST_NAME_MAX,
  );
export const LENA = longName(0);

export async function familyAtTheLimits(core: AppCore): Promise<{ offered: number }> {
  const { db } = core.model;
  const manager = await deskSession(core, DEMO_STAFF[0]);
  const list = await core.dispatch(manager, "admin.addons", {});
  if (!list.ok) throw new Error(JSON.stringify(list));
  const { addons } = list.value as { addons: { code: string; serviceIds: number[] }[] };
  const face = addons.find((a) => a.code === "face");
  if (!face) throw new Error("The demo spa has no face massage.");
  const texts = (tag: string) =>
    Object.fromEntries(
      (["en", "es", "zh"] as const).map((l) => [
        l,
        {
          title: copy(l, ADDON_TITLE_MAX, tag),
          benefits: [1, 2, 3].map((i) => copy(l, BENEFIT_MAX, `${tag}.${i}`)),
        },
      ]),
    );
  for (let i = 0; i < ADDONS_PER_VISIT; i++) {
    const code = i === 0 ? "face" : i === 1 ? "scalp" : `extra-${i}`;
    const id = db.prepare("SELECT id FROM addons WHERE code = ?").pluck().get(code) as number | undefined;
    const saved = await core.dispatch(manager, "admin.saveAddon", {
      ...(id === undefined ? {} : { id }),
      code,
      priceCents: 99_999,
      extraMinutes: 15,
      active: true,
      sortOrder: i + 1,
      serviceIds: face.serviceIds,
      texts: texts(`A${i + 1}`),
    });
    if (!saved.ok) throw new Error(JSON.stringify(saved));
  }
  const faceId = db.prepare("SELECT id FROM addons WHERE code = 'face'").pluck().get() as number;
  const screening = await core.dispatch(manager, "admin.saveScreening", {
    addonId: faceId,
    questions: Array.from({ length: SCREENING_QUESTIONS_MAX }, (_, i) => ({
      text: Object.fromEntries(
        (["en", "es", "zh"] as const).map((l) => [l, `${copy(l, SCREENING_QUESTION_MAX - 1, `Q${i + 1}`)}?`]),
      ),
      ifYes: "check",
      reason: `flag ${i + 1}`,
    })),
  });
  if (!screening.ok) throw new Error(JSON.stringify(screening));

  // Lena's visit: her name, no one else after her with her therapist or in her room, 2 add-ons booked ahead.
  const lena = db
    .prepare("SELECT id, therapist_id, room_id, ends_at, local_day FROM appointments WHERE guest_name = ?")
    .get(DEMO_GUESTS.family.names[0]) as {
    id: number;
    therapist_id: number;
    room_id: number;
    ends_at: string;
    local_day: string;
  };
  db.prepare("UPDATE appointments SET guest_name = ? WHERE id = ?").run(LENA, lena.id);
  db.prepare(
    "UPDATE appointments SET status = 'cancelled' WHERE local_day = ? AND starts_at >= ? AND (therapist_id = ? OR room_id = ?) AND phone != ?",
  ).run(lena.local_day, lena.ends_at, lena.therapist_id, lena.room_id, DEMO_GUESTS.family.phone);
  const ids = db.prepare("SELECT id FROM addons WHERE code IN ('extra-8', 'extra-9') ORDER BY code").pluck().all();
  storeBookedAddons(
    db,
    lena.id,
    (ids as number[]).map((id) => ({ id, minutes: 15 })),
  );

  // Tom and 8 more on the family's number, each with a name of GUEST_NAME_MAX letters.
  const tom = db.prepare("SELECT * FROM appointments WHERE guest_name = ?").get(DEMO_GUESTS.family.names[1]) as Record<
    string,
    unknown
  >;
  // After every add-on Lena may take (8 x 15 minutes), so each fits.
  const at = (minutes: number) => new Date(Date.parse(lena.ends_at) + minutes * 60_000).toISOString();
  Object.assign(tom, { starts_at: at(135), ends_at: at(195) });
  db.prepare("UPDATE appointments SET guest_name = ?, starts_at = ?, ends_at = ? WHERE id = ?").run(
    longName(1),
    tom.starts_at,
    tom.ends_at,
    tom.id,
  );
  const columns = Object.keys(tom).filter((c) => c !== "id");
  for (let i = 2; i < MATCHES_SHOWN; i++) {
    const row: Record<string, unknown> = {
      ...tom,
      guest_name: longName(i),
      booking_code: `HHLIM${i}`,
      external_id: null,
    };
    db.prepare(
      `INSERT INTO appointments (${columns.join(", ")}) VALUES (${columns.map((c) => `@${c}`).join(", ")})`,
    ).run(Object.fromEntries(columns.map((c) => [c, row[c]])));
  }

  // Her last visit, with every preference given, kept: the step opens right after "Yes, that's me".
  const earlier = db
    .prepare("SELECT id FROM appointments WHERE local_day < ? ORDER BY local_day DESC LIMIT 1")
    .pluck()
    .get(lena.local_day) as number;
  db.prepare("UPDATE appointments SET guest_name = ?, phone = ?, phone_key = ? WHERE id = ?").run(
    LENA,
    DEMO_GUESTS.family.phone,
    DEMO_GUESTS.family.phone,
    earlier,
  );
  db.prepare(
    `INSERT INTO guest_preferences (appointment_id, pressure, allergies, allergy_other, avoid, keep, given_at)
     VALUES (?, 'medium', ?, ?, ?, 1, '2026-11-18T18:00:00.000Z')`,
  ).run(earlier, JSON.stringify(ALLERGENS), copy("es", ALLERGY_OTHER_MAX, "Alergia al"), JSON.stringify(AREAS));
  return { offered: ADDONS_PER_VISIT - ids.length };
}
