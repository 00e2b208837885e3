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

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string, field?: string): Result<never> => ({
  ok: false,
  error: field === undefined ? { code, message } : { code, message, field },
});
