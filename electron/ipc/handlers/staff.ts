import type { staffChannels } from "../../../contract/staff";
import { createFirstManager, listActiveStaff, login, needsFirstManager } from "../../../db/staff/staff";
import { appendAudit } from "../../../db/audit";
import { makePadCode, openPadWithCode, padCodeMadeAt } from "../../../db/staff/pad-code";
import { staffActor, type AreaHandlers, type HandlerDeps } from "./types";

export const staffHandlers = ({
  model,
  openStaffWindow,
  pinPads,
  monotonicMs,
}: HandlerDeps): AreaHandlers<typeof staffChannels> => ({
  "staff.list": (_input, session) => ({
    staff: listActiveStaff(model),
    needsSetup: needsFirstManager(model),
    padWaitMs: Math.ceil(pinPads.waiting()[session.pad] ?? 0),
  }),
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
  "staff.openPad": (input, session) => openPadWithCode(model, pinPads, session.pad, input.code),
  "staff.padCode": () => ({ madeAt: padCodeMadeAt(model) }),
  "staff.makePadCode": (_input, session) => makePadCode(model, staffActor(session)),
  "staff.logout": (_input, session) => {
    session.staff = null;
    return {};
  },
  "staff.whoami": (_input, session) => ({ staff: session.staff }),
  "staff.createFirstManager": async (input, session) => {
    const made = await createFirstManager(model, input);
    session.staff = made.staff;
    session.lastActivityMs = monotonicMs();
    return made;
  },
  // The dispatcher already recorded the activity when it authorized this desk call.
  "staff.touch": () => ({}),
  "staff.openWindow": () => {
    openStaffWindow();
    return {};
  },
});
