import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { Worker } from "node:worker_threads";
import type { ErrorCode } from "../../contract/result";
import { DomainError } from "../../db/errors";
import { log } from "../log";
import { sliceAbandoned } from "./gate";
import { CLOSING_MESSAGE } from "../write-gate";
import {
  backgroundTasks,
  isSplitTask,
  progressSchema,
  responseSchema,
  splitLanes,
  splitTasks,
  taskLane,
  type CallerInput,
  type Lane,
  type Request,
  type SplitTask,
  type TaskInput,
  type TaskName,
  type TaskOutput,
  type WorkerData,
} from "./protocol";

/** How far a task is (protocol.ts, progressSchema): of a split task, its parts' counts summed. */
export type OnProgress = (done: number, total: number) => void;

export interface BackgroundWork {
  /**
   * Runs one task on its worker thread(s); rejects with a clear error if a worker stops first. `onProgress`
   * hears how far it is, if the task says (refreshReports).
   */
  run<T extends TaskName>(task: T, input: CallerInput<T>, onProgress?: OnProgress): Promise<TaskOutput<T>>;
  /** Stops the worker (its connections closed); the next task starts a fresh one. */
  stop(): Promise<void>;
  /**
   * For the app's close: refuses every new task, stops the tasks in flight (each answered that
   * the app is closing; a half-done slice is rolled back) and resolves once the workers have
   * exited, their connections closed.
   */
  close(): Promise<void>;
}

/** Why a worker stopped before it answered: it crashed, the app restarted it (restore), or the app is closing. */
export type StopReason = "crashed" | "stopped" | "closing";

/**
 * The worker stopped (crashed, was killed, or the app is closing) before it answered. A
 * DomainError (NOT_AVAILABLE): a window's call waiting for it is answered with this message.
 */
export class BackgroundStopped extends DomainError {
  constructor(
    task: string,
    readonly reason: StopReason,
  ) {
    super(
      "NOT_AVAILABLE",
      reason === "closing"
        ? CLOSING_MESSAGE
        : `The background worker stopped before it finished "${task}". Nothing half-done was kept; it starts again with the next task.`,
    );
    this.name = "BackgroundStopped";
  }
  /** The app stopped it (closing, restoring a backup): nothing to report. */
  get intended(): boolean {
    return this.reason !== "crashed";
  }
}

/** Logs a background task's failure, unless the app itself stopped the worker. */
export function logBackgroundFailure(area: string, event: string, error: unknown): void {
  if (error instanceof BackgroundStopped && error.intended) return;
  log.error(area, { event, error });
}

/**
 * Starts one of the main process's threads: its bundled file beside main.js in the app
 * (scripts/build-electron.mjs writes `bundled`), else its TypeScript `source` through tsx under
 * Node (tests, bench, preview, e2e): the same module either way.
 */
export function startThread(bundled: string, source: string, workerData: unknown): Worker {
  const file = path.join(__dirname, bundled);
  if (existsSync(file)) return new Worker(file, { workerData });
  return sourceWorker(source, workerData);
}

const startWorker = (workerData: WorkerData): Worker =>
  startThread("background-worker.js", path.join(__dirname, "worker.ts"), workerData);

/** A worker thread running a TypeScript module from source, through tsx (under Node only). */
export function sourceWorker(source: string, workerData: unknown): Worker {
  const tsx = createRequire(path.join(__dirname, "client.ts")).resolve("tsx/cjs");
  return new Worker(`require(${JSON.stringify(tsx)}); require(${JSON.stringify(source)});`, { eval: true, workerData });
}

const isErrorCode = (code: string | undefined): code is ErrorCode => code !== undefined && /^[A-Z_]+$/.test(code);

/**
 * The workers (electron/background/protocol.ts): a writer, a reader, and a refresher that takes
 * the report cache's second part. Each starts on its first task.
 */
export function createBackgroundWork(data: WorkerData): BackgroundWork {
  const lanes: Record<Lane, WorkerLane> = {
    writer: createWorkerLane(data),
    reader: createWorkerLane(data),
    refresher: createWorkerLane(data),
  };
  const all = Object.values(lanes);
  let closed = false;
  /**
   * A split task: each part on its own lane, the answers combined; the first failure fails it. Its progress
   * is told once every part has said how much it has, summed.
   */
  const split = async <T extends SplitTask>(
    task: T,
    input: CallerInput<T>,
    onProgress?: OnProgress,
  ): Promise<TaskOutput<T>> => {
    const { together, combine }: (typeof splitTasks)[T] = splitTasks[task];
    const heard: ({ done: number; total: number } | undefined)[] = splitLanes.map(() => undefined);
    const partProgress = (part: number): OnProgress | undefined =>
      onProgress &&
      ((done, total) => {
        heard[part] = { done, total };
        if (heard.every((h) => h !== undefined))
          onProgress(...heard.reduce<[number, number]>((sum, h) => [sum[0] + h.done, sum[1] + h.total], [0, 0]));
      });
    const parts = splitLanes.map(
      (lane, part) => () =>
        lanes[lane].run(task, { ...input, part, parts: splitLanes.length } as TaskInput<T>, partProgress(part)),
    );
    const answers: TaskOutput<T>[] = [];
    if (together) answers.push(...(await Promise.all(parts.map((run) => run()))));
    else for (const run of parts) answers.push(await run());
    return combine(answers);
  };
  return {
    run: <T extends TaskName>(task: T, input: CallerInput<T>, onProgress?: OnProgress): Promise<TaskOutput<T>> => {
      if (closed) return Promise.reject(new BackgroundStopped(task, "closing"));
      if (isSplitTask(task)) return split(task, input as CallerInput<typeof task>, onProgress);
      return lanes[laneOf(task)].run(task, input as TaskInput<T>, onProgress);
    },
    stop: async () => {
      await Promise.all(all.map((lane) => lane.stop("stopped")));
    },
    close: async () => {
      closed = true;
      await Promise.all(all.map((lane) => lane.stop("closing")));
    },
  };
}

/** The lane of a task that is not split (a split task's first part runs on the writer). */
const laneOf = (task: TaskName): Lane => (isSplitTask(task) ? "writer" : taskLane[task]);

interface WorkerLane {
  run<T extends TaskName>(task: T, input: TaskInput<T>, onProgress?: OnProgress): Promise<TaskOutput<T>>;
  stop(reason: Exclude<StopReason, "crashed">): Promise<void>;
}

/**
 * The main thread's side of one background worker: started on the first task, one request id
 * per call, every answer parsed (the envelope here, the value with the task's schema). When the
 * worker exits, every call in flight is rejected with BackgroundStopped — never left hanging —
 * and the next task starts a new worker.
 */
function createWorkerLane(data: WorkerData): WorkerLane {
  let worker: Worker | null = null;
  let nextId = 1;
  const stopping = new WeakMap<Worker, Exclude<StopReason, "crashed">>();
  const pending = new Map<
    number,
    { task: TaskName; resolve: (v: unknown) => void; reject: (e: Error) => void; onProgress?: OnProgress | undefined }
  >();

  const start = (): Worker => {
    const w = startWorker(data);
    const { threadId } = w;
    w.unref();
    w.on("message", (message: unknown) => {
      const p = progressSchema.safeParse(message);
      if (p.success) return pending.get(p.data.id)?.onProgress?.(p.data.progress.done, p.data.progress.total);
      const r = responseSchema.safeParse(message);
      if (!r.success) return log.error("background", { event: "bad-message" });
      const call = pending.get(r.data.id);
      if (!call) return;
      pending.delete(r.data.id);
      if (r.data.ok) {
        const value = backgroundTasks[call.task].output.safeParse(r.data.value);
        if (value.success) call.resolve(value.data);
        else call.reject(new Error(`The background worker's answer to "${call.task}" had the wrong shape.`));
      } else {
        const e = r.data.error;
        call.reject(
          e.name === "DomainError" && isErrorCode(e.code)
            ? new DomainError(e.code, e.message, e.field)
            : Object.assign(new Error(e.message), { name: e.name, code: e.code }),
        );
      }
    });
    w.on("error", (error) => log.error("background", { event: "worker-error", error }));
    w.on("exit", (code) => {
      if (worker === w) worker = null;
      sliceAbandoned(data.gate, threadId);
      const reason = stopping.get(w) ?? "crashed";
      if (pending.size > 0 && reason === "crashed")
        log.error("background", { event: "worker-exit", code, inFlight: pending.size });
      for (const [id, call] of pending) {
        pending.delete(id);
        call.reject(new BackgroundStopped(call.task, reason));
      }
    });
    return w;
  };

  return {
    run: (task, input, onProgress) =>
      new Promise((resolve, reject) => {
        const w = (worker ??= start());
        const id = nextId++;
        // A task in flight keeps the process alive (the idle worker does not).
        if (pending.size === 0) w.ref();
        pending.set(id, {
          task,
          onProgress,
          resolve: (v) => {
            if (pending.size === 0) w.unref();
            resolve(v as TaskOutput<typeof task>);
          },
          reject: (e) => {
            if (pending.size === 0) w.unref();
            reject(e);
          },
        });
        const request: Request = { id, task, input };
        w.postMessage(request);
      }),
    stop: async (reason) => {
      const w = worker;
      worker = null;
      if (!w) return;
      stopping.set(w, reason);
      await w.terminate();
    },
  };
}
