import { modelOf, type Model, type ReadModel } from "../model";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach } from "vitest";
import { connect, openDatabase, type DB } from "../open";
import { seedDemo } from "../demo/seed-demo";
import { demoClock } from "../demo/clock";
import { defaultSettings } from "../../contract/settings";
import { systemClock, type Clock } from "../time";
import type { StaffActor } from "../model";
import { DomainError } from "../errors";
import { findAppointments } from "../kiosk/search";
import { channels, type ChannelInput, type ChannelName, type ParsedInput } from "../../contract/channels";
import { invalidInput } from "../../contract/result";

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

export function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "happyhead-test-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A clock tests can move. */
export function fixedClock(iso: string): Clock & { set(iso: string): void; advance(minutes: number): void } {
  let now = new Date(iso);
  return {
    now: () => new Date(now),
    set: (v) => (now = new Date(v)),
    advance: (m) => (now = new Date(now.getTime() + m * 60_000)),
  };
}

/**
 * A copy of `live`'s file as a newer version, or a hand at the file, might leave it: every trigger dropped and CHECK
 * constraints off on the returned connection, so a test can write values this version's schema refuses.
 */
export function oddCopy(live: DB, file: string): DB {
  live.pragma("wal_checkpoint(TRUNCATE)");
  copyFileSync(live.name, file);
  const db = connect(file);
  db.pragma("ignore_check_constraints = ON");
  for (const name of db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").pluck().all())
    db.exec(`DROP TRIGGER "${String(name)}"`);
  return db;
}

export function openTemp(): { db: DB; file: string } {
  const file = path.join(tempDir(), "test.sqlite3");
  const db = openDatabase(file);
  cleanups.push(() => db.open && db.close());
  return { db, file };
}

/**
 * The demo spa seeded at each moment a test file asked for, once per file: seeding (four weeks of history through
 * the domain operations, two scrypt PIN hashes) takes most of a second, copying its file a few milliseconds. A seed
 * on a fixed clock writes the same rows every time; only its random values (PIN salts, the head-office visit secret,
 * outbox event ids) are the same in every copy from one seed, as no test compares two spas' own.
 */
const seeded = new Map<string, string>();
process.once("exit", () => {
  for (const file of seeded.values()) rmSync(path.dirname(file), { recursive: true, force: true });
});

async function seededFile(key: string, clock: Clock): Promise<string> {
  const known = seeded.get(key);
  if (known) return known;
  const file = path.join(mkdtempSync(path.join(tmpdir(), "happyhead-demo-")), "demo.sqlite3");
  const db = openDatabase(file);
  try {
    await seedDemo(modelOf(db, clock));
  } finally {
    // The last connection's close moves the WAL into the file: one file holds the whole spa.
    db.close();
  }
  seeded.set(key, file);
  return file;
}

/** A demo spa at a fixed moment: Wed 25 Nov 2026, 10:07 in Los Angeles. */
export async function demoModel(
  iso = "2026-11-25T18:07:00.000Z",
): Promise<Model & { clock: ReturnType<typeof fixedClock> }> {
  const file = path.join(tempDir(), "test.sqlite3");
  copyFileSync(await seededFile(iso, fixedClock(iso)), file);
  const db = openDatabase(file);
  cleanups.push(() => db.open && db.close());
  const clock = fixedClock(iso);
  return { ...modelOf(db, clock), clock };
}

/**
 * Puts the demo spa in `dataDir` as `createAppCore({ dataDir, seed: "demo", clock })` would seed it there, from the
 * test file's seed: the core then opens it as an existing spa (it seeds only a new file), as it would right after its
 * own seed. On a fixed clock one seed serves each moment; on the demo clock (no clock given), which moves, each
 * minute it reads, as the e2e's demo spas (e2e/demo-database.ts): within it the seed writes the same guests.
 */
export async function demoSpaIn(dataDir: string, clock?: Clock): Promise<void> {
  const seedClock = clock ?? demoClock(defaultSettings.timeZone);
  const now = seedClock.now();
  const key = clock ? now.toISOString() : `demo clock, minute ${Math.floor(now.getTime() / 60_000)}`;
  const file = await seededFile(key, seedClock);
  mkdirSync(dataDir, { recursive: true });
  copyFileSync(file, path.join(dataDir, "happyhead.sqlite3"));
}

/** An input parsed as the dispatcher parses it, with the channel's schema; refused the same way (field-named). */
export function parsedInput<C extends ChannelName>(channel: C, input: ChannelInput<C>): ParsedInput<C> {
  const parsed = channels[channel].input.safeParse(input);
  if (parsed.success) return parsed.data as ParsedInput<C>;
  const { message, field } = invalidInput(parsed.error);
  throw new DomainError("INVALID_INPUT", message, field);
}

/**
 * A back-office db function called as its channel calls it: the raw input parsed first (db functions take the parsed
 * type).
 */
export const viaContract =
  <C extends ChannelName, R>(channel: C, fn: (m: Model, actor: StaffActor, input: ParsedInput<C>) => R) =>
  (m: Model, actor: StaffActor, input: ChannelInput<C>): R =>
    fn(m, actor, parsedInput(channel, input));

/** The demo spa's first receptionist, as the audit log names them. */
export function receptionist(m: Model): StaffActor {
  const s = m.db.prepare("SELECT id, name FROM staff WHERE role = 'receptionist' LIMIT 1").get() as
    { id: number; name: string } | undefined;
  if (!s) throw new Error("This test needs a receptionist: seed the demo spa first.");
  return { kind: "staff", staffId: s.id, name: s.name };
}

/** A model over a test's own connection, for functions that do not read the clock (reports, tickets' previews). */
export const asModel = (db: DB): Model => modelOf(db, systemClock);

/**
 * The value a test's setup looked up, or a failure saying what was missing: a lookup that finds
 * nothing fails here, by name, rather than carrying on with id 0 and failing somewhere unrelated.
 */
export function found<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`Test setup: ${what} not found.`);
  return value;
}

/** Today's appointment with this booking code (the demo spa's guests), or a clear failure. */
export const appointmentIdOf = (m: ReadModel, code: string): number =>
  found(findAppointments(m, { by: "code", code })[0], `today's appointment ${code}`).appointmentId;
