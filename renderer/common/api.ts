import {
  channels,
  events,
  type ChannelInput,
  type ChannelName,
  type ChannelOutput,
  type EventName,
  type EventPayload,
} from "../../contract/channels";
import type { CallOrigin, KioskBridge } from "../../contract/bridge";
import type { Result } from "../../contract/result";
// Its own module: a page that only shows refusals (head office's, with the back office's form parts) needs no channels.
import { ApiError } from "./api-error";
import { followAppClock } from "./clock";

declare global {
  interface Window {
    kiosk: KioskBridge;
  }
}

/**
 * What a person does: taps (a scrollbar drag starts with one), keys, the wheel, touch. Not
 * `scroll`: the app scrolls by itself too, and a window that scrolled itself has not been used.
 */
export const PERSON_INPUT = ["pointerdown", "keydown", "wheel", "touchstart"] as const;
/** A call this soon after a person's input was made for them (a tap, then the save it starts). */
const PERSON_CALL_MS = 2_000;
let lastInputMs = Number.NEGATIVE_INFINITY;
if (typeof window !== "undefined") {
  for (const type of PERSON_INPUT)
    window.addEventListener(type, () => (lastInputMs = performance.now()), { capture: true, passive: true });
}
/** Whether the call being made now follows a person's input; the dispatcher counts only those as activity. */
const origin = (): CallOrigin => (performance.now() - lastInputMs <= PERSON_CALL_MS ? "person" : "app");

/**
 * Calls a contract channel; resolves with its output, parsed with the contract's schema before
 * anything uses it, or rejects with an ApiError. Each call says whether a person's input led to
 * it: refreshes after pushed events and timers do not keep a staff session awake.
 */
export async function call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const result = (await window.kiosk.invoke(channel, input, origin())) as Result<unknown>;
  if (!result.ok) throw new ApiError(result.error);
  const parsed = channels[channel].output.safeParse(result.value);
  if (parsed.success) {
    if (channel === "app.info") followAppClock((parsed.data as ChannelOutput<"app.info">).clockOffsetMs);
    return parsed.data as ChannelOutput<C>;
  }
  throw new ApiError({
    code: "INTERNAL",
    message: "Something went wrong on our side. Please try again or ask the front desk.",
  });
}

/** Subscribes to a pushed event; payloads are checked against the contract first. */
export function onEvent<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  return window.kiosk.on(event, (payload) => {
    const parsed = events[event].safeParse(payload);
    if (parsed.success) listener(parsed.data as EventPayload<E>);
  });
}

export const messageOf = (error: unknown): string =>
  error instanceof ApiError ? error.message : "Something went wrong. Please try again.";
