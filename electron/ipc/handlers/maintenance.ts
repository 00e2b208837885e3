import type { maintenanceChannels } from "../../../contract/maintenance";
import { staffActor, type AreaHandlers, type HandlerDeps } from "./types";

export const maintenanceHandlers = ({ maintenance }: HandlerDeps): AreaHandlers<typeof maintenanceChannels> => ({
  "maintenance.backups": () => ({
    folder: maintenance.folder,
    backups: maintenance.list(),
    status: maintenance.status(),
  }),
  "maintenance.backupNow": () => maintenance.backupNow("manual"),
  "maintenance.restore": (input, session) => maintenance.restore(input.name, staffActor(session)),
  "maintenance.verifyAudit": () => maintenance.verifyAudit(),
  "maintenance.diskSpace": () => maintenance.diskSpace(),
});
