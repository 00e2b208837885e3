import fc from "fast-check";
import { expect } from "vitest";
import type { BookedAheadCounts, UptakeReport } from "../../contract/reports";
import type { ScreeningOutcome } from "../../contract/screening";
import type { DB } from "../open";
import { storeBookedAddons } from "../desk/booked-addons";
import { FACE, reportSpa, SCALP, type ReportSpa } from "./report-fixture";

/**
 * The report tests' shared cases (db/reports/*.test.ts): the hand-computed week, random guests of
 * a fortnight and what happened to them, and the cache rebuilt from the source tables.
 */
export const WEEK = { from: "2026-11-16", to: "2026-11-22" } as const;

/**
 * The hand-computed week (Mon 16 – Sun 22 Nov 2026, Los Angeles, PST = UTC−8). Face $25/15 min,
 * scalp $20/10 min; every offer shows both.
 *   G1 Mon 10:00 Swedish Ana   kiosk face          → confirmed, printed
 *   G2 Mon 16:30 Deep Ben      kiosk face+scalp    → confirmed, printed   (checked in 16:20 PST = 00:20 UTC Tue)
 *   G3 Tue 11:00 Swedish Ana   kiosk "No thanks"   → confirmed (no add-on), printed
 *   G4 Wed 09:00 Swedish Ben   kiosk scalp (Spanish) → desk changes to face, printed
 *   G5 Wed 14:00 Deep Ana      kiosk face          → confirmed, then voided
 *   G6 Thu 10:00 Reflexology Ben, checked in at the DESK, no add-ons for this service
 *   G7 Fri 12:00 Swedish Ana   kiosk scalp (Spanish) → still awaiting the desk
 *   G8 Sat 15:00 Deep Ben      kiosk face          → confirmed, ticket not printed yet
 *   G9 Sun 10:00 Swedish Ana   kiosk "No thanks"   → desk adds scalp, printed
 *   plus a Sat no-show, and check-ins on Sun 15 and Mon 23 just outside the range.
 */
export function handWeek() {
  const spa = reportSpa();
  const g = (day: string, time: string, s: "swedish" | "deep" | "reflexology", t: "ana" | "ben") =>
    spa.book(day, time, s, t);
  const checkIn = (day: string, time: string) => spa.localIso(day, time);

  const g1 = g("2026-11-16", "10:00", "swedish", "ana");
  spa.kiosk(g1, checkIn("2026-11-16", "09:50"), ["face"]);
  spa.confirm(g1, checkIn("2026-11-16", "09:55"));
  spa.printed(g1);

  const g2 = g("2026-11-16", "16:30", "deep", "ben");
  expect(checkIn("2026-11-16", "16:20")).toBe("2026-11-17T00:20:00.000Z");
  spa.kiosk(g2, checkIn("2026-11-16", "16:20"), ["face", "scalp"]);
  spa.confirm(g2, checkIn("2026-11-16", "16:25"));
  spa.printed(g2);

  const g3 = g("2026-11-17", "11:00", "swedish", "ana");
  spa.kiosk(g3, checkIn("2026-11-17", "10:52"), []);
  spa.confirm(g3, checkIn("2026-11-17", "10:55"));
  spa.printed(g3);

  const g4 = g("2026-11-18", "09:00", "swedish", "ben");
  spa.kiosk(g4, checkIn("2026-11-18", "08:50"), ["scalp"], "es");
  spa.confirm(g4, checkIn("2026-11-18", "08:55"));
  spa.deskChange(g4, ["face"]);
  spa.printed(g4);

  const g5 = g("2026-11-18", "14:00", "deep", "ana");
  spa.kiosk(g5, checkIn("2026-11-18", "13:45"), ["face"]);
  spa.confirm(g5, checkIn("2026-11-18", "13:50"));
  spa.deskVoid(g5);

  const g6 = g("2026-11-19", "10:00", "reflexology", "ben");
  spa.deskCheckIn(g6, checkIn("2026-11-19", "09:58"));

  const g7 = g("2026-11-20", "12:00", "swedish", "ana");
  spa.kiosk(g7, checkIn("2026-11-20", "11:40"), ["scalp"], "es");

  const g8 = g("2026-11-21", "15:00", "deep", "ben");
  g("2026-11-21", "18:00", "swedish", "ben"); // no-show
  spa.kiosk(g8, checkIn("2026-11-21", "14:50"), ["face"]);
  spa.confirm(g8, checkIn("2026-11-21", "14:55"));

  const g9 = g("2026-11-22", "10:00", "swedish", "ana");
  spa.kiosk(g9, checkIn("2026-11-22", "09:45"), []);
  spa.confirm(g9, checkIn("2026-11-22", "09:50"));
  spa.deskChange(g9, ["scalp"]);
  spa.printed(g9);

  const before = g("2026-11-15", "10:00", "swedish", "ana");
  spa.kiosk(before, checkIn("2026-11-15", "09:50"), ["face"]);
  const after = g("2026-11-23", "10:00", "swedish", "ana");
  spa.kiosk(after, checkIn("2026-11-23", "09:50"), ["face", "scalp"]);
  return spa;
}

/**
 * Three check-ins months apart (Tue 22 Sep, Tue 17 Nov, Wed 2 Dec 2026) in SPARSE_RANGE, Sun 30 Aug 2026 – Tue 5 Jan
 * 2027.
 */
export function sparseSpa(): ReportSpa {
  const spa = reportSpa();
  for (const [day, pick] of [
    ["2026-09-22", ["face"]],
    ["2026-11-17", []],
    ["2026-12-02", ["face", "scalp"]],
  ] as const) {
    const id = spa.book(day, "10:00", "swedish", "ana");
    spa.kiosk(id, spa.localIso(day, "09:50"), [...pick]);
  }
  return spa;
}
export const SPARSE_RANGE = { from: "2026-08-30", to: "2027-01-05" } as const;

/**
 * Throws the whole cache away and marks every check-in stale: the next report computes it from the source tables. In
 * one transaction, which on an app's connection takes its turn on the write gate: statements run one by one beside
 * the background workers' slices met "database is locked" on a loaded machine.
 */
export function rebuildFromScratch(db: DB) {
  db.transaction(() => {
    for (const t of [
      "report_cells",
      "report_addon_cells",
      "report_month_cells",
      "report_addon_month_cells",
      "report_facts",
      "report_addon_facts",
    ])
      db.exec(`DELETE FROM ${t}`);
    db.exec(
      "INSERT OR IGNORE INTO report_stale (local_day, appointment_id) SELECT local_day, appointment_id FROM check_ins",
    );
  }).immediate();
}
/** Every row of the cache, in key order. */
export const cacheRows = (db: DB) =>
  [
    "report_cells ORDER BY dim, local_day, key",
    "report_addon_cells ORDER BY dim, local_day, key, addon_id",
    "report_month_cells ORDER BY dim, month, key",
    "report_addon_month_cells ORDER BY dim, month, key, addon_id",
    "report_facts ORDER BY appointment_id",
    "report_addon_facts ORDER BY appointment_id, addon_id",
  ].map((t) => db.prepare(`SELECT * FROM ${t}`).all());

/**
 * The guest's screening outcome for an add-on of their offer, as the kiosk stores it (a question
 * set of the add-on is made on first use); null takes the answers back. Nothing without that offer line.
 */
export function screen(
  spa: ReportSpa,
  appointmentId: number,
  addon: "face" | "scalp",
  outcome: ScreeningOutcome | null,
) {
  const addonId = spa.addons[addon];
  const shown = spa.db
    .prepare(
      "SELECT 1 FROM offers o JOIN offer_items i ON i.offer_id = o.id WHERE o.appointment_id = ? AND i.addon_id = ? AND i.shown = 1",
    )
    .get(appointmentId, addonId);
  if (shown === undefined) return;
  if (outcome === null) {
    spa.db
      .prepare("DELETE FROM screening_answers WHERE appointment_id = ? AND addon_id = ?")
      .run(appointmentId, addonId);
    return;
  }
  spa.db
    .prepare(
      "INSERT OR IGNORE INTO screening_sets (addon_id, version, questions, saved_at) VALUES (?, 1, '[]', '2026-11-01T00:00:00.000Z')",
    )
    .run(addonId);
  const set = spa.db.prepare("SELECT id FROM screening_sets WHERE addon_id = ? AND version = 1").pluck().get(addonId);
  spa.db
    .prepare(
      `INSERT INTO screening_answers (appointment_id, addon_id, set_id, answers, outcome, answered_at)
       VALUES (?, ?, ?, '[]', ?, '2026-11-01T00:00:00.000Z')
       ON CONFLICT (appointment_id, addon_id) DO UPDATE SET outcome = excluded.outcome`,
    )
    .run(appointmentId, addonId, set, outcome);
}

/**
 * What an import of the booking system's file says the visit booked ahead (migration 0033), replacing what it said
 * before: a re-import that drops an add-on, or adds one, as db/import does it.
 */
export function bookAhead(spa: ReportSpa, appointmentId: number, addons: readonly ("face" | "scalp")[]) {
  storeBookedAddons(
    spa.db,
    appointmentId,
    addons.map((a) => ({ id: spa.addons[a], minutes: (a === "face" ? FACE : SCALP).minutes })),
  );
}

/**
 * The report's add-ons booked ahead add up: the total is what the source rows hold for the range's checked-in visits
 * not cancelled, and the add-ons' rows and every period's and breakdown's add up to it, each row one of the kiosk's
 * breakdown with some.
 */
export function expectBookedAddsUp(db: DB, r: UptakeReport): void {
  const byHand = db
    .prepare(
      `SELECT count(*) AS count, coalesce(sum(b.extra_minutes), 0) AS minutes, coalesce(sum(b.price_cents), 0) AS valueCents
       FROM check_ins c JOIN appointments a ON a.id = c.appointment_id AND a.status != 'cancelled'
       JOIN booked_addons b ON b.appointment_id = c.appointment_id WHERE c.local_day BETWEEN ? AND ?`,
    )
    .get(r.range.from, r.range.to) as BookedAheadCounts;
  expect(r.bookedAhead.total).toEqual(byHand);
  const sum = (rows: readonly BookedAheadCounts[]): BookedAheadCounts => ({
    count: rows.reduce((s, x) => s + x.count, 0),
    minutes: rows.reduce((s, x) => s + x.minutes, 0),
    valueCents: rows.reduce((s, x) => s + x.valueCents, 0),
  });
  const { total, byAddon, ...breakdowns } = r.bookedAhead;
  expect(sum(byAddon)).toEqual(total);
  for (const [name, rows] of Object.entries(breakdowns)) {
    expect(sum(rows), name).toEqual(byHand);
    // Each row is one of the kiosk's breakdown, the same check-ins (a booked-ahead add-on is a checked-in visit's).
    expect(rows.every((b) => b.count > 0)).toBe(true);
  }
  const kiosk = (keys: unknown[]) => new Set(keys.map((k) => JSON.stringify(k)));
  const within = (booked: unknown[], rows: unknown[]) =>
    expect([...kiosk(booked)].filter((k) => !kiosk(rows).has(k))).toEqual([]);
  within(
    breakdowns.overTime.map((b) => b.period),
    r.overTime.map((x) => x.period),
  );
  within(
    breakdowns.byService.map((b) => b.id),
    r.byService.map((x) => x.id),
  );
  within(
    breakdowns.byTherapist.map((b) => b.id),
    r.byTherapist.map((x) => x.id),
  );
  within(
    breakdowns.byChannel.map((b) => b.channel),
    r.byChannel.map((x) => x.channel),
  );
  within(
    breakdowns.byLanguage.map((b) => b.language),
    r.byLanguage.map((x) => x.language),
  );
  within(
    breakdowns.weekdayHour.map((b) => [b.weekday, b.hour]),
    r.weekdayHour.map((x) => [x.weekday, x.hour]),
  );
}

/** The desk cancels the visit after check-in (its offer voided, as db/desk/appointment.ts does), or reinstates it. */
export function setCancelled(spa: ReportSpa, appointmentId: number, cancelled: boolean) {
  spa.db
    .prepare("UPDATE appointments SET status = ? WHERE id = ?")
    .run(cancelled ? "cancelled" : "booked", appointmentId);
  if (cancelled) spa.deskVoid(appointmentId);
}

/** A random guest of the fortnight 9–22 Nov 2026 and what happened to them. */
export const guestArb = fc.record({
  day: fc.integer({ min: 0, max: 13 }),
  hour: fc.integer({ min: 8, max: 18 }),
  service: fc.constantFrom("swedish" as const, "deep" as const, "reflexology" as const),
  therapist: fc.constantFrom("ana" as const, "ben" as const),
  atDesk: fc.boolean(),
  pick: fc.option(fc.subarray(["face", "scalp"] as ("face" | "scalp")[]), { nil: null }),
  /** The guest's screening outcome for each add-on (null: not answered). */
  screening: fc.record({
    face: fc.constantFrom(null, "fine" as const, "check" as const, "notToday" as const),
    scalp: fc.constantFrom(null, "fine" as const, "check" as const, "notToday" as const),
  }),
  desk: fc.constantFrom("none", "confirm", "void", "change-face", "change-none"),
  printed: fc.boolean(),
  /** Add-ons the booking system's file booked ahead before the guest came (the kiosk does not offer them). */
  booked: fc.subarray(["face", "scalp"] as ("face" | "scalp")[]),
  /** The desk cancelled the visit after check-in. */
  cancelled: fc.constantFrom(false, false, false, true),
});
export type Guest = typeof guestArb extends fc.Arbitrary<infer G> ? G : never;
export const fortnightDay = (i: number) => `2026-11-${String(9 + i).padStart(2, "0")}`;

/**
 * Books and checks in the guests (one per therapist and day, which keeps every add-on available); returns their
 * appointments.
 */
export function playGuests(spa: ReportSpa, guests: Guest[], used = new Set<string>()): number[] {
  const ids: number[] = [];
  for (const g of guests) {
    const key = `${g.day}-${g.therapist}`;
    if (used.has(key)) continue;
    used.add(key);
    const day = fortnightDay(g.day);
    const id = spa.book(day, `${String(g.hour).padStart(2, "0")}:00`, g.service, g.therapist);
    ids.push(id);
    bookAhead(spa, id, g.booked);
    playVisit(spa, id, day, g);
    if (g.cancelled) setCancelled(spa, id, true);
  }
  return ids;
}

/** A booked guest's visit: checked in at the desk, or at the kiosk with what followed there and at the desk. */
function playVisit(spa: ReportSpa, id: number, day: string, g: Guest) {
  const checkInIso = spa.localIso(day, `${String(g.hour - 1).padStart(2, "0")}:50`);
  if (g.atDesk) {
    spa.deskCheckIn(id, checkInIso);
    return;
  }
  // The kiosk never offers an add-on booked ahead: the guest picks among the others, and with both booked is offered
  // nothing.
  const pick = g.booked.length === 2 ? null : (g.pick?.filter((a) => !g.booked.includes(a)) ?? null);
  spa.kiosk(id, checkInIso, g.service === "reflexology" ? null : pick);
  screen(spa, id, "face", g.screening.face);
  screen(spa, id, "scalp", g.screening.scalp);
  if (g.desk === "none") return;
  spa.confirm(id, checkInIso);
  const hasOffer = spa.db.prepare("SELECT 1 FROM offers WHERE appointment_id = ?").get(id) !== undefined;
  if (hasOffer && g.desk === "void") spa.deskVoid(id);
  if (hasOffer && g.desk === "change-face") spa.deskChange(id, ["face"]);
  if (hasOffer && g.desk === "change-none") spa.deskChange(id, []);
  if (g.printed) spa.printed(id);
}
