import type { z } from "zod";
import { CSRF_HEADER, dashboardErrorSchema, type DashboardErrorCode } from "../../contract/dashboard";

/** A refusal from the head office, in its own words; `code` tells the page what to do (sign in again…). */
export class DashboardError extends Error {
  constructor(
    readonly code: DashboardErrorCode | "NETWORK",
    message: string,
  ) {
    super(message);
  }
}

/** The CSRF token of the current session (or pre-session), sent with every state-changing request. */
let csrf = "";
export const setCsrf = (token: string) => void (csrf = token);

const NO_ANSWER = "The head office did not answer. Check the connection and try again.";

/** A request the head office refused, in its own words, or a generic message when its answer isn't one. */
async function refusalOf(res: Response): Promise<DashboardError> {
  const refusal = dashboardErrorSchema.safeParse(await res.json().catch(() => null));
  return refusal.success
    ? new DashboardError(refusal.data.error.code, refusal.data.error.message)
    : new DashboardError("INTERNAL", `The head office answered ${res.status}. Try again in a moment.`);
}

async function call<S extends z.ZodType>(
  method: "GET" | "POST",
  url: string,
  schema: S,
  body?: unknown,
): Promise<z.infer<S>> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      credentials: "same-origin",
      headers: method === "POST" ? { "content-type": "application/json", [CSRF_HEADER]: csrf } : {},
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    throw new DashboardError("NETWORK", NO_ANSWER);
  }
  if (!res.ok) throw await refusalOf(res);
  const json: unknown = await res.json().catch(() => null);
  const parsed = schema.safeParse(json);
  if (!parsed.success)
    throw new DashboardError("INTERNAL", "The head office's answer was not understood. Reload the page.");
  return parsed.data;
}

export const get = <S extends z.ZodType>(url: string, schema: S) => call("GET", url, schema);
export const post = <S extends z.ZodType>(url: string, body: unknown, schema: S) => call("POST", url, schema, body);

/** A file the head office builds (an export): its bytes and the name the service gave it. */
export async function download(url: string): Promise<{ blob: Blob; fileName: string }> {
  let res: Response;
  try {
    res = await fetch(url, { credentials: "same-origin" });
  } catch {
    throw new DashboardError("NETWORK", NO_ANSWER);
  }
  if (!res.ok) throw await refusalOf(res);
  const fileName = /filename="([^"]+)"/.exec(res.headers.get("content-disposition") ?? "")?.[1] ?? "export";
  return { blob: await res.blob(), fileName };
}
