/**
 * What the guest typed, checked before anything is sent (the main process checks again with the
 * contract's schemas). Problems are catalog keys: the screen words them in the guest's language.
 */
export type PhoneProblem = "digitsOnly" | "tooLong";
export type CodeProblem = "codeFormat";

/** Digits and the separators people write numbers with: "+1 (555) 010-2233", "555.010.2233". */
export function checkPhone(typed: string): { digits: string; problem: PhoneProblem | null } {
  // Full-width digits and signs are the digits they are, as the contract reads them.
  const value = typed.normalize("NFKC");
  if (!/^[\d\s()+.-]*$/.test(value)) return { digits: "", problem: "digitsOnly" };
  const digits = value.replace(/\D/g, "");
  return { digits, problem: digits.length > 15 ? "tooLong" : null };
}

/** A full North American mobile number: search at once, no extra "Find me" tap. */
export const phoneComplete = (digits: string): boolean =>
  (digits.length === 10 && !digits.startsWith("1")) || (digits.length === 11 && digits.startsWith("1"));

export const MIN_PHONE_DIGITS = 7;

/**
 * Digits as the field shows them while they are typed, grouped the way the number is read
 * aloud, so a guest can check it at a glance: "555 010", "555 010 2233", "1 555 010 2233".
 * Longer numbers (international) stay as typed.
 */
export function groupPhoneDigits(digits: string): string {
  const trunk = digits.startsWith("1") && digits.length > 1 ? "1" : "";
  const national = digits.slice(trunk.length);
  if (national.length > 10) return digits;
  const groups = [national.slice(0, 3), national.slice(3, 6), national.slice(6)].filter(Boolean);
  return [trunk, ...groups].filter(Boolean).join(" ");
}

/**
 * What the phone field keeps of what was typed: bare digits when it holds only digits and
 * spaces (the keypad's, or the field's own grouping edited), anything else as typed, for
 * `checkPhone` to read or refuse.
 */
export const phoneFieldValue = (typed: string): string => (/^[\d\s]*$/.test(typed) ? typed.replace(/\s/g, "") : typed);

export function checkCode(value: string): { code: string; problem: CodeProblem | null } {
  const code = value.trim().toUpperCase();
  return { code, problem: /^[A-Z0-9]{0,12}$/.test(code) ? null : "codeFormat" };
}

/** Booking codes this spa issues are 6 characters: search as soon as 6 are typed. */
export const CODE_LENGTH = 6;

export type NameProblem = "empty" | "lettersOnly" | "tooLong";

/** A first name: letters in any script, spaces, hyphens and apostrophes. */
export function checkName(value: string): { name: string; problem: NameProblem | null } {
  const name = value.trim();
  if (name === "") return { name, problem: "empty" };
  if (!/^[\p{L}\p{M}][\p{L}\p{M}' .-]*$/u.test(name)) return { name, problem: "lettersOnly" };
  if (name.length > 30) return { name, problem: "tooLong" };
  return { name, problem: null };
}

/** Types a name the way it is written: a capital after a space or hyphen, small letters after. */
export function typeNameKey(current: string, key: string): string {
  if (key === " " && (current === "" || current.endsWith(" "))) return current;
  const startOfWord = current === "" || /[\s-]$/.test(current);
  return (current + (startOfWord ? key.toLocaleUpperCase() : key.toLocaleLowerCase())).slice(0, 31);
}
