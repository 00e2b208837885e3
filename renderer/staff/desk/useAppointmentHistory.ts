import { useCallback, useEffect, useState } from "react";
import type { HistoryEntry, QueueItem } from "../../../contract/channels";
import { call, messageOf } from "../../common/api";

/** An appointment's history from the audit log, read again whenever the appointment changes, whoever changed it. */
export function useAppointmentHistory(
  item: QueueItem,
  guard: <T>(p: Promise<T>) => Promise<T>,
  onError: (message: string) => void,
): HistoryEntry[] {
  const [history, setHistory] = useState<HistoryEntry[]>([]);
  const load = useCallback(() => {
    guard(call("desk.history", { appointmentId: item.appointmentId })).then(
      (h) => setHistory(h.entries),
      (e: unknown) => onError(messageOf(e)),
    );
  }, [guard, item.appointmentId, onError]);
  useEffect(load, [load, item]);
  return history;
}
