import { Fragment } from "react";
import { useDialogKeys } from "./useDialogKeys";

/** The therapist's ticket as it prints (bold where the paper is), to read out or check; Close or Escape closes it. */
export function TicketDialog({ lines, onClose }: { lines: { text: string; bold: boolean }[]; onClose: () => void }) {
  useDialogKeys(onClose);
  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-label="Ticket preview">
      <div className="dialog">
        <pre className="ticket-preview">
          {lines.map((line, i) => (
            <Fragment key={i}>
              {line.bold ? <strong>{line.text}</strong> : line.text}
              {"\n"}
            </Fragment>
          ))}
        </pre>
        <button type="button" className="primary" autoFocus onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}
