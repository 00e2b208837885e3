import type { preferenceChannels } from "../../../contract/preferences";
import { eraseGuestPreferences, exportGuestPreferences, guestsOnPhone } from "../../../db/preferences/guest-data";
import { preferencesForVisit, savePreferences } from "../../../db/preferences/preferences";
import { assertInVisit } from "../session";
import { staffActor, type AreaHandlers, type HandlerDeps } from "./types";

export const preferenceHandlers = ({
  model,
  emit,
  printQueued,
}: HandlerDeps): AreaHandlers<typeof preferenceChannels> => ({
  "kiosk.preferences": (input, session) => {
    assertInVisit(session, input.appointmentId);
    return preferencesForVisit(model, input.appointmentId);
  },
  "kiosk.savePreferences": (input, session) => {
    assertInVisit(session, input.appointmentId);
    const { jobId } = savePreferences(model, input.appointmentId, input.preferences);
    if (jobId !== null) printQueued();
    // The desk row's allergy and avoid flags (and a CHANGED ticket's print status); not an arrival, so no chime.
    emit("queue.changed", { appointmentId: input.appointmentId, reason: jobId !== null ? "print" : "preferences" });
    return {};
  },
  "guests.onPhone": (input) => ({ people: guestsOnPhone(model, input.phone) }),
  "guests.exportPreferences": (input, session) => {
    const visits = exportGuestPreferences(model, staffActor(session), input.phone, input.who);
    const guest = input.who.kind === "person" ? input.who.name : "Everyone booked on this number";
    return {
      filename: "guest-preferences.json",
      mimeType: "application/json",
      content: JSON.stringify({ kind: "Happy Head guest preferences", guest, visits }, null, 2),
      visits: visits.length,
    };
  },
  "guests.erasePreferences": (input, session) => ({
    erased: eraseGuestPreferences(model, staffActor(session), input.phone, input.who),
  }),
});
