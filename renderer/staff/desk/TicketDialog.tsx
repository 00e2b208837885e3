import { useDialogKeys } from "./useDialogKeys";

/** The therapist's ticket as it prints, to read out or check; Close or Escape closes it. */
export function TicketDialog({ lines, onClose }: { lines: string[]; onClose: () => void }) {
  useDialogKeys(onClose);
  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-label="Ticket preview">
      <div className="dialog">
        <pre className="ticket-preview">{lines.join("\n")}</pre>
        <button type="button" className="primary" autoFocus onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}
