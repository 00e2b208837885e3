import { useLayoutEffect } from "react";

/**
 * Escape closes the open dialog. Listened for from the moment the dialog is in the page (a layout effect, before
 * the browser paints it): with a passive effect, an Escape pressed as the dialog appeared could come before the
 * listener, on a loaded machine, and the dialog stayed open (CI, desk.spec.ts, once).
 */
export function useDialogKeys(onClose: () => void): void {
  useLayoutEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") onClose();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onClose]);
}
