import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { LATEST_VERSION } from "../../db/migrations";
import { openDatabase } from "../../db/open";
import { tempDir } from "../../db/test/helpers";
import { damageEnd, healthyDb } from "../test-support/startup-files";
import { probeDatabase, quickCheck, quickCheckOffMainThread } from "./probe";

describe("startup: the probe reads the database without changing it", () => {
  it("a healthy database; none at all", () => {
    expect(probeDatabase(healthyDb(tempDir()))).toEqual({ exists: true, userVersion: LATEST_VERSION, problem: null });
    expect(probeDatabase(path.join(tempDir(), "none.sqlite3"))).toEqual({
      exists: false,
      userVersion: null,
      problem: null,
    });
  });

  it("a file that is not a database at all is corrupt; damaged pages are left to the quick check", () => {
    const junk = path.join(tempDir(), "happyhead.sqlite3");
    writeFileSync(junk, "not a database at all, just a text file that got the name".repeat(200));
    expect(probeDatabase(junk).problem?.kind).toBe("corrupt");
    const file = healthyDb(tempDir());
    damageEnd(file);
    expect(probeDatabase(file).problem).toBeNull();
    expect(quickCheck(file)).toMatchObject({ result: "damaged", problem: { kind: "corrupt" } });
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

describe("startup: the quick check in its own thread (after a crash, once the app is open)", () => {
  it("finds what it finds on the main thread: a healthy file, a damaged one, one that can't be read", async () => {
    const healthy = healthyDb(tempDir());
    expect(await quickCheckOffMainThread(healthy)).toEqual({ result: "ok" });
    const damaged = healthyDb(tempDir());
    damageEnd(damaged);
    expect(await quickCheckOffMainThread(damaged)).toMatchObject({ result: "damaged", problem: { kind: "corrupt" } });
    expect(await quickCheckOffMainThread(path.join(tempDir(), "none.sqlite3"))).toMatchObject({ result: "not-run" });
  });

  it("reads the committed state while the app's connection goes on writing", async () => {
    const file = healthyDb(tempDir());
    const writer = openDatabase(file);
    try {
      const checking = quickCheckOffMainThread(file);
      const insert = writer.prepare("INSERT INTO filler VALUES (?)");
      for (let i = 0; i < 200; i++) insert.run(`written during the check ${i}`);
      expect(await checking).toEqual({ result: "ok" });
      expect(writer.prepare("SELECT count(*) FROM filler").pluck().get()).toBe(2200);
    } finally {
      writer.close();
    }
  });
});
