import { setPriority } from "node:os";

/**
 * The nice value the app's background threads run at (the model's workers, an export's thread, the quick check after
 * a crash), so that where they keep the cores busy the main thread and the kiosk's renderer come first; their own work
 * waits only while something else wants the core. Measured on the 1,000,000-check-in year (2 cores), with these
 * threads at 0 and at 10: the main thread's longest stall in `heavy-tasks` 7.4-38.4 ms against 13.1-24.3 ms (two
 * runs each), the first cold report 7.07-7.97 s against 7.17-7.29 s; the guest's tap → painted p95 with Chromium's CPU
 * slowed 4× (`kiosk-paint-heavy-throttled`) 107.0-167.5 ms in one run against 68.2-129.4 ms in three.
 */
export const BACKGROUND_NICE = 10;

/**
 * The nice value to give a background thread on `platform`, or null to leave it. Only Linux keeps a nice value
 * per thread (setpriority(2): "under the current Linux/NPTL implementation of POSIX threads, the nice value is a
 * per-thread attribute"): os.setPriority() from the thread lowers that thread alone. On macOS and Windows the same
 * call reprioritizes the whole process, the main thread and every window's calls with it: there the threads keep
 * the process's.
 */
export const backgroundNice = (platform: NodeJS.Platform): number | null =>
  platform === "linux" ? BACKGROUND_NICE : null;

/** First thing in a background thread: its own priority lowered where that touches it alone (backgroundNice). */
export function lowerThisThread(platform: NodeJS.Platform = process.platform): void {
  const nice = backgroundNice(platform);
  if (nice === null) return;
  try {
    setPriority(nice);
  } catch {
    // A sandbox that forbids even lowering one's own priority: the thread keeps it, and works the same.
  }
}
