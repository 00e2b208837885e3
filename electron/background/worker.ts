import { parentPort, workerData } from "node:worker_threads";
import { setImmediate as yieldTurn } from "node:timers/promises";
import { createBackup } from "../../db/maintenance/backup";
import { verifyAuditChain } from "../../db/audit";
import { checkpointDue, checkpointWal, readWalState } from "../../db/maintenance/checkpoint";
import { DomainError } from "../../db/errors";
import { connect, openDatabase, useNativeBinding, type DB } from "../../db/open";
import {
  eraseExpiredInBackups,
  eraseGuestDetails,
  expiredGuestIds,
  pastRetention,
  retentionCutoff,
} from "../../db/maintenance/retention";
import { commitImport } from "../../db/import/commit";
import { previewImport } from "../../db/import/preview";
import { eraseUnkeptPreferences } from "../../db/preferences/preferences";
import { noteErasingClock } from "../../db/maintenance/clock-trust";
import {
  applyCachePass,
  prepareCachePass,
  refreshReportCachePass,
  SLICE_SIZE,
  type RefreshPart,
} from "../../db/reports/cache";
import { REFRESH_QUERIES } from "../../db/reports/cache-sql";
import { countFromSource } from "../../db/reports/source";
import { packSums } from "../../db/reports/sums";
import { modelOf, type Model } from "../../db/model";
import { stmt } from "../../db/stmt";
import { holdWrites, inSlice, sliceSizes, sliceWork } from "./gate";
import { saveKioskSettings } from "../../db/admin/kiosk";
import {
  backgroundTasks,
  requestSchema,
  workerDataSchema,
  type Progress,
  type Response,
  type TaskInput,
  type TaskName,
  type TaskOutput,
} from "./protocol";
import { lowerThisThread } from "./priority";

/**
 * The background worker: the heavy work of the model, on its own thread with its own
 * connections, so the main thread (every window's calls) never waits for it. Writes are cut
 * into short transactions (one report-cache pass, one retention batch): WAL lets the main
 * thread's reads go on meanwhile, and a kiosk's check-in waits at most one slice for the lock.
 */
const port = parentPort;
if (!port) throw new Error("electron/background/worker.ts runs as a worker thread");
const { database, nativeBinding, gate } = workerDataSchema.parse(workerData);
useNativeBinding(nativeBinding);
lowerThisThread();
let writer: DB | null = null;
let reader: DB | null = null;
/** How long the writer's last slice worked under the lock, its commit apart (gate.ts, sliceWork). */
let workSince: (started: number) => number = () => 0;
const write = (): DB => {
  if (writer) return writer;
  writer = openDatabase(database, { checkpoints: "background" });
  workSince = sliceWork(writer);
  return writer;
};
const read = () => (reader ??= connect(database, { readonly: true }));
const at = (iso: string) => ({ now: () => new Date(iso) });
/** The writer as a model whose clock stands at `iso` (the main thread's "now" for the task). */
const writeModel = (iso: string) => modelOf(write(), at(iso));
/**
 * Between a long task's batches: a PASSIVE checkpoint (no write lock) as soon as one is due. The main
 * thread's look once a second (electron/checkpoints.ts) fell behind a year's erase: the WAL grew to
 * 103-535 MB, and truncating it at the end (the erased details' old frames must go) held the kiosk's
 * writes 76-172 ms in the write gate. Checked here after each batch, it stayed at 26 MB.
 */
function keepWalShort(): void {
  const wal = readWalState(database);
  if (wal && checkpointDue(wal, 0, 0, null) === "PASSIVE")
    checkpointWal(write(), "PASSIVE", (locked) => inSlice(gate, locked));
}
let inFlight = 0;
/**
 * Idle, the worker holds no connection: the app's last close (the main thread's) then
 * checkpoints the WAL away, and a clean close can be recorded (electron/startup.ts).
 */
const release = () => {
  if (inFlight > 0) return;
  writer?.close();
  reader?.close();
  writer = reader = null;
};

/**
 * Passes of 250-2,000 check-ins: each is computed on a read snapshot outside the lock, and only
 * its writes take the lock (2,000: 5-10 ms); halved while those writes work under it longer than
 * SLICE_HOLD_MS (its commit's flush apart: gate.ts, sliceWork) or while changes to the figures'
 * source keep landing before a pass is written (applyCachePass), doubled again while they are
 * quick. A pass has fixed costs (its commit, the sums per grain): one thread refreshing the year
 * took 14.9 µs per check-in in passes of 250, 8.9 µs in passes of 2,000.
 * Down to 250 rather than 1,000: on a loaded machine (load 3-3.6 on 2 cores, a kiosk write every
 * 50 ms) a pass now and then held the lock 50-150 ms, and the main thread waits for it; the first
 * report on a 1,000,000-check-in year stalled the main thread at most 55-68 ms instead of
 * 113-154 ms, and took 22.2-22.4 s instead of 21.2-21.5 s.
 */
const refreshSlices = sliceSizes(8 * SLICE_SIZE, SLICE_SIZE);
/** Passes in a row whose snapshot went stale before they were written; then one pass is computed in the lock. */
const CONFLICTS_BEFORE_LOCKED_PASS = 3;

/** How a task tells the main thread how far it is (protocol.ts, progressSchema). */
type Report = (done: number, total: number) => void;

/**
 * Refreshes this thread's part of [from, to] pass by pass, letting other requests in between passes; with
 * `report`, first counts the part's stale entries there, then says how many are done after each pass.
 */
async function refresh(from: string, to: string, part: RefreshPart, report?: Report): Promise<number> {
  let total = 0;
  let conflicts = 0;
  let tell: ((done: number) => void) | undefined;
  if (report) {
    const stale = stmt(write(), REFRESH_QUERIES.staleInPart)
      .pluck()
      .get({ from, to, ...part }) as number;
    report(0, stale);
    // A check-in of the range written meanwhile is refreshed too: the count grows with what was done.
    tell = (done) => report(done, Math.max(stale, done));
  }
  for (;;) {
    const model = modelOf(write(), at(new Date().toISOString()));
    if (conflicts >= CONFLICTS_BEFORE_LOCKED_PASS) {
      const n = inSlice(gate, () => refreshReportCachePass(model, from, to, SLICE_SIZE, part));
      if (n === 0) return total;
      total += n;
      conflicts = 0;
      tell?.(total);
    } else {
      const prepared = prepareCachePass(model, from, to, refreshSlices.next(), part);
      if (prepared.picked === 0) return total;
      const n = inSlice(gate, () => {
        const started = performance.now();
        const written = applyCachePass(model, prepared);
        // A snapshot gone stale counts as a slice too long: the next, smaller one is ready sooner.
        refreshSlices.held(written === null ? Number.POSITIVE_INFINITY : workSince(started));
        return written;
      });
      if (n === null) conflicts++;
      else {
        total += n;
        conflicts = 0;
        tell?.(total);
      }
    }
    await yieldTurn();
  }
}

/**
 * Privacy retention: erases the details of every guest whose booking is past the window, a batch per turn on the
 * write gate (batches shrink while one works under the lock longer than SLICE_HOLD_MS, its commit apart), keeping the
 * WAL short as it goes.
 */
async function eraseDue(model: Model, batch: number): Promise<{ erased: number; before: string }> {
  inSlice(gate, () => noteErasingClock(model));
  const before = retentionCutoff(model);
  const ids = expiredGuestIds(model, before);
  inSlice(gate, () => eraseUnkeptPreferences(model));
  let erased = 0;
  const slices = sliceSizes(batch, 5);
  for (let i = 0; i < ids.length;) {
    const size = slices.next();
    erased += inSlice(gate, () => {
      const started = performance.now();
      const n = eraseGuestDetails(model, ids.slice(i, i + size), before);
      slices.held(workSince(started));
      return n;
    });
    i += size;
    keepWalShort();
    await yieldTurn();
  }
  // Once, not per batch: copying the whole WAL back inside every batch's turn kept the kiosk
  // waiting for it. If a reader still holds the WAL, the quiet-time TRUNCATE (electron/checkpoints.ts) follows.
  if (erased > 0) checkpointWal(write(), "TRUNCATE", (locked) => inSlice(gate, locked));
  return { erased, before };
}

const run: { [T in TaskName]: (input: TaskInput<T>, report: Report) => Promise<TaskOutput<T>> } = {
  integrityCheck: () => {
    const rows = read().pragma("integrity_check") as { integrity_check: string }[];
    const ok = rows.length === 1 && rows[0]?.integrity_check === "ok";
    return Promise.resolve({ ok, problems: ok ? 0 : rows.length });
  },
  verifyAudit: () => {
    const r = verifyAuditChain(read());
    return Promise.resolve(
      r.ok
        ? { ok: true, rows: r.rows, firstBadId: null, problem: null }
        : { ok: false, rows: r.rows, firstBadId: r.firstBadId, problem: r.problem },
    );
  },
  scrubBackups: ({ dir, now }) => Promise.resolve({ scrubbed: eraseExpiredInBackups(modelOf(read(), at(now)), dir) }),
  backup: ({ dir, kind, now }) => createBackup(writeModel(now), dir, kind),
  retention: ({ now, batch }) => eraseDue(writeModel(now), batch),
  importPreview: ({ content, mapping, dateOrder, cancelMissing, canAddToCatalog, now }) =>
    previewImport(writeModel(now), content, { mapping, dateOrder, cancelMissing, canAddToCatalog }),
  importCommit: async ({ content, mapping, dateOrder, skipBadRows, cancelMissing, staff, now, batch }) => {
    const model = writeModel(now);
    const { earliestStart, ...result } = await commitImport(
      model,
      { kind: "staff", ...staff },
      content,
      { mapping, dateOrder, skipBadRows, cancelMissing },
      { write: (transaction) => inSlice(gate, transaction), pause: yieldTurn },
    );
    // An old booking export can't bring back details retention erased: erased again at once. A file
    // of bookings all inside the window (the usual week ahead) skips that search of past bookings.
    if (earliestStart !== null && pastRetention(model, earliestStart)) await eraseDue(model, batch);
    return result;
  },
  saveKioskSettings: ({ settings, staff, now }) =>
    Promise.resolve(
      holdWrites(gate, () => saveKioskSettings(writeModel(now), { kind: "staff", ...staff }, settings, "held")),
    ),
  refreshReports: async ({ from, to, part, parts }, report) => ({
    refreshed: await refresh(from, to, { part, parts }, report),
  }),
  reportFromSource: async ({ from, to, part, parts }, report) => {
    const { changes, sums } = await countFromSource(read(), from, to, { part, parts }, yieldTurn, report);
    return { changes, sums: sums && packSums(sums) };
  },
  checkpoint: ({ mode }) => Promise.resolve(checkpointWal(write(), mode, (locked) => inSlice(gate, locked))),
  // Newest first, a week of stale days at a time (one day a time made passes of one day's check-ins).
  warmReports: async ({ part, parts }) => {
    let days = 0;
    for (;;) {
      const week = stmt(write(), REFRESH_QUERIES.newestStaleDays).pluck().all({ days: 7, part, parts }) as string[];
      const [last] = week;
      const first = week.at(-1);
      if (last === undefined || first === undefined) return { days };
      await refresh(first, last, { part, parts });
      days += week.length;
    }
  },
};

const failure = (error: unknown): Extract<Response, { ok: false }>["error"] =>
  error instanceof DomainError
    ? { name: error.name, message: error.message, code: error.code, ...(error.field ? { field: error.field } : {}) }
    : error instanceof Error
      ? {
          name: error.name,
          message: error.message,
          ...("code" in error && typeof error.code === "string" ? { code: error.code } : {}),
        }
      : { name: "Error", message: String(error) };

port.on("message", (message: unknown) => {
  const request = requestSchema.safeParse(message);
  if (!request.success) return;
  const { id, task } = request.data;
  const answer = (response: Response) => port.postMessage(response);
  inFlight++;
  void (async () => {
    try {
      const input: unknown = backgroundTasks[task].input.parse(request.data.input);
      const report: Report = (done, total) => port.postMessage({ id, progress: { done, total } } satisfies Progress);
      const value = await (run[task] as (i: unknown, r: Report) => Promise<unknown>)(input, report);
      answer({ id, ok: true, value });
    } catch (error) {
      answer({ id, ok: false, error: failure(error) });
    } finally {
      inFlight--;
      release();
    }
  })();
});
