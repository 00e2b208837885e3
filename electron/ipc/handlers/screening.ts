import type { screeningChannels } from "../../../contract/screening";
import { listScreening, saveScreening } from "../../../db/screening/screening";
import { staffActor, type AreaHandlers, type HandlerDeps } from "./types";

/**
 * The back office's screening questions: a save is a new version, and the kiosk reads its cards again
 * (`settings.changed`).
 */
export const screeningHandlers = ({ model, emit }: HandlerDeps): AreaHandlers<typeof screeningChannels> => ({
  "admin.screening": () => listScreening(model),
  "admin.saveScreening": (input, session) => {
    const saved = saveScreening(model, staffActor(session), input);
    emit("settings.changed", {});
    return saved;
  },
});
