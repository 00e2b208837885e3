import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ReportInput } from "../../contract/reports";
import { connect, type DB } from "../open";
import { generateCheckIns } from "../test/generate";
import { asModel, tempDir } from "../test/helpers";
import { reportSpa } from "../test/report-fixture";
import { addDays } from "../time";
import { fortnightDay, guestArb, playGuests } from "../test/report-cases";
import { assembleReport, uptakeReport } from "./reports";
import { countFromSource } from "./source";
import { addPackedSums, packedSumsSchema, packSums, unpackSums, type PackedSums, type ReportSums } from "./sums";

const pause = () => Promise.resolve();

/** The range's sums counted from the source in `parts` parts (each as one thread would), added up. */
async function sourceSums(db: DB, from: string, to: string, parts: number): Promise<ReportSums | null> {
  let sum: PackedSums | null = null;
  for (let part = 0; part < parts; part++) {
    const { sums } = await countFromSource(db, from, to, { part, parts }, pause);
    if (sums === null) return null;
    sum = sum === null ? packSums(sums) : addPackedSums(sum, packSums(sums));
  }
  return sum && unpackSums(sum);
}

describe("a report counted from the source tables", () => {
  it("is the report the cache gives, whatever happened, for any range and grain, in one part or two (property)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(guestArb, { minLength: 1, maxLength: 12 }),
        fc.integer({ min: -3, max: 13 }),
        fc.integer({ min: 0, max: 16 }),
        fc.constantFrom("day", "week", "month" as const),
        async (guests, start, length, grain) => {
          const spa = reportSpa();
          playGuests(spa, guests);
          const input: ReportInput = { from: fortnightDay(start), to: fortnightDay(start + length), grain };
          // Before any report, every check-in is stale: counted from the source.
          const whole = await sourceSums(spa.db, input.from, input.to, 1);
          const halves = await sourceSums(spa.db, input.from, input.to, 2);
          const cached = uptakeReport(spa, input);
          expect(whole && assembleReport(spa, input, whole)).toEqual(cached);
          expect(halves && assembleReport(spa, input, halves)).toEqual(cached);
          // Once the cache is built, its refresh is the quicker way: nothing is counted (a range without check-ins
          // counts nothing either way).
          const again = await sourceSums(spa.db, input.from, input.to, 1);
          if (cached.totals.checkIns > 0) expect(again).toBeNull();
        },
      ),
      { numRuns: 40 },
    );
  });

  it("on 20,000 check-ins of a year: two threads' parts each count about half, and add up to the cache's report", async () => {
    const file = path.join(tempDir(), "year.sqlite3");
    const { db, firstDay, lastDay } = generateCheckIns(file, 20_000);
    const input: ReportInput = { from: firstDay, to: lastDay, grain: "month" };
    const progress: [number, number][] = [];
    // Each part on a read-only connection of its own, as each worker thread has.
    const readers = [0, 1].map(() => connect(file, { readonly: true }));
    const parts = await Promise.all(
      readers.map((reader, part) =>
        countFromSource(reader, input.from, input.to, { part, parts: 2 }, pause, (done, total) =>
          progress.push([done, total]),
        ),
      ),
    );
    const [a, b] = parts.map((p) => p.sums);
    if (!a || !b) throw new Error("every check-in was stale, yet a part was not counted");
    const counted = (s: ReportSums) => s.days.reduce((n, d) => n + d.check_ins, 0);
    expect(counted(a) + counted(b)).toBe(20_000);
    expect(Math.min(counted(a), counted(b))).toBeGreaterThan(8_000);
    // Each part says how far it is, up to its own total.
    expect(progress.at(-1)?.[0]).toBe(progress.at(-1)?.[1]);
    expect(progress.every(([done, total]) => done <= total)).toBe(true);
    // Both counted on the same count of changes: nothing was written meanwhile.
    expect(parts[0]?.changes).toBe(parts[1]?.changes);
    // As the sums cross from a worker thread: packed, checked and unpacked, the same; a damaged table is refused.
    expect(unpackSums(packedSumsSchema.parse(packSums(a)))).toEqual(a);
    const damaged = packSums(a);
    damaged.days[3] = 0.5;
    expect(packedSumsSchema.safeParse(damaged).error?.issues[0]?.message).toBe("A table of report sums was damaged.");
    expect(packedSumsSchema.safeParse({ ...packSums(a), addons: new Float64Array(5) }).success).toBe(false);
    const fromSource = assembleReport(asModel(db), input, unpackSums(addPackedSums(packSums(a), packSums(b))));
    expect(fromSource).toEqual(uptakeReport(asModel(db), input));
    // A few check-ins made stale again (a desk change to last month's): the cache's refresh of them is quicker.
    db.exec(
      "INSERT OR IGNORE INTO report_stale (local_day, appointment_id) SELECT local_day, appointment_id FROM check_ins LIMIT 300",
    );
    expect((await countFromSource(db, input.from, input.to, { part: 0, parts: 1 }, pause)).sums).toBeNull();
    for (const reader of readers) reader.close();
    db.close();
  });

  it("asked for two ranges at once on one connection (the screen's range and the one it is compared with), counts each as its own", async () => {
    const { db, firstDay, lastDay } = generateCheckIns(path.join(tempDir(), "two.sqlite3"), 5_000);
    const spring = { from: firstDay, to: addDays(firstDay, 90) };
    const year = { from: firstDay, to: lastDay };
    const [a, b] = await Promise.all(
      [spring, year].map((r) => countFromSource(db, r.from, r.to, { part: 0, parts: 1 }, pause)),
    );
    const [aloneA, aloneB] = [
      await countFromSource(db, spring.from, spring.to, { part: 0, parts: 1 }, pause),
      await countFromSource(db, year.from, year.to, { part: 0, parts: 1 }, pause),
    ];
    expect(a).toEqual(aloneA);
    expect(b).toEqual(aloneB);
    expect(a?.sums?.days.length).toBeLessThan(b?.sums?.days.length ?? 0);
    db.close();
  });
});
