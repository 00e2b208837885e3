/** Money is integer cents everywhere; this is the only place it becomes text. */
export const money = (cents: number, locale: string, currency = "USD"): string =>
  new Intl.NumberFormat(locale, { style: "currency", currency, minimumFractionDigits: cents % 100 === 0 ? 0 : 2 }).format(cents / 100);

/** An instant shown as a wall-clock time in the spa's zone. */
export const clockTime = (iso: string, timeZone: string, locale: string): string =>
  new Intl.DateTimeFormat(locale, { timeZone, hour: "numeric", minute: "2-digit" }).format(new Date(iso));

export const percent = (ratio: number | null, locale: string): string =>
  ratio === null ? "—" : new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(ratio);

/** Today's date in the zone, 'YYYY-MM-DD'. */
export const todayIn = (timeZone: string): string =>
  new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
