import { adminChannels } from "./admin";
import { appChannels } from "./app";
import { deskChannels } from "./desk";
import { headOfficeChannels } from "./head-office";
import { kioskChannels } from "./kiosk";
import { printerStatusSchema, printingChannels } from "./printing";
import { maintenanceChannels } from "./maintenance";
import { preferenceChannels } from "./preferences";
import { exportProgressSchema, reportChannels, reportCountingSchema } from "./reports";
import { screeningChannels } from "./screening";
import { staffChannels } from "./staff";
import { z } from "zod";
import { idSchema } from "./common";

export * from "./admin";
export * from "./app";
export * from "./channel";
export * from "./desk";
export * from "./head-office";
export * from "./kiosk";
export * from "./printing";
export * from "./maintenance";
export * from "./preferences";
export * from "./reports";
export * from "./screening";
export * from "./staff";

/**
 * THE contract: every IPC channel with its input and output schema and who may call it,
 * gathered from one module per area. electron/ (dispatch, handlers, preload), renderer/
 * (typed client) and db/ (domain types) all import from here.
 */
export const channels = {
  ...appChannels,
  ...kioskChannels,
  ...staffChannels,
  ...deskChannels,
  ...reportChannels,
  ...adminChannels,
  ...screeningChannels,
  ...printingChannels,
  ...maintenanceChannels,
  ...headOfficeChannels,
  ...preferenceChannels,
} as const;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type ChannelInput<C extends ChannelName> = z.input<Channels[C]["input"]>;
export type ParsedInput<C extends ChannelName> = z.output<Channels[C]["input"]>;
export type ChannelOutput<C extends ChannelName> = z.output<Channels[C]["output"]>;

export const isChannelName = (name: unknown): name is ChannelName =>
  typeof name === "string" && Object.hasOwn(channels, name);

/**
 * The main process's sign of life to the staff windows: an "app.heartbeat" every HEARTBEAT_EVERY_MS
 * (electron/heartbeat.ts). A main process that hangs sends none, and no other push either; a desk that has heard none
 * for HEARTBEAT_STALE_MS while its own timers ran (two beats missed, and the third late) says its list is not up to
 * date (renderer/staff/desk/freshness.ts).
 */
export const HEARTBEAT_EVERY_MS = 5_000;
export const HEARTBEAT_STALE_MS = 15_000;

/** Reasons pushed to staff windows when the arrivals queue changes. */
export const events = {
  "queue.changed": z.object({
    appointmentId: idSchema,
    reason: z.enum(["check-in", "addon", "preferences", "confirmed", "print", "desk", "import"]),
  }),
  "settings.changed": z.object({}),
  /** The printer's state, pushed when it changes (the main process checks it on a timer and after each job). */
  "printer.status": printerStatusSchema,
  "reports.exportProgress": exportProgressSchema,
  "reports.counting": reportCountingSchema,
  /** A walk-in left their name at the kiosk, or the desk marked one seen. */
  "walkins.changed": z.object({ walkInId: idSchema }),
  /** A restore left check-ins out, or the desk dismissed that list (maintenance.restoreGaps). */
  "restoreGaps.changed": z.object({}),
  /** The main process is alive and pushing (HEARTBEAT_EVERY_MS). */
  "app.heartbeat": z.object({}),
} as const;
export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

/** Where a push event goes: staff windows, kiosk windows, or both. */
export const eventAudience: Record<EventName, "staff" | "all"> = {
  // Ids only, no guest details: the kiosk listens so a guest on the Done screen sees a desk change.
  "queue.changed": "all",
  "settings.changed": "all",
  "printer.status": "staff",
  "reports.exportProgress": "staff",
  "reports.counting": "staff",
  "walkins.changed": "staff",
  "restoreGaps.changed": "staff",
  "app.heartbeat": "staff",
};
