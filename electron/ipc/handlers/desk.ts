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
import { matchImportName } from "../../../db/import/match";
import { getSettings } from "../../../db/settings";
import { previewLines } from "../../printing/preview";
import { RETENTION_BATCH } from "../../maintenance";
import { BackgroundStopped } from "../../background/client";
import { staffActor, type AreaHandlers, type HandlerDeps } from "./types";

/** The background writer stopped part-way (a crash, a restore): what the desk's import dialog says. */
export const IMPORT_STOPPED_MESSAGE =
  "The import stopped before it finished. The bookings it wrote are kept: import the same file again to add the rest (none is added twice).";
export const PREVIEW_STOPPED_MESSAGE =
  "Reading the file stopped before it finished, and nothing was imported. Choose the file again.";
/** Answers a background task stopped part-way with the desk's words (closing keeps its own). */
const saying =
  (message: string) =>
  (error: unknown): never => {
    if (error instanceof BackgroundStopped && error.reason !== "closing")
      throw new DomainError("NOT_AVAILABLE", message);
    throw error;
  };

export const deskHandlers = ({
  model,
  emit,
  printQueued,
  background,
}: HandlerDeps): AreaHandlers<typeof deskChannels> => {
  /** Tells every staff window, and wakes the print worker when a ticket was queued. */
  const done = ({ item, jobId }: DeskOutcome, reason: "confirmed" | "desk" = "desk") => {
    emit("queue.changed", { appointmentId: item.appointmentId, reason });
    if (jobId !== null) printQueued();
    return item;
  };
  return {
    "desk.queue": (input) => arrivalsQueue(model, input.day, input.first),
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
    // The preview and the import run on the background writer (the import's rows a slice per turn on the write
    // gate): reading and checking 10,000 rows, and erasing an old export's past guests' details, never run on the
    // thread the windows' calls need (electron/background/worker.ts).
    "desk.importPreview": (input, session) =>
      background
        .run("importPreview", {
          ...input,
          canAddToCatalog: session.staff?.role === "manager",
          now: model.clock.now().toISOString(),
        })
        .catch(saying(PREVIEW_STOPPED_MESSAGE)),
    "desk.importCommit": async (input, session) => {
      const { staffId, name } = staffActor(session);
      const { firstId, ...result } = await background
        .run("importCommit", {
          ...input,
          staff: { staffId, name },
          now: model.clock.now().toISOString(),
          batch: RETENTION_BATCH,
        })
        .catch(saying(IMPORT_STOPPED_MESSAGE));
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
