import { useRef } from "react";
import { useTranslation } from "react-i18next";
import { call } from "../common/api";
import "./staff-door.css";

const HOLD_MS = 1200;

/**
 * A discreet corner button for staff on a one-display setup: press and hold (or Enter) asks the
 * main process to open the staff window, which starts at its own PIN pad. The kiosk gains no
 * rights by it: `staff.openWindow` only opens a window.
 */
export function StaffDoor() {
  const { t } = useTranslation();
  const timer = useRef<number | null>(null);
  const open = () => void call("staff.openWindow", {}).catch(() => undefined);
  const cancel = () => {
    if (timer.current !== null) window.clearTimeout(timer.current);
    timer.current = null;
  };
  return (
    <button
      type="button"
      className="staff-door"
      aria-label={t("staffDoor.label")}
      onPointerDown={() => {
        cancel();
        timer.current = window.setTimeout(open, HOLD_MS);
      }}
      onPointerUp={cancel}
      onPointerLeave={cancel}
      onContextMenu={(e) => e.preventDefault()}
      onKeyDown={(e) => {
        if (e.key === "Enter" || e.key === " ") {
          e.preventDefault();
          open();
        }
      }}
    >
      {t("staffDoor.button")}
    </button>
  );
}
