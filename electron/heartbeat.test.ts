import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { HEARTBEAT_EVERY_MS, HEARTBEAT_STALE_MS } from "../contract/channels";
import { createAppCore } from "./core";
import { startHeartbeat } from "./heartbeat";

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe("the main process's heartbeat", () => {
  it("beats every 5 s until stopped, and the desk's 15 s leaves two beats to miss", () => {
    expect(HEARTBEAT_EVERY_MS).toBe(5_000);
    expect(HEARTBEAT_STALE_MS).toBeGreaterThanOrEqual(3 * HEARTBEAT_EVERY_MS);
    vi.useFakeTimers();
    const beat = vi.fn();
    const stop = startHeartbeat(beat);
    vi.advanceTimersByTime(HEARTBEAT_EVERY_MS - 1);
    expect(beat).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(beat).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(60_000);
    expect(beat).toHaveBeenCalledTimes(13);
    stop();
    vi.advanceTimersByTime(60_000);
    expect(beat).toHaveBeenCalledTimes(13);
  });

  it("never keeps a quitting app alive: its timer is unreferenced", () => {
    const setInterval = vi.spyOn(globalThis, "setInterval");
    const stop = startHeartbeat(() => undefined, 60_000);
    const timer = setInterval.mock.results[0]?.value as NodeJS.Timeout;
    expect(timer.hasRef()).toBe(false);
    stop();
  });

  it("reaches the staff windows only, at the interval the core is given, and stops when the core closes", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "happyhead-heartbeat-"));
    try {
      const core = await createAppCore({ dataDir: dir, seed: "empty", heartbeatMs: 40 });
      const beats: string[] = [];
      core.onEvent((audience, event) => {
        if (event === "app.heartbeat") beats.push(audience);
      });
      await vi.waitFor(() => expect(beats.length).toBeGreaterThanOrEqual(3), { timeout: 2_000 });
      expect(new Set(beats)).toEqual(new Set(["staff"]));
      await core.close();
      const atClose = beats.length;
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(beats.length).toBe(atClose);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
