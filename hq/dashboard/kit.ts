import type { FastifyReply, FastifyRequest } from "fastify";
import type { Pool } from "pg";
import type { z } from "zod";
import { CSRF_HEADER, type DashboardErrorCode, type SessionState } from "../../contract/dashboard";
import { DEVICE_DAYS } from "../auth/devices";
import {
  ABSOLUTE_HOURS,
  csrfMatches,
  csrfTokenOf,
  endSession,
  IDLE_MINUTES,
  lookUpSession,
  newSecret,
  startSession,
} from "../auth/sessions";

/**
 * What every dashboard route does with a browser: its cookies' names and flags, the CSRF check, the live session, a
 * refusal, and starting a session once an owner has signed in (with a password or a one-time code).
 */
const STATUS: Record<DashboardErrorCode, number> = {
  MALFORMED_REQUEST: 400,
  SIGNED_OUT: 401,
  SESSION_EXPIRED: 401,
  CSRF_REFUSED: 403,
  UNKNOWN_LOCATION: 404,
  MALFORMED_RELEASE: 400,
  RELEASE_CONFLICT: 409,
  WRONG_PASSWORD: 401,
  ACCOUNT_LOCKED: 429,
  ADDRESS_LOCKED: 429,
  DEVICE_LOCKED: 429,
  NEW_BROWSERS_LOCKED: 429,
  SIGNIN_CODE_REFUSED: 401,
  SIGNIN_CODES_WAITING: 409,
  INTERNAL: 500,
};

export const MESSAGES = {
  SIGNED_OUT: "Sign in to see the chain's reports.",
  SESSION_EXPIRED: `Your session ended (${IDLE_MINUTES} minutes without use, or ${ABSOLUTE_HOURS} hours after signing in). Sign in again.`,
  CSRF_REFUSED: "This request did not come from the dashboard's own page. Reload the page and try again.",
} as const;

export function refuse(
  reply: FastifyReply,
  code: DashboardErrorCode,
  message: string,
  context: Record<string, unknown> = {},
) {
  reply.log.warn({ code, ...context }, "dashboard refused");
  return reply.code(STATUS[code]).send({ error: { code, message } });
}

/** The first problem zod found, in the schema's own words (never the value). */
export const firstIssue = (error: z.ZodError) => error.issues[0]?.message ?? "The request is not valid.";

export type BrowserKit = ReturnType<typeof browserKit>;

export function browserKit(pool: Pool) {
  const tls = (request: FastifyRequest) => request.protocol === "https";
  const names = (request: FastifyRequest) =>
    tls(request)
      ? { session: "__Host-hh_session", pre: "__Host-hh_pre", device: "__Host-hh_device" }
      : { session: "hh_session", pre: "hh_pre", device: "hh_device" };
  const cookieOptions = (request: FastifyRequest, maxAgeSeconds?: number) => ({
    path: "/",
    httpOnly: true,
    sameSite: "strict" as const,
    secure: tls(request),
    ...(maxAgeSeconds === undefined ? {} : { maxAge: maxAgeSeconds }),
  });

  /** The pre-session secret (made and set when the browser has none): what a sign-in's CSRF token is bound to. */
  const preSecret = (request: FastifyRequest, reply: FastifyReply) => {
    const name = names(request).pre;
    const have = request.cookies[name];
    if (have) return have;
    const made = newSecret();
    reply.setCookie(name, made, cookieOptions(request));
    return made;
  };

  /**
   * Whether a state-changing request came from this origin's page: same origin (when the browser says) and the token
   * bound to `secret`.
   */
  const csrfOk = (request: FastifyRequest, secret: string | undefined) => {
    const origin = request.headers.origin;
    if (origin !== undefined && origin !== `${request.protocol}://${request.host}`) return false;
    const site = request.headers["sec-fetch-site"];
    if (site !== undefined && site !== "same-origin") return false;
    const token = request.headers[CSRF_HEADER];
    return csrfMatches(secret, typeof token === "string" ? token : undefined);
  };

  /** Whether a sign-in came from this origin's page: bound to the pre-session cookie, or a signed-in page's session. */
  const signInCsrfOk = (request: FastifyRequest) => {
    const { pre, session: current } = names(request);
    return csrfOk(request, request.cookies[pre]) || csrfOk(request, request.cookies[current]);
  };

  /**
   * The live session of the request, or the refusal already sent. `touch`: the request is the owner's doing, so the
   * session's idle clock restarts; false for what the page asks by itself.
   */
  const session = async (request: FastifyRequest, reply: FastifyReply, touch = true) => {
    const name = names(request).session;
    const secret = request.cookies[name];
    if (!secret) return void refuse(reply, "SIGNED_OUT", MESSAGES.SIGNED_OUT);
    const found = await lookUpSession(pool, secret, touch);
    if (found.state === "live") return { ...found, secret };
    reply.clearCookie(name, cookieOptions(request));
    if (found.state === "expired") return void refuse(reply, "SESSION_EXPIRED", MESSAGES.SESSION_EXPIRED);
    return void refuse(reply, "SIGNED_OUT", MESSAGES.SIGNED_OUT);
  };

  /**
   * The browser's new session once an owner has signed in with it (ending the one it had), and its device cookie from
   * now on (`devices`, hq/auth/devices.ts trustBrowser).
   */
  const startBrowserSession = async (
    request: FastifyRequest,
    reply: FastifyReply,
    signedIn: { ownerId: string; email: string; devices: string[] },
  ): Promise<SessionState> => {
    const old = request.cookies[names(request).session];
    if (old) await endSession(pool, old);
    const secret = await startSession(pool, signedIn.ownerId);
    reply.setCookie(names(request).session, secret, cookieOptions(request, ABSOLUTE_HOURS * 3600));
    reply.setCookie(names(request).device, signedIn.devices.join("."), cookieOptions(request, DEVICE_DAYS * 86_400));
    return { signedIn: true, csrf: csrfTokenOf(secret), email: signedIn.email };
  };

  return { names, cookieOptions, preSecret, csrfOk, signInCsrfOk, session, startBrowserSession };
}
