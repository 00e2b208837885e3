import type { adminChannels } from "../../../contract/admin";
import { listAddonsAdmin, saveAddon, restoreChainValues } from "../../../db/admin/addons";
import { catalog, saveRoom, saveService, saveTherapist } from "../../../db/admin/catalog";
import { clearLogo, kioskSettings, saveKioskSettings, setLogo } from "../../../db/admin/kiosk";
import { zoneChangeEffect } from "../../../db/admin/time-zone";
import { createStaffMember, listStaffAdmin, resetStaffPin, saveStaffMember } from "../../../db/admin/staff";
import { staffActor, type AreaHandlers, type HandlerDeps } from "./types";

/**
 * The back office. Every save is one db/ transaction with an audit row; whatever the kiosk
 * shows (copy, prices, services, settings, logo) is followed by `settings.changed`, so an open
 * kiosk picks it up without a restart (offer cards are read fresh at each check-in).
 */
export const adminHandlers = ({ model, emit, background }: HandlerDeps): AreaHandlers<typeof adminChannels> => {
  const changed = <T>(value: T): T => {
    emit("settings.changed", {});
    return value;
  };
  return {
    "admin.addons": () => listAddonsAdmin(model),
    "admin.saveAddon": (input, session) => changed(saveAddon(model, staffActor(session), input)),
    "admin.restoreChainValues": (input, session) => changed(restoreChainValues(model, staffActor(session), input.id)),
    "admin.catalog": () => catalog(model),
    "admin.saveService": (input, session) => changed(saveService(model, staffActor(session), input)),
    "admin.saveTherapist": (input, session) => changed(saveTherapist(model, staffActor(session), input)),
    "admin.saveRoom": (input, session) => saveRoom(model, staffActor(session), input),
    "admin.staff": () => ({ staff: listStaffAdmin(model) }),
    "admin.createStaff": (input, session) => createStaffMember(model, staffActor(session), input),
    "admin.saveStaff": (input, session) => saveStaffMember(model, staffActor(session), input),
    "admin.resetPin": (input, session) => resetStaffPin(model, staffActor(session), input),
    "admin.kioskSettings": () => kioskSettings(model),
    // A change of zone over ZONE_CHANGE_INLINE_MAX rows is the background writer's, every other write held off
    // meanwhile (a year's file: seconds to a minute or two); the windows' calls go on, their writes refused.
    "admin.saveKioskSettings": async (input, session) => {
      const actor = staffActor(session);
      const moving = kioskSettings(model).settings.timeZone !== input.timeZone;
      if (!moving || !zoneChangeEffect(model, input.timeZone).pauses)
        return changed(saveKioskSettings(model, actor, input));
      const saved = await background.run("saveKioskSettings", {
        settings: input,
        staff: { staffId: actor.staffId, name: actor.name },
        now: model.clock.now().toISOString(),
      });
      return changed(saved);
    },
    "admin.timeZoneChange": (input) => zoneChangeEffect(model, input.timeZone),
    "admin.setLogo": (input, session) => changed(setLogo(model, staffActor(session), input)),
    "admin.clearLogo": (_input, session) => changed(clearLogo(model, staffActor(session))),
  };
};
