import type { Model } from "../model";
import type { PrinterSetting } from "../../contract/ticket";
import { appendAudit, type Actor } from "../audit";
import { saveSettings } from "../settings";
import { retryWaitingJobsNow } from "./jobs";

/**
 * A manager's printer choice: validated by the settings schema, saved with its audit row in one
 * transaction. Tickets waiting out a retry backoff are tried at once on the new setting.
 */
export function savePrinterSetting(
  m: Model,
  actor: Extract<Actor, { kind: "staff" }>,
  printer: PrinterSetting,
): PrinterSetting {
  const { db, clock } = m;
  return db
    .transaction(() => {
      const { before, after } = saveSettings(db, { printer });
      appendAudit(db, clock, actor, {
        action: "settings.printer",
        entity: "settings",
        entityId: null,
        before: before.printer,
        after: after.printer,
      });
      retryWaitingJobsNow(m);
      return after.printer;
    })
    .immediate();
}
