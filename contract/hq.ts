import { z } from "zod";
import { channelKindSchema, localDaySchema } from "./common";

/**
 * The head-office sync wire format: what a location sends (event batches, pairing) and what the
 * head office answers. The location's sync worker and the head-office service (hq/) parse with
 * these same schemas.
 *
 * An event is one fact as the location's database recorded it (written to the location's outbox
 * in the same transaction as the fact): facts only, never a guest's name, phone or note. A guest's
 * visit is a pseudonymous id: an HMAC of the appointment id under a secret that never leaves the
 * location, so the head office can group a visit's events and nothing more.
 */

/** The event schema versions this build reads and writes. A batch in another is refused whole. */
export const HQ_SCHEMA_VERSIONS = [1] as const;
export const HQ_SCHEMA_VERSION = 1;
/** At most this many events per batch; the worker sends up to 500. */
export const MAX_BATCH_EVENTS = 1000;
/** A batch's body may be at most this many bytes. */
export const MAX_BATCH_BYTES = 1_048_576;

/** A time-ordered UUID (RFC 9562 version 7), lower case. */
export const uuidV7Schema = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, "Expected a UUIDv7.");
/** Any RFC 9562 UUID, lower case (a location's id, a batch's id). */
export const uuidSchema = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, "Expected a UUID.");
/** A visit's pseudonym: 128 bits of HMAC-SHA-256, hex. */
export const visitIdSchema = z.string().regex(/^[0-9a-f]{32}$/, "Expected a visit pseudonym.");
/** An add-on's code as the location's catalog has it (`face`, `scalp`). */
export const addonCodeSchema = z
  .string()
  .min(1)
  .max(40)
  .regex(/^[a-z]/);
/** A kiosk language code; 0013 lets the database hold any two-letter code. */
const langCodeSchema = z.string().regex(/^[a-z]{2}$/);
const count = z.number().int().min(0).max(2_000_000_000);

const offerStatusSchema = z.enum(["offered", "accepted", "declined", "confirmed", "changed", "voided"]);

/** Where an event sits: its id, the location's outbox order (seq), the visit and when it happened (UTC). */
const head = {
  id: uuidV7Schema,
  seq: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  visit: visitIdSchema,
  at: z.iso.datetime(),
};
const event = <K extends string, B extends z.ZodType>(kind: K, body: B) =>
  z.strictObject({ ...head, kind: z.literal(kind), body });

const empty = z.strictObject({});
/** An offer's own row: kinds follow its status (offer_shown = offered, offer_accepted, …, desk_voided). */
const offerBody = z.strictObject({ channel: channelKindSchema, status: offerStatusSchema });
export const offerKindOfStatus = {
  offered: "offer_shown",
  accepted: "offer_accepted",
  declined: "offer_declined",
  confirmed: "desk_confirmed",
  changed: "desk_changed",
  voided: "desk_voided",
} as const satisfies Record<z.infer<typeof offerStatusSchema>, string>;

export const hqEventSchema = z.discriminatedUnion("kind", [
  event(
    "check_in",
    z.strictObject({
      localDay: localDaySchema,
      hour: z.number().int().min(0).max(23),
      channel: channelKindSchema,
      lang: langCodeSchema.nullable(),
      service: z.string().min(1).max(80),
    }),
  ),
  event("check_in_undone", empty),
  event("service_changed", z.strictObject({ service: z.string().min(1).max(80) })),
  event("offer_shown", offerBody),
  event("offer_accepted", offerBody),
  event("offer_declined", offerBody),
  event("desk_confirmed", offerBody),
  event("desk_changed", offerBody),
  event("desk_voided", offerBody),
  event("offer_removed", empty),
  /**
   * One add-on line of the offer as it now stands: shown to the guest, picked by the guest, in the final outcome, its
   * quoted price and minutes.
   */
  event(
    "offer_line",
    z.strictObject({
      addon: addonCodeSchema,
      shown: z.boolean(),
      guest: z.boolean(),
      final: z.boolean(),
      priceCents: count,
      minutes: z.number().int().min(0).max(1440),
    }),
  ),
  event("offer_line_removed", z.strictObject({ addon: addonCodeSchema })),
  event("ticket_printed", empty),
  /**
   * The add-ons the visit booked ahead in the booking system as they now count (migration 0036): each one's code,
   * minutes as booked and value in cents at the menu's price; none once the visit is cancelled. Sent when an import
   * changes them for a checked-in visit, at its check-in, and when it is cancelled or reinstated. Their own measure at
   * head office, never an offer line. A location from before it never sends one (head office then counts none).
   */
  event(
    "booked_ahead",
    z.strictObject({
      addons: z
        .array(
          z.strictObject({ addon: addonCodeSchema, minutes: z.number().int().min(1).max(1440), priceCents: count }),
        )
        .max(50),
    }),
  ),
]);
export type HqEvent = z.infer<typeof hqEventSchema>;

/** The version check comes first, so a batch in an unknown version is told so rather than "malformed". */
export const batchEnvelopeSchema = z.object({ schemaVersion: z.number().int() });

export const eventBatchSchema = z.strictObject({
  schemaVersion: z.literal(HQ_SCHEMA_VERSION),
  locationId: uuidSchema,
  batchId: uuidSchema,
  events: z.array(hqEventSchema).min(1).max(MAX_BATCH_EVENTS),
});
export type EventBatch = z.infer<typeof eventBatchSchema>;

export const batchAcceptedSchema = z.strictObject({
  batchId: uuidSchema,
  /** Events new to the head office. */
  accepted: count,
  /** Events it already had (sent before in another batch). */
  duplicates: count,
});
export type BatchAccepted = z.infer<typeof batchAcceptedSchema>;

/**
 * GET /v1/position: where the head office stands with the asking location (its token's): the
 * highest outbox seq it holds. A location restored from a backup asks before it sends its first
 * event after the restore, and numbers its new events past it (db/sync/epochs.ts).
 */
export const syncPositionSchema = z.strictObject({
  locationId: uuidSchema,
  lastSeq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
});
export type SyncPosition = z.infer<typeof syncPositionSchema>;

const HQ_ERROR_CODES = [
  "MALFORMED_BATCH",
  "BATCH_TOO_LARGE",
  /**
   * The same batch id arrived before with the same events: already ingested, nothing changed. The worker takes it as
   * acknowledged.
   */
  "BATCH_REPLAYED",
  /** The same batch id arrived before with other events. */
  "BATCH_CONFLICT",
  "UNKNOWN_SCHEMA_VERSION",
  "UNKNOWN_TOKEN",
  "REVOKED_TOKEN",
  "WRONG_LOCATION",
  "PAIRING_CODE_INVALID",
  "MALFORMED_REQUEST",
  "NOT_FOUND",
  "INTERNAL",
] as const;
const hqErrorCodeSchema = z.enum(HQ_ERROR_CODES);
export type HqErrorCode = z.infer<typeof hqErrorCodeSchema>;
export const hqErrorSchema = z.strictObject({
  error: z.strictObject({ code: hqErrorCodeSchema, message: z.string() }),
});

/**
 * A pairing code as the head-office manager reads it out: 12 letters and digits (Crockford base32, no I L O U), dashes
 * and case ignored.
 */
export const pairingCodeSchema = z
  .string()
  .max(40)
  .transform((s) => s.replace(/[\s-]/g, "").toUpperCase())
  .pipe(z.string().regex(/^[0-9A-HJKMNP-TV-Z]{12}$/, "A pairing code is 12 letters and digits."));
export const pairRequestSchema = z.strictObject({ code: pairingCodeSchema });
export const pairResponseSchema = z.strictObject({
  locationId: uuidSchema,
  name: z.string(),
  token: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
});
export type PairResponse = z.infer<typeof pairResponseSchema>;

/** `Authorization: Bearer <token>` as a location sends it. */
export const bearerSchema = z
  .string()
  .regex(/^Bearer [A-Za-z0-9_-]{43}$/)
  .transform((s) => s.slice("Bearer ".length));
