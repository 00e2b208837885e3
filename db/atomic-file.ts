import { randomUUID } from "node:crypto";
import { rename, rm } from "node:fs/promises";
import path from "node:path";

/**
 * Writes a file whole or not at all: `write` fills a temporary file next to `file`, which is
 * renamed into place when it resolves and removed when it throws, so a reader (a manager opening
 * an export, a therapist's ticket folder) only ever sees the old file or the complete new one.
 */
export async function writeAtomically<T>(file: string, write: (tmp: string) => Promise<T>): Promise<T> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${randomUUID().slice(0, 8)}.part`);
  try {
    const result = await write(tmp);
    await rename(tmp, file);
    return result;
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}
