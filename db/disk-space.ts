import { statfsSync } from "node:fs";

/**
 * Free bytes for this app on the file system holding `folder` (what an unprivileged program may still write), or null
 * when it can't be asked (no such folder, a file system that doesn't answer).
 */
export function freeBytes(folder: string): number | null {
  try {
    const fs = statfsSync(folder);
    return Number(fs.bavail) * Number(fs.bsize);
  } catch {
    return null;
  }
}
