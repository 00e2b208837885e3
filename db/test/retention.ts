import type { Model } from "../model";
import { eraseGuestDetails, expiredGuestIds, retentionCutoff } from "../maintenance/retention";
import { eraseUnkeptPreferences } from "../preferences/preferences";
import { noteErasingClock } from "../maintenance/clock-trust";

/**
 * Privacy retention in one go on this connection, for tests: the app's own run is the background writer's, a batch
 * per turn on the write gate (electron/background/worker.ts, `eraseDue`), over the same steps.
 */
export function eraseExpiredGuestDetails(m: Model): { erased: number; before: string } {
  noteErasingClock(m);
  const before = retentionCutoff(m);
  eraseUnkeptPreferences(m);
  const erased = eraseGuestDetails(m, expiredGuestIds(m, before), before);
  if (erased > 0) m.db.pragma("wal_checkpoint(TRUNCATE)");
  return { erased, before };
}
