import { writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { tempDir } from "../../db/test/helpers";
import { damage, healthyDb } from "../test-support/startup-files";
import { cleanClose, startAttempts } from "./records";

describe("startup's records beside the database", () => {
  it("a recorded clean close counts once; a crash or a changed file brings the quick check back", () => {
    const file = healthyDb(tempDir());
    expect(cleanClose.take(file)).toBe(false); // never closed cleanly: check
    cleanClose.record(file);
    expect(cleanClose.take(file)).toBe(true);
    expect(cleanClose.take(file)).toBe(false); // taken at start: a crash after it leaves no record
    cleanClose.record(file);
    damage(file); // written after the close (another program, a restore by hand)
    expect(cleanClose.take(file)).toBe(false);
    writeFileSync(cleanClose.file(file), "{not json");
    expect(cleanClose.take(file)).toBe(false);
  });

  it("counts starts that never reached the kiosk, until one does", () => {
    const dir = tempDir();
    expect([startAttempts.begin(dir), startAttempts.begin(dir), startAttempts.read(dir)]).toEqual([0, 1, 2]);
    startAttempts.succeeded(dir);
    expect(startAttempts.read(dir)).toBe(0);
  });
});
