import { describe, expect, it } from "vitest";
import { LATEST_VERSION } from "../../db/migrations";
import { NewerDatabaseError } from "../../db/errors";
import { offersRestore, recoveryChannels, type RecoveryChannel } from "../../contract/recovery";
import { FULL_DISK_BYTES } from "../../db/errors";
import {
  canRetry,
  classifyOpenError,
  decideStartCheck,
  decideStartup,
  MAX_FAILED_STARTS,
  mayCall,
  problemText,
  recoveryAccess,
  recoveryLock,
  recoveryLockMoved,
  recoveryWindowsAfterStart,
  viewFor,
  WRITTEN_SINCE_START,
} from "./decide";

const healthy = { exists: true, userVersion: LATEST_VERSION, problem: null };

describe("startup: what to do with what the probe found", () => {
  it("a healthy database: start, checking then opening", () => {
    expect(decideStartup(healthy, 0, false)).toEqual({
      action: "start",
      steps: ["checking", "opening"],
      backupBeforeUpgrade: false,
    });
  });

  it("no database yet: start fresh; an older schema: back up, then upgrade", () => {
    expect(decideStartup({ exists: false, userVersion: null, problem: null }, 0, false)).toEqual({
      action: "start",
      steps: ["opening"],
      backupBeforeUpgrade: false,
    });
    expect(decideStartup({ exists: true, userVersion: LATEST_VERSION - 1, problem: null }, 0, false)).toEqual({
      action: "start",
      steps: ["checking", "backing-up", "upgrading", "opening"],
      backupBeforeUpgrade: true,
    });
  });

  it("no database but backups beside it: a spa that lost its file, so recovery, never a new spa", () => {
    expect(decideStartup({ exists: false, userVersion: null, problem: null }, 0, true)).toMatchObject({
      action: "recover",
      problem: { kind: "missing" },
      canRetry: true,
    });
  });

  it("a damaged file can't be retried; a locked or unreadable one can", () => {
    const withProblem = (kind: "corrupt" | "locked" | "unreadable") => ({ ...healthy, problem: { kind, detail: "" } });
    expect(decideStartup(withProblem("corrupt"), 0, false)).toMatchObject({ action: "recover", canRetry: false });
    expect(decideStartup(withProblem("locked"), 0, false)).toMatchObject({ action: "recover", canRetry: true });
    expect(decideStartup(withProblem("unreadable"), 0, false)).toMatchObject({ action: "recover", canRetry: true });
  });

  it("stops a crash loop after repeated failed starts", () => {
    expect(decideStartup(healthy, MAX_FAILED_STARTS - 1, false).action).toBe("start");
    expect(decideStartup(healthy, MAX_FAILED_STARTS, false)).toMatchObject({
      action: "recover",
      problem: { kind: "crash-loop" },
      canRetry: true,
    });
  });

  it("names the problem from SQLite's error, and the recovery screen says what to do", () => {
    expect(classifyOpenError(Object.assign(new Error("x"), { code: "SQLITE_CORRUPT_VTAB" }))).toMatchObject({
      kind: "corrupt",
    });
    expect(classifyOpenError(Object.assign(new Error("x"), { code: "SQLITE_NOTADB" }))).toMatchObject({
      kind: "corrupt",
    });
    expect(classifyOpenError(Object.assign(new Error("x"), { code: "SQLITE_BUSY" }))).toMatchObject({ kind: "locked" });
    expect(classifyOpenError(new Error("EACCES"))).toMatchObject({ kind: "unreadable" });
    // A full disk: SQLite names it only when a write finds no room; opening, it fails sizing its shared memory.
    const shm = Object.assign(new Error("disk I/O error"), { code: "SQLITE_IOERR_SHMSIZE" });
    expect(classifyOpenError(shm, 0)).toMatchObject({ kind: "full" });
    expect(classifyOpenError(shm, FULL_DISK_BYTES - 1)).toMatchObject({ kind: "full" });
    expect(classifyOpenError(shm, FULL_DISK_BYTES)).toMatchObject({ kind: "unreadable" });
    expect(classifyOpenError(shm, null)).toMatchObject({ kind: "unreadable" });
    expect(classifyOpenError(Object.assign(new Error("x"), { code: "SQLITE_FULL" }), null)).toMatchObject({
      kind: "full",
    });
    // Damage is damage whatever the disk holds: a restore is what helps.
    expect(classifyOpenError(Object.assign(new Error("x"), { code: "SQLITE_CORRUPT" }), 0)).toMatchObject({
      kind: "corrupt",
    });
    const full = { kind: "full", detail: "" } as const;
    expect(canRetry(full)).toBe(true);
    expect(offersRestore("full")).toBe(false);
    expect(problemText(full, true).message).not.toMatch(/restore/i);
    const newer = classifyOpenError(new NewerDatabaseError(LATEST_VERSION + 3, LATEST_VERSION));
    expect(newer).toMatchObject({ kind: "newer", found: LATEST_VERSION + 3 });
    expect(problemText(newer, true).message).toContain(`schema ${LATEST_VERSION + 3}`);
    expect(problemText({ kind: "locked", detail: "" }, false).message).toMatch(
      /Another program .* is using this data folder/,
    );
    expect(problemText({ kind: "corrupt", detail: "" }, true).message).toContain("restore the most recent good backup");
    expect(problemText({ kind: "corrupt", detail: "" }, false).message).toContain(
      "There is no backup in this folder yet.",
    );
  });

  it("the quick check after a crash, once the app is open: damage brings the recovery screen, anything else keeps the kiosk", () => {
    const corrupt = { kind: "corrupt" as const, detail: "quick_check: 2 problem(s)" };
    expect(decideStartCheck({ result: "damaged", problem: corrupt })).toEqual({
      action: "recover",
      problem: corrupt,
      canRetry: false,
    });
    expect(decideStartCheck({ result: "ok" })).toEqual({
      action: "carry-on",
      staffMessage: expect.stringMatching(/quick check .* passed/) as unknown,
    });
    // A restore from the Backups page replaced the file while it ran: its answer is about the old one.
    for (const check of [{ result: "damaged" as const, problem: corrupt }, { result: "ok" as const }])
      expect(decideStartCheck(check, true)).toEqual({
        action: "carry-on",
        staffMessage: expect.stringMatching(/replaced by a restore/) as unknown,
      });
    expect(decideStartCheck({ result: "not-run", detail: "check thread exited (1)" })).toEqual({
      action: "carry-on",
      staffMessage: expect.stringMatching(/could not run.*call support/) as unknown,
    });
  });

  it("the recovery screen after the kiosk was open: the same words, and where what was entered since is", () => {
    const corrupt = { kind: "corrupt" as const, detail: "" };
    const before = problemText(corrupt, true);
    const after = problemText(corrupt, true, true);
    expect(after.title).toBe(before.title);
    expect(after.message).toBe(before.message + WRITTEN_SINCE_START);
    expect(after.message).toMatch(/anything entered since is in the damaged file, which a restore keeps as a backup/);
  });

  it("damage found with the app open: the real recovery screen on the staff display, never on the guest's unlocked", () => {
    expect(recoveryWindowsAfterStart(true)).toEqual({ kiosk: "locked-recovery", staff: "recovery" });
    expect(recoveryWindowsAfterStart(false)).toEqual({ kiosk: "recovery", staff: "close" });
    const problem = {
      phase: "problem" as const,
      kind: "corrupt" as const,
      title: "t",
      message: "m",
      dataDir: "/d",
      backups: [],
      canRetry: false,
      locked: false,
    };
    expect(viewFor(problem, "look")).toEqual({ ...problem, locked: true });
    expect(viewFor(problem, "unlock")).toEqual({ ...problem, locked: true });
    expect(viewFor({ ...problem, locked: true }, "act")).toEqual(problem);
    expect(viewFor({ phase: "ready" }, "look")).toEqual({ phase: "ready" });
  });

  it("the recovery screen is unlocked only on the staff's own display: unplugged, it asks a manager's PIN; back, it opens", () => {
    const all = Object.keys(recoveryChannels) as RecoveryChannel[];
    const allowed = (lock: ReturnType<typeof recoveryLock>, window: "screen" | "guest") =>
      all.filter((channel) => mayCall(recoveryAccess(lock, window), channel));
    const pinOnly = ["recovery.state", "recovery.unlock", "recovery.openPad"];

    // Two displays at start: the screen on the staff display works; the kiosk's beside it (after start) only shows it.
    const atStart = recoveryLock(true);
    expect(allowed(atStart, "screen")).toEqual(all);
    expect(allowed(atStart, "guest")).toEqual(["recovery.state"]);
    // The staff monitor is unplugged or sleeps: the OS puts the window on the guest's display. PIN first, in both.
    const unplugged = recoveryLockMoved(atStart, false);
    expect(unplugged).toEqual({ onStaffDisplay: false, unlocked: false });
    expect(allowed(unplugged, "screen")).toEqual(pinOnly);
    expect(allowed(unplugged, "guest")).toEqual(pinOnly);
    // A manager types the PIN there: it works where it is, and a further move on the guest's side keeps it open.
    const opened = { ...unplugged, unlocked: true };
    expect(allowed(opened, "guest")).toEqual(all);
    expect(recoveryLockMoved(opened, false)).toBe(opened);
    // The staff monitor is back and the window with it: open again without a PIN; the kiosk's only shows it.
    const back = recoveryLockMoved(unplugged, true);
    expect(back).toEqual(atStart);
    expect(allowed(back, "guest")).toEqual(["recovery.state"]);
    // Opened by a PIN, then moved onto the staff display and off again: the PIN does not carry over.
    expect(recoveryLockMoved(recoveryLockMoved(opened, true), false)).toEqual(unplugged);
    // One display at start: locked until the PIN, as before.
    expect(allowed(recoveryLock(false), "screen")).toEqual(pinOnly);
  });
});
