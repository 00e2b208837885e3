import type { staffChannels } from "../../../contract/staff";
import { listActiveStaff, login } from "../../../db/staff";
import type { AreaHandlers, HandlerDeps } from "./types";

export const staffHandlers = ({ model }: HandlerDeps): AreaHandlers<typeof staffChannels> => ({
  "staff.list": () => ({ staff: listActiveStaff(model.db) }),
  "staff.login": async (input, session) => {
    const staff = await login(model.db, model.clock, input.staffId, input.pin);
    session.staff = staff;
    session.lastActivityMs = model.clock.now().getTime();
    return staff;
  },
  "staff.logout": (_input, session) => {
    session.staff = null;
    return {};
  },
  "staff.whoami": (_input, session) => ({ staff: session.staff }),
});
