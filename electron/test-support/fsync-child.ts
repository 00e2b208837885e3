// Child process of electron/fsync.test.ts, run under strace: opens an app core on a demo spa,
// books `n` guests for later today, then checks them in through the dispatcher between two
// marker system calls so the trace can be cut to exactly the check-ins.
import { afterStartWork, bookLaterToday, marker, openDemoCore } from "./traced-core";

const [dataDir = "", count] = process.argv.slice(2);
const mark = marker("happyhead-fsync");

async function main(): Promise<void> {
  const core = await openDemoCore(dataDir);
  const ids = bookLaterToday(core, Number(count), "Fsync");
  await afterStartWork(core);
  const kiosk = core.newSession("kiosk");
  // The kiosk acts only on bookings its own search returned (the search isn't what is counted here).
  for (const id of ids) kiosk.visitScope.add(id);
  mark("start");
  for (const appointmentId of ids) {
    const r = await core.dispatch(kiosk, "kiosk.checkIn", { appointmentId, lang: "en" });
    if (!r.ok) throw new Error(JSON.stringify(r));
  }
  mark("end");
  await core.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
