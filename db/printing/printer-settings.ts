import type { PrinterSetting } from "../../contract/ticket";
import { appendAudit, type Actor } from "../audit";
import type { DB } from "../open";
import { saveSettings } from "../settings";
import { retryWaitingJobsNow } from "./jobs";
import type { Clock } from "../time";

/**
 * A manager's printer choice: validated by the settings schema, saved with its audit row in one
 * transaction. Tickets waiting out a retry backoff are tried at once on the new setting.
 */
export function savePrinterSetting(db: DB, clock: Clock, actor: Extract<Actor, { kind: "staff" }>, printer: PrinterSetting): PrinterSetting {
  return db.transaction(() => {
    const { before, after } = saveSettings(db, { printer });
    appendAudit(db, clock, actor, { action: "settings.printer", entity: "settings", entityId: null, before: before.printer, after: after.printer });
    retryWaitingJobsNow(db);
    return after.printer;
  }).immediate();
}
