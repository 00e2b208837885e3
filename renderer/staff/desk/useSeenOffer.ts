import { useRef } from "react";
import type { QueueItem } from "../../../contract/channels";
import type { SeenOffer } from "../../../contract/desk";

/**
 * The guest's add-ons as the receptionist saw them when they began a Change (the first tick) or a Void (its
 * button): sent with the decision, which the main process refuses if another desk, or the guest at the kiosk, has
 * changed them since, rather than overwrite what the receptionist never saw.
 */
export function useSeenOffer(item: QueueItem) {
  const seen = useRef<SeenOffer | null>(null);
  const now = (): SeenOffer => ({ status: item.offer?.status ?? null, final: item.offer?.final ?? [] });
  return {
    /** A Change begins: the add-ons as they are now, unless it began already. */
    begin: () => {
      seen.current ??= now();
    },
    /** A Void begins: the add-ons as they are now. */
    restart: () => {
      seen.current = now();
    },
    /** The decision was made, or refused as made on add-ons changed since: the next one starts afresh. */
    forget: () => {
      seen.current = null;
    },
    /** What the decision is made on. */
    get: (): SeenOffer => seen.current ?? now(),
  };
}
