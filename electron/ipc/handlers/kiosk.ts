import type { kioskChannels } from "../../../contract/kiosk";
import { checkInAtKiosk } from "../../../db/kiosk/check-in";
import { chooseAddons } from "../../../db/kiosk/choose";
import { kioskVisit } from "../../../db/kiosk/visit";
import { registerWalkIn } from "../../../db/walk-ins/walk-ins";
import { searchForKiosk } from "../../../db/kiosk/search";
import type { AreaHandlers, HandlerDeps } from "./types";

export const kioskHandlers = ({ model, emit }: HandlerDeps): AreaHandlers<typeof kioskChannels> => ({
  "kiosk.findAppointments": (input) => searchForKiosk(model, input),
  "kiosk.checkIn": (input) => {
    const { visit, created } = checkInAtKiosk(model, input.appointmentId, input.lang);
    if (created) emit("queue.changed", { appointmentId: input.appointmentId, reason: "check-in" });
    return { ...visit, alreadyCheckedIn: !created };
  },
  "kiosk.chooseAddons": (input) => {
    const choice = chooseAddons(model, input);
    emit("queue.changed", { appointmentId: input.appointmentId, reason: "addon" });
    return choice;
  },
  "kiosk.visit": (input) => kioskVisit(model, input.appointmentId, input.lang),
  "kiosk.walkIn": (input) => {
    const { walkIn, created } = registerWalkIn(model, input);
    if (created) emit("walkins.changed", { walkInId: walkIn.walkInId });
    return walkIn;
  },
});
