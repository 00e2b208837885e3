import type { staffChannels } from "../../../contract/staff";
import { createFirstManager, listActiveStaff, login, needsFirstManager } from "../../../db/staff/staff";
import type { AreaHandlers, HandlerDeps } from "./types";

export const staffHandlers = ({ model, openStaffWindow }: HandlerDeps): AreaHandlers<typeof staffChannels> => ({
  "staff.list": () => ({ staff: listActiveStaff(model), needsSetup: needsFirstManager(model) }),
  "staff.login": async (input, session) => {
    const staff = await login(model, input.staffId, input.pin);
    session.staff = staff;
    session.lastActivityMs = model.clock.now().getTime();
    return staff;
  },
  "staff.logout": (_input, session) => {
    session.staff = null;
    return {};
  },
  "staff.whoami": (_input, session) => ({ staff: session.staff }),
  "staff.createFirstManager": async (input, session) => {
    const staff = await createFirstManager(model, input);
    session.staff = staff;
    session.lastActivityMs = model.clock.now().getTime();
    return staff;
  },
  // The dispatcher already recorded the activity when it authorized this desk call.
  "staff.touch": () => ({}),
  "staff.openWindow": () => {
    openStaffWindow();
    return {};
  },
});
