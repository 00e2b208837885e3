import { z } from "zod";
import { languageSchema, NAME_MAX } from "./common";
import { printerSettingSchema } from "./ticket";

const isTimeZone = (tz: string): boolean => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

/** Spa-wide settings; stored as one JSON row per key and parsed here on every read. */
export const settingsSchema = z.object({
  spaName: z.string().trim().min(1).max(NAME_MAX),
  timeZone: z.string().refine(isTimeZone, "Unknown time zone."),
  idleSeconds: z.number().int().min(15).max(600),
  staffIdleSeconds: z.number().int().min(30).max(3600),
  walkInsAllowed: z.boolean(),
  languages: z.array(languageSchema).min(1),
  printer: printerSettingSchema,
  /** Days after an appointment when the guest's phone number and full name are erased. */
  retentionDays: z
    .number()
    .int()
    .min(1, "Keep guests' details for at least 1 day.")
    .max(3650, "Keep guests' details for at most 10 years (3650 days)."),
});
export type Settings = z.infer<typeof settingsSchema>;

export const defaultSettings: Settings = {
  spaName: "Happy Head Massage",
  timeZone: "America/Los_Angeles",
  idleSeconds: 45,
  staffIdleSeconds: 120,
  walkInsAllowed: false,
  languages: ["en", "es", "zh"],
  printer: { driver: "pdf-folder", paper: "80mm" },
  retentionDays: 90,
};
