import type { deskChannels } from "../../../contract/desk";
import { arrivalsQueue, confirmAddons, latestTicket } from "../../../db/desk";
import { DomainError } from "../../../db/errors";
import { getSettings } from "../../../db/settings";
import { previewLines } from "../../printing/preview";
import { staffActor, type AreaHandlers, type HandlerDeps } from "./types";

export const deskHandlers = ({ model, emit, printQueued }: HandlerDeps): AreaHandlers<typeof deskChannels> => ({
  "desk.queue": (input) => arrivalsQueue(model, input.day),
  "desk.confirmAddons": (input, session) => {
    const { item, jobId } = confirmAddons(model, staffActor(session), input.appointmentId);
    if (jobId !== null) {
      emit("queue.changed", { appointmentId: input.appointmentId, reason: "confirmed" });
      printQueued();
    }
    return item;
  },
  "desk.ticketPreview": (input) => {
    const ticket = latestTicket(model.db, input.appointmentId);
    if (!ticket) throw new DomainError("NOT_FOUND", "No ticket has been made for this appointment yet.");
    return { lines: previewLines(ticket, getSettings(model.db).printer.paper) };
  },
});
