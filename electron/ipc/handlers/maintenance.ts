import type { maintenanceChannels } from "../../../contract/maintenance";
import { checkInAgain } from "../../../db/maintenance/check-in-again";
import { dismissRestoreGaps, openRestoreGaps } from "../../../db/maintenance/restore-gaps";
import { staffActor, type AreaHandlers, type HandlerDeps } from "./types";

export const maintenanceHandlers = ({
  maintenance,
  model,
  emit,
}: HandlerDeps): AreaHandlers<typeof maintenanceChannels> => ({
  "maintenance.backups": () => ({
    folder: maintenance.folder,
    backups: maintenance.list(),
    status: maintenance.status(),
  }),
  "maintenance.backupNow": () => maintenance.backupNow("manual"),
  "maintenance.restore": (input, session) => maintenance.restore(input.name, staffActor(session)),
  "maintenance.verifyAudit": () => maintenance.verifyAudit(),
  "maintenance.diskSpace": () => maintenance.diskSpace(),
  "maintenance.restoreGaps": () => ({ gaps: openRestoreGaps(model) }),
  "maintenance.checkInAgain": (input, session) => {
    const item = checkInAgain(model, staffActor(session), input.gapId);
    // Every desk's queue shows the arrival, and every desk's list shows the guest checked in again.
    emit("queue.changed", { appointmentId: item.appointmentId, reason: "desk" });
    return item;
  },
  "maintenance.dismissRestoreGaps": (_input, session) => {
    const dismissed = dismissRestoreGaps(model, staffActor(session));
    // Every desk's list goes at once.
    if (dismissed > 0) emit("restoreGaps.changed", {});
    return { dismissed };
  },
});
