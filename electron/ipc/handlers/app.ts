import type { appChannels } from "../../../contract/app";
import { getLogo } from "../../../db/admin/kiosk";
import { getSettings } from "../../../db/settings";
import type { AreaHandlers, HandlerDeps } from "./types";

export const appHandlers = ({ model, demo }: HandlerDeps): AreaHandlers<typeof appChannels> => ({
  "app.info": (_input, session) => {
    const s = getSettings(model.db);
    return {
      spaName: s.spaName,
      timeZone: s.timeZone,
      languages: s.languages,
      idleSeconds: s.idleSeconds,
      staffIdleSeconds: s.staffIdleSeconds,
      walkInsAllowed: s.walkInsAllowed,
      window: session.window,
      demo,
      clockOffsetMs: Math.round(model.clock.now().getTime() - Date.now()),
    };
  },
  "app.logo": () => getLogo(model),
});
