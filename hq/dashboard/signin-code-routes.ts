import type { FastifyInstance } from "fastify";
import type { Pool } from "pg";
import {
  cancelSignInCodeSchema,
  deviceCookieSchema,
  nothingSchema,
  signInCodeListQuerySchema,
  signInWithCodeSchema,
} from "../../contract/dashboard";
import { trustBrowser } from "../auth/devices";
import { cancelSignInCode, listSignInCodes, makeSignInCode, redeemSignInCode } from "../auth/signin-codes";
import { firstIssue, MESSAGES, refuse, type BrowserKit } from "./kit";

/**
 * One-time sign-in codes (hq/auth/signin-codes.ts) over HTTP: a signed-in owner makes, lists and cancels theirs; a new
 * browser signs in with one. The code is in the answer that made it and in the new browser's request, nowhere else:
 * never in a list, never in a log (which names the owner's id and the code's id).
 */
export function signInCodeRoutes(app: FastifyInstance, pool: Pool, kit: BrowserKit): void {
  const { names, csrfOk, signInCsrfOk, session, startBrowserSession } = kit;

  /** The owner's codes; `watch=1` when the page asks by itself, which leaves the session's idle clock alone. */
  app.get("/api/sign-in-codes", async (request, reply) => {
    const query = signInCodeListQuerySchema.safeParse(request.query);
    const live = await session(request, reply, query.success && query.data?.watch === undefined);
    if (!live) return reply;
    if (!query.success) return refuse(reply, "MALFORMED_REQUEST", firstIssue(query.error));
    return listSignInCodes(pool, live.ownerId);
  });

  app.post("/api/sign-in-codes", async (request, reply) => {
    const live = await session(request, reply);
    if (!live) return reply;
    if (!csrfOk(request, live.secret)) return refuse(reply, "CSRF_REFUSED", MESSAGES.CSRF_REFUSED);
    const body = nothingSchema.safeParse(request.body);
    if (!body.success) return refuse(reply, "MALFORMED_REQUEST", firstIssue(body.error));
    const made = await makeSignInCode(pool, live.ownerId, live.secret);
    if ("waiting" in made)
      return refuse(
        reply,
        "SIGNIN_CODES_WAITING",
        `${made.waiting} sign-in codes are waiting to be used, the most there may be. Use one, or cancel one you will not use, then make another.`,
      );
    reply.log.info({ ownerId: live.ownerId, codeId: made.id }, "sign-in code made");
    return made;
  });

  app.post("/api/sign-in-codes/cancel", async (request, reply) => {
    const live = await session(request, reply);
    if (!live) return reply;
    if (!csrfOk(request, live.secret)) return refuse(reply, "CSRF_REFUSED", MESSAGES.CSRF_REFUSED);
    const body = cancelSignInCodeSchema.safeParse(request.body);
    if (!body.success) return refuse(reply, "MALFORMED_REQUEST", firstIssue(body.error));
    const cancelled = await cancelSignInCode(pool, live.ownerId, body.data.id);
    if (cancelled) reply.log.info({ ownerId: live.ownerId, codeId: body.data.id }, "sign-in code cancelled");
    return { cancelled, ...(await listSignInCodes(pool, live.ownerId)) };
  });

  /**
   * A new browser signs in with a code. No lock on passwords refuses it, and it clears none of their failures; the
   * browser is trusted from now on as one the owner signed in with (its own device cookie).
   */
  app.post("/api/sign-in-with-code", async (request, reply) => {
    if (!signInCsrfOk(request)) return refuse(reply, "CSRF_REFUSED", MESSAGES.CSRF_REFUSED);
    const parsed = signInWithCodeSchema.safeParse(request.body);
    if (!parsed.success) return refuse(reply, "SIGNIN_CODE_REFUSED", firstIssue(parsed.error));
    const outcome = await redeemSignInCode(pool, parsed.data.code);
    if (!outcome.ok) return refuse(reply, "SIGNIN_CODE_REFUSED", outcome.message);
    const held = deviceCookieSchema.safeParse(request.cookies[names(request).device]);
    const devices = await trustBrowser(pool, outcome.ownerId, held.success ? held.data : []);
    const state = await startBrowserSession(request, reply, { ...outcome, devices });
    reply.log.info({ ownerId: outcome.ownerId, codeId: outcome.codeId }, "owner signed in with a one-time code");
    return state;
  });
}
