import type { Model } from "../../../db/model";
import type { ChannelName, EventName, EventPayload } from "../../../contract/channels";
import type { PrintingService } from "../../printing/service";
import { DomainError } from "../../../db/errors";
import type { Handler } from "../dispatch";
import type { ReportExports } from "../../report-exports";
import type { CallerSession } from "../session";
import type { Maintenance } from "../../maintenance";
import type { SyncWorker } from "../../../db/sync/worker";
import type { BackgroundWork } from "../../background/client";
import type { PinPads } from "../../../db/staff/pin-pads";

export interface HandlerDeps {
  model: Model;
  /** The model's heavy work on the background worker thread (electron/background/). */
  background: BackgroundWork;
  emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void;
  /** Wakes the print worker after a change that queued a ticket. */
  printQueued: () => void;
  /** Printer status, system printer list and test prints (electron/printing/service.ts). */
  printing: PrintingService;
  /** Opens (or brings forward) the staff window, at its PIN pad: the one-display layout. */
  openStaffWindow: () => void;
  /** Streamed report exports (CSV, Excel, PDF) running in the main process. */
  reportExports: ReportExports;
  /** Backups, restore and the audit check (electron/maintenance.ts). */
  maintenance: Maintenance;
  /** Head-office sync: its status, and a nudge after pairing (db/sync/worker.ts). */
  headOffice: SyncWorker;
  /** Wrong-PIN delays per PIN pad (db/staff/pin-pads.ts). */
  pinPads: PinPads;
  /** Monotonic milliseconds: idle sessions and PIN delays never follow the wall clock. */
  monotonicMs: () => number;
  /** Started on the demo spa (never the packaged app): app.info says so, and the staff screens show it. */
  demo: boolean;
}

/** The handlers of one area of the contract (one contract module ↔ one handler module). */
export type AreaHandlers<Area> = { [C in keyof Area & ChannelName]: Handler<C> };

/** The signed-in staff member as an audit actor (the dispatcher already checked the role). */
export const staffActor = (session: CallerSession) => {
  if (!session.staff) throw new DomainError("NOT_AUTHENTICATED", "Enter your PIN to continue.");
  return { kind: "staff", staffId: session.staff.id, name: session.staff.name } as const;
};
