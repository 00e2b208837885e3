import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { demoSpaIn } from "../../db/test/helpers";
import { createAppCore, type AppCore } from "../core";

/** The demo spa's core in a folder of its own, printing to a printer that prints every ticket at once. */
export interface DemoCore {
  core: AppCore;
  dir: string;
}

export async function openDemoCore(prefix: string): Promise<DemoCore> {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  await demoSpaIn(dir);
  const core = await createAppCore({
    dataDir: dir,
    seed: "demo",
    driverFor: () => ({
      describe: () => "test",
      print: async () => ({ ok: true }),
      status: async () => ({ state: "ready", message: "" }),
    }),
  });
  return { core, dir };
}

/** Closes the core, then removes its folder. */
export async function closeDemoCore({ core, dir }: DemoCore): Promise<void> {
  await core.close();
  rmSync(dir, { recursive: true, force: true });
}

/**
 * One demo core for a whole test file: opened before its first test, closed after its last; read it with the function.
 */
export function demoCoreForFile(prefix: string): () => AppCore {
  let opened: DemoCore | undefined;
  beforeAll(async () => {
    opened = await openDemoCore(prefix);
  });
  afterAll(async () => {
    if (opened) await closeDemoCore(opened);
  });
  return () => {
    if (!opened) throw new Error("The demo core opens before the file's first test.");
    return opened.core;
  };
}
