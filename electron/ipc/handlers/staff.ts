import type { staffChannels } from "../../../contract/staff";
import { createFirstManager, listActiveStaff, login, needsFirstManager } from "../../../db/staff/staff";
import { appendAudit } from "../../../db/audit";
import { staffActor, type AreaHandlers, type HandlerDeps } from "./types";

export const staffHandlers = ({ model, openStaffWindow, pinPads, monotonicMs }: HandlerDeps): AreaHandlers<typeof staffChannels> => ({
  "staff.list": () => ({ staff: listActiveStaff(model), needsSetup: needsFirstManager(model) }),
  "staff.login": async (input, session) => {
    const staff = await login(model, input.staffId, input.pin, pinPads, session.pad);
    session.staff = staff;
    session.lastActivityMs = monotonicMs();
    return staff;
  },
  "staff.unlockPads": (_input, session) => {
    const unlocked = pinPads.unlockAll();
    model.db.transaction(() =>
      appendAudit(model.db, model.clock, staffActor(session), {
        action: "staff.unlockPads",
        entity: "staff",
        entityId: null,
        after: { unlocked },
      }),
    )();
    return { unlocked };
  },
  "staff.logout": (_input, session) => {
    session.staff = null;
    return {};
  },
  "staff.whoami": (_input, session) => ({ staff: session.staff }),
  "staff.createFirstManager": async (input, session) => {
    const staff = await createFirstManager(model, input);
    session.staff = staff;
    session.lastActivityMs = monotonicMs();
    return staff;
  },
  // The dispatcher already recorded the activity when it authorized this desk call.
  "staff.touch": () => ({}),
  "staff.openWindow": () => {
    openStaffWindow();
    return {};
  },
});
