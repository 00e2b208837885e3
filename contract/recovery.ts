import { z } from "zod";
import { channel, none } from "./channel";
import { pinSchema } from "./common";
import { BACKUP_NAME, backupInfoSchema } from "./maintenance";
import { padCodeSchema } from "./staff";

/**
 * The startup window's own small contract. It is served while the main app is NOT running
 * (the database is being checked, or can't be opened), so it is deliberately not part of
 * `channels`: its calls go to the startup controller, never to the app's handlers.
 */
export const startupStepSchema = z.enum(["checking", "backing-up", "upgrading", "opening"]);
export type StartupStep = z.infer<typeof startupStepSchema>;

export const problemKindSchema = z.enum(["missing", "corrupt", "locked", "newer", "unreadable", "crash-loop", "full"]);
export type ProblemKind = z.infer<typeof problemKindSchema>;

/**
 * Whether the recovery screen offers its backups for this problem. Not on a full disk: the data is not damaged, and a
 * restore needs room for a copy of the current file and of the backup, so it could only fail or make things worse.
 */
export const offersRestore = (kind: ProblemKind): boolean => kind !== "full";

export const startupStateSchema = z.discriminatedUnion("phase", [
  z.object({
    phase: z.literal("starting"),
    step: startupStepSchema,
    stepIndex: z.number().int(),
    stepCount: z.number().int(),
  }),
  z.object({
    phase: z.literal("problem"),
    kind: problemKindSchema,
    title: z.string(),
    message: z.string(),
    dataDir: z.string(),
    backups: z.array(backupInfoSchema),
    canRetry: z.boolean(),
    /**
     * On the guest's display, nothing here works until a manager's PIN is typed (checked against
     * the newest readable backup): a guest can only call staff. Never locked on the staff display.
     */
    locked: z.boolean(),
  }),
  z.object({ phase: z.literal("ready") }),
]);
export type StartupState = z.infer<typeof startupStateSchema>;

export const STARTUP_EVENT = "startup.state";

export const recoveryChannels = {
  "recovery.state": channel("any", none, startupStateSchema),
  "recovery.unlock": channel("any", z.strictObject({ pin: pinSchema }), z.object({})),
  /** One display: the spa's unlock code (from the newest backup) opens the PIN pad a guest's wrong PINs made wait. */
  "recovery.openPad": channel("any", z.strictObject({ code: padCodeSchema }), z.object({})),
  "recovery.restore": channel(
    "any",
    z.strictObject({ name: z.string().max(120).regex(BACKUP_NAME, "Pick one of the backups in the list.") }),
    z.object({}),
  ),
  "recovery.retry": channel("any", none, z.object({})),
  "recovery.chooseFolder": channel("any", none, z.object({})),
  "recovery.quit": channel("any", none, z.object({})),
} as const;
export type RecoveryChannel = keyof typeof recoveryChannels;
