import { z } from "zod";
import { auditCheckSchema, backupInfoSchema, backupKindSchema } from "../../contract/maintenance";
import { idSchema, instantSchema, localDaySchema as dayString } from "../../contract/common";
import { kioskSettingsSchema } from "../../contract/admin";
import { addPackedSums, packedSumsSchema, type PackedSums } from "../../db/reports/sums";
import {
  dateOrderSchema,
  importCancelMissingSchema,
  importMappingSchema,
  importPreviewSchema,
  importResultSchema,
} from "../../contract/desk";

/** Which check-ins a split task takes (db/reports/cache.ts, RefreshPart): the main thread fills it in. */
const refreshPart = { part: z.number().int().nonnegative(), parts: z.number().int().positive() };

/**
 * The typed channel between the main thread and the background worker (electron/background/
 * worker.ts). Each side parses what it receives with these schemas: a task the worker does not
 * know, or an answer of the wrong shape, is an error, never a guess.
 */
export const backgroundTasks = {
  /** PRAGMA integrity_check on a read-only connection (after the kiosk is up, never at start). */
  integrityCheck: {
    input: z.object({}),
    output: z.object({ ok: z.boolean(), problems: z.number().int().nonnegative() }),
  },
  /**
   * The audit log's hash chain walked from its first row (db/audit.ts): about 5 µs a row, so seconds on a busy
   * year, on a read-only connection.
   */
  verifyAudit: { input: z.object({}), output: auditCheckSchema },
  /**
   * Every backup in `dir` scrubbed to the retention cutoff at `now` (db/maintenance/retention.ts): each is read
   * through even when nothing is due (135 ms for a busy year's file), and one whose past guests are all due takes
   * seconds (15.5 s for 780,822). Answers the backups that changed.
   */
  scrubBackups: {
    input: z.object({ dir: z.string(), now: instantSchema }),
    output: z.object({ scrubbed: z.array(z.string()) }),
  },
  /** A backup through the worker's own connection; named by the main thread's clock. */
  backup: {
    input: z.object({ dir: z.string(), kind: backupKindSchema, now: instantSchema }),
    output: backupInfoSchema,
  },
  /** Privacy retention, `batch` appointments per transaction until none is left. */
  retention: {
    input: z.object({ now: instantSchema, batch: z.number().int().positive() }),
    output: z.object({ erased: z.number().int().nonnegative(), before: dayString }),
  },
  /** A booking export read and checked, nothing written (db/import/preview.ts): what the desk's import dialog shows. */
  importPreview: {
    input: z.object({
      content: z.string(),
      mapping: importMappingSchema.optional(),
      dateOrder: dateOrderSchema.optional(),
      cancelMissing: importCancelMissingSchema.optional(),
      canAddToCatalog: z.boolean(),
      now: instantSchema,
    }),
    output: importPreviewSchema,
  },
  /**
   * A booking export imported (db/import/commit.ts), a slice per turn on the write gate; then, if it held bookings
   * already past the retention window, their guests' details erased as retention does, `batch` per turn.
   * `firstId`: an appointment it wrote, for the desk's queue to reload.
   */
  importCommit: {
    input: z.object({
      content: z.string(),
      mapping: importMappingSchema,
      dateOrder: dateOrderSchema.optional(),
      skipBadRows: z.boolean(),
      cancelMissing: importCancelMissingSchema.optional(),
      staff: z.object({ staffId: idSchema, name: z.string() }),
      now: instantSchema,
      batch: z.number().int().positive(),
    }),
    output: importResultSchema.extend({ firstId: idSchema.nullable() }),
  },
  /**
   * The back office's Kiosk settings saved with a change of time zone too big for the main thread's save
   * (ZONE_CHANGE_INLINE_MAX): one transaction, the file held (gate.ts, holdWrites) until it is done.
   */
  saveKioskSettings: {
    input: z.object({
      settings: kioskSettingsSchema,
      staff: z.object({ staffId: idSchema, name: z.string() }),
      now: instantSchema,
    }),
    output: z.object({ settings: kioskSettingsSchema }),
  },
  /** Brings this thread's part (splitLanes) of the report cache of [from, to] up to date, pass by pass. */
  refreshReports: {
    input: z.object({ from: dayString, to: dayString, ...refreshPart }),
    output: z.object({ refreshed: z.number().int().nonnegative() }),
  },
  /**
   * The report's sums of this thread's part of [from, to] counted from the source tables on a read snapshot, nothing
   * written (db/reports/source.ts); null sums when the cache's refresh is the quicker way. The sums cross packed
   * (db/reports/sums.ts, packSums), and are added up packed.
   */
  reportFromSource: {
    input: z.object({ from: dayString, to: dayString, ...refreshPart }),
    output: z.object({ changes: z.number().int(), sums: packedSumsSchema.nullable() }),
  },
  /** Fills this thread's part of the whole report cache, newest stale day first, one short transaction per pass. */
  warmReports: { input: z.object(refreshPart), output: z.object({ days: z.number().int().nonnegative() }) },
  /** A WAL checkpoint (db/maintenance/checkpoint.ts), asked for by electron/checkpoints.ts. */
  checkpoint: {
    input: z.object({ mode: z.enum(["PASSIVE", "TRUNCATE"]) }),
    output: z.object({
      busy: z.boolean(),
      frames: z.number().int().nonnegative(),
      backfilled: z.number().int().nonnegative(),
      started: z.number().int().nonnegative().nullable(),
    }),
  },
} as const;

export type TaskName = keyof typeof backgroundTasks;
export type TaskInput<T extends TaskName> = z.infer<(typeof backgroundTasks)[T]["input"]>;
export type TaskOutput<T extends TaskName> = z.infer<(typeof backgroundTasks)[T]["output"]>;

/** The background threads, each with its own connections. */
export type Lane = "writer" | "reader" | "refresher";

/**
 * The report cache's refreshes, split by check-in across two threads: part i of splitLanes.length
 * on splitLanes[i], always, so two threads never refresh the same check-in (db/reports/cache-sql.ts,
 * PICK). The writer's part goes in turn with its other tasks; the refresher does nothing else.
 */
export const splitLanes = ["writer", "refresher"] as const satisfies readonly Lane[];
export type SplitTask = "refreshReports" | "reportFromSource" | "warmReports";
export const splitTasks: {
  [T in SplitTask]: {
    /**
     * The parts at once, on both cores (a manager waits for the report), or one after the other, leaving a
     * core to the kiosk's windows (nobody waits for the warm-up after start).
     */
    together: boolean;
    /** The parts' answers as one. */
    combine: (answers: TaskOutput<T>[]) => TaskOutput<T>;
  };
} = {
  refreshReports: {
    together: true,
    combine: (answers) => ({ refreshed: answers.reduce((n, a) => n + a.refreshed, 0) }),
  },
  /**
   * The parts' sums added up (any part's null: none), on the count of changes both saw (-1, matching no count, if
   * their snapshots differ).
   */
  reportFromSource: {
    together: true,
    combine: (answers) => ({
      changes: answers.every((a) => a.changes === answers[0]?.changes) ? (answers[0]?.changes ?? -1) : -1,
      sums: answers
        .slice(1)
        .reduce<PackedSums | null>(
          (sum, a) => (sum === null || a.sums === null ? null : addPackedSums(sum, a.sums)),
          answers[0]?.sums ?? null,
        ),
    }),
  },
  /** Stale days met by the part that met most (a day often holds check-ins of both parts). */
  warmReports: { together: false, combine: (answers) => ({ days: Math.max(0, ...answers.map((a) => a.days)) }) },
};
export const isSplitTask = (task: TaskName): task is SplitTask => Object.hasOwn(splitTasks, task);
/** What the caller gives: a split task's part is the main thread's to fill in. */
export type CallerInput<T extends TaskName> = T extends SplitTask ? Omit<TaskInput<T>, "part" | "parts"> : TaskInput<T>;

/**
 * Which worker runs a task that is not split: long reads (the full integrity check, a backup's
 * copy) on the reader, so a manager's report never queues behind a minutes-long check; writes, in
 * short transactions, on the writer.
 */
export const taskLane: Record<Exclude<TaskName, SplitTask>, Lane> = {
  integrityCheck: "reader",
  verifyAudit: "reader",
  scrubBackups: "reader",
  backup: "reader",
  retention: "writer",
  importPreview: "writer",
  importCommit: "writer",
  saveKioskSettings: "writer",
  checkpoint: "writer",
};

const taskNames = Object.keys(backgroundTasks) as [TaskName, ...TaskName[]];
export const requestSchema = z.object({ id: z.number().int(), task: z.enum(taskNames), input: z.unknown() });
export type Request = z.infer<typeof requestSchema>;

/** A failure crosses the thread as data: a DomainError keeps its code and field. */
export const failureSchema = z.object({
  name: z.string(),
  message: z.string(),
  code: z.string().optional(),
  field: z.string().optional(),
});
export const responseSchema = z.discriminatedUnion("ok", [
  z.object({ id: z.number().int(), ok: z.literal(true), value: z.unknown() }),
  z.object({ id: z.number().int(), ok: z.literal(false), error: failureSchema }),
]);
export type Response = z.infer<typeof responseSchema>;

/**
 * Sent by a task while it works, before its answer: how many of its items are done of how many it found
 * (a refresh: stale entries of its part of the range). Only refreshReports sends it; the total can grow
 * while it works (a check-in meanwhile).
 */
export const progressSchema = z.object({
  id: z.number().int(),
  progress: z.object({ done: z.number().int().nonnegative(), total: z.number().int().nonnegative() }),
});
export type Progress = z.infer<typeof progressSchema>;

export const workerDataSchema = z.object({
  database: z.string(),
  nativeBinding: z.string().optional(),
  /** The write gate (electron/background/gate.ts). */
  gate: z.custom<SharedArrayBuffer>((v) => v instanceof SharedArrayBuffer),
});
export type WorkerData = z.infer<typeof workerDataSchema>;
