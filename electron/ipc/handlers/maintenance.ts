import type { maintenanceChannels } from "../../../contract/maintenance";
import { dismissRestoreGaps, openRestoreGaps } from "../../../db/maintenance/restore-gaps";
import { clockTrust, confirmClock } from "../../../db/maintenance/clock-trust";
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
  "maintenance.confirmClock": (input, session) => {
    const trust = confirmClock(model, staffActor(session), input.clockAt);
    maintenance.clockConfirmed();
    return trust;
  },
  "maintenance.diskSpace": () => maintenance.diskSpace(),
  "maintenance.clock": () => clockTrust(model),
  "maintenance.restoreGaps": () => ({ gaps: openRestoreGaps(model) }),
  "maintenance.dismissRestoreGaps": (_input, session) => {
    const dismissed = dismissRestoreGaps(model, staffActor(session));
    // Every desk's list goes at once.
    if (dismissed > 0) emit("restoreGaps.changed", {});
    return { dismissed };
  },
});
