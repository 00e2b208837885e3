import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { once } from "node:events";
import { afterEach, describe, expect, it } from "vitest";
import { modelOf } from "../../db/model";
import { openDatabase } from "../../db/open";
import { appendAudit } from "../../db/audit";
import { createStaff, login } from "../../db/staff/staff";
import { createPinPads } from "../../db/staff/pin-pads";
import { systemClock } from "../../db/time";
import { sourceWorker } from "./client";
import {
  SLICE_HOLD_MS,
  WRITES_HELD_MESSAGE,
  callsInTurn,
  gateWrites,
  newWriteGate,
  sliceSizes,
  sliceWork,
  writesInTurn,
} from "./gate";

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

/** A main-thread connection on its gate, as the app core opens it, in a folder of its own. */
function gatedDatabase() {
  const dir = mkdtempSync(path.join(tmpdir(), "happyhead-gate-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const database = path.join(dir, "happyhead.sqlite3");
  const gate = newWriteGate();
  const db = gateWrites(openDatabase(database, { checkpoints: "background" }), gate);
  cleanups.push(() => db.close());
  return { database, gate, db };
}

describe("the write gate", () => {
  it("a manager signing in while a background write slice holds the lock waits for that slice and is signed in, the audit chain unbroken", async () => {
    const { database, gate, db } = gatedDatabase();
    const model = modelOf(db, systemClock);
    const id = await createStaff(model, { name: "Mina", role: "manager", pin: "482916" });

    // The background writer inside a slice, its transaction open: it commits only after the
    // main thread has announced its write (electron/test-support/slice-holder.ts).
    const holder = sourceWorker(path.join(__dirname, "../test-support/slice-holder.ts"), { database, gate });
    cleanups.push(() => holder.terminate());
    const [said] = (await once(holder, "message")) as [string];
    expect(said).toBe("holding");
    const done = once(holder, "message");

    const signedIn = await login(
      model,
      id,
      "482916",
      createPinPads(() => performance.now()),
      "desk-1",
    );
    expect(signedIn).toEqual({ id, name: "Mina", role: "manager" });
    expect(await done).toEqual(["done"]);
    const actions = db.prepare("SELECT action FROM audit_log ORDER BY id").pluck().all();
    expect(actions).toEqual(["staff.create", "test.slice", "staff.login"]);
    const chain = db.prepare("SELECT prev_hash, hash FROM audit_log ORDER BY id").all() as {
      prev_hash: string;
      hash: string;
    }[];
    for (let i = 1; i < chain.length; i++) expect(chain[i]?.prev_hash).toBe(chain[i - 1]?.hash);
  });
});

describe("a background writer holding the file (a time-zone change)", () => {
  it("refuses the main thread's write calls at once, saying why, while its reads answer; the print queue's write waits and then runs", async () => {
    const { database, gate, db } = gatedDatabase();
    const release = new SharedArrayBuffer(4);
    const holder = sourceWorker(path.join(__dirname, "../test-support/hold-holder.ts"), { database, gate, release });
    cleanups.push(() => holder.terminate());
    expect(((await once(holder, "message")) as [string])[0]).toBe("holding");
    const done = once(holder, "message");
    const write = (action: string) => () =>
      db
        .transaction(() => appendAudit(db, systemClock, { kind: "system" }, { action, entity: "test", entityId: null }))
        .immediate();

    // A call never made before goes at once: its read answers, its write is refused by the gate (not SQLite's busy
    // timeout, whose refusal says another program holds the file).
    const inTurn = callsInTurn(gate);
    expect(
      await inTurn("test.read", () => Promise.resolve(db.prepare("SELECT count(*) FROM audit_log").pluck().get())),
    ).toBe(0);
    await expect(inTurn("test.write", () => Promise.resolve(write("test.refused")()))).rejects.toMatchObject({
      code: "NOT_AVAILABLE",
      message: WRITES_HELD_MESSAGE,
    });

    // What writes outside a call waits for the hold, the event loop free, and then writes.
    let waited = false;
    const printing = writesInTurn(
      gate,
      "wait",
    )(() => {
      write("test.printed")();
      waited = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(waited).toBe(false);
    Atomics.store(new Int32Array(release), 0, 1);
    Atomics.notify(new Int32Array(release), 0);
    await printing;
    expect(await done).toEqual(["done"]);
    expect(db.prepare("SELECT action FROM audit_log ORDER BY id").pluck().all()).toEqual(["test.hold", "test.printed"]);
  });
});

describe("the background writer's slice sizes", () => {
  it("start at the minimum, grow to the maximum while slices are quick, halve while a slice holds the lock longer than SLICE_HOLD_MS, down to the minimum, and grow back", () => {
    const s = sliceSizes(250, 10);
    expect(s.next()).toBe(10);
    const up: number[] = [];
    for (let i = 0; i < 6; i++) {
      s.held(1);
      up.push(s.next());
    }
    expect(up).toEqual([20, 40, 80, 160, 250, 250]);
    const sizes: number[] = [];
    for (let i = 0; i < 8; i++) {
      s.held(SLICE_HOLD_MS * 20); // a loaded machine: every slice far too long
      sizes.push(s.next());
    }
    expect(sizes).toEqual([125, 62, 31, 15, 10, 10, 10, 10]);
    s.held(SLICE_HOLD_MS * 0.75); // within the hold: the size stays
    expect(s.next()).toBe(10);
    const back: number[] = [];
    for (let i = 0; i < 6; i++) {
      s.held(1);
      back.push(s.next());
    }
    expect(back).toEqual([20, 40, 80, 160, 250, 250]);
  });
});

describe("a slice's work", () => {
  it("runs from its turn to the end of its outermost transaction's body, the commit after it apart; every kind of transaction still runs", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "happyhead-slice-work-"));
    const db = openDatabase(path.join(dir, "happyhead.sqlite3"));
    cleanups.push(() => {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    });
    const workSince = sliceWork(db);
    db.exec("CREATE TABLE t (x)");
    const spin = (ms: number) => {
      for (const until = performance.now() + ms; performance.now() < until;);
    };
    const inner = db.transaction(() => db.prepare("INSERT INTO t VALUES (1)").run());
    const slice = db.transaction(() => {
      inner(); // a savepoint inside: its end is not the slice's
      spin(20);
    });
    const started = performance.now();
    slice.immediate();
    const afterCommit = performance.now();
    expect(workSince(started)).toBeGreaterThanOrEqual(20);
    expect(workSince(started)).toBeLessThanOrEqual(afterCommit - started);
    // The body's end, whatever came after it: a later look at the same slice says the same.
    spin(5);
    expect(workSince(started)).toBeLessThanOrEqual(afterCommit - started);
    for (const kind of ["deferred", "immediate", "exclusive"] as const) slice[kind]();
    slice();
    expect(db.prepare("SELECT count(*) FROM t").pluck().get()).toBe(5);
    // A slice that wrote nothing (no transaction) did no work.
    expect(workSince(performance.now())).toBe(0);
  });
});

describe("the main thread's calls in turn", () => {
  it("a call known to write, or not made before, waits for a worker's slice with the event loop free, then runs first; a call that wrote nothing before runs at once, slice or not", async () => {
    const { database, gate, db } = gatedDatabase();
    const inTurn = callsInTurn(gate);
    const order: string[] = [];
    const write = (action: string) => () => {
      db.transaction(() =>
        appendAudit(db, systemClock, { kind: "system" }, { action, entity: "test", entityId: null }),
      ).immediate();
      order.push(action);
      return Promise.resolve(action);
    };
    const read = () => {
      order.push("read");
      return Promise.resolve(db.prepare("SELECT count(*) FROM audit_log").pluck().get());
    };
    // First calls, no slice: both run at once, and the first is learned to write.
    await inTurn("test.write", write("test.first"));
    await inTurn("test.read", read);

    const holder = sourceWorker(path.join(__dirname, "../test-support/slice-holder.ts"), { database, gate });
    cleanups.push(() => holder.terminate());
    expect(((await once(holder, "message")) as [string])[0]).toBe("holding");
    const done = once(holder, "message");
    order.length = 0;

    // Inside the slice: the read runs at once (nothing to wait for)...
    const reading = inTurn("test.read", read);
    expect(order).toEqual(["read"]);
    // ...and the write, and a call not made before, are announced but not run: each returned to the event loop,
    // which goes on meanwhile.
    const writing = inTurn("test.write", write("test.main"));
    const unseen = inTurn("test.new", write("test.new"));
    expect(order).toEqual(["read"]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(await writing).toBe("test.main");
    expect(await unseen).toBe("test.new");
    expect(await reading).toBe(1);
    expect(await done).toEqual(["done"]);
    const actions = db.prepare("SELECT action FROM audit_log ORDER BY id").pluck().all();
    expect(actions).toEqual(["test.first", "test.slice", "test.main", "test.new"]);
  });
});

describe("a write call while a background writer takes slice after slice", () => {
  it("no slice runs during a write call's synchronous part, even one that starts after the call found the gate free: the main thread never waits for a slice inside its transaction", async () => {
    const { database, gate, db } = gatedDatabase();
    const inTurn = callsInTurn(gate);
    const at = { INSIDE: 0, SLICES: 1, STOP: 2 } as const;
    const seen = new Int32Array(new SharedArrayBuffer(12));
    // Slices of 4 ms with 2 ms between them, as retention's and the cache's: a call often finds the gate free.
    const taker = sourceWorker(path.join(__dirname, "../test-support/slice-taker.ts"), {
      database,
      gate,
      seen: seen.buffer,
      at,
    });
    cleanups.push(() => taker.terminate());
    expect(((await once(taker, "message")) as [string])[0]).toBe("started");
    const spin = (ms: number) => {
      for (const until = performance.now() + ms; performance.now() < until;);
    };
    const overlapped: number[] = [];
    const call = (i: number) => () => {
      const slices = Atomics.load(seen, at.SLICES);
      const inside = Atomics.load(seen, at.INSIDE);
      // The call's work before its transaction (parsing, authorizing, the handler's reads): 2 ms.
      spin(2);
      db.transaction(() =>
        appendAudit(db, systemClock, { kind: "system" }, { action: "test.main", entity: "test", entityId: i }),
      ).immediate();
      if (inside !== 0 || Atomics.load(seen, at.INSIDE) !== 0 || Atomics.load(seen, at.SLICES) !== slices)
        overlapped.push(i);
      return Promise.resolve(i);
    };
    const calls = 120;
    for (let i = 0; i < calls; i++) {
      expect(await inTurn("test.write", call(i))).toBe(i);
      await new Promise((resolve) => setTimeout(resolve, 1 + (i % 5)));
    }
    Atomics.store(seen, at.STOP, 1);
    Atomics.notify(seen, at.STOP);
    expect(((await once(taker, "message")) as [string])[0]).toBe("stopped");
    expect(overlapped).toEqual([]);
    // The writer was at work throughout: its slices and the calls took turns.
    expect(Atomics.load(seen, at.SLICES)).toBeGreaterThan(calls / 4);
    const count = (action: string) =>
      db.prepare("SELECT count(*) FROM audit_log WHERE action = ?").pluck().get(action) as number;
    expect(count("test.main")).toBe(calls);
    expect(count("test.slice")).toBe(Atomics.load(seen, at.SLICES));
  });
});
