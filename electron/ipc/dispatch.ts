import {
  channels,
  isChannelName,
  type ChannelName,
  type ChannelOutput,
  type ParsedInput,
} from "../../contract/channels";
import type { CallOrigin } from "../../contract/bridge";
import { fail, invalidInput, ok, type Result } from "../../contract/result";
import type { StaffSummary } from "../../contract/staff";
import { DomainError, NewerDatabaseError, storageFault, storageFaultMessage, type StorageFault } from "../../db/errors";
import { freeBytes } from "../../db/disk-space";
import { authorize, type CallerSession } from "./session";

export type Handler<C extends ChannelName> = (
  input: ParsedInput<C>,
  session: CallerSession,
) => ChannelOutput<C> | Promise<ChannelOutput<C>>;
export type Handlers = { [C in ChannelName]: Handler<C> };

/**
 * "person": a person's input led to the call (the renderer's `call()` says so); "app": the window made it by itself.
 */
export type Dispatch = (
  session: CallerSession,
  channel: unknown,
  payload: unknown,
  origin?: CallOrigin,
) => Promise<Result<unknown>>;

export interface DispatchDeps {
  /** Monotonic milliseconds (a wall clock stepped back must not stretch an idle session). */
  now: () => number;
  staffIdleMs: () => number;
  /** The signed-in person as the database has them now: null once deactivated. */
  currentStaff: (staffId: number) => StaffSummary | null;
  /** Receives the channel name and error code only: payloads can hold guests' details. */
  logError: (channel: string, code: string, error: unknown) => void;
  /** The data folder, named in the full-disk message. */
  dataDir: string;
  /** Waits before each retry of a call that met another program's lock (SQLITE_BUSY). */
  busyRetryDelaysMs?: readonly number[];
}

const FAULT_LOG_CODES: Record<StorageFault, string> = { busy: "BUSY", full: "DISK_FULL", lost: "FILE_LOST" };

/** Up to three retries, yielding to the event loop in between: ≤ 250 ms blocked at a time. */
const BUSY_RETRY_DELAYS_MS = [50, 150, 400] as const;

/**
 * The one way a call is handled, whatever carried it (Electron IPC or the browser wiring):
 * known channel → authorized for this window's session → input parsed with the contract's
 * schema → handler → `{ ok, value }` / `{ ok, error }`. Whoever receives data parses it: the
 * main process the input here, the renderer the output in `call()` (renderer/common/api.ts) and
 * pushed events in `onEvent()`, each with the contract's schema, before use.
 */
export function createDispatcher(handlers: Handlers, deps: DispatchDeps): Dispatch {
  return async (session, channel, payload, origin = "app") => {
    if (!isChannelName(channel))
      return fail("UNKNOWN_CHANNEL", `There is no action called "${String(channel).slice(0, 60)}".`);
    const spec = channels[channel];
    try {
      // A manager may have deactivated or demoted this person since they signed in: every call
      // is authorized against who they are now, and a deactivated person is asked for a PIN.
      if (session.staff) session.staff = deps.currentStaff(session.staff.id);
      authorize(spec.access, session, deps.now(), deps.staffIdleMs, origin === "person");
      const parsed = spec.input.safeParse(payload);
      if (!parsed.success) return { ok: false, error: invalidInput(parsed.error) };
      const handler = handlers[channel] as Handler<ChannelName>;
      // A call that met another program's lock rolled back whole: it runs again after a pause.
      for (const delay of deps.busyRetryDelaysMs ?? BUSY_RETRY_DELAYS_MS) {
        try {
          return ok(await handler(parsed.data, session));
        } catch (error) {
          if (storageFault(error) !== "busy") throw error;
          await new Promise((resolve) => setTimeout(resolve, delay));
        }
      }
      return ok(await handler(parsed.data, session));
    } catch (error) {
      if (error instanceof DomainError) return fail(error.code, error.message, error.field);
      if (error instanceof NewerDatabaseError) return fail("CONFLICT", error.message);
      const fault = storageFault(error, freeBytes(deps.dataDir));
      if (fault) {
        deps.logError(channel, FAULT_LOG_CODES[fault], error);
        return fail("NOT_AVAILABLE", storageFaultMessage(fault, deps.dataDir));
      }
      deps.logError(channel, "INTERNAL", error);
      return fail(
        "INTERNAL",
        "Something went wrong on our side. Nothing was changed; please try again or ask the front desk.",
      );
    }
  };
}
