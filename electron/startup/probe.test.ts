import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { LATEST_VERSION } from "../../db/migrations";
import { openDatabase } from "../../db/open";
import { tempDir } from "../../db/test/helpers";
import { damage, healthyDb } from "../test-support/startup-files";
import { probeDatabase, probeOffMainThread } from "./probe";

describe("startup: the probe reads the database without changing it", () => {
  it("a healthy database; none at all", () => {
    expect(probeDatabase(healthyDb(tempDir()))).toEqual({ exists: true, userVersion: LATEST_VERSION, problem: null });
    expect(probeDatabase(path.join(tempDir(), "none.sqlite3"))).toEqual({
      exists: false,
      userVersion: null,
      problem: null,
    });
  });

  it("a corrupt file (damaged pages, or not a database at all)", () => {
    const file = healthyDb(tempDir());
    damage(file);
    expect(probeDatabase(file).problem?.kind).toBe("corrupt");
    const junk = path.join(tempDir(), "happyhead.sqlite3");
    writeFileSync(junk, "not a database at all, just a text file that got the name".repeat(200));
    expect(probeDatabase(junk).problem?.kind).toBe("corrupt");
  });

  it("skips the quick check only after a clean close: a damaged page then goes unseen until the background check", () => {
    const file = healthyDb(tempDir());
    damage(file);
    expect(probeDatabase(file, { closedCleanly: false }).problem?.kind).toBe("corrupt");
    expect(probeDatabase(file, { closedCleanly: true }).problem).toBeNull();
  });

  it("a database locked by another process is reported as in use", async () => {
    const file = healthyDb(tempDir());
    const holder = spawn(
      process.execPath,
      [
        "-e",
        `const db = new (require("better-sqlite3"))(${JSON.stringify(file)}); db.exec("BEGIN EXCLUSIVE"); db.prepare("INSERT INTO filler VALUES ('held')").run(); console.log("locked"); setInterval(() => {}, 1000);`,
      ],
      { cwd: path.resolve(__dirname, "..", ".."), stdio: ["ignore", "pipe", "inherit"] },
    );
    try {
      await new Promise<void>((resolve) =>
        holder.stdout.on("data", (d: Buffer) => d.toString().includes("locked") && resolve()),
      );
      expect(probeDatabase(file, { lockTimeoutMs: 200 }).problem?.kind).toBe("locked");
    } finally {
      holder.kill("SIGKILL");
    }
    expect(probeDatabase(file).problem).toBeNull();
  });

  it("a database from a newer version is refused with its schema number", () => {
    const file = healthyDb(tempDir());
    const db = openDatabase(file);
    db.pragma(`user_version = ${LATEST_VERSION + 3}`);
    db.close();
    expect(probeDatabase(file).problem).toMatchObject({ kind: "newer", found: LATEST_VERSION + 3 });
  });
});

describe("startup: the probe in its own thread (after a crash)", () => {
  it("finds what the probe finds on the main thread: a healthy file, a damaged one, none at all", async () => {
    const healthy = healthyDb(tempDir());
    expect(await probeOffMainThread(healthy)).toEqual(probeDatabase(healthy));
    const damaged = healthyDb(tempDir());
    damage(damaged);
    expect(await probeOffMainThread(damaged)).toMatchObject({ exists: true, problem: { kind: "corrupt" } });
    const none = path.join(tempDir(), "none.sqlite3");
    expect(await probeOffMainThread(none)).toEqual({ exists: false, userVersion: null, problem: null });
  });
});
