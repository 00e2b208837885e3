import type { ReadModel } from "./model";
import { stmt } from "./stmt";
import type { Language } from "../contract/common";
import { defaultSettings, settingsSchema, type Settings } from "../contract/settings";
import type { DB } from "./open";
import { localParts } from "./time";

type Key = keyof Settings;

/**
 * Reads every setting, parsing each stored value with the contract's schema. A stored value that
 * no longer parses (hand-edited file, older format) falls back to its default rather than
 * taking the kiosk down; saving goes through `saveSettings`, which never stores an invalid value.
 * Settings are cached per connection, as read at the connection's `PRAGMA data_version`: another connection's commit
 * (the background writer's time-zone change; the main thread's save, seen from a worker) moves it, and the settings
 * are read again. Cached for good, a worker's connection kept the zone and retention days it first read: an import
 * after the manager corrected the zone dated its bookings in the old one. This connection's own saves go through
 * saveSettings, which drops the cache.
 */
const cache = new WeakMap<DB, { version: number; settings: Settings }>();

export function getSettings(db: DB): Settings {
  const version = stmt(db, "PRAGMA data_version").pluck().get() as number;
  const cached = cache.get(db);
  if (cached?.version === version) return cached.settings;
  const rows = stmt(db, "SELECT key, value FROM settings").all() as { key: string; value: string }[];
  const merged: Record<string, unknown> = { ...defaultSettings };
  const shape = settingsSchema.shape;
  for (const { key, value } of rows) {
    if (!Object.hasOwn(shape, key)) continue;
    const parsed = shape[key as Key].safeParse(JSON.parse(value));
    if (parsed.success) merged[key] = parsed.data;
  }
  const settings = settingsSchema.parse(merged);
  cache.set(db, { version, settings });
  return settings;
}

/** Today in the spa's time zone (YYYY-MM-DD): the day the kiosk, the desk and the back office work on. */
export const spaToday = (m: ReadModel): string => localParts(m.clock.now(), getSettings(m.db).timeZone).day;

/**
 * Validates and stores a partial update, all or nothing: a patch with an unknown key, a wrong
 * type or an invalid value is refused whole (ZodError) and nothing is written.
 */
export function saveSettings(db: DB, patch: Partial<Settings>): { before: Settings; after: Settings } {
  const checked = settingsSchema.partial().strict().parse(patch);
  return db.transaction(() => {
    const before = getSettings(db);
    const after = settingsSchema.parse({ ...before, ...checked });
    const upsert = stmt(
      db,
      "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    );
    for (const key of Object.keys(checked) as Key[]) upsert.run(key, JSON.stringify(after[key]));
    // Dropped after the write; a rolled-back transaction re-reads the stored values next time.
    cache.delete(db);
    return { before, after };
  })();
}

/**
 * The language a guest used, when it is worth saying ("speaks Spanish" on the desk's row and the
 * therapist's ticket): any but the kiosk's first, which goes without saying. Null otherwise.
 */
export function languageToNote(db: DB, lang: Language | null): Language | null {
  return lang !== null && lang !== getSettings(db).languages[0] ? lang : null;
}
