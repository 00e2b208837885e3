import { fail, type Result } from "../contract/result";
import { databaseFileChange } from "../db/file-identity";
import type { Model } from "../db/model";
import type { Dispatch } from "./ipc/dispatch";

export const RESTORING_MESSAGE = "The spa's data is being restored; try again in a moment.";
export const CLOSING_MESSAGE =
  "Happy Head is closing, so this was not done; nothing was changed. Try again once it has started again.";
export const FILE_LOST_MESSAGE =
  "The spa's data file was deleted or replaced by another program while Happy Head was running, so this was not saved. " +
  "Everything saved before it is kept as a rescued backup: restart Happy Head and restore the newest backup.";

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
 * is acknowledged only if the database path still names the file the connection opened, checked
 * before the call and again after it, before its answer leaves (a write that went into a deleted
 * or replaced file is refused, never acknowledged). The first time the file is found gone, what
 * the connection still holds is copied into a rescued backup (`onFileLost`).
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
    const change = databaseFileChange(model.db);
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
    if (fileLost()) return fail("NOT_AVAILABLE", FILE_LOST_MESSAGE);
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
