// Child process of db/maintenance/flusher.test.ts, run under strace: backs up a generated database
// of `n` check-ins with createBackup, as the background reader does.
import path from "node:path";
import { generateCheckIns } from "./generate";
import { modelOf } from "../model";
import { systemClock } from "../time";
import { createBackup } from "../maintenance/backup";

const [dir, count] = process.argv.slice(2);
const { db } = generateCheckIns(path.join(dir ?? "", "happyhead.sqlite3"), Number(count));
db.pragma("wal_checkpoint(TRUNCATE)");
void createBackup(modelOf(db, systemClock), path.join(dir ?? "", "backups"), "manual").then(() => db.close());
