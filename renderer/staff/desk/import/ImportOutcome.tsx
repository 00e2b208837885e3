import type { ImportResult } from "../../../../contract/desk";
import { resultSummary } from "./rules";

/** What the import did, and the guests whose booking the file cancelled or moved after they checked in. */
export function ImportOutcome({ result }: { result: ImportResult }) {
  return (
    <div className="ok" role="status">
      <p>{resultSummary(result)}</p>
      {result.changedAfterCheckIn.length > 0 && (
        <p className="error">
          Moved after the guest checked in — tell the guest and the therapists:{" "}
          {result.changedAfterCheckIn
            .map((c) => `${c.guestName} (line ${c.line}, ${c.externalId}${c.ticketed ? ", CHANGED slip sent" : ""})`)
            .join("; ")}
          .
        </p>
      )}
      {result.cancelledAfterCheckIn.length > 0 && (
        <p className="error">
          Cancelled after the guest checked in — tell the therapist:{" "}
          {result.cancelledAfterCheckIn.map((c) => `${c.guestName} (line ${c.line}, ${c.externalId})`).join("; ")}.
        </p>
      )}
    </div>
  );
}
