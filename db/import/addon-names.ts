import { foldText } from "../../contract/common";
import type { DB } from "../open";
import { stmt } from "../stmt";
import { LENGTH_IN_NAME } from "./values";

/**
 * The spa's add-ons as a booking system's file names them: a visit's row (./visits.ts) whose service is one of them
 * joins its massage as an add-on booked ahead. Its own module, as both the row checks and the visits read it.
 */

/** What a booking system may write before an add-on's name: 'Add-On: ', 'Add on - ', 'Extra: '. */
const ADDON_PREFIX = /^(?:add[\s-]?ons?|extras?|upgrades?)\s*[:\-–—]\s*/i;

/**
 * The spa's add-ons by name, in any of its languages, with or without a length after it and a word before it
 * ("Scalp Massage 15 min", "Add-On: Scalp Massage - 15 min", "Masaje capilar 15min"): the add-on and its minutes, or
 * null.
 */
export function addonFinder(db: DB): (text: string) => { id: number; name: string; minutes: number } | null {
  const rows = stmt(
    db,
    `SELECT a.id, a.code, a.extra_minutes AS minutes, t.title, t.lang = 'en' AS english
     FROM addons a JOIN addon_texts t ON t.addon_id = a.id WHERE a.active = 1 ORDER BY english DESC`,
  ).all() as { id: number; code: string; minutes: number; title: string }[];
  const byName = new Map<string, { id: number; name: string; minutes: number }>();
  for (const r of rows) {
    const addon = { id: r.id, name: r.title, minutes: r.minutes };
    for (const name of [r.title, r.code]) if (!byName.has(foldText(name))) byName.set(foldText(name), addon);
  }
  return (text) =>
    byName.get(
      foldText(
        text
          .trim()
          .replace(ADDON_PREFIX, "")
          .replace(LENGTH_IN_NAME, "")
          .replace(/[\s\-–—·|,(:]+$/, ""),
      ),
    ) ?? null;
}
