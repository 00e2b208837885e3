/** Which catalog message a guest reads when a step fails or finds nothing. */
import { ApiError } from "../../common/api-error";
import type { FindMode, Message } from "./screen";

/** A refusal from the main process, as the catalog message for this guest. */
export function messageFor(e: unknown): Message {
  if (e instanceof ApiError) {
    if (e.code === "NOT_FOUND") return "gone.missing";
    if (e.code === "CONFLICT") return "gone.inactive";
  }
  return "error.generic";
}

/** The main process refused with this code (e.g. "INVALID_INPUT"). */
export const refused = (e: unknown, code: string): boolean => e instanceof ApiError && e.code === code;

/** "Not found" in the words of what was searched: a guest who typed a code is not told about numbers. */
export const notFoundBody = (mode: FindMode): Message =>
  mode === "phone" ? "notFound.bodyPhone" : "notFound.bodyCode";

/**
 * The guest's add-ons were refused because the day moved while they read (the add-on no longer fits, or its questions
 * changed: the model names the field), so the offer is shown again as it stands. A refusal without a field (writes
 * held while a manager changes the time zone, another program holding the file) moved nothing: the general message.
 */
export const offerMovedBy = (e: unknown): e is ApiError =>
  e instanceof ApiError && e.code === "NOT_AVAILABLE" && (e.field === "addonIds" || e.field === "screening");
