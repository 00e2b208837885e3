import { clockTimeOptions } from "../../contract/clock-time";
import { appNow } from "./clock";
/**
 * Intl formatters, made once per locale and options: building one costs far more than using it
 * (ICU loads the locale's and time zone's data), and the desk formats a time in each of up to
 * hundreds of rows on every unlock.
 */
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function cached<F extends Intl.DateTimeFormat | Intl.NumberFormat>(
  kind: string,
  locale: string,
  options: object,
  make: () => F,
): F {
  const key = `${kind}|${locale}|${JSON.stringify(options)}`;
  let f = formatters.get(key) as F | undefined;
  if (!f) {
    f = make();
    formatters.set(key, f);
  }
  return f;
}
export const dateTimeFormat = (locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat =>
  cached("date", locale, options, () => new Intl.DateTimeFormat(locale, options));
const numberFormat = (locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat =>
  cached("number", locale, options, () => new Intl.NumberFormat(locale, options));

/**
 * The Intl locale a guest's language is written in at this spa. The spa is in the United States
 * (prices in US dollars, North American phone numbers), so Spanish reads "$25" and "11:30 a.m."
 * as Spanish is written there, not "25 US$" and a 24-hour "11:30" as in Spain.
 */
export const spaLocale = (lang: string): string => `${lang.split("-")[0] ?? lang}-US`;

/**
 * Money is integer cents everywhere; this is the only place it becomes text. The narrow symbol:
 * every guest here pays in dollars, so Chinese reads "$25" as English does, not "US$25".
 */
export const money = (cents: number, locale: string, currency = "USD"): string =>
  numberFormat(locale, {
    style: "currency",
    currency,
    currencyDisplay: "narrowSymbol",
    minimumFractionDigits: cents % 100 === 0 ? 0 : 2,
  }).format(cents / 100);

/** An instant as a wall-clock time in the spa's zone; one the clocks show twice that night with the zone's name. */
export const clockTime = (iso: string, timeZone: string, locale: string): string =>
  dateTimeFormat(locale, { timeZone, ...clockTimeOptions(Date.parse(iso), timeZone) }).format(new Date(iso));

/** "Dec 7, 2026, 1:06 PM"; "Nov 1, 2026, 1:30 AM EDT" in the repeated hour (`clockTime`'s rule). */
export const dateTimeText = (iso: string, timeZone: string, locale: string): string =>
  `${dateTimeFormat(locale, { timeZone, dateStyle: "medium" }).format(new Date(iso))}, ${clockTime(iso, timeZone, locale)}`;

/**
 * An instant's day in the spa's zone, written out to stand at the start of a line: "Wednesday,
 * December 2", "Miércoles, 2 de diciembre" (Spanish writes weekdays in lower case mid-sentence).
 */
export function longDay(iso: string, timeZone: string, locale: string): string {
  const day = dateTimeFormat(locale, { timeZone, weekday: "long", month: "long", day: "numeric" }).format(
    new Date(iso),
  );
  return day.charAt(0).toLocaleUpperCase(locale) + day.slice(1);
}

export const percent = (ratio: number | null, locale: string): string =>
  ratio === null ? "—" : numberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(ratio);

/**
 * A phone number as a receptionist reads it aloud: a 10-digit (or 1 + 10-digit) North American
 * number grouped "(555) 010-2233"; anything else as it was booked.
 */
export function phoneText(phone: string): string {
  const digits = phone.replace(/\D/g, "");
  const national = digits.length === 11 && digits.startsWith("1") ? digits.slice(1) : digits;
  if (national.length !== 10 || /[^\d\s().+-]/.test(phone)) return phone.trim();
  return `(${national.slice(0, 3)}) ${national.slice(3, 6)}-${national.slice(6)}`;
}

/** Today's date in the zone, 'YYYY-MM-DD'. */
export const todayIn = (timeZone: string): string =>
  dateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date(appNow()));
