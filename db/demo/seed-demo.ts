import { modelOf, type Model } from "../model";
import { defaultSettings } from "../../contract/settings";
import { insertDefaultAddons } from "../admin/addon-copy";
import { insertAppointment } from "../desk/appointments";
import { checkInAtKiosk } from "../kiosk/check-in";
import { chooseAddons } from "../kiosk/choose";
import { changeAddons, confirmAddons, voidAddons } from "../desk/addons";
import { checkInAtDesk } from "../desk/appointment";
import { writeServiceGuestNames } from "../admin/service-names";
import { saveSettings } from "../settings";
import { hashPin } from "../staff/pin-hash";
import { insertStaff } from "../staff/staff";
import { addDays, localParts, zonedToUtc } from "../time";

/** Demo staff; their PINs are printed in the README. */
export const DEMO_STAFF = [
  { name: "Morgan Lee", role: "manager", pin: "2468" },
  { name: "Riley Chen", role: "receptionist", pin: "1357" },
] as const;

/** Featured demo guests, so a person trying the kiosk has numbers to type. */
export const DEMO_GUESTS = {
  bothFit: { name: "María González", phone: "5550102233", code: "HH2233" },
  noRoom: { name: "James Park", phone: "5550104455", code: "HH4455" },
  family: { names: ["Lena Fischer", "Tom Fischer"], phone: "5550107788" },
  /** Booked for tomorrow: the kiosk tells her so. */
  tomorrow: { name: "Priya Shah", phone: "5550106677", code: "HH6677" },
} as const;

/** With the names a guest reading the kiosk in Spanish or Chinese sees. */
const SERVICES = [
  { name: "Swedish massage", minutes: 60, price: 9500, guestNames: { es: "Masaje sueco", zh: "瑞典式按摩" } },
  {
    name: "Deep tissue massage",
    minutes: 60,
    price: 11000,
    guestNames: { es: "Masaje de tejido profundo", zh: "深层组织按摩" },
  },
  {
    name: "Hot stone massage",
    minutes: 90,
    price: 14500,
    guestNames: { es: "Masaje con piedras calientes", zh: "热石按摩" },
  },
  { name: "Prenatal massage", minutes: 60, price: 10000, guestNames: { es: "Masaje prenatal", zh: "孕期按摩" } },
  { name: "Foot reflexology", minutes: 30, price: 5500, guestNames: { es: "Reflexología podal", zh: "足部反射疗法" } },
];
const THERAPISTS = ["Ana Ruiz", "Ben Carter", "Chloé Martin", "Diego Santos", "Emi Tanaka"];
const ROOMS = ["Lotus", "Cedar", "Willow", "Bamboo", "Jasmine"];
/** More names than a day has bookings, so nobody appears twice on today's list. */
const GUESTS = [
  "Olivia Brown",
  "Noah Wilson",
  "Ava Martínez",
  "Liam Nguyen",
  "Sofia Rossi",
  "Ethan Walker",
  "Mia Johansson",
  "Lucas Dubois",
  "Isabella Kim",
  "Mason Clark",
  "Amara Okafor",
  "Logan Baker",
  "Chloe Evans",
  "Mateo Hernández",
  "Harper Scott",
  "Elijah Adams",
  "Zoë Müller",
  "Aiden Hughes",
  "Layla Haddad",
  "Jack Turner",
  "Nora O'Brien",
  "Owen Price",
  "Priya Patel",
  "Samuel Reed",
  "Yuki Sato",
  "Grace Lewis",
  "Diego Alvarez",
  "Ella Wright",
  "Hannah Cohen",
  "Omar Farouk",
  "Lucía Torres",
  "Ben Fraser",
  "Aisha Rahman",
  "Felix Wagner",
  "Ingrid Olsen",
  "Kofi Mensah",
  "Rosa Delgado",
  "Theo Laurent",
  "Mei Lin",
  "Caleb Ross",
  "Ana Popescu",
  "Daniel Byrne",
  "Fatima Zahra",
  "Hugo Martins",
  "Julia Novak",
  "Ravi Iyer",
  "Sara Lindqvist",
  "Victor Hale",
];
/** Minutes between one booking and the next for a therapist: some back-to-back, some roomy. */
const GAPS = [30, 15, 0, 45, 20, 60, 10];

/** A tiny deterministic generator, so the demo spa is the same on every machine. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * Fills an empty database with a believable small spa: services, five therapists, rooms, both
 * add-ons, staff, four weeks of history for the reports, and today's book around `now`.
 * It goes through the same domain operations as the app, with a clock set to each moment.
 */
export async function seedDemo(m: Model): Promise<void> {
  const { db, clock } = m;
  const pinHashes = await Promise.all(DEMO_STAFF.map((s) => hashPin(s.pin)));
  const tz = defaultSettings.timeZone;
  const now = clock.now();
  db.transaction(() => {
    saveSettings(db, { ...defaultSettings });
    const serviceIds = SERVICES.map((s) => {
      const id = Number(
        db.prepare("INSERT INTO services (name, minutes, price_cents) VALUES (?, ?, ?)").run(s.name, s.minutes, s.price)
          .lastInsertRowid,
      );
      writeServiceGuestNames(m, id, s.guestNames);
      return id;
    });
    const therapistIds = THERAPISTS.map((n) =>
      Number(db.prepare("INSERT INTO therapists (name) VALUES (?)").run(n).lastInsertRowid),
    );
    const roomIds = ROOMS.map((n) => Number(db.prepare("INSERT INTO rooms (name) VALUES (?)").run(n).lastInsertRowid));
    // Every service but reflexology (a foot treatment) may carry the add-ons.
    const addonIds = insertDefaultAddons(
      db,
      serviceIds.filter((_, k) => SERVICES[k]?.name !== "Foot reflexology"),
      now,
    );
    const staffIds = DEMO_STAFF.map((s, i) =>
      insertStaff(m, { name: s.name, role: s.role, pinHash: pinHashes[i] ?? "" }),
    );
    const receptionist = { kind: "staff", staffId: staffIds[1] ?? 0, name: DEMO_STAFF[1].name } as const;

    const random = rng(20261125);
    let guest = 0;
    const book = (
      day: string,
      therapist: number,
      startsAt: string,
      service: number,
      name?: string,
      phone?: string,
      code?: string,
    ) =>
      insertAppointment(m, tz, {
        guestName: name ?? GUESTS[guest++ % GUESTS.length] ?? "Guest",
        phone: phone ?? `555020${String(1000 + guest).slice(-4)}`,
        serviceId: serviceIds[service] ?? 0,
        therapistId: therapistIds[therapist] ?? 0,
        roomId: roomIds[therapist] ?? 0,
        startsAt,
        source: "demo",
        ...(code ? { bookingCode: code } : {}),
      });

    /** The demo's world as it stood `minutes` after `start`: each step of a visit at its real moment. */
    const moment = (start: Date, minutes: number): Model =>
      modelOf(db, { now: () => new Date(start.getTime() + minutes * 60_000) });
    const [face = 0] = addonIds;
    const REASONS = [
      "Session ran late; no time for the add-on",
      "Guest felt unwell",
      "Guest changed their mind at the desk",
    ];

    /**
     * A visit as it went: kiosk check-in, the guest's pick, the desk's confirmation; now and then
     * the guest asks the desk for the other add-on too, or the add-on is voided.
     */
    const visitAsItWent = (id: number, start: Date) => {
      const language = random();
      const lang = language < 0.2 ? "es" : language < 0.27 ? "zh" : "en";
      const visit = checkInAtKiosk(moment(start, -10), id, lang).visit;
      const r = random();
      const pick = r < 0.12 ? addonIds : r < 0.42 ? [addonIds[0] ?? 0] : r < 0.62 ? [addonIds[1] ?? 0] : [];
      const cards = visit.offer.cards.filter((c) => c.available && pick.includes(c.addonId));
      const minutes = cards.reduce((sum, c) => sum + c.extraMinutes, 0);
      // Both fit alone but not together: the guest takes the first.
      const chosen = (
        visit.offer.freeMinutes !== null && minutes > visit.offer.freeMinutes ? cards.slice(0, 1) : cards
      ).map((c) => c.addonId);
      // No add-on fits before the next booking: nothing was offered, the desk confirms the session alone.
      if (visit.offer.cards.some((c) => c.available)) {
        chooseAddons(moment(start, -9), {
          appointmentId: id,
          addonIds: chosen,
          offerMs: Math.round(4000 + random() * 20000),
          lang,
        });
      }
      confirmAddons(moment(start, -5), receptionist, id);
      const later = random();
      const chosenMinutes = visit.offer.cards
        .filter((c) => chosen.includes(c.addonId))
        .reduce((sum, c) => sum + c.extraMinutes, 0);
      const more = visit.offer.cards.find(
        (c) =>
          c.available &&
          !chosen.includes(c.addonId) &&
          (visit.offer.freeMinutes === null || chosenMinutes + c.extraMinutes <= visit.offer.freeMinutes),
      );
      if (later < 0.05 && more) {
        changeAddons(moment(start, -3), receptionist, {
          appointmentId: id,
          addonIds: [...chosen, more.addonId],
          reason: "Guest asked at the desk",
        });
      } else if (later < 0.08 && chosen.length > 0) {
        voidAddons(moment(start, -3), receptionist, {
          appointmentId: id,
          reason: REASONS[Math.floor(random() * REASONS.length)] ?? "Guest changed their mind at the desk",
        });
      }
    };

    /** A guest who walked past the kiosk to the desk: checked in there, and now and then sold a face massage. */
    const deskVisitAsItWent = (id: number, start: Date) => {
      checkInAtDesk(moment(start, -8), receptionist, id);
      const carriesFace =
        db
          .prepare(
            "SELECT 1 FROM appointments a JOIN addon_services s ON s.service_id = a.service_id AND s.addon_id = ? WHERE a.id = ?",
          )
          .get(face, id) !== undefined;
      if (random() < 0.35 && carriesFace)
        changeAddons(moment(start, -6), receptionist, { appointmentId: id, addonIds: [face] });
      else confirmAddons(moment(start, -6), receptionist, id);
    };

    // Four weeks of history for the reports.
    const today = localParts(now, tz).day;
    for (let back = 28; back >= 1; back--) {
      const day = addDays(today, -back);
      for (let t = 0; t < THERAPISTS.length; t++) {
        for (let slot = 0; slot < 4; slot++) {
          const start = zonedToUtc(day, `${String(9 + slot * 2 + (t % 2)).padStart(2, "0")}:00`, tz);
          const id = book(day, t, start.toISOString(), Math.floor(random() * 4));
          const r = random();
          if (r < 0.1) continue; // a no-show
          // About one guest in ten skips the kiosk and checks in at the desk (history only: its
          // two-hour slots leave room for an add-on sold there).
          if (r < 0.2) deskVisitAsItWent(id, start);
          else visitAsItWent(id, start);
        }
      }
    }

    // Today: the spa's opening hours, 08:00 to 22:00, fully booked for four therapists. The fifth
    // therapist's book is set around an anchor: now, kept between 11:00 and 18:00 so a demo
    // started at night or early in the morning still has its featured guests within the day.
    const clockAt = (time: string) => zonedToUtc(today, time, tz).getTime();
    const anchor = Math.min(
      Math.max(Math.floor(now.getTime() / 1_800_000) * 1_800_000, clockAt("11:00")),
      clockAt("18:00"),
    );
    const opens = (clockAt("08:00") - anchor) / 60_000;
    const closes = (clockAt("22:00") - anchor) / 60_000;
    const at = (minutes: number) => new Date(anchor + minutes * 60_000).toISOString();
    const upcoming: { id: number; therapist: number; gapAfter: number; last: boolean }[] = [];
    const booked: { id: number; startsAt: string }[] = [];
    const featuredTherapist = THERAPISTS.length - 1;
    const minutesOf = (service: number) => SERVICES[service]?.minutes ?? 60;
    for (let t = 0; t < featuredTherapist; t++) {
      const serviceOf = (i: number) => (i + t) % 4;
      let start = opens + t * 15;
      for (let i = 0; start + minutesOf(serviceOf(i)) <= closes; i++) {
        const gap = GAPS[(i + t) % GAPS.length] ?? 30;
        const id = book(today, t, at(start), serviceOf(i));
        booked.push({ id, startsAt: at(start) });
        const next = start + minutesOf(serviceOf(i)) + gap;
        if (start > 5)
          upcoming.push({ id, therapist: t, gapAfter: gap, last: next + minutesOf(serviceOf(i + 1)) > closes });
        start = next;
      }
    }
    // The featured guests share one therapist whose book shows each case on the offer screen:
    // María has 45 free minutes after her session (both add-ons fit), James is followed at once
    // by the next guest (no add-on fits).
    const bookFeatured = (minutes: number, service: number) =>
      booked.push({ id: book(today, featuredTherapist, at(minutes), service), startsAt: at(minutes) });
    bookFeatured(-180, 0);
    bookFeatured(-90, 1);
    book(
      today,
      featuredTherapist,
      at(30),
      0,
      DEMO_GUESTS.bothFit.name,
      DEMO_GUESTS.bothFit.phone,
      DEMO_GUESTS.bothFit.code,
    );
    book(
      today,
      featuredTherapist,
      at(135),
      1,
      DEMO_GUESTS.noRoom.name,
      DEMO_GUESTS.noRoom.phone,
      DEMO_GUESTS.noRoom.code,
    );
    // The booking right after James's session is what leaves him no room for an add-on: always
    // made, even past closing; the one after it only if it ends by then.
    bookFeatured(195, 3);
    if (285 + minutesOf(0) <= closes) bookFeatured(285, 0);
    // A family booked under one phone number: the kiosk lets each pick their own appointment.
    const family = upcoming.filter((u) => u.gapAfter >= 15 && !u.last).slice(0, 2);
    family.forEach((u, k) => {
      const name = DEMO_GUESTS.family.names[k] ?? "Guest";
      db.prepare("UPDATE appointments SET guest_name = ?, phone = ?, phone_key = ? WHERE id = ?").run(
        name,
        DEMO_GUESTS.family.phone,
        DEMO_GUESTS.family.phone.slice(-10),
        u.id,
      );
    });
    // A guest who comes a day early: her booking is tomorrow afternoon.
    book(
      addDays(today, 1),
      0,
      zonedToUtc(addDays(today, 1), "15:00", tz).toISOString(),
      0,
      DEMO_GUESTS.tomorrow.name,
      DEMO_GUESTS.tomorrow.phone,
      DEMO_GUESTS.tomorrow.code,
    );
    // The guests who started more than a quarter of an hour ago have come and been seen to, so the
    // desk opens on a day under way (the featured guests and the family stay to be checked in).
    const kept = new Set(family.map((u) => u.id));
    for (const b of booked) {
      const start = new Date(b.startsAt);
      if (!kept.has(b.id) && start.getTime() < now.getTime() - 15 * 60_000) visitAsItWent(b.id, start);
    }
    db.prepare("UPDATE print_jobs SET status = 'printed', printed_at = created_at, updated_at = created_at").run();
  })();
}
