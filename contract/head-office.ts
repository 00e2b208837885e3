import { z } from "zod";
import { channel, none } from "./channel";
import { ADDON_SERVICES_MAX, addonCodeSchema, addonInputSchema, addonTextsSchema, serviceInputSchema } from "./admin";
import { instantSchema } from "./common";
import { pairingCodeSchema } from "./hq";
import { screeningQuestionsSchema } from "./screening";

/** The head office's base address as a manager types it: http(s), a host and maybe a port, no path. */
export const headOfficeUrlSchema = z
  .string()
  .trim()
  .max(200)
  .regex(/^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?\/?$/, "Type the head office's address, e.g. https://hq.example.com.")
  .transform((u) => u.replace(/\/$/, ""));

// ── Chain-wide offers ─────────────────────────────────────────────────────────────────────────

/** At most this many offers in one release (a kiosk shows a few cards, never dozens). */
export const RELEASE_OFFERS_MAX = 20;

/**
 * One add-on as head office offers it to every location: its code (the key a location matches
 * its own add-on by), price, extra minutes and copy under the back office's own limits
 * (contract/admin.ts), the services it goes with by name (each location matches its own menu),
 * its screening questions (contract/screening.ts), and whether a location's manager may keep
 * their own price, minutes, copy and services for it.
 */
export const chainOfferSchema = z.strictObject({
  code: addonCodeSchema,
  priceCents: addonInputSchema.shape.priceCents,
  extraMinutes: addonInputSchema.shape.extraMinutes,
  texts: addonTextsSchema,
  services: z
    .array(serviceInputSchema.shape.name)
    .min(1, "Name at least one service the add-on goes with.")
    .max(ADDON_SERVICES_MAX, `At most ${ADDON_SERVICES_MAX} services.`)
    .refine((names) => new Set(names.map((n) => n.toLowerCase())).size === names.length, "Each service once."),
  screening: screeningQuestionsSchema,
  allowLocalOverride: z.boolean(),
});
export type ChainOffer = z.infer<typeof chainOfferSchema>;

/** What the owner publishes: the whole offer list, in the order the kiosk shows the cards. */
export const releaseInputSchema = z.strictObject({
  offers: z
    .array(chainOfferSchema)
    .min(1, "A release offers at least one add-on.")
    .max(RELEASE_OFFERS_MAX, `A release offers at most ${RELEASE_OFFERS_MAX} add-ons.`)
    .superRefine((offers, ctx) => {
      // On the repeated code's own field, naming the add-on that has it first (the owner's form shows it there).
      for (const [i, o] of offers.entries()) {
        const first = offers.findIndex((x) => x.code === o.code);
        if (first < i)
          ctx.addIssue({
            code: "custom",
            path: [i, "code"],
            message: `Add-on ${first + 1} already has the code ${o.code}: each add-on code once.`,
          });
      }
    }),
});
export type ReleaseInput = z.infer<typeof releaseInputSchema>;

/**
 * What the owner's page sends to publish: the release, and the newest release number the owner was shown (null: none
 * yet). Head office refuses it (RELEASE_CONFLICT) if another was published since, so one owner never replaces another's
 * release unawares. A request without `basedOn` (a script) is not checked.
 */
export const publishRequestSchema = releaseInputSchema.extend({
  basedOn: z.number().int().min(1).nullable().optional(),
});

/** A published release: numbered 1, 2, 3 … across the chain, never changed once published. */
export const offerReleaseSchema = releaseInputSchema.extend({
  number: z.number().int().min(1),
  publishedAt: instantSchema,
});
export type OfferRelease = z.infer<typeof offerReleaseSchema>;

/** The owner dashboard's list of releases, newest first, with who published each (its owner's email). */
export const releaseListSchema = z.object({
  releases: z.array(offerReleaseSchema.extend({ publishedBy: z.string() })),
});
export type ReleaseList = z.infer<typeof releaseListSchema>;

/** GET /v1/offers?after=N: the newest release when it is newer than N, else null. */
export const offersQuerySchema = z.strictObject({ after: z.coerce.number().int().min(0).default(0) });
export const offersAnswerSchema = z.strictObject({ release: offerReleaseSchema.nullable() });

/** Where this location stands with the chain's offers (Back office → Head office). */
export const chainOffersStatusSchema = z.object({
  /** The newest release applied here, null before the first. */
  release: z.number().int().nullable(),
  appliedAt: instantSchema.nullable(),
  /** What of that release did not fit this spa (an unknown service, copy missing in a language it offers). */
  problems: z.array(z.string()),
});
export type ChainOffersStatus = z.infer<typeof chainOffersStatusSchema>;

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
  offers: chainOffersStatusSchema,
});
export type HeadOfficeStatus = z.infer<typeof headOfficeStatusSchema>;

/**
 * A location's pairing with the head office: its address, the location's id there and its token (kept in the main
 * process only).
 */
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
