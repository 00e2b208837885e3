import { z } from "zod";
import { languageSchema } from "./common";
import { channel, none } from "./channel";
import { logoSchema } from "./admin";

export const appInfoSchema = z.object({
  spaName: z.string(),
  timeZone: z.string(),
  languages: z.array(languageSchema),
  idleSeconds: z.number().int(),
  staffIdleSeconds: z.number().int(),
  walkInsAllowed: z.boolean(),
  /** The app runs on the built-in demo spa (`npm start`, preview, tests): staff screens say "Demo data". */
  demo: z.boolean(),
  window: z.enum(["kiosk", "staff"]),
  /**
   * How far the app's clock is from the machine's, in ms: 0 except on the demo spa's clock
   * (db/demo/clock.ts). The windows tell the time by the app's (renderer/common/clock.ts).
   */
  clockOffsetMs: z.number().int(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

export const appChannels = {
  "app.info": channel("any", none, appInfoSchema),
  /** The spa's logo: the kiosk's header and the back office's preview. */
  "app.logo": channel("any", none, logoSchema),
} as const;
