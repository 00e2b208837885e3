import type { kioskChannels } from "../../../contract/kiosk";
import { checkInAtKiosk } from "../../../db/kiosk/check-in";
import { chooseAddons } from "../../../db/kiosk/choose";
import { leaveOffer } from "../../../db/kiosk/leave";
import { kioskVisit } from "../../../db/kiosk/visit";
import { registerWalkIn } from "../../../db/walk-ins/walk-ins";
import { searchForKiosk } from "../../../db/kiosk/search";
import { assertCheckedInHere, assertInVisit, keepCheckedIn, searchTurn } from "../session";
import type { AreaHandlers, HandlerDeps } from "./types";

export const kioskHandlers = ({ model, emit, monotonicMs }: HandlerDeps): AreaHandlers<typeof kioskChannels> => ({
  "kiosk.findAppointments": async (input, session) => {
    await searchTurn(session, monotonicMs);
    const found = searchForKiosk(model, input);
    if (found.matches.length === 0) session.searchMisses.push(monotonicMs());
    for (const m of found.matches) session.visitScope.add(m.appointmentId);
    return found;
  },
  /** The guest left (Done, Back, or the kiosk idled out): this visit's bookings are out of reach. */
  "kiosk.endVisit": (_input, session) => {
    session.visitScope.clear();
    return {};
  },
  "kiosk.checkIn": (input, session) => {
    assertInVisit(session, input.appointmentId);
    const { visit, created } = checkInAtKiosk(model, input.appointmentId, input.lang);
    keepCheckedIn(session, input.appointmentId);
    if (created) emit("queue.changed", { appointmentId: input.appointmentId, reason: "check-in" });
    return { ...visit, alreadyCheckedIn: !created };
  },
  "kiosk.chooseAddons": (input, session) => {
    assertInVisit(session, input.appointmentId);
    const choice = chooseAddons(model, input);
    emit("queue.changed", { appointmentId: input.appointmentId, reason: "addon" });
    return choice;
  },
  "kiosk.leaveOffer": (input, session) => {
    assertCheckedInHere(session, input.appointmentId);
    const left = leaveOffer(model, input.appointmentId);
    if (left.recorded) emit("queue.changed", { appointmentId: input.appointmentId, reason: "addon" });
    return left;
  },
  "kiosk.visit": (input, session) => {
    assertInVisit(session, input.appointmentId);
    return kioskVisit(model, input.appointmentId, input.lang);
  },
  "kiosk.walkIn": (input) => {
    const { walkIn, created } = registerWalkIn(model, input);
    if (created) emit("walkins.changed", { walkInId: walkIn.walkInId });
    return walkIn;
  },
});
