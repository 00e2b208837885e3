import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";
import type { PrinterSetting } from "../../contract/ticket";
import { saveSettings } from "../../db/settings";
import { demoSpaIn } from "../../db/test/helpers";
import type { PrinterDriver } from "../printing/driver";
import { createAppCore, type AppCore } from "../core";
import { slipsPrinted } from "./cups-admin";
import { confirmTickets, ledger, type TicketLedger } from "./print-queue-kit";

/**
 * Test helper (not shipped): a front desk printing to a real CUPS queue, whose slips are read back from cups-pdf's
 * files. Its backoff is a minute, so a ticket that prints sooner was sent because the printer came back, not because
 * a retry timer ran out.
 */
export interface CupsDesk {
  core: AppCore;
  /** A spa name only this desk prints, so other tests' and runs' files never count. */
  marker: string;
  /** Confirms tickets for `n` guests as the desk does; their print jobs' ids. */
  confirm(n: number): number[];
  /** Lets the print worker send everything due, and waits for it. */
  send(): Promise<void>;
  /** Each job's status and the reason the desk shows. */
  jobs(): { id: number; status: string; error: string | null }[];
  /** What the desk's printer banner says, once the printer check finds `state` (it is asked until it does). */
  bannerOnce(state: "ready" | "offline"): Promise<Awaited<ReturnType<AppCore["printing"]["refresh"]>>>;
  /** Waits for `n` slips on paper (and a moment more, for any duplicate), then holds them against the jobs. */
  ledgerOnPaper(n: number): Promise<TicketLedger>;
  close(): Promise<void>;
}

export async function cupsDesk(
  printer: string,
  driverFor?: (setting: PrinterSetting) => PrinterDriver,
): Promise<CupsDesk> {
  const dir = mkdtempSync(join(tmpdir(), "happyhead-cups-desk-"));
  await demoSpaIn(dir);
  const core = await createAppCore({
    dataDir: dir,
    seed: "demo",
    printBackoffMs: () => 60_000,
    ...(driverFor ? { driverFor } : {}),
  });
  const { db } = core.model;
  const marker = `Spool test ${process.pid}.${Math.floor(Math.random() * 1e6)}`;
  saveSettings(db, { spaName: marker, printer: { driver: "system", name: printer, paper: "80mm" } });
  const started = Date.now();
  const since = (db.prepare("SELECT coalesce(max(id), 0) FROM print_jobs").pluck().get() as number) ?? 0;
  let confirmed = 0;
  return {
    core,
    marker,
    confirm: (n) => {
      const ids = db
        .prepare("SELECT id FROM appointments ORDER BY id DESC LIMIT ? OFFSET ?")
        .pluck()
        .all(n, confirmed) as number[];
      confirmed += n;
      return confirmTickets(core, ids);
    },
    send: async () => {
      core.printQueue.kick();
      await core.printQueue.idle();
    },
    jobs: () =>
      db.prepare("SELECT id, status, last_error AS error FROM print_jobs WHERE id > ? ORDER BY id").all(since) as {
        id: number;
        status: string;
        error: string | null;
      }[],
    bannerOnce: async (state) => {
      const deadline = Date.now() + 15_000;
      for (;;) {
        // A check the queue's idle hook started before the spooler changed answers first: ask again.
        const banner = await core.printing.refresh();
        if (banner.state === state || Date.now() > deadline) return banner;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    },
    ledgerOnPaper: async (n) => {
      const deadline = Date.now() + 90_000;
      let slips = await slipsPrinted(marker, started);
      while (slips.length < n && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        slips = await slipsPrinted(marker, started);
      }
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      await core.printQueue.idle();
      slips = await slipsPrinted(marker, started);
      expect(slips.length, "slips on paper").toBe(n);
      return ledger(db, slips, 0, since);
    },
    close: async () => {
      await core.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
