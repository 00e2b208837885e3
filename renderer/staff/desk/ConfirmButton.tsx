import { useEffect, useRef, useState } from "react";
import type { QueueItem } from "../../../contract/channels";
import type { ScreeningCheck } from "../../../contract/screening";
import { confirmWhat } from "./deskText";

/** A two-tap button's second tap is taken only this long after the first: a double tap never arms and confirms. */
export const ARM_GUARD_MS = 700;
/** A "Sure? No add-on" left untapped turns back into "No add-on…" after this long. */
const DISARM_MS = 8000;

interface Props {
  item: QueueItem;
  /** The guest checked in at the kiosk minutes ago and left its offer unanswered (`choiceOverdue`). */
  overdue: boolean;
  /** The row's confirmation is on its way: the button waits, and takes no second tap. */
  busy: boolean;
  /** `checked`: the screening flags the receptionist checked with the guest, as this row showed them. */
  onConfirm: (id: number, checked?: readonly ScreeningCheck[]) => void;
}

/**
 * The row's Confirm. One tap for a guest who chose at the kiosk (add-ons or none) or never saw the offer; two for a
 * flagged add-on (the first shows what to check) and for a guest still choosing at the kiosk (confirming now ends the
 * offer with no add-on, which the guest has not chosen). The second tap of two counts only after ARM_GUARD_MS.
 */
export function ConfirmButton({ item, overdue, busy, onConfirm }: Props) {
  const checks = item.offer?.checks ?? [];
  const flagged = item.offer?.checksPending === true;
  const choosing = item.stage === "choosing" && !overdue;
  // What the first tap armed the button for: the flags shown (a flag raised since disarms it), or the guest choosing.
  const armKey = flagged ? JSON.stringify(checks) : choosing ? "choosing" : null;
  const [armedFor, setArmedFor] = useState<string | null>(null);
  const armedAt = useRef(0);
  const armed = armKey !== null && armedFor === armKey;

  useEffect(() => {
    if (!armed || !choosing) return;
    const timer = window.setTimeout(() => setArmedFor(null), DISARM_MS);
    return () => window.clearTimeout(timer);
  }, [armed, choosing]);

  const id = item.appointmentId;
  const name = item.guestName;
  const tap = () => {
    if (busy) return;
    if (armKey === null) return onConfirm(id);
    if (!armed) {
      armedAt.current = performance.now();
      return setArmedFor(armKey);
    }
    if (performance.now() - armedAt.current < ARM_GUARD_MS) return;
    setArmedFor(null);
    onConfirm(id, flagged ? checks : []);
  };

  const [text, label, look] = busy
    ? ["Confirming…", `Confirming ${confirmWhat(item)} for ${name}`, "primary"]
    : flagged
      ? armed
        ? ["Checked with guest — confirm", `I checked with ${name}: confirm ${confirmWhat(item)}`, "primary"]
        : ["Check flag…", `Check the flag before confirming ${confirmWhat(item)} for ${name}`, "secondary"]
      : choosing
        ? armed
          ? [
              "Sure? No add-on",
              `${name} is still choosing at the kiosk: tap again to end the offer and confirm no add-on`,
              "danger",
            ]
          : ["No add-on…", `${name} is still choosing at the kiosk: confirm no add-on instead…`, "secondary"]
        : ["Confirm", `Confirm ${confirmWhat(item)} for ${name}`, "primary"];
  return (
    <button type="button" className={`${look} confirm`} disabled={busy} onClick={tap} aria-label={label}>
      {text}
    </button>
  );
}
