import path from "node:path";
import Fastify, { LogController, type FastifyInstance, type FastifyReply } from "fastify";
import type { Pool } from "pg";
import { createServer } from "node:http";
import { z } from "zod";
import {
  HQ_SCHEMA_VERSIONS,
  MAX_BATCH_BYTES,
  batchEnvelopeSchema,
  bearerSchema,
  eventBatchSchema,
  pairRequestSchema,
  type HqErrorCode,
} from "../contract/hq";
import { offersQuerySchema } from "../contract/head-office";
import { dashboard } from "./dashboard/plugin";
import { HTTP_STATUS, HqRefusal } from "./errors";
import { ingestBatch } from "./ingest";
import { releaseAfter } from "./offers";
import { liveTokenLocation, positionOf, redeemPairingCode } from "./pairing";

/**
 * The head-office HTTP service. Every request body and header it reads is parsed with the
 * contract's zod schemas (contract/hq.ts); Fastify's own schema validation is not used. Refusals
 * are `{error: {code, message}}` with a specific code, and each is logged as one line with the
 * code, the location (when the token named one) and the event count: never a body, a token, a
 * pairing code or a parse error's text (which may quote the input).
 */
export interface ServerOptions {
  pool: Pool;
  /**
   * How long a request may take to arrive whole (REQUEST_TIMEOUT_MS by default). A client that sends half a body and
   * stalls was kept open for ever, and held a restart of the service until it went away.
   */
  requestTimeoutMs?: number;
  /** Where the log's JSON lines go (Fastify's pino logger); stdout when absent, nothing when null. */
  logStream?: { write(line: string): void } | null;
  /**
   * The TLS proxies whose X-Forwarded-For and -Proto are the client's (hq/config.ts HQ_TRUSTED_PROXIES): the sign-in
   * limit per address and Secure cookies read them. None when absent (the service reads them from its configuration,
   * loopback by default): the client is whoever connects.
   */
  trustedProxies?: readonly string[];
  /** The owner dashboard's built page; dist/hq-web by default. */
  webRoot?: string;
}

const knownVersions: readonly number[] = HQ_SCHEMA_VERSIONS;

/** A request's headers and body arrive within this: a batch at its largest (1 MB) takes well under it on any link. */
export const REQUEST_TIMEOUT_MS = 30_000;

function refuse(reply: FastifyReply, code: HqErrorCode, message: string, context: Record<string, unknown> = {}) {
  reply.log.warn({ code, ...context }, "refused");
  return reply.code(HTTP_STATUS[code]).send({ error: { code, message } });
}

/** The paths where a zod refusal happened, without the values. */
const issuePaths = (error: z.ZodError) =>
  error.issues.slice(0, 5).map((i) => `${i.path.join(".") || "(root)"}: ${i.code}`);

export function buildServer(options: ServerOptions): FastifyInstance {
  const app = Fastify({
    bodyLimit: MAX_BATCH_BYTES,
    // Node looks for requests past their time every connectionsCheckingInterval (30 s by default), which only the
    // server's creation takes: a tenth of the time allowed.
    serverFactory: (handler) => {
      const requestTimeout = options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
      return createServer({ requestTimeout, connectionsCheckingInterval: Math.max(50, requestTimeout / 10) }, handler);
    },
    // Only a proxy named in the configuration is believed when it names the client; from anyone else X-Forwarded-For
    // is what they wrote. Fastify (proxy-addr) takes the nearest address not a trusted proxy's.
    trustProxy: options.trustedProxies?.length ? [...options.trustedProxies] : false,
    logController: new LogController({ disableRequestLogging: true }),
    logger:
      options.logStream === null
        ? false
        : { level: "info", ...(options.logStream ? { stream: options.logStream } : {}) },
  });
  const { pool } = options;

  // A request forwarded by a proxy the configuration does not name: its headers are ignored, so behind TLS the page's
  // origin (https) is not the one the service sees and every sign-in is refused. Said once in the log, without them.
  let proxyUnnamed = !options.trustedProxies?.length;
  app.addHook("onRequest", async (request) => {
    if (!proxyUnnamed || !(request.headers["x-forwarded-for"] || request.headers["x-forwarded-proto"])) return;
    proxyUnnamed = false;
    request.log.warn(
      { code: "PROXY_NOT_TRUSTED" },
      "X-Forwarded-For and -Proto ignored: set HQ_TRUSTED_PROXIES (loopback for a TLS proxy on this machine)",
    );
  });

  void app.register(dashboard, { pool, webRoot: options.webRoot ?? path.resolve(__dirname, "..", "dist", "hq-web") });

  app.get("/v1/health", async () => ({ ok: true }));

  app.post("/v1/pair", async (request, reply) => {
    const parsed = pairRequestSchema.safeParse(request.body);
    if (!parsed.success)
      return refuse(reply, "PAIRING_CODE_INVALID", "A pairing code is 12 letters and digits.", {
        issues: issuePaths(parsed.error),
      });
    try {
      const paired = await redeemPairingCode(pool, parsed.data.code);
      reply.log.info({ locationId: paired.locationId }, "paired");
      return paired;
    } catch (error) {
      if (error instanceof HqRefusal) return refuse(reply, error.code, error.message);
      throw error;
    }
  });

  app.get("/v1/position", async (request, reply) => {
    const auth = bearerSchema.safeParse(request.headers.authorization);
    if (!auth.success)
      return refuse(reply, "UNKNOWN_TOKEN", "Send the location's token as `Authorization: Bearer <token>`.");
    try {
      return await positionOf(pool, auth.data);
    } catch (error) {
      if (error instanceof HqRefusal) return refuse(reply, error.code, error.message);
      throw error;
    }
  });

  /**
   * The chain's newest offer release when it is newer than the one the location applied (`after`), else `{release:
   * null}`.
   */
  app.get("/v1/offers", async (request, reply) => {
    const auth = bearerSchema.safeParse(request.headers.authorization);
    if (!auth.success)
      return refuse(reply, "UNKNOWN_TOKEN", "Send the location's token as `Authorization: Bearer <token>`.");
    const query = offersQuerySchema.safeParse(request.query);
    if (!query.success)
      return refuse(
        reply,
        "MALFORMED_REQUEST",
        "Ask for offers as /v1/offers?after=<the release applied, 0 for none>.",
      );
    try {
      const { locationId } = await liveTokenLocation(pool, auth.data);
      const release = await releaseAfter(pool, query.data.after);
      if (release) reply.log.info({ locationId, release: release.number }, "offers pulled");
      return { release };
    } catch (error) {
      if (error instanceof HqRefusal) return refuse(reply, error.code, error.message);
      throw error;
    }
  });

  app.post("/v1/events", async (request, reply) => {
    const auth = bearerSchema.safeParse(request.headers.authorization);
    if (!auth.success)
      return refuse(reply, "UNKNOWN_TOKEN", "Send the location's token as `Authorization: Bearer <token>`.");
    const envelope = batchEnvelopeSchema.safeParse(request.body);
    if (!envelope.success)
      return refuse(
        reply,
        "MALFORMED_BATCH",
        "A batch is a JSON object with schemaVersion, locationId, batchId and events.",
        {
          issues: issuePaths(envelope.error),
        },
      );
    if (!knownVersions.includes(envelope.data.schemaVersion)) {
      return refuse(
        reply,
        "UNKNOWN_SCHEMA_VERSION",
        `This head office reads event schema versions ${knownVersions.join(", ")}; update it before this location.`,
        {
          schemaVersion: envelope.data.schemaVersion,
        },
      );
    }
    const batch = eventBatchSchema.safeParse(request.body);
    if (!batch.success)
      return refuse(reply, "MALFORMED_BATCH", "The batch does not match the event schema; nothing was ingested.", {
        issues: issuePaths(batch.error),
      });
    try {
      const result = await ingestBatch(pool, auth.data, batch.data);
      reply.log.info(
        { locationId: batch.data.locationId, events: batch.data.events.length, accepted: result.accepted },
        "ingested",
      );
      return result;
    } catch (error) {
      if (error instanceof HqRefusal)
        return refuse(reply, error.code, error.message, {
          locationId: batch.data.locationId,
          events: batch.data.events.length,
        });
      throw error;
    }
  });

  app.setNotFoundHandler((_request, reply) => refuse(reply, "NOT_FOUND", "No such endpoint."));
  app.setErrorHandler((error: { statusCode?: number; code?: string }, request, reply) => {
    const batchRoute = request.url.startsWith("/v1/events");
    if (error.statusCode === 413)
      return refuse(
        reply,
        "BATCH_TOO_LARGE",
        `A request body may be at most ${MAX_BATCH_BYTES} bytes; send smaller batches.`,
      );
    if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
      return refuse(reply, batchRoute ? "MALFORMED_BATCH" : "MALFORMED_REQUEST", "The request body is not JSON.", {
        fastify: error.code,
      });
    }
    // The error's message may quote SQL or input: only its code is logged.
    request.log.error({ code: "INTERNAL", cause: error.code }, "failed");
    return reply
      .code(500)
      .send({ error: { code: "INTERNAL", message: "The head office failed; the batch was not ingested. Try again." } });
  });
  return app;
}
