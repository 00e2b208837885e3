// The process the durability tests kill: kiosk check-ins with add-ons through the domain layer,
// each acknowledged on stdout ("ack <appointment id>") only after both transactions committed.
// Usage: node --import tsx db/durability/crash-child.ts FILE [FULL|OFF] [MAX]
import { modelOf, type Model } from "../model";
import { writeSync } from "node:fs";
import { checkInAtKiosk } from "../kiosk/check-in";
import { chooseAddons } from "../kiosk/choose";
import { openDatabase } from "../open";
import { fixedClock, pendingGuests } from "./fixture";

const [file, sync = "FULL", max = "100000"] = process.argv.slice(2);
if (!file) throw new Error("usage: crash-child.ts FILE [FULL|OFF] [MAX]");

const db = openDatabase(file);
// OFF only for the power-loss test's proof that it can see lost writes.
if (sync === "OFF") db.pragma("synchronous = OFF");
const m: Model = modelOf(db, fixedClock);
const addons = (db.prepare("SELECT id FROM addons ORDER BY sort_order").all() as { id: number }[]).map((r) => r.id);

writeSync(1, "ready\n");
let n = 0;
for (const id of pendingGuests(db)) {
  if (n++ >= Number(max)) break;
  checkInAtKiosk(m, id, "en");
  chooseAddons(m, {
    appointmentId: id,
    addonIds: n % 3 === 0 ? addons : addons.slice(n % 2, (n % 2) + 1),
    offerMs: 1500 + n,
    lang: "en",
  });
  // Synchronous write to the pipe: the parent sees the acknowledgement only after the commit.
  writeSync(1, `ack ${id}\n`);
}
writeSync(1, "done\n");
db.close();
