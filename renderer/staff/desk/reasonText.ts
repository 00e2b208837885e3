import { REASON_MAX } from "../../../contract/common";
import { reasonSchema } from "../../../contract/desk";

/** The reason's length is shown from this many characters on, so the limit never comes as a surprise. */
export const COUNTER_FROM = REASON_MAX - 60;

export interface ReasonCheck {
  /** What is wrong with what was typed, said at the field: too long (by how much), a character it can't take. */
  problem: string | null;
  /** "262 / 300": near or over the limit. */
  counter: string | null;
  /** Why the button can't be pressed yet (blank or too short; or the problem above), said beside the button. */
  blocked: string | null;
}

/**
 * A reason (void, cancel, reinstate) as the desk's form checks it while the receptionist types, by the contract's
 * own schema: the limits and words have one home (contract/desk.ts `reasonSchema`).
 */
export function checkReason(reason: string): ReasonCheck {
  const length = reason.trim().length;
  const counter = length >= COUNTER_FROM ? `${length} / ${REASON_MAX}` : null;
  const parsed = reasonSchema.safeParse(reason);
  if (parsed.success) return { problem: null, counter, blocked: null };
  const issue = parsed.error.issues[0];
  if (issue?.code === "too_small") return { problem: null, counter, blocked: issue.message };
  const problem =
    issue?.code === "too_big"
      ? `The reason is too long: ${length} characters, and it can have ${REASON_MAX}. Shorten it by ${length - REASON_MAX}.`
      : (issue?.message ?? "This reason can't be saved.");
  return { problem, counter, blocked: "Fix the reason first." };
}
