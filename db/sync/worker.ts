import { offersAnswerSchema, type ChainOffersStatus } from "../../contract/head-office";
import {
  batchAcceptedSchema,
  hqErrorSchema,
  pairResponseSchema,
  syncPositionSchema,
  type HqErrorCode,
  type PairResponse,
} from "../../contract/hq";
import { DomainError } from "../errors";
import type { Model } from "../model";
import { applyChainRelease, appliedRelease, chainOffersStatus } from "./chain-offers";
import { awaitsPosition, settleEpochs } from "./epochs";
import { acknowledge, credentials, nextBatch, recordSyncError, syncState, type SyncState } from "./outbox";
import { writeAtOnce, type WriteInTurn } from "../transaction-hooks";

/**
 * The sync worker: plain TypeScript under Node (fetch, timers; no Electron API). It sends the outbox to the head office
 * in batches of 500, one at a time and in order, and moves the acknowledged position only on the head office's answer,
 * so a batch is sent until it is known to have arrived (at least once; the head office makes it once). A failure waits
 * 1 s, 2 s, 4 s … up to 5 minutes before the next try. After a restore from backup it first asks the head office where
 * it stands (GET /v1/position) and numbers the restored timeline's new events past it (./epochs.ts). After each cycle
 * that reached head office (so also on reconnecting) it pulls the chain's newest offer release and applies it
 * (./chain-offers.ts). The kiosk and the desk never wait for it: their writes only append to the outbox, and the worker
 * reads it between their transactions.
 */
export interface SyncWorkerOptions {
  /** Read afresh on every send: a restore from backup replaces the connection. */
  model: Pick<Model, "db">;
  fetch?: typeof fetch;
  batchSize?: number;
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** How often an idle worker looks for new events. */
  idleMs?: number;
  /** How long one request may take. */
  timeoutMs?: number;
  now?: () => Date;
  /**
   * Runs each of its writes (the acknowledged position, the last problem, a release of chain offers) in its turn with
   * the app's background writers, the event loop free while it waits (the app core's writesInTurn). By default at once.
   */
  writeInTurn?: WriteInTurn;
}

export interface SyncWorkerStatus extends SyncState {
  /** When the next try is due after a failure (UTC), null when none failed. */
  retryAt: string | null;
  offers: ChainOffersStatus;
}

/**
 * What one send came to: acknowledged (new or already there), a failure worth retrying, or one that needs a person
 * (pair again, update).
 */
type SendOutcome =
  { kind: "acked"; events: number } | { kind: "retry"; reason: string } | { kind: "stuck"; reason: string };

const NEEDS_A_PERSON: readonly HqErrorCode[] = [
  "UNKNOWN_TOKEN",
  "REVOKED_TOKEN",
  "WRONG_LOCATION",
  "UNKNOWN_SCHEMA_VERSION",
];

export class SyncWorker {
  private readonly fetch: typeof fetch;
  private readonly batchSize: number;
  private readonly minBackoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly idleMs: number;
  private readonly timeoutMs: number;
  private readonly now: () => Date;
  private readonly write: WriteInTurn;
  private failures = 0;
  private retryAt: Date | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = true;

  constructor(private readonly options: SyncWorkerOptions) {
    this.fetch = options.fetch ?? fetch;
    this.batchSize = options.batchSize ?? 500;
    this.minBackoffMs = options.minBackoffMs ?? 1000;
    this.maxBackoffMs = options.maxBackoffMs ?? 300_000;
    this.idleMs = options.idleMs ?? 5000;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.now = options.now ?? (() => new Date());
    this.write = options.writeInTurn ?? writeAtOnce;
  }

  status(): SyncWorkerStatus {
    return {
      ...syncState(this.options.model),
      retryAt: this.retryAt?.toISOString() ?? null,
      offers: chainOffersStatus(this.options.model),
    };
  }

  /** Sends batches until the outbox is drained or a send fails; resolves with what happened. */
  async drain(): Promise<{ sent: number; failed: string | null }> {
    let sent = 0;
    for (;;) {
      const outcome = await this.sendOne();
      if (outcome === null) return { sent, failed: null };
      if (outcome.kind !== "acked") {
        this.failures += 1;
        const wait = Math.min(this.maxBackoffMs, this.minBackoffMs * 2 ** (this.failures - 1));
        this.retryAt = new Date(this.now().getTime() + (outcome.kind === "stuck" ? this.maxBackoffMs : wait));
        const { db } = this.options.model;
        await this.write(() => recordSyncError(db, outcome.reason));
        return { sent, failed: outcome.reason };
      }
      this.failures = 0;
      this.retryAt = null;
      sent += outcome.events;
    }
  }

  /** Runs in the background until stop(): drains, then waits (idle time, or the backoff after a failure). */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  /** Try now (after pairing): forgets the backoff and sends at once unless a send is under way. */
  wake(): void {
    this.failures = 0;
    this.retryAt = null;
    if (this.stopped || this.timer === null) return;
    clearTimeout(this.timer);
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.drain()
        .then(async ({ failed }) => void (failed === null && (await this.pullOffers())))
        .then(
          () => this.schedule(this.retryAt ? Math.max(0, this.retryAt.getTime() - this.now().getTime()) : this.idleMs),
          () => this.schedule(this.maxBackoffMs),
        );
    }, ms);
    this.timer.unref();
  }

  /**
   * Asks head office for a release newer than the one applied here and applies it (one
   * transaction). Resolves with the release applied, or null: none newer, not paired, or it
   * failed (recorded as the last problem: unreachable, refused, or a release this build can't read).
   */
  async pullOffers(): Promise<number | null> {
    const { db } = this.options.model;
    const creds = credentials(db);
    if (!creds) return null;
    const answer = await this.call(creds, `/v1/offers?after=${appliedRelease(db)}`);
    if ("kind" in answer) {
      if (answer.kind !== "acked") await this.write(() => recordSyncError(db, answer.reason));
      return null;
    }
    const parsed = offersAnswerSchema.safeParse(answer.body);
    if (!answer.ok || !parsed.success) {
      const problem =
        this.refusal(answer.body)?.reason ??
        (answer.ok
          ? "MALFORMED_RELEASE: head office sent offers this version can't read; nothing was applied. Update this location."
          : `Head office answered HTTP ${answer.status} to the offers.`);
      await this.write(() => recordSyncError(db, problem));
      return null;
    }
    await this.write(() => recordSyncError(db, null));
    const { release } = parsed.data;
    if (!release) return null;
    try {
      const { applied } = await this.write(() => applyChainRelease({ db, clock: { now: this.now } }, release));
      return applied ? release.number : null;
    } catch (error) {
      const problem = `Release ${release.number} of head office's offers could not be applied (${error instanceof Error ? error.message : "error"}); nothing of it was applied.`;
      await this.write(() => recordSyncError(db, problem));
      return null;
    }
  }

  private async sendOne(): Promise<SendOutcome | null> {
    // The connection the batch was read from is the one acknowledged on: after a restore swapped
    // it, the old one is closed and the acknowledgement fails rather than land in the new file.
    const { db } = this.options.model;
    const creds = credentials(db);
    if (!creds) return null;
    if (awaitsPosition(db)) {
      const answer = await this.call(creds, "/v1/position");
      if ("kind" in answer) return answer;
      const position = syncPositionSchema.safeParse(answer.body);
      if (!answer.ok || !position.success)
        return (
          this.refusal(answer.body) ?? {
            kind: "retry",
            reason: `Head office answered HTTP ${answer.status} to the position.`,
          }
        );
      if (position.data.locationId !== creds.locationId)
        return {
          kind: "stuck",
          reason: "WRONG_LOCATION: The head office knows this token as another location. Pair the location again.",
        };
      const { lastSeq } = position.data;
      await this.write(() => settleEpochs(db, lastSeq));
    }
    const next = nextBatch(db, this.batchSize);
    if (!next) return null;
    const answer = await this.call(creds, "/v1/events", JSON.stringify(next.batch));
    if ("kind" in answer) return answer;
    const { body, ok, status } = answer;
    const accepted = batchAcceptedSchema.safeParse(body);
    const refused = hqErrorSchema.safeParse(body);
    if (ok && accepted.success && accepted.data.batchId === next.batch.batchId) {
      await this.write(() => acknowledge(db, next.lastSeq, this.now().toISOString()));
      return { kind: "acked", events: next.batch.events.length };
    }
    if (refused.success && refused.data.error.code === "BATCH_REPLAYED") {
      await this.write(() => acknowledge(db, next.lastSeq, this.now().toISOString()));
      return { kind: "acked", events: next.batch.events.length };
    }
    return this.refusal(body) ?? { kind: "retry", reason: `Head office answered HTTP ${status}.` };
  }

  /**
   * One request to the head office with this location's token: its answer's status and JSON body, or that it could not
   * be reached.
   */
  private async call(
    creds: { url: string; token: string },
    route: string,
    body?: string,
  ): Promise<{ ok: boolean; status: number; body: unknown } | SendOutcome> {
    try {
      const response = await this.fetch(new URL(route, creds.url), {
        method: body === undefined ? "GET" : "POST",
        headers: {
          ...(body === undefined ? {} : { "content-type": "application/json" }),
          authorization: `Bearer ${creds.token}`,
        },
        ...(body === undefined ? {} : { body }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      return { ok: response.ok, status: response.status, body: await response.json().catch((): unknown => null) };
    } catch (error) {
      return { kind: "retry", reason: `Head office unreachable (${error instanceof Error ? error.name : "error"}).` };
    }
  }

  /** The head office's refusal as an outcome: one a person must act on (pair again, update) or one worth retrying. */
  private refusal(body: unknown): Exclude<SendOutcome, { kind: "acked" }> | null {
    const refused = hqErrorSchema.safeParse(body);
    if (!refused.success) return null;
    const { code, message } = refused.data.error;
    return { kind: NEEDS_A_PERSON.includes(code) ? "stuck" : "retry", reason: `${code}: ${message}` };
  }
}

/** Exchanges a pairing code for this location's token (the caller keeps it: savePairing, with its audit row). */
export async function requestPairing(
  url: string,
  code: string,
  fetchImpl: typeof fetch = fetch,
): Promise<PairResponse> {
  let response: Response;
  try {
    response = await fetchImpl(new URL("/v1/pair", url), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ code }),
      signal: AbortSignal.timeout(30_000),
    });
  } catch {
    throw new DomainError(
      "NOT_AVAILABLE",
      "The head office can't be reached at this address. Check it, and that this computer is online.",
    );
  }
  const body: unknown = await response.json().catch(() => null);
  const paired = pairResponseSchema.safeParse(body);
  if (response.ok && paired.success) return paired.data;
  const refused = hqErrorSchema.safeParse(body);
  throw new DomainError(
    "INVALID_INPUT",
    refused.success ? refused.data.error.message : `The head office answered HTTP ${response.status}.`,
    "code",
  );
}
