/**
 * Dates and times a spreadsheet saved as numbers: Excel's date serials (46353 is 27 November 2026, 46353.4375 the same
 * day at 10:30) and its time fractions (0.4375 is 10:30), in its 1900 date system.
 */

/** Serial 0 of Excel's 1900 date system (as counted after its 29 February 1900 that never was). */
const EXCEL_DAY_ZERO_MS = Date.UTC(1899, 11, 30);
const DAY_MINUTES = 24 * 60;
/** The years a booking's date serial may fall in: outside them the number is something else. */
export const SERIAL_YEARS = { min: 2000, max: 2100 } as const;
/** A bare number, whole or with a fraction: '46353', '46353.4375', '0.4375'. */
const BARE_NUMBER = /^\d+(?:\.\d+)?$/;

const pad = (n: number) => String(n).padStart(2, "0");

export const isBareNumber = (cell: string): boolean => BARE_NUMBER.test(cell.trim());

/**
 * A date cell that holds a bare number, read as an Excel date serial: its day, and its time when it has a fraction
 * (null: none); or why it can't be a booking's date. Null when the cell is not a bare number.
 */
export function readDateSerial(cell: string): { day: string; time: string | null } | { problem: string } | null {
  const text = cell.trim();
  if (!isBareNumber(text)) return null;
  const serial = Number(text);
  const minutes = Math.round(serial * DAY_MINUTES);
  const date = new Date(EXCEL_DAY_ZERO_MS + Math.floor(minutes / DAY_MINUTES) * DAY_MINUTES * 60_000);
  const year = date.getUTCFullYear();
  if (year < SERIAL_YEARS.min || year > SERIAL_YEARS.max) {
    const as =
      year >= 1900 && year <= 9999 ? `, as a spreadsheet's date number, ${date.toISOString().slice(0, 10)}` : "";
    return {
      problem: `"${text.slice(0, 40)}" is a bare number, not a date${as}: a booking's date number falls in ${SERIAL_YEARS.min}–${SERIAL_YEARS.max}. Format the column as a date (2026-11-25) in the booking system or spreadsheet and export again.`,
    };
  }
  const day = date.toISOString().slice(0, 10);
  const inDay = minutes % DAY_MINUTES;
  const time = text.includes(".") ? `${pad(Math.floor(inDay / 60))}:${pad(inDay % 60)}` : null;
  return { day, time };
}

/** A time cell holding a spreadsheet's fraction of a day ('0.4375' is 10:30); null for anything else. */
export function readTimeFraction(cell: string): string | null {
  const match = /^0?\.\d+$/.exec(cell.trim());
  if (!match) return null;
  const minutes = Math.round(Number(cell.trim()) * DAY_MINUTES);
  if (minutes >= DAY_MINUTES) return null;
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

/**
 * Why a bare number in a time cell is not read as a time: one or two digits could be an hour in the morning or the
 * evening, or minutes; three or four are a 24-hour time without its colon, and this one is none.
 */
export function bareTimeProblem(cell: string): string | null {
  const text = cell.trim();
  if (!isBareNumber(text)) return null;
  const shown = `"${text.slice(0, 40)}"`;
  if (/^\d{1,2}$/.test(text))
    return `${shown} is a bare number: it could be ${Number(text)} in the morning or the evening, or minutes. Write the time with its minutes (${Number(text)}:00 or ${Number(text)}:00 PM) in the booking system and export again.`;
  if (/^\d{3,4}$/.test(text)) {
    const [hour, minute] = [Math.floor(Number(text) / 100), Number(text) % 100];
    return `${shown} is a bare number, not a time: as a 24-hour time without its colon it would be ${hour}:${pad(minute)}, which no clock shows. Correct it in the booking system (14:30 or 2:30 PM) and export again.`;
  }
  return `${shown} is a bare number, not a time. Correct it in the booking system (14:30 or 2:30 PM) and export again.`;
}
