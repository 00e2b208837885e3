import { execFileSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * A real full disk for tests: a small tmpfs mounted on a folder (root on Linux only, as in CI) and filled until a
 * write fails with ENOSPC, the error a spa's full drive gives.
 */
export const canMountTmpfs: boolean =
  process.platform === "linux" &&
  process.getuid?.() === 0 &&
  (() => {
    // Not db/test/helpers' tempDir: that imports vitest, and the e2e specs (Playwright) use this too.
    const probe = mkdtempSync(path.join(tmpdir(), "happyhead-mount-"));
    try {
      execFileSync("mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", probe], { stdio: "ignore" });
      execFileSync("umount", [probe]);
      return true;
    } catch {
      return false;
    } finally {
      rmSync(probe, { recursive: true, force: true });
    }
  })();

export const mountTmpfs = (dir: string, size: string): void =>
  void execFileSync("mount", ["-t", "tmpfs", "-o", `size=${size}`, "tmpfs", dir], { stdio: "ignore" });
export const unmount = (dir: string): void => void execFileSync("umount", ["-l", dir], { stdio: "ignore" });

/** Fills the file system holding `dir` until a write fails (ENOSPC), leaving `leave` bytes; the filler's path. */
export function fillDisk(dir: string, leave = 0): string {
  const filler = path.join(dir, "filler.bin");
  const fd = openSync(filler, "w");
  const chunk = Buffer.alloc(4096, 1);
  try {
    for (;;) writeSync(fd, chunk);
  } catch {
    // ENOSPC: full
  } finally {
    closeSync(fd);
  }
  if (leave > 0) execFileSync("truncate", ["-s", `-${leave}`, filler]);
  return filler;
}
