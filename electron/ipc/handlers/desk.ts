import type { deskChannels } from "../../../contract/desk";
import { bookingsOnOtherDays } from "../../../db/desk/appointments";
import { appointmentHistory } from "../../../db/desk/history";
import { arrivalsQueue, deskOptions, queueItem, type DeskOutcome } from "../../../db/desk/queue";
import {
  assign,
  cancelAppointment,
  checkInAtDesk,
  markNoShow,
  reinstateAppointment,
} from "../../../db/desk/appointment";
import { changeAddons, confirmAddons, voidAddons } from "../../../db/desk/addons";
import { exportConfirmedAddons } from "../../../db/desk/pos-export";
import { latestTicket } from "../../../db/printing/tickets";
import { markWalkInSeen, waitingWalkIns, walkIn, walkInAvailability } from "../../../db/walk-ins/walk-ins";
import { DomainError } from "../../../db/errors";
import { commitImport } from "../../../db/import/commit";
import { matchImportName } from "../../../db/import/match";
import { previewImport } from "../../../db/import/preview";
import { eraseExpiredGuestDetails, pastRetention } from "../../../db/maintenance/retention";
import { getSettings } from "../../../db/settings";
import { previewLines } from "../../printing/preview";
import { staffActor, type AreaHandlers, type HandlerDeps } from "./types";

export const deskHandlers = ({ model, emit, printQueued }: HandlerDeps): AreaHandlers<typeof deskChannels> => {
  /** Tells every staff window, and wakes the print worker when a ticket was queued. */
  const done = ({ item, jobId }: DeskOutcome, reason: "confirmed" | "desk" = "desk") => {
    emit("queue.changed", { appointmentId: item.appointmentId, reason });
    if (jobId !== null) printQueued();
    return item;
  };
  return {
    "desk.queue": (input) => arrivalsQueue(model, input.day),
    "desk.item": (input) => queueItem(model, input.appointmentId),
    "desk.options": () => deskOptions(model),
    "desk.confirmAddons": (input, session) => {
      const outcome = confirmAddons(model, staffActor(session), input.appointmentId, input.acknowledged);
      return outcome.jobId === null ? outcome.item : done(outcome, "confirmed");
    },
    "desk.changeAddons": (input, session) => done(changeAddons(model, staffActor(session), input)),
    "desk.voidAddons": (input, session) => done(voidAddons(model, staffActor(session), input)),
    "desk.assign": (input, session) => done(assign(model, staffActor(session), input)),
    "desk.checkIn": (input, session) =>
      done({ item: checkInAtDesk(model, staffActor(session), input.appointmentId), jobId: null }),
    "desk.walkIn": (input, session) => {
      const outcome = walkIn(model, staffActor(session), input);
      if (input.walkInId !== undefined) emit("walkins.changed", { walkInId: input.walkInId });
      return done(outcome);
    },
    "desk.walkInAvailability": (input) => walkInAvailability(model, input.serviceId),
    "desk.markNoShow": (input, session) => done(markNoShow(model, staffActor(session), input.appointmentId)),
    "desk.cancel": (input, session) =>
      done(cancelAppointment(model, staffActor(session), input.appointmentId, input.reason)),
    "desk.reinstate": (input, session) =>
      done(reinstateAppointment(model, staffActor(session), input.appointmentId, input.reason)),
    "desk.history": (input) => ({ entries: appointmentHistory(model, input.appointmentId) }),
    "desk.otherDays": (input) => ({ bookings: bookingsOnOtherDays(model, input.query) }),
    "desk.ticketPreview": (input) => {
      const ticket = latestTicket(model, input.appointmentId);
      if (!ticket) throw new DomainError("NOT_FOUND", "No ticket has been made for this appointment yet.");
      return { lines: previewLines(ticket, getSettings(model.db).printer.paper) };
    },
    "desk.importPreview": (input, session) =>
      previewImport(model, input.content, {
        mapping: input.mapping,
        dateOrder: input.dateOrder,
        canAddToCatalog: session.staff?.role === "manager",
      }),
    "desk.importCommit": async (input, session) => {
      const { firstId, earliestStart, ...result } = await commitImport(
        model,
        staffActor(session),
        input.content,
        input,
      );
      // An old booking export can't bring back details retention erased: erased again at once. A file
      // of bookings all inside the window (the usual week ahead) skips that search of past bookings.
      if (earliestStart !== null && pastRetention(model, earliestStart)) eraseExpiredGuestDetails(model);
      if (firstId !== null) emit("queue.changed", { appointmentId: firstId, reason: "import" });
      return result;
    },
    "desk.importMatchName": (input, session) =>
      matchImportName(model, staffActor(session), input.kind, input.name, input.targetId),
    "desk.exportAddons": (input) => ({
      ...exportConfirmedAddons(model, input.day),
      mimeType: "text/csv;charset=utf-8",
    }),
    "desk.walkInsWaiting": () => ({ items: waitingWalkIns(model) }),
    "desk.walkInSeen": (input, session) => {
      markWalkInSeen(model, staffActor(session), input.walkInId, input.seen ?? true);
      emit("walkins.changed", { walkInId: input.walkInId });
      return { ok: true };
    },
  };
};
