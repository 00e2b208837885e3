import { z } from "zod";
import { channel, none } from "./channel";
import { instantSchema } from "./common";
import { pairingCodeSchema } from "./hq";

/** The head office's base address as a manager types it: http(s), a host and maybe a port, no path. */
export const headOfficeUrlSchema = z
  .string()
  .trim()
  .max(200)
  .regex(/^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?\/?$/, "Type the head office's address, e.g. https://hq.example.com.")
  .transform((u) => u.replace(/\/$/, ""));

/** Where head-office sync stands at this location (Back office → Head office). */
export const headOfficeStatusSchema = z.object({
  paired: z.boolean(),
  url: z.string().nullable(),
  locationId: z.string().nullable(),
  /** When the head office last acknowledged a batch. */
  lastSyncAt: instantSchema.nullable(),
  /** Events the head office has not acknowledged yet. */
  waiting: z.number().int().nonnegative(),
  lastError: z.string().nullable(),
  /** When the worker tries again after a failure. */
  retryAt: instantSchema.nullable(),
});
export type HeadOfficeStatus = z.infer<typeof headOfficeStatusSchema>;

/** A location's pairing with the head office: its address, the location's id there and its token (kept in the main process only). */
export interface Pairing {
  url: string;
  locationId: string;
  token: string;
}

/** Manager-only: pair this location with the chain's head office, and see how its sync stands. */
export const headOfficeChannels = {
  "headOffice.status": channel("manager", none, headOfficeStatusSchema),
  "headOffice.pair": channel(
    "manager",
    z.strictObject({ url: headOfficeUrlSchema, code: pairingCodeSchema }),
    headOfficeStatusSchema,
  ),
} as const;
