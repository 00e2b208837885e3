import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { getSettings } from "../settings";
import { modelOf } from "../model";
import { fixedClock, openTemp } from "../test/helpers";
import type { DomainError } from "../errors";
import { makePadCode, openPadWithCode, padCodeMadeAt } from "./pad-code";
import { CODE_POLICY, createPinPads, delayAfter, FREE_TRIES, PIN_POLICY, triesWithin } from "./pin-pads";
import { createStaff, login } from "./staff";

const DAY = 86_400_000;
const PAD = "kiosk-display";

/** How long a pad keeps a check refusing, stepping its monotonic clock (ms). */
function waitUntilOpen(check: () => void, now: { ms: number }): number {
  const start = now.ms;
  for (;;) {
    try {
      check();
      return now.ms - start;
    } catch {
      now.ms += 1_000;
    }
  }
}

describe("one display: the kiosk's PIN pad is the only one", () => {
  it("whatever a guest types, and when, staff with the unlock code wait at most 2 minutes, then the pad takes a PIN at once", () => {
    // A guest's session: wrong PINs and wrong codes, as fast as the pad takes them or with pauses, up to a day long.
    const guest = fc.array(fc.record({ code: fc.boolean(), pauseMs: fc.integer({ min: 0, max: 3 * 3_600_000 }) }), {
      maxLength: 200,
    });
    fc.assert(
      fc.property(guest, (tries) => {
        const now = { ms: 0 };
        const pads = createPinPads(() => now.ms);
        for (const t of tries) {
          now.ms += t.pauseMs;
          try {
            if (t.code) {
              pads.assertCodeOpen(PAD);
              pads.codeFailed(PAD);
            } else {
              pads.assertOpen(PAD);
              pads.failed(PAD);
            }
          } catch {
            // refused while the pad waits: the guest tries again later
          }
        }
        // A receptionist arrives: waits for the code entry, types the code, then the PIN is taken at once.
        expect(waitUntilOpen(() => pads.assertCodeOpen(PAD), now)).toBeLessThanOrEqual(CODE_POLICY.maxMs);
        pads.opened(PAD);
        expect(() => pads.assertOpen(PAD)).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });

  it("the unlock code can't be guessed instead: guesses a day at both pads, and thousands of years for the average find", () => {
    expect(2 * triesWithin(DAY, CODE_POLICY)).toBe(1_450);
    expect(2 * (triesWithin(31 * DAY, CODE_POLICY) - triesWithin(30 * DAY, CODE_POLICY))).toBe(1_440);
    // The average find, half of 10¹⁰ codes, at the first day's rate.
    expect(1e10 / 2 / 1_450 / 365).toBeGreaterThan(9_000);
    expect(delayAfter(FREE_TRIES + 30, CODE_POLICY)).toBe(CODE_POLICY.maxMs);
  });
});

describe("the spa's unlock code", () => {
  it("is made by a manager, stored hashed out of the settings windows read, shown once, and replaced by the next", async () => {
    const { db } = openTemp();
    const clock = fixedClock("2026-11-25T18:00:00.000Z");
    const m = modelOf(db, clock);
    const morgan = await createStaff(m, { name: "Morgan", role: "manager", pin: "2468" });
    expect(padCodeMadeAt(m)).toBeNull();
    const first = await makePadCode(m, { kind: "staff", staffId: morgan, name: "Morgan" });
    expect(first.code).toMatch(/^\d{10}$/);
    expect(padCodeMadeAt(m)).toBe("2026-11-25T18:00:00.000Z");
    expect(JSON.stringify(db.prepare("SELECT * FROM settings").all())).not.toContain(first.code);
    expect(JSON.stringify(getSettings(db))).not.toContain("scrypt");
    const second = await makePadCode(m, { kind: "staff", staffId: morgan, name: "Morgan" });
    const pads = createPinPads(() => 0);
    await expect(openPadWithCode(m, pads, PAD, first.code)).rejects.toMatchObject({ code: "WRONG_PIN" });
    await expect(openPadWithCode(m, pads, PAD, second.code)).resolves.toEqual({ wasWaiting: false });
    const riley = await createStaff(m, { name: "Riley", role: "receptionist", pin: "1357" });
    await expect(makePadCode(m, { kind: "staff", staffId: riley, name: "Riley" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    const audit = db.prepare("SELECT action FROM audit_log WHERE action LIKE 'staff.pad%' ORDER BY id").pluck().all();
    expect(audit).toEqual(["staff.padCodeMade", "staff.padCodeMade", "staff.padOpened"]);
  });

  it("opens a pad a guest made wait, at once; wrong codes slow only the code entry; without a code it says how to make one", async () => {
    const { db } = openTemp();
    const clock = fixedClock("2026-11-25T18:00:00.000Z");
    const m = modelOf(db, clock);
    const now = { ms: 0 };
    const pads = createPinPads(() => now.ms);
    const riley = await createStaff(m, { name: "Riley", role: "receptionist", pin: "1357" });
    await expect(openPadWithCode(m, pads, PAD, "1234567890")).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: expect.stringMatching(/Back office › Staff/) as unknown,
    });
    const morgan = await createStaff(m, { name: "Morgan", role: "manager", pin: "2468" });
    const { code } = await makePadCode(m, { kind: "staff", staffId: morgan, name: "Morgan" });
    // A guest at the kiosk's pad: wrong PINs until it waits 8 hours.
    for (let i = 0; i < 15; i++) {
      now.ms += delayAfter(i);
      await expect(login(m, riley, "0000", pads, PAD)).rejects.toMatchObject({ code: "WRONG_PIN" });
    }
    expect(pads.waiting()[PAD]).toBe(PIN_POLICY.maxMs);
    await expect(login(m, riley, "1357", pads, PAD)).rejects.toMatchObject({
      code: "LOCKED_OUT",
      message: expect.stringMatching(/open it now with the spa's unlock code/) as unknown,
    });
    // …and wrong codes: 3, then the code entry waits 10 s.
    const wrong = await Promise.allSettled(
      Array.from({ length: 5 }, () => openPadWithCode(m, pads, PAD, "0000000000")),
    );
    expect(wrong.map((r) => (r.status === "rejected" ? (r.reason as DomainError).code : "opened"))).toEqual([
      "WRONG_PIN",
      "WRONG_PIN",
      "WRONG_PIN",
      "LOCKED_OUT",
      "LOCKED_OUT",
    ]);
    // The receptionist, 10 s later: the code opens the pad, and their PIN is taken at once.
    now.ms += CODE_POLICY.firstMs;
    await expect(openPadWithCode(m, pads, PAD, code)).resolves.toEqual({ wasWaiting: true });
    expect(pads.waiting()).toEqual({});
    await expect(login(m, riley, "1357", pads, PAD)).resolves.toMatchObject({ name: "Riley" });
  });
});
