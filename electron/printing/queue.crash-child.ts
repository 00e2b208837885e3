// Child process of queue.crash.test.ts (run with `node --import tsx`): the app core on a
// data folder, printing its queue to whatever printer the settings name, and saying on stdout
// each time a job changes state. It exits by itself once no job is left; the test kills it
// with SIGKILL at random moments before that.
import { createAppCore } from "../core";

async function main(): Promise<void> {
  const dataDir = process.argv[2];
  if (!dataDir) throw new Error("usage: queue.crash-child.ts DATA_DIR");
  const core = await createAppCore({ dataDir, seed: "empty", printBackoffMs: () => 10 });
  core.onEvent((_audience, event) => {
    if (event === "queue.changed") process.stdout.write("job\n");
  });
  const pending = core.model.db
    .prepare("SELECT count(*) FROM print_jobs WHERE status IN ('queued', 'sending')")
    .pluck();
  const timer = setInterval(() => {
    if (core.printQueue.busy()) return;
    if ((pending.get() as number) > 0) return core.printQueue.kick();
    clearInterval(timer);
    void core.close().then(() => process.stdout.write("done\n"));
  }, 20);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
