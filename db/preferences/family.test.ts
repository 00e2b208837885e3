import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Preferences } from "../../contract/preferences";
import { DEMO_GUESTS } from "../demo/seed-demo";
import { arrivalsQueue } from "../desk/queue";
import { checkInAtKiosk } from "../kiosk/check-in";
import type { Model } from "../model";
import { demoModel, found } from "../test/helpers";
import { preferencesForVisit, savePreferences } from "./preferences";

/**
 * A family sharing one phone (the demo's Lena and Tom Fischer, 12:15 and 14:00 today), renamed as a booking system
 * wrote them, and tomorrow's booking HH6677 given their phone and whatever name a test needs.
 */
type Spa = Awaited<ReturnType<typeof demoModel>>;
const FIRST_TODAY = "2026-11-25T18:07:00.000Z";
const nuts: Preferences = { pressure: "medium", allergies: ["nuts"], allergyOther: "", avoid: ["face"], keep: true };
const firm: Preferences = { pressure: "firm", allergies: [], allergyOther: "", avoid: [], keep: false };

function todaysFamily(m: Model, names: [string, string]): [number, number] {
  const ids = DEMO_GUESTS.family.names.map((was, i) => {
    const row = found(
      m.db.prepare("SELECT id FROM appointments WHERE guest_name = ?").get(was) as { id: number } | undefined,
      was,
    );
    m.db.prepare("UPDATE appointments SET guest_name = ? WHERE id = ?").run(names[i], row.id);
    return row.id;
  });
  return [found(ids[0], "Lena's visit"), found(ids[1], "Tom's visit")];
}

/** Tomorrow's booking HH6677 made `name`'s on the family's phone, the clock an hour before it. */
function tomorrowAs(m: Spa, name: string): number {
  const row = found(
    m.db.prepare("SELECT id, starts_at FROM appointments WHERE booking_code = 'HH6677'").get() as
      { id: number; starts_at: string } | undefined,
    "HH6677",
  );
  const phone = DEMO_GUESTS.family.phone;
  m.db
    .prepare("UPDATE appointments SET phone = ?, phone_key = ?, guest_name = ? WHERE id = ?")
    .run(phone, phone.slice(-10), name, row.id);
  m.clock.set(new Date(Date.parse(row.starts_at) - 3_600_000).toISOString());
  return row.id;
}

/** What the guest said on this visit, as stored: what the desk row and the therapist's slip read. */
const stored = (m: Model, id: number) => preferencesForVisit(m, id);
const alertsOnDesk = (m: Model, id: number) =>
  found(
    arrivalsQueue(m).items.find((i) => i.appointmentId === id),
    `desk row ${id}`,
  ).alerts;

/** The guest checks in at the kiosk, opens the preferences step (what it starts from) and saves. */
function gives(m: Model, id: number, preferences: Preferences) {
  checkInAtKiosk(m, id, "en");
  const step = preferencesForVisit(m, id);
  savePreferences(m, id, preferences);
  return step;
}

describe("a family sharing one phone: one guest's preferences are never another's", () => {
  it("'FISCHER, LENA' keeps her nut allergy: 'FISCHER, TOM' is not shown it, doesn't take it, and the desk flags Lena", async () => {
    const m = await demoModel();
    const [lena, tom] = todaysFamily(m, ["FISCHER, LENA", "FISCHER, TOM"]);
    gives(m, lena, nuts);
    expect(gives(m, tom, firm)).toEqual({ preferences: null, lastVisit: false });
    expect(stored(m, lena)).toEqual({ preferences: nuts, lastVisit: false });
    expect(stored(m, tom)).toEqual({ preferences: firm, lastVisit: false });
    expect(alertsOnDesk(m, lena)).toEqual({ allergies: ["Nuts"], avoid: ["Face"] });
    expect(alertsOnDesk(m, tom)).toEqual({ allergies: [], avoid: [] });
  });

  it("Lena did not tick Keep: Tom saving 'Firm' leaves her nut allergy on her visit", async () => {
    const m = await demoModel();
    const [lena, tom] = todaysFamily(m, ["FISCHER, LENA", "FISCHER, TOM"]);
    gives(m, lena, { ...nuts, keep: false });
    gives(m, tom, firm);
    expect(alertsOnDesk(m, lena)).toEqual({ allergies: ["Nuts"], avoid: ["Face"] });
  });

  it("'Nguyễn Thị Lan' and 'Nguyễn Văn Minh' (the same first word): Minh's save leaves Lan's allergy", async () => {
    const m = await demoModel();
    const [lan, minh] = todaysFamily(m, ["Nguyễn Thị Lan", "Nguyễn Văn Minh"]);
    gives(m, lan, { ...nuts, keep: false });
    expect(gives(m, minh, firm)).toEqual({ preferences: null, lastVisit: false });
    expect(alertsOnDesk(m, lan)).toEqual({ allergies: ["Nuts"], avoid: ["Face"] });
  });

  it("the next day: Lena, however the booking writes her, starts from hers; Tom neither sees nor erases them", async () => {
    const m = await demoModel();
    const [lena] = todaysFamily(m, ["Lena Fischer", "Tom Fischer"]);
    gives(m, lena, nuts);
    const tom = tomorrowAs(m, "FISCHER, TOM");
    expect(gives(m, tom, { ...firm, keep: true })).toEqual({ preferences: null, lastVisit: false });
    expect(m.db.prepare("SELECT allergies FROM guest_preferences WHERE appointment_id = ?").pluck().get(lena)).toBe(
      '["nuts"]',
    );
    m.db.prepare("UPDATE appointments SET guest_name = 'FISCHER, LENA' WHERE id = ?").run(tom);
    m.db.prepare("DELETE FROM guest_preferences WHERE appointment_id = ?").run(tom);
    expect(preferencesForVisit(m, tom)).toEqual({ preferences: nuts, lastVisit: true });
  });

  it("a parent who booked a child under their own name: today's other booking is no 'last visit'", async () => {
    const m = await demoModel();
    const [first, second] = todaysFamily(m, ["Lena Fischer", "Lena Fischer"]);
    gives(m, first, nuts);
    expect(gives(m, second, firm)).toEqual({ preferences: null, lastVisit: false });
    expect(stored(m, first)).toEqual({ preferences: nuts, lastVisit: false });
  });
});

/** Words of names as booking systems hold them, with and without their accents. */
const GIVEN = ["Lena", "Tom", "María", "José", "Lan", "Minh", "Thị", "Văn", "Zoë", "Ana", "Jean-Pierre", "Nora"];
const FAMILY = ["Fischer", "Nguyễn", "González", "López", "O'Brien", "García", "Müller", "de la Cruz", "Lê"];
const EAST_ASIAN = { family: ["王", "李", "山田", "김"], given: ["小明", "小红", "太郎", "민수"] };
const latin = fc.record({
  given: fc.array(fc.constantFrom(...GIVEN), { minLength: 1, maxLength: 2 }).map((w) => w.join(" ")),
  family: fc.constantFrom(...FAMILY),
  style: fc.constantFrom("Given Family", "Family, Given", "FAMILY, GIVEN", "GIVEN FAMILY", "Family Given"),
  accents: fc.boolean(),
});
const eastAsian = fc.record({
  given: fc.constantFrom(...EAST_ASIAN.given),
  family: fc.constantFrom(...EAST_ASIAN.family),
  style: fc.constantFrom("FamilyGiven", "Family Given"),
  accents: fc.constant(true),
});
type Person = { given: string; family: string; style: string; accents: boolean };
const person = fc.oneof(latin, latin, eastAsian);

const unaccented = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "");
/** The person's name as one booking wrote it. */
function written(p: Person): string {
  const byStyle: Record<string, string> = {
    "Given Family": `${p.given} ${p.family}`,
    "Family, Given": `${p.family}, ${p.given}`,
    "FAMILY, GIVEN": `${p.family}, ${p.given}`.toUpperCase(),
    "GIVEN FAMILY": `${p.given} ${p.family}`.toUpperCase(),
    "Family Given": `${p.family} ${p.given}`,
    FamilyGiven: `${p.family}${p.given}`,
  };
  const name = byStyle[p.style] ?? "";
  return p.accents ? name : unaccented(name);
}
/** Who the person is, however written: their words, without case or accents, in any order. */
const who = (p: Person) => unaccented(`${p.given} ${p.family}`.toLowerCase()).split(/\s+/).sort().join(" ");

const preferences: fc.Arbitrary<Preferences> = fc.record({
  pressure: fc.constantFrom("light", "medium", "firm", null),
  allergies: fc.subarray(["oils", "nuts", "fragrance", "latex"] as const),
  allergyOther: fc.constantFrom("", "lavender oil", "tea tree"),
  avoid: fc.subarray(["face", "scalp", "neck", "shoulders", "back", "feet"] as const),
  keep: fc.boolean(),
});

describe("any two guests on one phone (property)", () => {
  it("one's save never shows, changes or erases the other's preferences, the same day or the next", async () => {
    const m = await demoModel();
    const [today, later] = todaysFamily(m, ["Lena Fischer", "Tom Fischer"]);
    fc.assert(
      fc.property(person, person, preferences, preferences, fc.boolean(), (a, b, aSays, bSays, nextDay) => {
        fc.pre(who(a) !== who(b));
        m.db.exec("BEGIN");
        try {
          m.clock.set(FIRST_TODAY);
          m.db.prepare("UPDATE appointments SET guest_name = ? WHERE id = ?").run(written(a), today);
          gives(m, today, aSays);
          const other = nextDay ? tomorrowAs(m, written(b)) : later;
          m.db.prepare("UPDATE appointments SET guest_name = ? WHERE id = ?").run(written(b), other);
          const asOf = () => m.db.prepare("SELECT * FROM guest_preferences WHERE appointment_id = ?").get(today);
          const before = asOf();
          expect([written(a), written(b), gives(m, other, bSays)]).toEqual([
            written(a),
            written(b),
            { preferences: null, lastVisit: false },
          ]);
          expect(asOf()).toEqual(before);
        } finally {
          m.db.exec("ROLLBACK");
        }
      }),
      { numRuns: 150 },
    );
  });

  it("the same guest, written in capitals, 'Last, First' or without accents the next time, starts from what they kept", async () => {
    const m = await demoModel();
    const [today] = todaysFamily(m, ["Lena Fischer", "Tom Fischer"]);
    const recognised = latin.filter((p) => p.style !== "Family Given");
    fc.assert(
      fc.property(recognised, recognised, preferences, (first, again, says) => {
        const same = { ...again, given: first.given, family: first.family };
        m.db.exec("BEGIN");
        try {
          m.clock.set(FIRST_TODAY);
          m.db.prepare("UPDATE appointments SET guest_name = ? WHERE id = ?").run(written(first), today);
          gives(m, today, says);
          const next = tomorrowAs(m, written(same));
          checkInAtKiosk(m, next, "en");
          expect([written(first), written(same), preferencesForVisit(m, next)]).toEqual([
            written(first),
            written(same),
            says.keep ? { preferences: says, lastVisit: true } : { preferences: null, lastVisit: false },
          ]);
        } finally {
          m.db.exec("ROLLBACK");
        }
      }),
      { numRuns: 60 },
    );
  });
});
