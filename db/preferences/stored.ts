import { z } from "zod";
import {
  allergenSchema,
  allergyList,
  areaSchema,
  avoidList,
  hasAlerts,
  pressureSchema,
  type Preferences,
  type Pressure,
} from "../../contract/preferences";
import type { DB } from "../open";
import { stmt } from "../stmt";

/**
 * Reading a visit's stored preferences (migration 0018's guest_preferences), apart from
 * preferences.ts's writes: the ticket reads its alerts from here, and preferences.ts prints tickets.
 */
export interface PreferencesRow {
  appointment_id: number;
  pressure: string | null;
  allergies: string;
  allergy_other: string;
  avoid: string;
  keep: number;
  given_at: string;
}

const rowSchema = z.object({
  pressure: pressureSchema.nullable(),
  allergies: z.array(allergenSchema),
  allergyOther: z.string(),
  avoid: z.array(areaSchema),
  keep: z.boolean(),
});

/** A stored row as preferences; a row that no longer reads (a code since removed) keeps what does. */
export function fromRow(r: PreferencesRow): Preferences {
  const list = <T>(json: string, item: z.ZodType<T>): T[] => {
    const parsed = z.array(z.unknown()).safeParse(JSON.parse(json));
    return parsed.success ? parsed.data.flatMap((x) => (item.safeParse(x).success ? [x as T] : [])) : [];
  };
  return rowSchema.parse({
    pressure: pressureSchema.safeParse(r.pressure).success ? r.pressure : null,
    allergies: list(r.allergies, allergenSchema),
    allergyOther: r.allergy_other,
    avoid: list(r.avoid, areaSchema),
    keep: r.keep === 1,
  });
}

export const SELECT =
  "SELECT p.appointment_id, p.pressure, p.allergies, p.allergy_other, p.avoid, p.keep, p.given_at FROM guest_preferences p";

/** What the desk row and the therapist's ticket flag for this visit: allergies and areas to avoid, in English. */
export function visitAlerts(db: DB, appointmentId: number): { allergies: string[]; avoid: string[] } {
  const row = stmt(db, `${SELECT} WHERE p.appointment_id = ?`).get(appointmentId) as PreferencesRow | undefined;
  if (!row) return { allergies: [], avoid: [] };
  const p = fromRow(row);
  return hasAlerts(p) ? { allergies: allergyList(p), avoid: avoidList(p) } : { allergies: [], avoid: [] };
}

/** The pressure the guest asked for on this visit, printed on the therapist's ticket; undefined when not given. */
export function visitPressure(db: DB, appointmentId: number): Pressure | undefined {
  const row = stmt(db, `${SELECT} WHERE p.appointment_id = ?`).get(appointmentId) as PreferencesRow | undefined;
  return (row && fromRow(row).pressure) ?? undefined;
}
