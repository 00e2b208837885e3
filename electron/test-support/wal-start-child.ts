// Child process of electron/fsync.test.ts, run under strace: an app core on a demo spa, closed and opened again (the
// WAL checkpointed away), then kiosk check-ins through the dispatcher: two after opening, two after a TRUNCATE
// checkpoint, one after a PASSIVE one, each between marker system calls.
import type { AppCore } from "../core";
import { afterStartWork, bookLaterToday, marker, openDemoCore } from "./traced-core";

const [dataDir = ""] = process.argv.slice(2);
const mark = marker("happyhead-wal-start");

async function main(): Promise<void> {
  const first = await openDemoCore(dataDir);
  const ids = bookLaterToday(first, 5, "Wal");
  await first.maintenance.settled();
  await first.close(); // the last connection's close checkpoints the WAL away

  mark("open");
  const core: AppCore = await openDemoCore(dataDir);
  mark("opened");
  await afterStartWork(core);
  const kiosk = core.newSession("kiosk");
  for (const id of ids) kiosk.visitScope.add(id);
  let next = 0;
  const checkIn = async (name: string) => {
    mark(`check-in-${name}`);
    const r = await core.dispatch(kiosk, "kiosk.checkIn", { appointmentId: ids[next++] ?? 0, lang: "en" });
    if (!r.ok) throw new Error(JSON.stringify(r));
    mark("answered");
  };
  await checkIn("first");
  await checkIn("second");
  await core.background.run("checkpoint", { mode: "TRUNCATE" });
  await checkIn("after-truncate");
  await checkIn("next");
  await core.background.run("checkpoint", { mode: "PASSIVE" });
  await checkIn("after-passive");
  await core.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
