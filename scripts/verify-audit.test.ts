import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect } from "../db/open";
import { createAppCore } from "../electron/core";

let base: string;
const root = path.resolve(__dirname, "..");
beforeAll(async () => {
  base = mkdtempSync(path.join(tmpdir(), "happyhead-audit-"));
  const core = await createAppCore({ dataDir: path.join(base, "clean"), seed: "demo" });
  // The daily backup the check compares the log's end with is taken in the background after start.
  await core.maintenance.settled();
  await core.close();
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

/** A copy of the clean data folder with one change made behind the app's back. */
function tampered(name: string, sql: string): string {
  const dir = path.join(base, name);
  cpSync(path.join(base, "clean"), dir, { recursive: true });
  const db = connect(path.join(dir, "happyhead.sqlite3"));
  db.exec("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;");
  db.exec(sql);
  db.close();
  return dir;
}

const verify = (dir: string) => {
  const r = spawnSync(process.execPath, ["--import", "tsx", "scripts/verify-audit.ts", "--data-dir", dir], {
    cwd: root,
    encoding: "utf8",
  });
  return { code: r.status, out: r.stdout + r.stderr };
};

describe("npm run audit:verify", () => {
  it("reports an intact log", () => {
    const r = verify(path.join(base, "clean"));
    expect(r.out).toMatch(/^OK: \d+ audit rows, hash chain intact, nothing cut since backup/);
    expect(r.code).toBe(0);
  });

  it("reports an edited row, a deleted row and rows cut off the end", () => {
    const edited = verify(tampered("edited", "UPDATE audit_log SET reason = 'nothing to see' WHERE id = 40"));
    expect(edited).toEqual({ code: 1, out: expect.stringMatching(/TAMPERED: audit row 40: this row was edited/) });
    const deleted = verify(tampered("deleted", "DELETE FROM audit_log WHERE id = 40"));
    expect(deleted).toEqual({
      code: 1,
      out: expect.stringMatching(/TAMPERED: audit row 41: a row before it was deleted/),
    });
    const cut = verify(tampered("cut", "DELETE FROM audit_log WHERE id > (SELECT max(id) - 3 FROM audit_log)"));
    expect(cut).toEqual({
      code: 1,
      out: expect.stringMatching(/TAMPERED: audit row \d+, present in backup .* is missing/),
    });
  });
});
