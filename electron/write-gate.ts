import { fail, type Result } from "../contract/result";
import { FILE_LOST_MESSAGE } from "../db/errors";
import { databaseFileChange } from "../db/file-identity";
import type { Model } from "../db/model";
import type { Dispatch } from "./ipc/dispatch";

export const RESTORING_MESSAGE = "The spa's data is being restored; try again in a moment.";
export const CLOSING_MESSAGE =
  "Happy Head is closing, so this was not done; nothing was changed. Try again once it has started again.";
/**
 * A call that changed no row is answered without a look at the data file's path if the file was
 * found in place less than this ago: the kiosk's searches and the desk's reads make no system
 * call for it, and a file lost meanwhile is still found within a second of calls.
 */
const FILE_LOOK_MS = 1_000;

export interface WriteGate {
  /** The dispatcher with the gate in front of it. */
  dispatch: Dispatch;
  /**
   * Refuses every new call (RESTORING_MESSAGE or CLOSING_MESSAGE), then resolves once the calls
   * already running have answered. Closing refuses even the exempt channels, for good.
   */
  stop(reason: "restoring" | "closing"): Promise<void>;
  /** After a restore: calls are taken again (not once closing). */
  resume(): void;
}

/**
 * In front of every call: while a restore runs, each call answers RESTORING_MESSAGE; and a call
 * is acknowledged only if the database path still names the file the connection opened. Every
 * write transaction looks before its commit and is rolled back if not (db/file-identity.ts,
 * verifyBeforeCommit); after the call, before its answer leaves, the path is looked at again if
 * the call changed a row that look did not cover (or FILE_LOOK_MS passed). Once the file is found
 * gone, every call is refused, and what the connection still holds, which is exactly what was
 * acknowledged, is copied into a rescued backup (`onFileLost`).
 */
export function createWriteGate(
  model: Model,
  inner: Dispatch,
  opts: { onFileLost: (change: "deleted" | "replaced") => void; exempt?: ReadonlySet<string> },
): WriteGate {
  let stopped: "restoring" | "closing" | null = null;
  let running = 0;
  const drained: (() => void)[] = [];
  let lost = false;
  const fileLost = (): boolean => {
    const change = databaseFileChange(model.db, FILE_LOOK_MS);
    if (change && !lost) {
      lost = true;
      opts.onFileLost(change);
    }
    return lost;
  };

  const dispatch: Dispatch = async (session, channel, payload, origin) => {
    const counted = !(typeof channel === "string" && opts.exempt?.has(channel));
    if (stopped === "closing") return fail("NOT_AVAILABLE", CLOSING_MESSAGE);
    if (stopped && counted) return fail("NOT_AVAILABLE", RESTORING_MESSAGE);
    if (lost) return fail("NOT_AVAILABLE", FILE_LOST_MESSAGE);
    if (counted) running++;
    let result: Result<unknown>;
    try {
      result = await inner(session, channel, payload, origin);
    } finally {
      if (counted && --running === 0) for (const done of drained.splice(0)) done();
    }
    return fileLost() ? fail("NOT_AVAILABLE", FILE_LOST_MESSAGE) : result;
  };

  return {
    dispatch,
    stop: (reason) => {
      if (stopped !== "closing") stopped = reason;
      return running === 0 ? Promise.resolve() : new Promise<void>((resolve) => drained.push(resolve));
    },
    resume: () => {
      if (stopped === "restoring") stopped = null;
    },
  };
}
