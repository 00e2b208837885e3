import { useId, type ReactNode } from "react";

/**
 * A modal alert over the screen: a title, the body a screen reader reads with it, and the one
 * button that closes it (focused on open). The kiosk's "Still there?" and a PIN shown once.
 */
export function AlertDialog({
  title,
  body,
  action,
  onAction,
  actionClass = "primary",
}: {
  title: ReactNode;
  body: ReactNode;
  action: ReactNode;
  onAction: () => void;
  actionClass?: string;
}) {
  const id = useId();
  return (
    <div className="overlay">
      <div
        className="dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-body`}
      >
        <h2 id={`${id}-title`}>{title}</h2>
        <p id={`${id}-body`}>{body}</p>
        <button type="button" className={actionClass} autoFocus onClick={onAction}>
          {action}
        </button>
      </div>
    </div>
  );
}
