import { existsSync } from "node:fs";
import path from "node:path";
import fastifyCookie from "@fastify/cookie";
import fastifyHelmet from "@fastify/helmet";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance, FastifyReply } from "fastify";
import type { Pool } from "pg";
import {
  compareExportQuerySchema,
  compareQuerySchema,
  deviceCookieSchema,
  locationExportQuerySchema,
  locationQuerySchema,
  nothingSchema,
  signInSchema,
  type SessionState,
} from "../../contract/dashboard";
import { CSP } from "../../contract/csp";
import { comparisonRange } from "../../contract/reports";
import { publishRequestSchema } from "../../contract/head-office";
import { signIn } from "../auth/owners";
import { csrfTokenOf, endSession, lookUpSession } from "../auth/sessions";
import { listReleases, publishRelease } from "../offers";
import { chainComparison, locationReport } from "./compare";
import { compareExport, locationExport, type ExportFile } from "./export";
import { browserKit, firstIssue, MESSAGES, refuse } from "./kit";
import { signInCodeRoutes } from "./signin-code-routes";

/**
 * The chain owner's web dashboard, served by the head-office service: the built page (hq/web/,
 * `npm run build` writes dist/hq-web) and its JSON API under /api/. Every query and body is parsed
 * with contract/dashboard.ts; every answer carries the product's strict CSP (contract/csp.ts,
 * the app windows' own) and helmet's security headers; the API's answers are never cached.
 *
 * Cookies are HttpOnly and SameSite=Strict; behind the TLS proxy (X-Forwarded-Proto: https from
 * loopback) they are Secure and `__Host-` prefixed, so no other site or subdomain can set them. Besides the session's
 * and the pre-session's, a browser an owner signs in with keeps a device cookie for DEVICE_DAYS (hq/auth/devices.ts):
 * sign-out leaves it, so the account lock strangers can set never refuses the owner's own browser. A new browser that
 * lock keeps out signs in with a one-time code made in one of the owner's (signin-code-routes.ts).
 */
export interface DashboardOptions {
  pool: Pool;
  /** The built page (dist/hq-web). */
  webRoot: string;
}

/** The product's one policy (contract/csp.ts) as helmet's directives. */
const cspDirectives = Object.fromEntries(
  CSP.split(";").map((d) => {
    const [name = "", ...values] = d.trim().split(/\s+/);
    return [name, values];
  }),
);

const UNKNOWN_LOCATION = "Head office has no such location. Go back to the comparison and pick one.";

/** A file the browser saves under its own name (an ASCII name: no header encoding to get wrong). */
const sendFile = (reply: FastifyReply, file: ExportFile) =>
  reply
    .header("Content-Type", file.contentType)
    .header("Content-Disposition", `attachment; filename="${file.fileName}"`)
    .send(file.body);

export async function dashboard(app: FastifyInstance, options: DashboardOptions): Promise<void> {
  const { pool } = options;
  await app.register(fastifyCookie);
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: { useDefaults: false, directives: cspDirectives },
    referrerPolicy: { policy: "no-referrer" },
    frameguard: { action: "deny" },
  });

  const kit = browserKit(pool);
  const { names, cookieOptions, preSecret, csrfOk, signInCsrfOk, session, startBrowserSession } = kit;

  app.addHook("onRequest", async (request, reply) => {
    if (request.url.startsWith("/api/")) reply.header("Cache-Control", "no-store");
  });

  app.get("/api/session", async (request, reply) => {
    const query = nothingSchema.safeParse(request.query);
    if (!query.success) return refuse(reply, "MALFORMED_REQUEST", firstIssue(query.error));
    const secret = request.cookies[names(request).session];
    if (secret) {
      const found = await lookUpSession(pool, secret);
      if (found.state === "live")
        return { signedIn: true, csrf: csrfTokenOf(secret), email: found.email } satisfies SessionState;
      reply.clearCookie(names(request).session, cookieOptions(request));
    }
    return { signedIn: false, csrf: csrfTokenOf(preSecret(request, reply)) } satisfies SessionState;
  });

  app.post("/api/sign-in", async (request, reply) => {
    if (!signInCsrfOk(request)) return refuse(reply, "CSRF_REFUSED", MESSAGES.CSRF_REFUSED);
    const parsed = signInSchema.safeParse(request.body);
    if (!parsed.success) return refuse(reply, "MALFORMED_REQUEST", firstIssue(parsed.error));
    // A device cookie that is not one (tampered, truncated) is no device: the sign-in is an unknown browser's.
    const held = deviceCookieSchema.safeParse(request.cookies[names(request).device]);
    const outcome = await signIn(pool, parsed.data, request.ip, held.success ? held.data : []);
    if (!outcome.ok) {
      if (outcome.retryAfterSeconds !== undefined) reply.header("Retry-After", String(outcome.retryAfterSeconds));
      return refuse(reply, outcome.code, outcome.message);
    }
    const state = await startBrowserSession(request, reply, outcome);
    reply.log.info({ ownerId: outcome.ownerId, knownBrowser: outcome.knownBrowser }, "owner signed in");
    return state;
  });

  app.post("/api/sign-out", async (request, reply) => {
    const live = await session(request, reply);
    if (!live) return reply;
    if (!csrfOk(request, live.secret)) return refuse(reply, "CSRF_REFUSED", MESSAGES.CSRF_REFUSED);
    const body = nothingSchema.safeParse(request.body);
    if (!body.success) return refuse(reply, "MALFORMED_REQUEST", firstIssue(body.error));
    await endSession(pool, live.secret);
    reply.clearCookie(names(request).session, cookieOptions(request));
    reply.log.info({ ownerId: live.ownerId }, "owner signed out");
    return { signedIn: false, csrf: csrfTokenOf(preSecret(request, reply)) } satisfies SessionState;
  });

  signInCodeRoutes(app, pool, kit);

  app.get("/api/compare", async (request, reply) => {
    const live = await session(request, reply);
    if (!live) return reply;
    const query = compareQuerySchema.safeParse(request.query);
    if (!query.success) return refuse(reply, "MALFORMED_REQUEST", firstIssue(query.error));
    return chainComparison(pool, query.data);
  });

  app.get("/api/location", async (request, reply) => {
    const live = await session(request, reply);
    if (!live) return reply;
    const query = locationQuerySchema.safeParse(request.query);
    if (!query.success) return refuse(reply, "MALFORMED_REQUEST", firstIssue(query.error));
    const { id, ...range } = query.data;
    const report = await locationReport(pool, range, id);
    return report ?? refuse(reply, "UNKNOWN_LOCATION", UNKNOWN_LOCATION);
  });

  app.get("/api/compare/export", async (request, reply) => {
    const live = await session(request, reply);
    if (!live) return reply;
    const query = compareExportQuerySchema.safeParse(request.query);
    if (!query.success) return refuse(reply, "MALFORMED_REQUEST", firstIssue(query.error));
    const { preset, format, table, csv, ...range } = query.data;
    const [now, before] = await Promise.all([
      chainComparison(pool, range),
      chainComparison(pool, comparisonRange(range, preset)),
    ]);
    reply.log.info({ ownerId: live.ownerId, format, table }, "owner exported the comparison");
    return sendFile(reply, await compareExport(now, before, format, table, csv));
  });

  app.get("/api/location/export", async (request, reply) => {
    const live = await session(request, reply);
    if (!live) return reply;
    const query = locationExportQuerySchema.safeParse(request.query);
    if (!query.success) return refuse(reply, "MALFORMED_REQUEST", firstIssue(query.error));
    const { id, format, table, csv, ...range } = query.data;
    const report = await locationReport(pool, range, id);
    if (!report) return refuse(reply, "UNKNOWN_LOCATION", UNKNOWN_LOCATION);
    reply.log.info({ ownerId: live.ownerId, format, table }, "owner exported a location");
    return sendFile(reply, await locationExport(report, format, table, csv));
  });

  app.get("/api/offer-releases", async (request, reply) => {
    const live = await session(request, reply);
    if (!live) return reply;
    const query = nothingSchema.safeParse(request.query);
    if (!query.success) return refuse(reply, "MALFORMED_REQUEST", firstIssue(query.error));
    return { releases: await listReleases(pool) };
  });

  app.post("/api/offer-releases", async (request, reply) => {
    const live = await session(request, reply);
    if (!live) return reply;
    if (!csrfOk(request, live.secret)) return refuse(reply, "CSRF_REFUSED", MESSAGES.CSRF_REFUSED);
    const parsed = publishRequestSchema.safeParse(request.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? `${issue.path.join(".")}: ` : "";
      return refuse(reply, "MALFORMED_RELEASE", `Nothing was published. ${where}${firstIssue(parsed.error)}`);
    }
    const { basedOn, ...input } = parsed.data;
    const outcome = await publishRelease(pool, live.ownerId, input, basedOn);
    if ("newer" in outcome) {
      const { number, publishedBy } = outcome.newer;
      return refuse(
        reply,
        "RELEASE_CONFLICT",
        number > (basedOn ?? 0)
          ? `Nothing was published: release ${number} was published by ${publishedBy} while this one was being written. It is listed above now; publish again to replace it with yours.`
          : "Nothing was published: this page showed a release head office does not have. Reload the page.",
      );
    }
    const release = outcome.published;
    reply.log.info(
      { ownerId: live.ownerId, release: release.number, offers: release.offers.length },
      "offers published",
    );
    return release;
  });

  if (existsSync(path.join(options.webRoot, "index.html"))) {
    await app.register(fastifyStatic, { root: options.webRoot, prefix: "/", index: "index.html" });
  } else {
    app.get("/", async (_request, reply) =>
      reply
        .code(503)
        .type("text/plain; charset=utf-8")
        .send("The dashboard's page is not built: run `npm run build`, then restart `npm run hq`."),
    );
  }

  app.setErrorHandler((error: { statusCode?: number; code?: string }, request, reply) => {
    if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500)
      return refuse(reply, "MALFORMED_REQUEST", "The request body is not JSON.", { fastify: error.code });
    // The error's message may quote SQL or input: only its code is logged.
    request.log.error({ code: "INTERNAL", cause: error.code }, "dashboard failed");
    return reply
      .code(500)
      .send({ error: { code: "INTERNAL", message: "The head office could not answer. Try again in a moment." } });
  });
}
