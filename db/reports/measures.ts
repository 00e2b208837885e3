import { languageSchema, type Language } from "../../contract/common";

/**
 * Manager reports (definitions: FIGURES in contract/reports.ts). Every figure is a count over the
 * guests who checked in on the range's spa-local days, so breakdowns always add up to the totals.
 *
 * Per check-in, from its appointment's offer and offer items ("v" = the offer is not voided):
 *   offered        ≥ 1 item shown (available to take) or final_selected (the desk added one the kiosk hid)
 *   offered_multi  ≥ 2 such items
 *   accepted_kiosk offer channel kiosk and ≥ 1 item guest_selected
 *   added_desk     v and ≥ 1 item final_selected but not guest_selected
 *   confirmed      status confirmed | changed
 *   voided         status voided
 *   taken          v and ≥ 1 item final_selected        taken_multi: v and ≥ 2
 *   revenue_cents  v: Σ price_cents snapshot of final items   extra_minutes: the same for minutes
 *   f_accepted     offered and (≥ 1 guest_selected or (v and ≥ 1 final_selected))
 *   f_confirmed    f_accepted and status confirmed | changed and ≥ 1 final_selected
 *   f_printed      f_confirmed and a print job of one of its tickets reached 'printed'
 *   desk_reviewed  offered, offer channel kiosk, status confirmed | changed | voided
 *   overridden     desk_reviewed and the final add-ons (none when voided) ≠ the guest's picks
 *   screened_out   ≥ 1 screening answer with outcome notToday (migration 0021)
 *   therapist_check ≥ 1 screening answer with outcome check ("therapist will check", or not said)
 *   booked         the add-ons booked ahead in the booking system (booked_addons, 0033), unless the appointment is
 *                  cancelled: their own measure, in none of the above (0038); booked_minutes, booked_cents: their
 *                  minutes as booked and their price (0036), the per-add-on facts' own (ADDON_MEASURES) summed
 * The counts are cached per day and grain (migration 0004) and rolled up per month for the
 * breakdowns; each check-in's own contribution is kept beside them (report_facts, migration
 * 0007) so a change moves the cells by the difference instead of recomputing its day.
 */
export const MEASURES = [
  "check_ins",
  "offered",
  "offered_multi",
  "accepted_kiosk",
  "added_desk",
  "confirmed",
  "voided",
  "taken",
  "taken_multi",
  "revenue_cents",
  "extra_minutes",
  "f_accepted",
  "f_confirmed",
  "f_printed",
  "desk_reviewed",
  "overridden",
  "screened_out",
  "therapist_check",
  "booked",
  "booked_minutes",
  "booked_cents",
] as const;
export type Measure = (typeof MEASURES)[number];
export type Counts = Record<Measure, number>;

/** weekday × 24 + hour of a check-in (weekday 0 = Sunday): the weekday × hour key of the monthly roll-up. */
export const WEEKDAY_HOUR = (day: string, hour: string) => `CAST(strftime('%w', ${day}) AS INTEGER) * 24 + ${hour}`;

/**
 * Where a refresh pass adds its differences: a cells table, the column its period is in (the
 * check-in day, or the month of the roll-ups) and each grain's key over the pass's facts.
 */
export interface CellsTable {
  table: string;
  period: "local_day" | "month";
  dims: Record<string, string>;
}
export const BREAKDOWNS = { service: "service_id", therapist: "therapist_id", channel: "ch", language: "lang" };
export const CELL_TABLES = {
  day: { table: "report_cells", period: "local_day", dims: { all: "0", hour: "hour", ...BREAKDOWNS } },
  month: {
    table: "report_month_cells",
    period: "month",
    dims: { weekday_hour: WEEKDAY_HOUR("local_day", "hour"), ...BREAKDOWNS },
  },
  addonDay: { table: "report_addon_cells", period: "local_day", dims: { all: "0" } },
  addonMonth: { table: "report_addon_month_cells", period: "month", dims: { all: "0" } },
} satisfies Record<string, CellsTable>;

/**
 * A check-in's language key in the cells: 0 for none (a desk check-in), else its place in `languageSchema` from 1
 * (migration 0011).
 */
export const LANGUAGE_KEY = `CASE c.lang ${languageSchema.options.map((l, i) => `WHEN '${l}' THEN ${i + 1}`).join(" ")} ELSE 0 END`;
export const languageOfKey = (key: unknown): Language | null => languageSchema.options[Number(key) - 1] ?? null;
/**
 * Per add-on of a check-in: its offer line's (lines: 1 for an offer line; screened_out and therapist_check: the
 * guest's screening outcome for that add-on, 0021) and, as their own measure never in the kiosk's figures, the add-on
 * booked ahead in the booking system (0033, 0036): booked 1, its minutes as booked and its price in cents, for a
 * check-in whose appointment is not cancelled.
 */
export const ADDON_MEASURES = [
  "shown",
  "chosen_kiosk",
  "taken",
  "revenue_cents",
  "extra_minutes",
  "screened_out",
  "therapist_check",
  "lines",
  "booked",
  "booked_minutes",
  "booked_cents",
] as const;
export const ADDON_COLUMNS = ["items", ...ADDON_MEASURES];
