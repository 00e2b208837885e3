import type { headOfficeChannels } from "../../../contract/head-office";
import { savePairing } from "../../../db/sync/outbox";
import { requestPairing } from "../../../db/sync/worker";
import { staffActor, type AreaHandlers, type HandlerDeps } from "./types";

export const headOfficeHandlers = ({ model, headOffice }: HandlerDeps): AreaHandlers<typeof headOfficeChannels> => ({
  "headOffice.status": () => headOffice.status(),
  "headOffice.pair": async (input, session) => {
    const actor = staffActor(session);
    const { locationId, token } = await requestPairing(input.url, input.code);
    savePairing(model, actor, { url: input.url, locationId, token });
    headOffice.wake();
    return headOffice.status();
  },
});
