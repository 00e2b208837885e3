import type { kioskChannels } from "../../../contract/kiosk";
import { checkInAtKiosk, chooseAddons, findAppointments } from "../../../db/kiosk";
import type { AreaHandlers, HandlerDeps } from "./types";

export const kioskHandlers = ({ model, emit }: HandlerDeps): AreaHandlers<typeof kioskChannels> => ({
  "kiosk.findAppointments": (input) => ({ matches: findAppointments(model, input) }),
  "kiosk.checkIn": (input) => {
    const { visit, created } = checkInAtKiosk(model, input.appointmentId, input.lang);
    if (created) emit("queue.changed", { appointmentId: input.appointmentId, reason: "check-in" });
    return visit;
  },
  "kiosk.chooseAddons": (input) => {
    const choice = chooseAddons(model, input);
    emit("queue.changed", { appointmentId: input.appointmentId, reason: "addon" });
    return choice;
  },
});
