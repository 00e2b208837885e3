import type { z } from "zod";

/**
 * The envelope every IPC call answers with (after Signal-Desktop's sql channel): the renderer
 * never sees a thrown main-process error, only a code it can act on and a message it can show.
 */
export const errorCodes = [
  "UNKNOWN_CHANNEL",
  "INVALID_INPUT",
  "FORBIDDEN",
  "NOT_AUTHENTICATED",
  "NOT_FOUND",
  "CONFLICT",
  "LOCKED_OUT",
  "WRONG_PIN",
  "NOT_AVAILABLE",
  "INTERNAL",
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export interface ApiError {
  code: ErrorCode;
  message: string;
  /** Which input field the message belongs to, when there is one ("phone", "reason"). */
  field?: string;
}

/**
 * The message for the first problem zod found, naming the field a person can fix: the one way
 * an input zod refused becomes an error (the dispatcher's, and db tests' that parse the same way).
 */
export function invalidInput(error: z.ZodError): ApiError {
  const issue = error.issues[0];
  const field = issue?.path.map(String).join(".") || undefined;
  const message =
    issue?.code === "unrecognized_keys"
      ? "The request had fields this action does not take."
      : (issue?.message ?? "Invalid input.");
  return field === undefined ? { code: "INVALID_INPUT", message } : { code: "INVALID_INPUT", message, field };
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string, field?: string): Result<never> => ({
  ok: false,
  error: field === undefined ? { code, message } : { code, message, field },
});
