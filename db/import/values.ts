import type { DateOrder } from "../../contract/desk";
import { APPOINTMENT_NOTE_MAX, foldText, SESSION_MINUTES } from "../../contract/common";
import { bareTimeProblem, readDateSerial, readTimeFraction } from "./serials";

/** Reading one cell of a booking export: dates, times, lengths, statuses, notes and phone numbers. */

const pad = (n: number) => String(n).padStart(2, "0");

/** A slash or dash date whose first two numbers could be day or month: '03/12/2026', '3-12-26'. */
export const SLASH_DATE = /^(\d{1,2})[/-](\d{1,2})[/-](\d{2}|\d{4})$/;

/**
 * How the file writes its slash dates, from every date in it: one date whose first number is over
 * 12 (25/11/2026) makes the file day-first, one whose second is makes it month-first; both is a
 * file that can't be read; neither is a file that can't tell (null: ask).
 */
export function decideDateOrder(dates: Iterable<string>): DateOrder | "mixed" | null {
  let dayFirst = false;
  let monthFirst = false;
  for (const raw of dates) {
    const match = SLASH_DATE.exec(foldText(raw).replace(LEADING_WEEKDAY, ""));
    if (!match) continue;
    if (Number(match[1]) > 12) dayFirst = true;
    if (Number(match[2]) > 12) monthFirst = true;
  }
  if (dayFirst && monthFirst) return "mixed";
  return dayFirst ? "day-first" : monthFirst ? "month-first" : null;
}

/** Month names as booking systems write them, English and Spanish, full or cut short, folded (no case, no accents). */
const MONTHS: Record<string, number> = Object.fromEntries(
  [
    ["january", "jan", "enero", "ene"],
    ["february", "feb", "febrero"],
    ["march", "mar", "marzo"],
    ["april", "apr", "abril", "abr"],
    ["may", "mayo"],
    ["june", "jun", "junio"],
    ["july", "jul", "julio"],
    ["august", "aug", "agosto", "ago"],
    ["september", "sep", "sept", "septiembre", "setiembre", "set"],
    ["october", "oct", "octubre"],
    ["november", "nov", "noviembre"],
    ["december", "dec", "diciembre", "dic"],
  ].flatMap((names, i) => names.map((name) => [name, i + 1])),
);
/**
 * A weekday before a date ('Tuesday, December 8, 2026', 'Tue 12/08/2026', 'mar., 8 dic. 2026'), left out. A Spanish
 * weekday cut short takes its comma: "mar 8" is March 8.
 */
const LEADING_WEEKDAY =
  /^(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?|(?:lunes|martes|miercoles|jueves|viernes|sabado|domingo),?|(?:lun|mar|mie|jue|vie|sab|dom)\.?,)\s+/;
/** 'December 8, 2026', 'Dec. 8th 2026'. */
const MONTH_FIRST = /^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/;
/** '8 December 2026', '8 de diciembre de 2026', '08-Dec-2026', '8-dic-26'. */
const DAY_FIRST = /^(\d{1,2})(?:st|nd|rd|th)?(?:\s+de\s+|[\s-])([a-z]+)\.?(?:,?\s+de\s+|,?\s+|-)(\d{4}|\d{2})$/;

/** A date written with its month's name, in English or Spanish: [year, month, day], or null. */
function writtenOut(s: string): [number, number, number] | null {
  let match = MONTH_FIRST.exec(s);
  if (match && MONTHS[match[1] ?? ""]) return [Number(match[3]), MONTHS[match[1] ?? ""] ?? 0, Number(match[2])];
  match = DAY_FIRST.exec(s);
  if (match && MONTHS[match[2] ?? ""]) return [Number(match[3]), MONTHS[match[2] ?? ""] ?? 0, Number(match[1])];
  return null;
}

/**
 * 'YYYY-MM-DD' (or YYYY/MM/DD), a slash date in the file's order (month first unless told), 'D.M.YYYY' (or D.M.YY),
 * or a date with its month's name ('December 8, 2026', '8 dic 2026') → 'YYYY-MM-DD'; null when unreadable.
 */
export function parseDay(raw: string, order: DateOrder = "month-first"): string | null {
  const s = foldText(raw).replace(LEADING_WEEKDAY, "");
  let y: number, m: number, d: number;
  let match = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(s);
  let named: [number, number, number] | null;
  if (match) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = SLASH_DATE.exec(s))) {
    const [a, b] = [Number(match[1]), Number(match[2])];
    [d, m] = order === "day-first" ? [a, b] : [b, a];
    y = Number(match[3]);
  } else if ((match = /^(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})$/.exec(s)))
    [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((named = writtenOut(s))) [y, m, d] = named;
  else return null;
  if (y < 100) y += 2000;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/**
 * '14:30', '14:30:00', '2:30 PM', '2:30pm', '2 PM', '10:30 a. m.', '10.30', '22h00', '14:30 Uhr', and a 24-hour time
 * without its colon ('1030', '930', '0930', '930 am') → 'HH:MM' (24-hour); null when unreadable.
 */
export function parseTime(raw: string): string | null {
  const s = raw
    .trim()
    .toLowerCase()
    .replace(/\s*(uhr|hrs?|h)$/, "")
    .replace(/^(\d{1,2})[.h](\d{2})\b/, "$1:$2")
    .replace(/^(\d{1,2})(\d{2})(?=\s*(?:[ap]\.?\s*m\.?|[ap])?$)/, "$1:$2")
    .replace(/\b([ap])\.?\s*m\.?$/, "$1m")
    .replace(/\./g, "");
  const match = /^(\d{1,2})(?::(\d{2}))?(?::\d{2})?\s*(am|pm|a|p)?$/.exec(s);
  if (!match) return null;
  let h = Number(match[1]);
  const min = match[2] === undefined ? 0 : Number(match[2]);
  const half = match[3];
  if (match[2] === undefined && !half) return null;
  if (min > 59) return null;
  if (half) {
    if (h < 1 || h > 12) return null;
    h = (h % 12) + (half.startsWith("p") ? 12 : 0);
  } else if (h > 23) return null;
  return `${pad(h)}:${pad(min)}`;
}

/** An ISO 8601 instant with its offset or Z ('2026-11-25T14:30:00Z', '2026-11-25T14:30+01:00'): the exact instant. */
export const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;

/** A date and clock time in spa time, or an exact instant the file gave with its offset. */
type Start = { day: string; time: string } | { instant: string };

/** A clock time at the end of a cell, after its date: ' 2:30 PM', 'T14:30', ', 10:00am', ' at 9 a.m.'. */
const CLOCK = String.raw`\d{1,2}(?::\d{2}){1,2}(?:\s*[ap]\.?\s?m?\.?)?|\d{1,2}\s*[ap]\.?\s?m\.?`;
const TIME_AT_END = new RegExp(String.raw`^(.*?\S)(?:\s*,\s*|\s+at\s+|\s*@\s*|\s+|T)(${CLOCK})$`, "i");

/** A cell holding date and time, cut in two ('2026-11-25 2:30 PM', 'December 8, 2026 10:00am'); null without a time. */
export function splitDateTime(cell: string): { date: string; time: string } | null {
  const match = TIME_AT_END.exec(cell.trim());
  return match ? { date: match[1] ?? "", time: match[2] ?? "" } : null;
}

/** The date part of a cell holding date and time ('2026-11-25 2:30 PM'), for the date-order scan. */
export const datePartOf = (cell: string): string => splitDateTime(cell)?.date ?? cell.trim();

/** A start from a date cell and a time cell, or from one cell holding both; a message for staff when unreadable. */
export function parseStart(
  dateCell: string | undefined,
  timeCell: string,
  order: DateOrder,
): Start | { problem: string; field: "date" | "time" } {
  // A Date column Excel saved with a time ("11/27/2026 0:00"): its date is the day.
  const dated = dateCell === undefined ? null : splitDateTime(dateCell);
  let dayText = (dated && parseDay(dated.date, order) !== null ? dated.date : dateCell)?.trim() ?? "";
  let timeText = timeCell.trim();
  if (ISO_WITH_OFFSET.test(timeText)) {
    const ms = Date.parse(timeText);
    if (Number.isFinite(ms)) return { instant: new Date(ms).toISOString() };
  }
  const serial = fromSerials(dayText, timeText);
  if (serial) return serial;
  const combined = splitDateTime(timeText);
  if (combined && parseDay(combined.date, order) !== null) {
    dayText = combined.date;
    timeText = combined.time;
  }
  if (!dayText)
    return {
      problem: "No date. Map the Date column above, or a start column that holds date and time.",
      field: "time",
    };
  const day = parseDay(dayText, order);
  if (!day)
    return {
      problem: `"${dayText.slice(0, 40)}" is not a date this import reads. Correct it in the booking system (2026-11-25 or ${order === "day-first" ? "25/11/2026" : "11/25/2026"}) and export again.`,
      field: dateCell ? "date" : "time",
    };
  const time = parseTime(timeText) ?? readTimeFraction(timeText);
  if (!time)
    return {
      problem:
        bareTimeProblem(timeText) ??
        `"${timeText.slice(0, 40)}" is not a time this import reads. Correct it in the booking system (14:30 or 2:30 PM) and export again.`,
      field: "time",
    };
  return { day, time };
}

/**
 * A start a spreadsheet saved as numbers (./serials.ts): a date serial in the Date cell, or one with its time in the
 * Start cell, with the time from the Start cell ('10:30', '1030', '0.4375') or else the serial's fraction. Null when
 * neither cell holds a serial: the cells are read as text.
 */
function fromSerials(dayText: string, timeText: string): Start | { problem: string; field: "date" | "time" } | null {
  const inTime = /^\d{5}(?:\.\d+)?$/.test(timeText) ? readDateSerial(timeText) : null;
  const inDate = inTime === null || dayText !== "" ? readDateSerial(dayText) : null;
  if (inDate && "problem" in inDate) return { problem: inDate.problem, field: "date" };
  if (inTime && "problem" in inTime) return { problem: inTime.problem, field: "time" };
  if (!inDate && !inTime) return null;
  const day = inDate?.day ?? inTime?.day ?? "";
  if (inTime) {
    if (inTime.time !== null) return { day, time: inTime.time };
    return {
      problem: `"${timeText}" is a date (${inTime.day}) without its time. Choose the start time's column above, or export the time with the date.`,
      field: "time",
    };
  }
  const time = timeText === "" ? inDate?.time : (parseTime(timeText) ?? readTimeFraction(timeText));
  if (time) return { day, time };
  return {
    problem:
      timeText === ""
        ? `"${dayText}" is a date (${day}) without its time. Choose the start time's column above, or export the time with the date.`
        : (bareTimeProblem(timeText) ??
          `"${timeText.slice(0, 40)}" is not a time this import reads. Correct it in the booking system (14:30 or 2:30 PM) and export again.`),
    field: "time",
  };
}

/**
 * Minutes from a Duration cell: '90', '90 min', '90 mins.', '90.0', '1h 30m', '1hr, 30min', '1 hour and 30 minutes',
 * '1:30', '01:30:00', '90:00' (minutes and seconds), '1.5 h', '1,5' or '1.5' (hours: no session lasts a minute and a
 * half), '2 hours'.
 */
export function parseMinutes(raw: string): number | null {
  const s = raw
    .trim()
    .toLowerCase()
    .replace(/[.,]\s*$/, "")
    .replace(/^(\d{1,2}),(\d{1,2})(\s*(?:h|hrs?|hours?))?$/, "$1.$2$3")
    .replace(/,?\s+and\s+|,\s*/g, " ");
  let match = /^(\d{1,3})(?:\.0+)?\s*(m|min|mins|minutes?)?$/.exec(s);
  if (match) return Number(match[1]);
  match = /^(\d{1,2}):(\d{2})(?::00)?$/.exec(s);
  if (match) {
    const [a, b] = [Number(match[1]), Number(match[2])];
    // '90:00' is 90 minutes; '1:30' an hour and a half.
    return a > 23 && b === 0 ? a : a * 60 + b;
  }
  match = /^(\d{1,2}\.\d+)$/.exec(s);
  if (match && Number(match[1]) < 13) return Math.round(Number(match[1]) * 60);
  match = /^(\d{1,2}(?:\.\d+)?)\s*(h|hr|hrs|hours?)\s*(?:(\d{1,2})\s*(m|min|mins|minutes?)?)?$/.exec(s);
  if (match) return Math.round(Number(match[1] ?? "") * 60) + Number(match[3] ?? 0);
  return null;
}

/** A length at the end of a service's name: ' 90 min', ' - 1 hr', ' (60 minutos)'. */
export const LENGTH_IN_NAME =
  /(?:^|[\s(\-–—·|,])(\d{1,3}(?:[.,]\d+)?\s*(?:m|min|mins|minutes?|minutos?|h|hr|hrs|hours?|horas?))\.?\)?\s*$/i;

/**
 * The length a service's name gives ("Swedish Massage 90 min", "Facial - 1 hr", "Masaje (60 minutos)"), within a
 * session's limits; null when it gives none.
 */
export function lengthInName(name: string): number | null {
  const match = LENGTH_IN_NAME.exec(name.trim());
  const text = match?.[1]?.replace(/minutos?/i, "min").replace(/horas?/i, "h");
  const minutes = text === undefined ? null : parseMinutes(text);
  return minutes !== null && minutes >= SESSION_MINUTES.min && minutes <= SESSION_MINUTES.max ? minutes : null;
}

/**
 * A booking system's status, in English and Spanish wording: what the kiosk and desk make of it; undefined when
 * unknown.
 */
export function parseStatus(raw: string): "booked" | "cancelled" | "no_show" | undefined {
  // "Confirmed (SMS)": the booking's status is the word before the note.
  const s = foldText(raw)
    .replace(/\s*\(.*\)$/, "")
    .replace(/[-_]/g, " ");
  if (s === "") return "booked";
  if (
    /^(cancel+ed|cancel+ation|late cancel+(ed)?|cancel+ed by (client|customer|guest|staff|business|seller)|deleted|removed|declined|rejected|void(ed)?|cancelad[oa]|rechazad[oa]|anulad[oa]|eliminad[oa]|borrad[oa])$/.test(
      s,
    )
  )
    return "cancelled";
  if (/^(no ?show|did not show|missed|no presentad[oa]|no se presento|no asistio|ausente|inasistencia)$/.test(s))
    return "no_show";
  if (
    /^(booked|confirmed|unconfirmed|awaiting confirmation|accepted|pending|requested|scheduled|new|open|closed|arrived|checked ?in|checkin|checked out|show(ed|n)?|ready( to start)?|started|in (progress|service|session)|completed|done|paid|reservad[oa]|confirmad[oa]|pendiente|programad[oa]|llego|en curso|completad[oa]|pagad[oa])$/.test(
      s,
    )
  )
    return "booked";
  return undefined;
}

/**
 * A booking's note as the desk and the ticket carry it: control and direction-override characters
 * and line breaks become spaces, spaces fold, and it is cut at the contract's limit.
 */
export function cleanNote(raw: string): { note: string | null; cut: boolean } {
  const flat = raw
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    .replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (flat === "") return { note: null, cut: false };
  if (flat.length <= APPOINTMENT_NOTE_MAX) return { note: flat, cut: false };
  return { note: `${flat.slice(0, APPOINTMENT_NOTE_MAX - 1)}…`, cut: true };
}

/** An extension after the number: ' x12', ' ext. 12', ' Ext: 12', ' #12'. */
const EXTENSION = /\s*(?:x|ext\.?:?|extension:?|#)\s*\d+$/i;
/** What a cell says the number is, before or after it: 'M: ', 'Mobile: ', 'Cell ', ' (mobile)', ' (home)'. */
const LABEL =
  /^(?:[a-z]+\.?:|(?:mobile|cell|home|work|tel|phone|m[oó]vil|celular)\b\.?:?)\s*|\s*\((?:[a-z]+|m[oó]vil)\)$/i;
/** Two numbers in one cell: '201-1234 / 201-9876', '555 201 1001; 555 201 1002', '… or …'. */
const SECOND_NUMBER = /\s+(?:\/|or|o)\s+|\s*[;|]\s*/i;

/**
 * A phone cell as staff fix it: the digits ("" for an empty cell: no phone), with a note when only the first of two
 * numbers is kept; or what is wrong with it.
 */
export function readPhone(cell: string): { digits: string; note?: string } | { problem: string } {
  const shown = `"${cell.slice(0, 40)}"`;
  // Full-width digits and signs (typed with a Chinese or Japanese input method) are the digits they are; any dash is a
  // dash; the apostrophe some exports put before a number, so that a spreadsheet keeps it as text, is no part of it.
  const text = cell
    .normalize("NFKC")
    .replace(/[\u2010-\u2015\u2212]/g, "-")
    .replace(/^'/, "")
    .replace(/^(\+\d{1,3})\s*\(0\)/, "$1") // +44 (0)7700 …: the 0 is dialled only from inside the country
    .trim();
  if (text === "") return { digits: "" };
  if (/^\d(?:[.,]\d+)?e\+\d+$/i.test(text))
    return {
      problem: `${shown} is a phone number a spreadsheet turned into a number, and its last digits are lost. Export again from the booking system and import that file without opening it in a spreadsheet first.`,
    };
  const [first = "", ...others] = text.split(SECOND_NUMBER);
  const number = first.replace(LABEL, "").replace(LABEL, "");
  if (number.length > 40 || !/^[\d\s()+./-]*$/.test(number.replace(EXTENSION, ""))) {
    return {
      problem: `${shown} is not a phone number (use digits, spaces, + ( ) - .). Correct it in the booking system and export again.`,
    };
  }
  const digits = number.replace(EXTENSION, "").replace(/\D/g, "");
  if (digits.length < 7)
    return {
      problem: `${shown} has ${digits.length} digits: a phone number has at least 7. Correct it in the booking system and export again.`,
    };
  if (digits.length > 15)
    return {
      problem: `${shown} has ${digits.length} digits: a phone number has at most 15. Correct it in the booking system and export again.`,
    };
  if (others.some((o) => /\d{3}/.test(o)))
    return { digits, note: `${shown} holds two numbers: the first, ${number.trim()}, is the one the kiosk finds.` };
  return { digits };
}
