import { waitText } from "../../contract/staff";
import { DomainError } from "../errors";

/**
 * Wrong-PIN delays, kept per PIN pad (the screen the guesses are typed on), not per person: a
 * guest hammering the kiosk's pad never locks a person out, staff can sign in at the staff
 * display's own pad, a signed-in manager can clear the delays, and — on one display, where the
 * kiosk's pad is the only one — staff open a waiting pad at once with the spa's unlock code
 * (db/staff/pad-code.ts), whose own wrong tries never hold that entry for more than 2 minutes.
 *
 * Both are growing delays (one rule, `delayAfter`): a pad takes `freeTries` in a row at once;
 * from the `freeTries`-th wrong one it waits `firstMs`, doubling with each further wrong one, up
 * to `maxMs`, before it takes the next. A right one at the pad clears its count. Times are
 * monotonic milliseconds: a wall clock stepped back changes nothing.
 *
 * Guesses a day the pads allow against a 4-digit PIN (10,000 of them): per pad, 3 at once, then
 * waits of 30 s, 1, 2 … 256 min, then one guess per 8 h: 14 on the first day and 3 a day after.
 * With both pads: 28 the first day, 6 a day after, so trying every PIN takes
 * (10,000 − 28) / 6 ≈ 1,662 days (4.5 years); the average find, half of them, ≈ 2.3 years.
 * Against the 10-digit unlock code: per pad 3 at once, then 10, 20, 40, 80 s, then one per
 * 2 minutes: 725 on the first day, then 720 a day (both pads: 1,450 and 1,440), so the average find takes
 * 10¹⁰ / 2 / 1,450 days ≈ 9,400 years.
 */
export interface DelayPolicy {
  freeTries: number;
  firstMs: number;
  maxMs: number;
}

export const PIN_POLICY: DelayPolicy = { freeTries: 3, firstMs: 30_000, maxMs: 8 * 3_600_000 };
export const CODE_POLICY: DelayPolicy = { freeTries: 3, firstMs: 10_000, maxMs: 2 * 60_000 };
export const FREE_TRIES = PIN_POLICY.freeTries;
export const FIRST_DELAY_MS = PIN_POLICY.firstMs;
export const MAX_DELAY_MS = PIN_POLICY.maxMs;

/** How long a pad waits after its `failures`-th wrong try in a row (pure). */
export const delayAfter = (failures: number, policy: DelayPolicy = PIN_POLICY): number =>
  failures < policy.freeTries ? 0 : Math.min(policy.maxMs, policy.firstMs * 2 ** (failures - policy.freeTries));

/** The most tries a pad takes in `ms`, typed as fast as it allows (pure; README's figures). */
export function triesWithin(ms: number, policy: DelayPolicy): number {
  let tries = 0;
  for (let at = 0; at <= ms; tries++) at += delayAfter(tries + 1, policy);
  return tries;
}

export interface PinPads {
  /** Throws LOCKED_OUT while the pad is waiting; call before a PIN is evaluated. */
  assertOpen(pad: string): void;
  /** A wrong PIN at the pad: returns how long it now waits (0 while tries are free). */
  failed(pad: string): number;
  succeeded(pad: string): void;
  /** Throws LOCKED_OUT while the pad's unlock-code entry is waiting; call before a code is evaluated. */
  assertCodeOpen(pad: string): void;
  /** A wrong unlock code at the pad: returns how long its code entry now waits. */
  codeFailed(pad: string): number;
  /** The right unlock code at the pad: it takes PINs (and codes) again at once. Returns whether it was waiting. */
  opened(pad: string): boolean;
  /** A manager's unlock: every pad takes PINs again at once. Returns how many were waiting. */
  unlockAll(): number;
  /** Milliseconds each waiting pad still waits before it takes a PIN. */
  waiting(): Record<string, number>;
}

/** What a waiting pad's refusal adds in the app: how staff get in now. */
export const APP_PAD_HINT =
  "staff can open it now with the spa's unlock code, sign in at the staff display, or ask a signed-in manager to unlock the PIN pads";

/** One growing delay per pad: how many wrong tries in a row, and when it takes the next. */
function delays(policy: DelayPolicy, monotonicMs: () => number) {
  const pads = new Map<string, { failures: number; openAt: number }>();
  const left = (pad: string) => Math.max(0, (pads.get(pad)?.openAt ?? 0) - monotonicMs());
  return {
    left,
    failed: (pad: string) => {
      const failures = (pads.get(pad)?.failures ?? 0) + 1;
      const delay = delayAfter(failures, policy);
      pads.set(pad, { failures, openAt: monotonicMs() + delay });
      return delay;
    },
    clear: (pad: string) => pads.delete(pad),
    clearAll: () => {
      const waiting = [...pads.keys()].filter((p) => left(p) > 0).length;
      pads.clear();
      return waiting;
    },
    waiting: () => Object.fromEntries([...pads.keys()].map((p) => [p, left(p)] as const).filter(([, ms]) => ms > 0)),
  };
}

/** `hint`: how staff get past a waiting pad on this screen, added to its refusal. */
export function createPinPads(monotonicMs: () => number, hint: string = APP_PAD_HINT): PinPads {
  const pins = delays(PIN_POLICY, monotonicMs);
  const codes = delays(CODE_POLICY, monotonicMs);
  return {
    assertOpen: (pad) => {
      const ms = pins.left(pad);
      if (ms > 0) {
        throw new DomainError(
          "LOCKED_OUT",
          `Too many wrong PINs on this screen. It takes the next PIN in ${waitText(ms)}${hint ? `; ${hint}` : ""}.`,
          "pin",
        );
      }
    },
    failed: pins.failed,
    succeeded: (pad) => {
      pins.clear(pad);
    },
    assertCodeOpen: (pad) => {
      const ms = codes.left(pad);
      if (ms > 0)
        throw new DomainError(
          "LOCKED_OUT",
          `Too many wrong codes on this screen. It takes the next code in ${waitText(ms)}.`,
          "code",
        );
    },
    codeFailed: codes.failed,
    opened: (pad) => {
      const was = pins.left(pad) > 0;
      pins.clear(pad);
      codes.clear(pad);
      return was;
    },
    unlockAll: () => {
      codes.clearAll();
      return pins.clearAll();
    },
    waiting: pins.waiting,
  };
}
