import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { defaultSettings } from "../../contract/settings";
import { openDatabase, type DB } from "../open";
import { saveSettings } from "../settings";
import { addDays } from "../time";

/**
 * Fills a fresh database with a busy chain's year: `n` check-ins (default 1,000,000) spread over
 * the 365 spa-local days ending `lastDay`, each with its appointment, add-on offer (97 %), offer
 * items, desk outcome (confirmed / changed / voided / still pending) and ticket + print job.
 * Plain SQL `WITH RECURSIVE` inserts in ONE transaction: every row goes through the real schema,
 * constraints and report triggers, at SQLite speed. Choices come from a multiplicative hash of
 * the row number, so every run builds the same data.
 *
 * Mix: 12 % both add-ons, 30 % face, 20 % scalp, 38 % none; 10 % checked in at the desk;
 * desk outcome 3 % voided, 3 % changed (face flipped), 2 % pending, 92 % confirmed; 98 % of
 * tickets printed.
 */
export function generateCheckIns(
  file: string,
  n = 1_000_000,
  lastDay = "2026-11-24",
): { db: DB; firstDay: string; lastDay: string } {
  const db = openDatabase(file);
  const firstDay = addDays(lastDay, -364);
  // A throwaway benchmark file: durability of the bulk load itself does not matter.
  db.pragma("synchronous = OFF");
  db.transaction(() => {
    saveSettings(db, { ...defaultSettings });
    const services = ["Swedish 60", "Deep tissue 90", "Hot stone 75", "Aromatherapy 60", "Foot reflexology 45"];
    services.forEach((name, i) =>
      db
        .prepare("INSERT INTO services (id, name, minutes, price_cents) VALUES (?, ?, ?, ?)")
        .run(i + 1, name, 60, 9000),
    );
    for (let t = 1; t <= 12; t++) {
      db.prepare("INSERT INTO therapists (id, name) VALUES (?, ?)").run(t, `Therapist ${String(t).padStart(2, "0")}`);
      db.prepare("INSERT INTO rooms (id, name) VALUES (?, ?)").run(t, `Room ${t}`);
    }
    for (const [id, code, title, price, minutes] of [
      [1, "face", "Face massage", 2500, 15],
      [2, "scalp", "Scalp massage", 2000, 10],
    ] as const) {
      db.prepare("INSERT INTO addons (id, code, price_cents, extra_minutes, sort_order) VALUES (?, ?, ?, ?, ?)").run(
        id,
        code,
        price,
        minutes,
        id,
      );
      db.prepare("INSERT INTO addon_texts (addon_id, lang, title, benefits) VALUES (?, 'en', ?, '[]')").run(id, title);
      for (let s = 1; s <= 4; s++)
        db.prepare("INSERT INTO addon_services (addon_id, service_id) VALUES (?, ?)").run(id, s);
    }
    db.prepare(
      "INSERT INTO staff (id, name, role, pin_hash, created_at) VALUES (1, 'Bench Desk', 'receptionist', 'x', '2025-01-01T00:00:00.000Z')",
    ).run();

    const seq = `WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < @n)`;
    // Row n's day, hour (09–18) and pseudo-random draws.
    const facts = `${seq}, f AS (
      SELECT n, date(@first, '+' || ((n - 1) * 365 / @n) || ' days') AS day, 9 + (n * 7) % 10 AS hour,
             (n * 2654435761) % 1000 AS pick, (n * 40503) % 100 AS outcome
      FROM seq)`;
    const p = { n, first: firstDay };
    db.prepare(
      `${facts}
       INSERT INTO appointments (id, booking_code, guest_name, phone_key, phone, service_id, therapist_id, room_id,
                                 starts_at, ends_at, local_day, source, created_at)
       SELECT n, 'B' || n, 'Guest ' || n, printf('555%07d', n), printf('555%07d', n), 1 + n % 5, 1 + (n * 13) % 12, 1 + (n * 13) % 12,
              strftime('%Y-%m-%dT%H:%M:%fZ', day, (hour + 8) || ' hours'), strftime('%Y-%m-%dT%H:%M:%fZ', day, (hour + 9) || ' hours'),
              day, 'import', day || 'T00:00:00.000Z'
       FROM f`,
    ).run(p);
    // Reflexology (service 5) carries no add-ons; 1 in 33 of the rest had none available.
    const offered = `n % 5 != 4 AND n % 33 != 0`;
    db.prepare(
      `${facts}
       INSERT INTO offers (id, appointment_id, channel, status, offered_at, decided_at, offer_ms, confirmed_by, confirmed_at, void_reason, local_day)
       SELECT n, n, CASE WHEN n % 10 = 0 THEN 'desk' ELSE 'kiosk' END,
              CASE WHEN outcome < 3 THEN 'voided' WHEN outcome < 6 THEN 'changed' WHEN outcome < 8 THEN (CASE WHEN pick < 620 THEN 'accepted' ELSE 'declined' END) ELSE 'confirmed' END,
              day || 'T12:00:00.000Z', day || 'T12:00:10.000Z', 4000 + pick * 10,
              CASE WHEN outcome BETWEEN 6 AND 7 THEN NULL ELSE 1 END, CASE WHEN outcome BETWEEN 6 AND 7 THEN NULL ELSE day || 'T12:01:00.000Z' END,
              CASE WHEN outcome < 3 THEN 'Guest changed their mind' END, day
       FROM f WHERE ${offered}`,
    ).run(p);
    for (const [addon, chosen] of [
      [1, "pick < 420"],
      [2, "(pick < 120 OR (pick >= 420 AND pick < 620))"],
    ] as const) {
      const final =
        addon === 1 ? `CASE WHEN outcome BETWEEN 3 AND 5 THEN NOT (${chosen}) ELSE (${chosen}) END` : chosen;
      db.prepare(
        `${facts}
         INSERT INTO offer_items (offer_id, addon_id, shown, guest_selected, final_selected, price_cents, extra_minutes)
         SELECT n, ${addon}, 1, CASE WHEN n % 10 = 0 THEN 0 ELSE (${chosen}) END, ${final}, ${addon === 1 ? 2500 : 2000}, ${addon === 1 ? 15 : 10}
         FROM f WHERE ${offered}`,
      ).run(p);
    }
    db.prepare(
      `${facts}
       INSERT INTO tickets (id, appointment_id, kind, content, created_at, created_by)
       SELECT n, n, 'original', '{}', day || 'T12:01:00.000Z', 1 FROM f WHERE NOT (outcome BETWEEN 6 AND 7 AND ${offered})`,
    ).run(p);
    db.prepare(
      `INSERT INTO print_jobs (id, ticket_id, status, attempts, created_at, updated_at, printed_at)
       SELECT id, id, CASE WHEN id % 50 = 0 THEN 'failed' ELSE 'printed' END, 1, created_at, created_at,
              CASE WHEN id % 50 = 0 THEN NULL ELSE created_at END
       FROM tickets`,
    ).run();
    // Check-ins last: the report triggers on offers, items and print jobs find no check-in yet and do
    // nothing; the check-in's own trigger marks its day for the report cache once.
    db.prepare(
      `${facts}
       INSERT INTO check_ins (appointment_id, checked_in_at, channel, local_day, local_hour, local_weekday)
       SELECT n, strftime('%Y-%m-%dT%H:%M:%fZ', day, (hour + 7) || ' hours', '+50 minutes'), CASE WHEN n % 10 = 0 THEN 'desk' ELSE 'kiosk' END,
              day, hour - 1, CAST(strftime('%w', day) AS INTEGER)
       FROM f`,
    ).run(p);
  }).immediate();
  db.pragma("synchronous = FULL");
  db.exec("ANALYZE");
  return { db, firstDay, lastDay };
}

/**
 * `generateCheckIns(file, n, lastDay)` for a test file that asks for the same year more than once: the first call
 * builds it in a file of its own (a busy year takes seconds), each call gets a copy (milliseconds), opened as that
 * function leaves it. The rows are the same either way: the generator draws them from the row number alone.
 */
const generated = new Map<string, string>();
process.once("exit", () => {
  for (const file of generated.values()) rmSync(path.dirname(file), { recursive: true, force: true });
});

export function generatedCopy(
  file: string,
  n: number,
  lastDay = "2026-11-24",
): { db: DB; firstDay: string; lastDay: string } {
  const key = `${n} ${lastDay}`;
  let template = generated.get(key);
  if (!template) {
    template = path.join(mkdtempSync(path.join(tmpdir(), "happyhead-generated-")), "year.sqlite3");
    // Its close moves the WAL into the file: one file holds the whole year.
    generateCheckIns(template, n, lastDay).db.close();
    generated.set(key, template);
  }
  copyFileSync(template, file);
  return { db: openDatabase(file), firstDay: addDays(lastDay, -364), lastDay };
}
