// `npm run audit:verify -- --data-dir DIR`: checks the audit log's hash chain in DIR's database
// and, against the newest backup in DIR/backups, that no row was cut off the end. Read-only.
// Exit code 0 when intact, 1 when a row was edited or deleted, 2 when it can't be checked.
import { existsSync } from "node:fs";
import path from "node:path";
import { auditRowKeptSince, verifyAuditChain } from "../db/audit";
import { backupsDir, listBackups, validateBackupFile } from "../db/maintenance/backup";
import { connect } from "../db/open";

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  const eq = process.argv.find((a) => a.startsWith(`${name}=`));
  return eq ? eq.slice(name.length + 1) : i >= 0 ? process.argv[i + 1] : undefined;
};

function main(): number {
  const dataDir = arg("--data-dir");
  if (!dataDir) {
    console.error("Usage: npm run audit:verify -- --data-dir DIR");
    return 2;
  }
  const file = path.join(path.resolve(dataDir), "happyhead.sqlite3");
  if (!existsSync(file)) {
    console.error(`No database at ${file}.`);
    return 2;
  }
  const db = connect(file, { readonly: true });
  try {
    const chain = verifyAuditChain(db);
    if (!chain.ok) {
      console.log(`TAMPERED: audit row ${chain.firstBadId}: ${chain.problem} (checked ${chain.rows} rows).`);
      return 1;
    }
    const newest = listBackups(backupsDir(path.dirname(file))).find(
      (b) => validateBackupFile(path.join(backupsDir(path.dirname(file)), b.name)).ok,
    );
    if (newest) {
      const backup = connect(path.join(backupsDir(path.dirname(file)), newest.name), { readonly: true });
      try {
        const kept = auditRowKeptSince(db, backup);
        if (!kept.ok) {
          console.log(
            `TAMPERED: audit row ${kept.missingId}, present in backup ${newest.name}, is missing or changed in the database.`,
          );
          return 1;
        }
      } finally {
        backup.close();
      }
    }
    console.log(
      `OK: ${chain.rows} audit rows, hash chain intact${newest ? `, nothing cut since backup ${newest.name}` : " (no backup to compare the end with)"}.`,
    );
    return 0;
  } finally {
    db.close();
  }
}

process.exitCode = main();
