import { describe, expect, it } from "vitest";
import type { EventBatch } from "../../contract/hq";
import { reportSpa } from "../test/report-fixture";
import { startRestoreEpoch } from "./epochs";
import { savePairing, syncState, visitPseudonym } from "./outbox";
import { SyncWorker } from "./worker";

const LOCATION = "0b9f3c1e-5d2a-4c6b-9e8f-7a1b2c3d4e5f";

/** A spa with a few check-ins, paired with a head office that `answer` plays. */
function spaWith(answer: (batch: EventBatch, call: number) => Response | Error) {
  const spa = reportSpa();
  savePairing(spa.m, { kind: "system" }, { url: "http://127.0.0.1:9", locationId: LOCATION, token: "t".repeat(43) });
  for (let i = 0; i < 5; i++)
    spa.kiosk(spa.book("2026-11-02", `1${i}:00`, "swedish", "ana"), spa.localIso("2026-11-02", `1${i}:00`), ["face"]);
  const sent: EventBatch[] = [];
  let now = new Date("2026-11-02T20:00:00.000Z");
  const fetchFake: typeof fetch = async (_url, init) => {
    const batch = JSON.parse(init?.body as string) as EventBatch;
    sent.push(batch);
    const a = answer(batch, sent.length);
    if (a instanceof Error) throw a;
    return a;
  };
  const worker = new SyncWorker({ model: { db: spa.db }, fetch: fetchFake, batchSize: 10, now: () => now });
  return { spa, sent, worker, advance: (ms: number) => (now = new Date(now.getTime() + ms)) };
}
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
const ok = (b: EventBatch) => json(200, { batchId: b.batchId, accepted: b.events.length, duplicates: 0 });

describe("the sync worker", () => {
  it("drains the outbox in order, in batches, and moves the position only on the head office's answer", async () => {
    const { spa, sent, worker } = spaWith(ok);
    const waiting = syncState(spa).waiting;
    expect(await worker.drain()).toEqual({ sent: waiting, failed: null });
    expect(sent.flatMap((b) => b.events.map((e) => e.seq))).toEqual([...Array(waiting).keys()].map((i) => i + 1));
    expect(sent.every((b) => b.events.length <= 10)).toBe(true);
    expect(worker.status()).toMatchObject({
      waiting: 0,
      lastSyncAt: "2026-11-02T20:00:00.000Z",
      lastError: null,
      retryAt: null,
    });
  });

  it("backs off 1 s, 2 s, 4 s … while the head office is down, then resends the same batch, which counts as sent when it was a replay", async () => {
    let down = true;
    const { spa, sent, worker, advance } = spaWith(() =>
      down ? new TypeError("fetch failed") : json(409, { error: { code: "BATCH_REPLAYED", message: "seen" } }),
    );
    const waiting = syncState(spa).waiting;
    const retries = [];
    for (let i = 0; i < 4; i++) {
      expect((await worker.drain()).failed).toMatch(/unreachable/);
      retries.push(Date.parse(worker.status().retryAt!) - Date.parse("2026-11-02T20:00:00.000Z") - i * 10);
      advance(10);
    }
    expect(retries).toEqual([1000, 2000, 4000, 8000]);
    expect(syncState(spa)).toMatchObject({ waiting, lastError: expect.stringMatching(/unreachable/) });
    down = false;
    expect(await worker.drain()).toEqual({ sent: waiting, failed: null });
    // Every try of the first batch was the same batch (same id), so the head office could tell the replay.
    expect(new Set(sent.slice(0, 5).map((b) => b.batchId)).size).toBe(1);
  });

  it("stops at a refusal that needs a person (revoked token) and says why, sending nothing more", async () => {
    const { spa, sent, worker } = spaWith(() =>
      json(401, { error: { code: "REVOKED_TOKEN", message: "This location's token was revoked." } }),
    );
    const waiting = syncState(spa).waiting;
    expect((await worker.drain()).failed).toBe("REVOKED_TOKEN: This location's token was revoked.");
    expect(sent).toHaveLength(1);
    expect(worker.status()).toMatchObject({
      waiting,
      lastError: "REVOKED_TOKEN: This location's token was revoked.",
      retryAt: "2026-11-02T20:05:00.000Z",
    });
  });

  it("after a restore, sends nothing of the new epoch until the head office told its last seq, then numbers it past that", async () => {
    const spa = reportSpa();
    savePairing(spa.m, { kind: "system" }, { url: "http://127.0.0.1:9", locationId: LOCATION, token: "t".repeat(43) });
    const guest = (time: string) =>
      spa.kiosk(spa.book("2026-11-02", time, "swedish", "ana"), spa.localIso("2026-11-02", time), ["face"]);
    guest("10:00");
    const lastBefore = syncState(spa).waiting;
    startRestoreEpoch(spa.db, null); // what swapInBackup does to a restored file
    guest("11:00");
    let position: Response | Error = new TypeError("fetch failed");
    const sent: EventBatch[] = [];
    const fetchFake: typeof fetch = async (_url, init) => {
      if (init?.method === "GET") {
        if (position instanceof Error) throw position;
        return position;
      }
      const batch = JSON.parse(init?.body as string) as EventBatch;
      sent.push(batch);
      return ok(batch);
    };
    const worker = new SyncWorker({ model: spa, fetch: fetchFake, batchSize: 1000 });
    expect((await worker.drain()).failed).toMatch(/unreachable/);
    expect(sent).toEqual([]);
    position = json(200, { locationId: LOCATION, lastSeq: 5000 });
    expect(await worker.drain()).toMatchObject({ failed: null });
    const events = sent.flatMap((b) => b.events);
    expect(events.map((e) => e.seq)).toEqual([
      ...Array.from({ length: lastBefore }, (_, i) => i + 1),
      ...Array.from({ length: events.length - lastBefore }, (_, i) => 5001 + i),
    ]);
    // The two guests' visits: appointment 1 before the restore, 2 after it (with the epoch's nonce).
    const secret = spa.db.prepare("SELECT visit_secret FROM hq_sync").pluck().get() as string;
    expect(new Set(events.map((e) => e.visit)).size).toBe(2);
    expect(events[0]!.visit).toBe(visitPseudonym(secret, 1));
    expect(events.at(-1)!.visit).not.toBe(visitPseudonym(secret, 2));
  });
});
