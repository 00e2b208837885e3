import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

/** The small files startup keeps beside the database: the last clean close, and starts that never reached the kiosk. */

const cleanCloseSchema = z.object({ size: z.number(), mtimeMs: z.number() });

/**
 * The last clean close, recorded beside the database: the file's size and modification time
 * once the app's last connection closed (its WAL checkpointed away). A start that finds them
 * unchanged skips the quick check; a crash, a power cut or a file copied in leaves no
 * record or one that doesn't match, and the quick check runs once the kiosk is up. The record is taken (deleted) at
 * start. The full integrity check runs after every start, in the background (electron/maintenance.ts).
 */
export const cleanClose = {
  file: (database: string) => `${database}.clean-close`,
  record(database: string): void {
    try {
      if (existsSync(`${database}-wal`)) return;
      const { size, mtimeMs } = statSync(database);
      writeFileSync(this.file(database), JSON.stringify({ size, mtimeMs }));
    } catch {
      // No record: the next start runs the quick check.
    }
  },
  /** A file found damaged after the app closed it cleanly: the next start must check it again. */
  forget(database: string): void {
    rmSync(this.file(database), { force: true });
  },
  take(database: string): boolean {
    try {
      const recorded = cleanCloseSchema.safeParse(JSON.parse(readFileSync(this.file(database), "utf8")));
      rmSync(this.file(database), { force: true });
      if (!recorded.success || existsSync(`${database}-wal`)) return false;
      const { size, mtimeMs } = statSync(database);
      return recorded.data.size === size && recorded.data.mtimeMs === mtimeMs;
    } catch {
      return false;
    }
  },
};

/** Counts starts that never reached "ready", in a small file beside the database. */
export const startAttempts = {
  file: (dataDir: string) => path.join(dataDir, ".start-attempts"),
  read(dataDir: string): number {
    try {
      return Number.parseInt(readFileSync(this.file(dataDir), "utf8"), 10) || 0;
    } catch {
      return 0;
    }
  },
  begin(dataDir: string): number {
    const n = this.read(dataDir);
    try {
      writeFileSync(this.file(dataDir), String(n + 1));
    } catch {
      // An unwritable folder shows up as a problem at the probe.
    }
    return n;
  },
  succeeded(dataDir: string): void {
    rmSync(this.file(dataDir), { force: true });
  },
};
