import { z } from "zod";
import { channelKindSchema, idSchema, instantSchema, localDaySchema } from "./common";
import { channel } from "./channel";
import { offerStatusSchema } from "./kiosk";

export const queueStageSchema = z.enum([
  "expected",
  "checked_in",
  "awaiting_confirmation",
  "confirmed",
  "ticket_printed",
  "no_show",
  "cancelled",
]);
export type QueueStage = z.infer<typeof queueStageSchema>;

export const printStatusSchema = z.enum(["queued", "sending", "printed", "failed"]);
export type PrintStatus = z.infer<typeof printStatusSchema>;

export const queueItemSchema = z.object({
  appointmentId: idSchema,
  guestName: z.string(),
  startsAt: instantSchema,
  endsAt: instantSchema,
  serviceName: z.string(),
  therapistName: z.string(),
  roomName: z.string(),
  stage: queueStageSchema,
  checkedInAt: instantSchema.nullable(),
  checkInChannel: channelKindSchema.nullable(),
  offer: z
    .object({
      status: offerStatusSchema,
      channel: channelKindSchema,
      guestChoice: z.array(z.string()),
      final: z.array(z.string()),
      confirmedBy: z.string().nullable(),
    })
    .nullable(),
  ticket: z
    .object({
      ticketNumber: idSchema,
      printJobId: idSchema,
      printStatus: printStatusSchema,
      printError: z.string().nullable(),
    })
    .nullable(),
});
export type QueueItem = z.infer<typeof queueItemSchema>;

export const deskChannels = {
  "desk.queue": channel("desk", z.strictObject({ day: localDaySchema.optional() }), z.object({ day: localDaySchema, items: z.array(queueItemSchema) })),
  "desk.confirmAddons": channel("desk", z.strictObject({ appointmentId: idSchema }), queueItemSchema),
  "desk.ticketPreview": channel("desk", z.strictObject({ appointmentId: idSchema }), z.object({ lines: z.array(z.string()) })),
} as const;
