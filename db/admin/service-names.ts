import type { Model, ReadModel } from "../model";
import { otherLanguageSchema, type OtherLanguageNames } from "../../contract/common";
import { stmt } from "../stmt";

/**
 * A service's name in the kiosk's other languages, where the spa wrote one. The desk, the
 * therapist's ticket and the reports use the spa's own name (`services.name`) only.
 */
export function serviceGuestNames(m: ReadModel, serviceId: number): OtherLanguageNames {
  const { db } = m;
  const names: OtherLanguageNames = {};
  for (const r of stmt(db, "SELECT lang, name FROM service_names WHERE service_id = ? ORDER BY lang").all(
    serviceId,
  ) as {
    lang: string;
    name: string;
  }[]) {
    const lang = otherLanguageSchema.safeParse(r.lang);
    if (lang.success) names[lang.data] = r.name;
  }
  return names;
}

/**
 * Replaces a service's names in other languages with `names` (parsed, so trimmed: a blank one is no name). In the
 * caller's transaction.
 */
export function writeServiceGuestNames(m: Model, serviceId: number, names: OtherLanguageNames): void {
  const { db } = m;
  stmt(db, "DELETE FROM service_names WHERE service_id = ?").run(serviceId);
  const insert = stmt(db, "INSERT INTO service_names (service_id, lang, name) VALUES (?, ?, ?)");
  for (const lang of otherLanguageSchema.options) {
    const name = names[lang];
    if (name) insert.run(serviceId, lang, name);
  }
}
