/** Finding the booking by phone number or booking code: the field's steps and where a search leads. */
import type { AppointmentMatch } from "../../../contract/channels";
import {
  CODE_LENGTH,
  MIN_PHONE_DIGITS,
  checkCode,
  checkPhone,
  groupPhoneDigits,
  phoneComplete,
  phoneFieldValue,
} from "../input";
import { notFoundBody, refused } from "./messages";
import type { FindMode, Message, Screen, ScreenOf } from "./screen";

export type FindQuery = { by: "phone"; phone: string } | { by: "code"; code: string };
export const queryOf = (mode: FindMode, value: string): FindQuery =>
  mode === "phone" ? { by: "phone", phone: checkPhone(value).digits } : { by: "code", code: checkCode(value).code };

/**
 * A key from the keypad or keyboard, or a typed value: the field as it now reads, and whether
 * the value is complete enough to search by itself (a whole phone number, a 6-character code).
 */
export function typeInFind(s: ScreenOf<"find">, value: string): { screen: ScreenOf<"find">; search: boolean } {
  if (s.mode === "phone") {
    const kept = phoneFieldValue(value);
    const { digits, problem } = checkPhone(kept);
    return {
      screen: { ...s, value: kept, error: problem ? `find.errors.${problem}` : null },
      search: !problem && phoneComplete(digits) && !s.busy,
    };
  }
  const { code, problem } = checkCode(value);
  return {
    screen: { ...s, value: problem ? value : code, error: problem ? "find.errors.codeFormat" : null },
    search: !problem && code.length === CODE_LENGTH && !s.busy,
  };
}

/** "Find me" (or Enter): the field's problem, or null when it may be searched. */
export function findProblem(s: ScreenOf<"find">): Message | null {
  if (s.mode === "phone") {
    const { digits, problem } = checkPhone(s.value);
    if (problem) return `find.errors.${problem}`;
    return digits.length < MIN_PHONE_DIGITS ? "find.errors.tooShort" : null;
  }
  const { code, problem } = checkCode(s.value);
  return problem || code.length < 4 ? "find.errors.codeFormat" : null;
}

/** Confirming one of a search's bookings: the others not yet checked in come along as its party. */
export const confirmOne = (match: AppointmentMatch, found: AppointmentMatch[]): ScreenOf<"confirm"> => ({
  name: "confirm",
  match,
  party: found.filter((m) => m.appointmentId !== match.appointmentId && !m.checkedIn && !m.ended),
  busy: false,
});

/**
 * Where a search's answer leads. `auto`: the search ran by itself at 6 code characters; a code
 * may be longer, so "not found" then stays on the field for the guest to keep typing.
 */
export function afterSearch(
  s: ScreenOf<"find">,
  auto: boolean,
  found: { matches: AppointmentMatch[]; laterStartsAt: string | null },
): Screen {
  const { mode, value } = s;
  const [first] = found.matches;
  if (found.laterStartsAt !== null) return { name: "later", mode, startsAt: found.laterStartsAt };
  if (!first) {
    if (auto && mode === "code") return { ...s, error: notFoundBody(mode), busy: false };
    const query = queryOf(mode, value);
    return { name: "notFound", mode, searched: query.by === "phone" ? groupPhoneDigits(query.phone) : query.code };
  }
  return found.matches.length === 1
    ? confirmOne(first, found.matches)
    : { name: "matches", mode, matches: found.matches };
}

/** A search refused: a value the main process would not read is the field's own error. */
export const searchFailed = (s: ScreenOf<"find">, e: unknown): Screen => ({
  ...s,
  error: refused(e, "INVALID_INPUT")
    ? s.mode === "phone"
      ? "find.errors.tooShort"
      : "find.errors.codeFormat"
    : "error.generic",
  busy: false,
});
