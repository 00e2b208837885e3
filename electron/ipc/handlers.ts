import { adminHandlers } from "./handlers/admin";
import { appHandlers } from "./handlers/app";
import { deskHandlers } from "./handlers/desk";
import { headOfficeHandlers } from "./handlers/head-office";
import { kioskHandlers } from "./handlers/kiosk";
import { printingHandlers } from "./handlers/printing";
import { maintenanceHandlers } from "./handlers/maintenance";
import { preferenceHandlers } from "./handlers/preferences";
import { reportHandlers } from "./handlers/reports";
import { screeningHandlers } from "./handlers/screening";
import { staffHandlers } from "./handlers/staff";
import type { HandlerDeps } from "./handlers/types";
import type { Handlers } from "./dispatch";

export type { HandlerDeps };

/**
 * The handler table: the same object is registered on Electron's ipcMain and bound into
 * Chromium by the e2e/preview wiring. Handlers are thin: the dispatcher parses input, the
 * work is done by db/ domain operations, each one transaction. One module per contract area.
 */
export function createHandlers(deps: HandlerDeps): Handlers {
  return {
    ...appHandlers(deps),
    ...kioskHandlers(deps),
    ...staffHandlers(deps),
    ...deskHandlers(deps),
    ...reportHandlers(deps),
    ...adminHandlers(deps),
    ...screeningHandlers(deps),
    ...printingHandlers(deps),
    ...maintenanceHandlers(deps),
    ...headOfficeHandlers(deps),
    ...preferenceHandlers(deps),
  };
}
