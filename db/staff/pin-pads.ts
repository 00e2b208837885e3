import { DomainError } from "../errors";

/**
 * Wrong-PIN delays, kept per PIN pad (the screen the guesses are typed on), not per person: a
 * guest hammering the kiosk's pad never locks a person out, and staff can always sign in at
 * the staff display's own pad, or have a signed-in manager clear the delays.
 *
 * A pad takes FREE_TRIES PINs in a row at once; from the FREE_TRIES-th wrong one it waits
 * FIRST_DELAY_MS, doubling with each further wrong PIN, up to MAX_DELAY_MS, before it takes the
 * next. A right PIN at the pad clears its count. Times are monotonic milliseconds: a wall clock
 * stepped back changes nothing.
 *
 * Guesses a day the pads allow against a 4-digit PIN (10,000 of them): per pad, 3 at once, then
 * waits of 30 s, 1, 2 … 256 min, then one guess per 8 h: 14 on the first day and 3 a day after.
 * With both pads: 28 the first day, 6 a day after, so trying every PIN takes
 * (10,000 − 28) / 6 ≈ 1,662 days (4.5 years); the average find, half of them, ≈ 2.3 years.
 */
export const FREE_TRIES = 3;
export const FIRST_DELAY_MS = 30_000;
export const MAX_DELAY_MS = 8 * 3_600_000;

/** How long a pad waits after its `failures`-th wrong PIN in a row (pure). */
export const delayAfter = (failures: number): number =>
  failures < FREE_TRIES ? 0 : Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** (failures - FREE_TRIES));

export interface PinPads {
  /** Throws LOCKED_OUT while the pad is waiting; call before a PIN is evaluated. */
  assertOpen(pad: string): void;
  /** A wrong PIN at the pad: returns how long it now waits (0 while tries are free). */
  failed(pad: string): number;
  succeeded(pad: string): void;
  /** A manager's unlock: every pad takes PINs again at once. Returns how many were waiting. */
  unlockAll(): number;
  /** Milliseconds each waiting pad still waits. */
  waiting(): Record<string, number>;
}

export const waitText = (ms: number): string => {
  const minutes = Math.ceil(ms / 60_000);
  if (ms < 60_000) return `${Math.ceil(ms / 1000)} seconds`;
  if (minutes < 120) return `${minutes} minute${minutes === 1 ? "" : "s"}`;
  return `${Math.ceil(minutes / 60)} hours`;
};

export function createPinPads(monotonicMs: () => number): PinPads {
  const pads = new Map<string, { failures: number; openAt: number }>();
  const left = (pad: string) => Math.max(0, (pads.get(pad)?.openAt ?? 0) - monotonicMs());
  return {
    assertOpen: (pad) => {
      const ms = left(pad);
      if (ms > 0) {
        throw new DomainError(
          "LOCKED_OUT",
          `Too many wrong PINs on this screen. It takes the next PIN in ${waitText(ms)}; sign in at the staff display, or ask a signed-in manager to unlock the PIN pads.`,
          "pin",
        );
      }
    },
    failed: (pad) => {
      const failures = (pads.get(pad)?.failures ?? 0) + 1;
      const delay = delayAfter(failures);
      pads.set(pad, { failures, openAt: monotonicMs() + delay });
      return delay;
    },
    succeeded: (pad) => {
      pads.delete(pad);
    },
    unlockAll: () => {
      const waiting = [...pads.keys()].filter((p) => left(p) > 0).length;
      pads.clear();
      return waiting;
    },
    waiting: () => Object.fromEntries([...pads.keys()].map((p) => [p, left(p)] as const).filter(([, ms]) => ms > 0)),
  };
}
