import { describe, expect, it } from "vitest";
import {
  afterRendererGone,
  afterUncaught,
  afterUnresponsive,
  CRASH_WINDOW_MS,
  HANG_GRACE_MS,
  mayClose,
  MAX_RELOAD_DELAY_MS,
  powerSaveBlock,
  secondInstanceTarget,
  UNCAUGHT_LIMIT,
  type GoneDecision,
} from "./lifecycle";

describe("closing windows", () => {
  it("the kiosk, the startup/recovery window and the staff window on its own display refuse a user's close", () => {
    for (const w of ["kiosk", "startup", "staff"] as const) expect(mayClose(w, false), w).toBe(false);
  });

  it("while the app quits every window closes, so app.quit() is never cancelled by a window", () => {
    for (const w of ["kiosk", "startup", "staff", "staff-on-demand"] as const) expect(mayClose(w, true), w).toBe(true);
  });

  it("the staff window opened over the kiosk (one display) is closed by staff to get back to the kiosk", () => {
    expect(mayClose("staff-on-demand", false)).toBe(true);
  });
});

describe("a second launch", () => {
  it("brings the startup/recovery window forward while it is up, else the kiosk", () => {
    expect(secondInstanceTarget({ startup: true, kiosk: false })).toBe("startup");
    expect(secondInstanceTarget({ startup: true, kiosk: true })).toBe("startup");
    expect(secondInstanceTarget({ startup: false, kiosk: true })).toBe("kiosk");
    expect(secondInstanceTarget({ startup: false, kiosk: false })).toBeNull();
  });
});

describe("sleep", () => {
  it("the display never sleeps while the app runs; quitting lets go", () => {
    expect(powerSaveBlock(false)).toBe("prevent-display-sleep");
    expect(powerSaveBlock(true)).toBeNull();
  });
});

describe("uncaught exceptions in the main process", () => {
  it("are logged and the app carries on, until they keep coming: then one relaunch", () => {
    let recent: number[] = [];
    const actions: string[] = [];
    for (let i = 0; i < UNCAUGHT_LIMIT; i++) {
      const next = afterUncaught(recent, 1000 + i * 1000);
      recent = next.recent;
      actions.push(next.action);
    }
    expect(actions).toEqual([...Array<string>(UNCAUGHT_LIMIT - 1).fill("continue"), "relaunch"]);
  });

  it("forgets exceptions older than a minute", () => {
    const old = [0, 1, 2, 3];
    expect(afterUncaught(old, 120_000)).toEqual({ recent: [120_000], action: "continue" });
  });
});

describe("a crashed renderer", () => {
  const reloads = (count: number, step: number) => {
    let recent: number[] = [];
    const out: GoneDecision[] = [];
    for (let i = 0; i < count; i++) {
      const next = afterRendererGone(recent, "crashed", { now: i * step, quitting: false });
      recent = next.recent;
      out.push(next.decision);
    }
    return out;
  };

  it("reloads with a backoff that doubles with each crash, capped at a minute, and never gives up", () => {
    const delays = reloads(10, 1000).map((d) => (d.action === "reload" ? d.delayMs : -1));
    expect(delays).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000, 60000]);
    expect(Math.max(...delays)).toBe(MAX_RELOAD_DELAY_MS);
  });

  it("starts over after ten quiet minutes", () => {
    const decisions = reloads(3, CRASH_WINDOW_MS);
    expect(decisions).toEqual([1, 1, 1].map((attempt) => ({ action: "reload", delayMs: 1000, attempt })));
  });

  it("every reason but a quit brings the page back (killed by the hang watchdog, oom, launch failures …)", () => {
    for (const reason of [
      "clean-exit",
      "abnormal-exit",
      "killed",
      "crashed",
      "oom",
      "launch-failed",
      "integrity-failure",
      "memory-eviction",
    ] as const) {
      expect(afterRendererGone([], reason, { now: 0, quitting: false }).decision.action, reason).toBe("reload");
    }
  });

  it("while quitting nothing reloads", () => {
    expect(afterRendererGone([5], "clean-exit", { now: 10, quitting: true })).toEqual({
      recent: [5],
      decision: { action: "ignore" },
    });
  });
});

describe("a hung renderer", () => {
  it("gets a grace period, then its process is ended (and reloaded like a crash)", () => {
    expect(afterUnresponsive("unresponsive", { quitting: false })).toEqual({ action: "wait", ms: HANG_GRACE_MS });
    expect(afterUnresponsive("grace-over", { quitting: false })).toEqual({ action: "end-renderer" });
    expect(afterRendererGone([], "killed", { now: 0, quitting: false }).decision).toEqual({
      action: "reload",
      delayMs: 1000,
      attempt: 1,
    });
  });

  it("is left alone while the app quits", () => {
    expect(afterUnresponsive("unresponsive", { quitting: true })).toEqual({ action: "ignore" });
    expect(afterUnresponsive("grace-over", { quitting: true })).toEqual({ action: "ignore" });
  });
});
