/**
 * The latest kiosk arrival, in a slot of its own that is always there (empty: it says so): a new arrival changes its
 * words, never the height of anything beside the queue.
 */
export function ArrivalNote({ arrival, onDismiss }: { arrival: string | null; onDismiss: () => void }) {
  return (
    <div className={arrival ? "arrival" : "arrival none"} role="status">
      {arrival ? (
        <>
          <span>
            <strong>New arrival:</strong> {arrival}
          </span>
          <button type="button" className="secondary" onClick={onDismiss}>
            Dismiss
          </button>
        </>
      ) : (
        <span>New kiosk arrivals show here.</span>
      )}
    </div>
  );
}
