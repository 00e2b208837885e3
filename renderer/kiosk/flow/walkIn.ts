/** A walk-in at the kiosk: the name as typed, and what a refusal says. */
import { checkName } from "../input";
import { refused } from "./messages";
import type { Message, Screen, ScreenOf } from "./screen";

export function walkInProblem(value: string): { name: string; problem: Message | null } {
  const { name, problem } = checkName(value);
  return { name, problem: problem ? `walkIn.errors.${problem}` : null };
}
export const walkInFailed = (s: ScreenOf<"walkIn">, e: unknown): Screen => ({
  ...s,
  busy: false,
  error: refused(e, "FORBIDDEN")
    ? "walkIn.errors.notAllowed"
    : refused(e, "INVALID_INPUT")
      ? "walkIn.errors.lettersOnly"
      : "error.generic",
});
