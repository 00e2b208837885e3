import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { HEARTBEAT_EVERY_MS, HEARTBEAT_STALE_MS } from "../../../contract/channels";
import { heard, heardNow, LOOK_EVERY_MS, looked, staleSince, type Freshness } from "./freshness";

/**
 * A desk's day as the decision sees it, on a timeline of the machine's awake time: the main process's heartbeats
 * arriving, the desk's own timer firing (on time, late, throttled in a hidden window), the machine sleeping (its lid
 * shut: nothing runs; the page's monotonic clock goes on in some systems and stops in others) and the wall clock
 * stepping (NTP, a person setting the time).
 */
interface Day {
  beats: number[];
  looks: number[];
  sleeps: { at: number; ms: number; monotonicRuns: boolean }[];
  wallSteps: { at: number; by: number }[];
}
interface Seen {
  kind: "look" | "beat";
  at: number;
  monotonic: number;
  wall: number;
  since: number | null;
  missed: boolean;
}

const WALL_START = Date.parse("2026-12-07T15:42:00Z");

function monotonicAt(day: Day, at: number): number {
  return at + day.sleeps.filter((s) => s.at <= at && s.monotonicRuns).reduce((sum, s) => sum + s.ms, 0);
}
function wallAt(day: Day, at: number): number {
  const slept = day.sleeps.filter((s) => s.at <= at).reduce((sum, s) => sum + s.ms, 0);
  return WALL_START + at + slept + day.wallSteps.filter((w) => w.at <= at).reduce((sum, w) => sum + w.by, 0);
}

/** Runs the desk's decision over the day; a look and a beat at the same moment: the look first (the worse case). */
function live(day: Day): Seen[] {
  const events = [
    ...day.looks.map((at) => ({ kind: "look" as const, at })),
    ...day.beats.map((at) => ({ kind: "beat" as const, at })),
  ].sort((a, b) => a.at - b.at || (a.kind === "look" ? -1 : 1));
  let state: Freshness = heardNow(monotonicAt(day, 0), wallAt(day, 0));
  return events.map(({ kind, at }) => {
    const monotonic = monotonicAt(day, at);
    const wall = wallAt(day, at);
    let missed = false;
    if (kind === "look") state = looked(state, monotonic);
    else ({ next: state, missed } = heard(state, monotonic, wall));
    return { kind, at, monotonic, wall, since: staleSince(state), missed };
  });
}

const sum = (gaps: number[]): number[] => {
  let t = 0;
  return gaps.map((g) => (t += g));
};
/** Times from 0 to `until`, the gaps taken in turn from `gaps` (a pattern of on-time, late and throttled looks). */
const cycle = (gaps: number[], until: number): number[] => {
  const out: number[] = [];
  for (let t = 0, i = 0; ; i++) {
    t += gaps[i % gaps.length] ?? LOOK_EVERY_MS;
    if (t > until) return out;
    out.push(t);
  }
};

/** The main process's timer, late by up to 1.5 s (a busy main thread, the IPC to the window). */
const beatGap = fc.integer({ min: HEARTBEAT_EVERY_MS - 50, max: HEARTBEAT_EVERY_MS + 1_500 });
/** The desk's timer: on time, a little late, or throttled to once a minute in a hidden window. */
const lookGap = fc.oneof(
  fc.integer({ min: LOOK_EVERY_MS - 5, max: LOOK_EVERY_MS + 100 }),
  fc.integer({ min: 1, max: 60_000 }),
);
const onTimeLook = fc.integer({ min: LOOK_EVERY_MS, max: Math.round(LOOK_EVERY_MS * 1.1) });
const DAY_MS = 24 * 3_600_000;
/** A lid shut for a moment up to two days; the page's monotonic clock running through it or not. */
const sleep = fc.record({
  at: fc.double({ min: 0, max: 0.999, noNaN: true }),
  ms: fc.integer({ min: 1, max: 2 * DAY_MS }),
  monotonicRuns: fc.boolean(),
  /** How much later than due the main process's first beat after waking comes (its own catching up). */
  wakeLate: fc.integer({ min: 0, max: 6_000 }),
});
type Sleep = typeof sleep extends fc.Arbitrary<infer S> ? S : never;
const wallStep = fc.record({
  share: fc.double({ min: 0, max: 1, noNaN: true }),
  by: fc.integer({ min: -DAY_MS, max: DAY_MS }),
});

/**
 * Sleeps spread over the day, no two between the same two beats (each at a share `at` of the gap after the beat it
 * follows), the main process's beats after each moved by its `wakeLate`.
 */
function withSleeps(beats: number[], sleeps: Sleep[]): Pick<Day, "beats" | "sleeps"> {
  const placed: Sleep[] = [];
  let lastAfter = Number.NEGATIVE_INFINITY;
  sleeps.forEach((s, i) => {
    // The beat it follows (-1: before the first).
    const after = Math.floor(((i + 1) * beats.length) / (sleeps.length + 1)) - 1;
    const [from, to] = [beats[after] ?? 0, beats[after + 1]];
    if (to === undefined || after === lastAfter) return;
    lastAfter = after;
    placed.push({ ...s, at: from + Math.floor(s.at * (to - from)) });
  });
  const shifted = beats.map((b) => b + placed.filter((s) => s.at < b).reduce((sum, s) => sum + s.wakeLate, 0));
  return { beats: shifted, sleeps: placed.map(({ at, ms, monotonicRuns }) => ({ at, ms, monotonicRuns })) };
}

describe("the desk's list: current or not up to date, from the main process's heartbeats", () => {
  it("with the main process alive, never says not up to date: throttled timers, a lid shut for up to two days, the wall clock stepping", () => {
    fc.assert(
      fc.property(
        fc.array(beatGap, { minLength: 3, maxLength: 80 }),
        fc.array(lookGap, { minLength: 1, maxLength: 30 }),
        fc.array(sleep, { maxLength: 3 }),
        fc.array(wallStep, { maxLength: 3 }),
        (beatGaps, lookGaps, sleeps, steps) => {
          const { beats, sleeps: placed } = withSleeps(sum(beatGaps), sleeps);
          const end = beats.at(-1) ?? 0;
          const day: Day = {
            beats,
            looks: cycle(lookGaps, end),
            sleeps: placed,
            wallSteps: steps.map((w) => ({ at: Math.round(w.share * end), by: w.by })),
          };
          for (const seen of live(day)) {
            expect(seen.since, `at ${seen.at} ms awake (${seen.kind})`).toBeNull();
            expect(seen.missed).toBe(false);
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it("a desk asleep with the machine does not cry wolf on waking: it counts afresh and the heartbeat comes first", () => {
    // The worst case by hand: the last beat just before the lid shut, an hour asleep with the page's clock running,
    // the desk's timer firing at once on waking and every second after, the main process's beat 6 s after waking.
    const day: Day = {
      beats: [5_000, 10_000, 10_000 + HEARTBEAT_EVERY_MS + 6_000],
      looks: cycle([LOOK_EVERY_MS], 10_000 + HEARTBEAT_EVERY_MS + 6_000),
      sleeps: [{ at: 10_001, ms: 3_600_000, monotonicRuns: true }],
      wallSteps: [],
    };
    const seen = live(day);
    expect(seen.filter((s) => s.since !== null)).toEqual([]);
    // Had the desk counted the hour it slept, it would have said so at the first look after waking.
    const wake = seen.find((s) => s.kind === "look" && s.at > 10_001);
    expect(wake && wake.monotonic - 10_000).toBeGreaterThan(HEARTBEAT_STALE_MS);
  });

  it("with the main process hung, says so no sooner than 15 s after the last beat and by 15 s and two looks (timers on time), and keeps saying so through sleeps until a beat", () => {
    fc.assert(
      fc.property(
        fc.array(beatGap, { minLength: 1, maxLength: 20 }),
        fc.array(onTimeLook, { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 20_000, max: 600_000 }),
        fc.array(sleep, { maxLength: 2 }),
        (beatGaps, lookGaps, hungFor, sleeps) => {
          const beats = sum(beatGaps);
          const lastBeat = beats.at(-1) ?? 0;
          const backAt = lastBeat + hungFor;
          // Sleeps only after the desk has said so: until then its timers run on time.
          const told = lastBeat + HEARTBEAT_STALE_MS * 1.1 + 2 * LOOK_EVERY_MS;
          const placed = sleeps.map((s, i) => ({
            at: Math.round(told + ((i + 1) * (backAt - told)) / (sleeps.length + 1)),
            ms: s.ms,
            monotonicRuns: s.monotonicRuns,
          }));
          const day: Day = { beats: [...beats, backAt], looks: cycle(lookGaps, backAt), sleeps: placed, wallSteps: [] };
          const seen = live(day);
          const looksWhileHung = seen.filter((s) => s.kind === "look" && s.at > lastBeat && s.at < backAt);
          const lastHeard = wallAt(day, lastBeat);
          for (const s of looksWhileHung) {
            if (s.at - lastBeat < HEARTBEAT_STALE_MS) expect(s.since, `${s.at - lastBeat} ms after`).toBeNull();
            if (s.at >= told) expect(s.since, `${s.at - lastBeat} ms after`).toBe(lastHeard);
          }
          // Once said, said until the main process beats again; that beat reads the list again.
          const first = looksWhileHung.findIndex((s) => s.since !== null);
          expect(first).toBeGreaterThanOrEqual(0);
          for (const s of looksWhileHung.slice(first)) expect(s.since).toBe(lastHeard);
          const back = seen.find((s) => s.kind === "beat" && s.at === backAt);
          expect(back).toMatchObject({ since: null, missed: true });
        },
      ),
      { numRuns: 300 },
    );
  });

  it("in a hidden window whose timers fire once a minute, a hung main process is told at the 15th look, never before", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: LOOK_EVERY_MS, max: 60_000 }), { minLength: 1, maxLength: 10 }),
        (gaps) => {
          let state = heardNow(0, WALL_START);
          let t = 0;
          const looks = Math.ceil(HEARTBEAT_STALE_MS / LOOK_EVERY_MS);
          for (let n = 1; n <= looks; n++) {
            t += gaps[n % gaps.length] ?? LOOK_EVERY_MS;
            state = looked(state, t);
            expect(staleSince(state), `look ${n}`).toBe(n < looks ? null : WALL_START);
          }
        },
      ),
    );
  });

  it("the wall clock stepping (an hour, a day, backwards) changes nothing but the time shown, which is the machine's when it last heard", () => {
    fc.assert(
      fc.property(
        fc.array(beatGap, { minLength: 1, maxLength: 10 }),
        fc.integer({ min: 20_000, max: 120_000 }),
        fc.array(wallStep, { minLength: 1, maxLength: 4 }),
        (beatGaps, hungFor, steps) => {
          const beats = sum(beatGaps);
          const end = (beats.at(-1) ?? 0) + hungFor;
          const plain: Day = { beats, looks: cycle([LOOK_EVERY_MS], end), sleeps: [], wallSteps: [] };
          const stepped: Day = { ...plain, wallSteps: steps.map((w) => ({ at: Math.round(w.share * end), by: w.by })) };
          const [a, b] = [live(plain), live(stepped)];
          expect(b.map((s) => s.since !== null)).toEqual(a.map((s) => s.since !== null));
          const lastBeat = beats.at(-1) ?? 0;
          for (const s of b) if (s.since !== null) expect(s.since).toBe(wallAt(stepped, lastBeat));
        },
      ),
    );
  });

  it("a beat before the list was said not up to date reads nothing again; the first after it does, once", () => {
    let state = heardNow(0, WALL_START);
    for (let t = LOOK_EVERY_MS; t < HEARTBEAT_STALE_MS; t += LOOK_EVERY_MS) state = looked(state, t);
    expect(staleSince(state)).toBeNull();
    expect(heard(state, HEARTBEAT_STALE_MS - 1, WALL_START + 14_999).missed).toBe(false);
    state = looked(state, HEARTBEAT_STALE_MS);
    expect(staleSince(state)).toBe(WALL_START);
    const back = heard(state, HEARTBEAT_STALE_MS + 10, WALL_START + 15_010);
    expect(back.missed).toBe(true);
    expect(heard(back.next, HEARTBEAT_STALE_MS + 20, WALL_START + 15_020).missed).toBe(false);
  });
});
