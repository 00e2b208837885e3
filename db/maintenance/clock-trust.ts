import { CLOCK_AHEAD_MAX_DAYS, type ClockTrust } from "../../contract/maintenance";
import { appendAudit, type Actor } from "../audit";
import { DomainError } from "../errors";
import type { Model, ReadModel } from "../model";
import type { DB } from "../open";
import { getSettings } from "../settings";
import { stmt } from "../stmt";
import { DAY_MS, formatLocal, localParts } from "../time";

/**
 * What erases by date (privacy retention, unkept preferences, the age of backups other than the daily ones) goes by
 * the machine's clock only while it reads at most CLOCK_AHEAD_MAX_DAYS after the last reading it went by
 * (`clock_trust.trusted_at`, migration 0037). Further ahead, it goes by that last reading until a manager confirms the
 * date: a clock set a year ahead at boot erases nothing a year early, and a spa closed for a month confirms once.
 * A clock behind is believed: it erases later, never earlier.
 */

const AHEAD_MAX_MS = CLOCK_AHEAD_MAX_DAYS * DAY_MS;
/** How far before the last believed reading the clock may read before staff are told it is wrong. */
const BEHIND_MAX_MS = DAY_MS;
/** How far the clock may have moved on since the manager read it for the confirmation to stand. */
const CONFIRM_DRIFT_MS = DAY_MS;

/** Whether a clock reading `now` is believed after the last reading erasing went by (null: none yet). Pure. */
export function believed(now: Date, trustedAt: string | null): boolean {
  return trustedAt === null || now.getTime() - Date.parse(trustedAt) <= AHEAD_MAX_MS;
}

const trustedAtOf = (m: ReadModel): string | null => trustedAtIn(m.db);

const TRUSTED_AT =
  "SELECT COALESCE(trusted_at, (SELECT at FROM audit_log ORDER BY id DESC LIMIT 1)) FROM clock_trust WHERE id = 1";

/**
 * The last reading erasing went by in this database: until a retention run has noted one, the newest audit row's time
 * (the file's last use; every write is audited). Null for a file never written, or one from before migration 0037.
 */
export function trustedAtIn(db: DB): string | null {
  const table = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'clock_trust'").get();
  if (table === undefined) return null;
  return (stmt(db, TRUSTED_AT).pluck().get() as string | null | undefined) ?? null;
}

/**
 * A restored backup keeps the latest reading the replaced file went by when that is later than its own: restoring a
 * three-week-old backup is not a clock three weeks ahead. Call inside the restore's transaction, after migrating.
 */
export function keepTrustedAt(db: DB, trustedAt: string | null): void {
  if (trustedAt === null) return;
  stmt(db, "UPDATE clock_trust SET trusted_at = ? WHERE id = 1 AND (trusted_at IS NULL OR trusted_at < ?)").run(
    trustedAt,
    trustedAt,
  );
}

/** The moment erasing by date goes by: the clock's, or the last believed reading while it reads too far ahead. */
export function erasingNow(m: ReadModel): Date {
  const now = m.clock.now();
  const trustedAt = trustedAtOf(m);
  return trustedAt === null || believed(now, trustedAt) ? now : new Date(trustedAt);
}

/** The spa-local day erasing by date goes by (`erasingNow` in the spa's time zone). */
export const erasingDay = (m: ReadModel): string => localParts(erasingNow(m), getSettings(m.db).timeZone).day;

/** For the staff window: whether erasing by date believes the clock, and if not, both dates. */
export function clockTrust(m: ReadModel): ClockTrust {
  const now = m.clock.now();
  const trustedAt = trustedAtOf(m);
  if (trustedAt === null) return { state: "ok" };
  const step = now.getTime() - Date.parse(trustedAt);
  const state = !believed(now, trustedAt) ? "ahead" : step < -BEHIND_MAX_MS ? "behind" : null;
  if (state === null) return { state: "ok" };
  return { state, clockAt: now.toISOString(), trustedAt, days: Math.floor(Math.abs(step) / DAY_MS) };
}

/**
 * At each retention run (the background writer, before it erases): a believed reading becomes the last one erasing
 * went by. A reading further ahead leaves it where it was (pinned, if it was still the newest audit row's time),
 * however many days the clock stays ahead and whatever it stamps meanwhile.
 */
export function noteErasingClock(m: Model): void {
  const now = m.clock.now();
  const trustedAt = trustedAtOf(m);
  const later = trustedAt === null || Date.parse(trustedAt) < now.getTime();
  const next = believed(now, trustedAt) && later ? now.toISOString() : trustedAt;
  if (next !== null)
    stmt(m.db, "UPDATE clock_trust SET trusted_at = ? WHERE id = 1 AND trusted_at IS NOT ?").run(next, next);
}

/**
 * A manager says the clock's date is right: erasing goes by it from now on. `clockAt`: the reading they were shown,
 * refused if the clock has moved more than a day from it since (it was stepped meanwhile). Audited with both dates.
 */
export function confirmClock(m: Model, actor: Actor, clockAt: string): ClockTrust {
  const now = m.clock.now();
  if (Math.abs(now.getTime() - Date.parse(clockAt)) > CONFIRM_DRIFT_MS) {
    const tz = getSettings(m.db).timeZone;
    throw new DomainError(
      "CONFLICT",
      `The computer's clock now reads ${formatLocal(now.toISOString(), tz, { dateStyle: "medium", timeStyle: "short" })}, not the date you were shown. Nothing was changed: look at it again.`,
    );
  }
  m.db
    .transaction(() => {
      const trustedAt = trustedAtOf(m);
      stmt(m.db, "UPDATE clock_trust SET trusted_at = ? WHERE id = 1").run(now.toISOString());
      appendAudit(m.db, m.clock, actor, {
        action: "clock.confirm",
        entity: "clock",
        entityId: null,
        before: { trustedAt },
        after: { trustedAt: now.toISOString() },
      });
    })
    .immediate();
  return { state: "ok" };
}
