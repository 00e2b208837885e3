import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { QUEUE_FIRST_MAX, SETTLED_STAGES } from "../../contract/desk";
import { checkInAtKiosk } from "../kiosk/check-in";
import { chooseAddons } from "../kiosk/choose";
import { DEMO_GUESTS } from "../demo/seed-demo";
import { demoModel, appointmentIdOf, receptionist } from "../test/helpers";
import { riley } from "../test/desk";
import { markNoShow } from "./appointment";
import { confirmAddons } from "./addons";
import { arrivalsQueue, queueItem } from "./queue";

describe("the queue's stage of a kiosk check-in", () => {
  it("reads 'choosing' while the guest is on the offer, then 'awaiting_confirmation' whatever she chose", async () => {
    const m = await demoModel();
    const id = appointmentIdOf(m, DEMO_GUESTS.bothFit.code);
    const { visit } = checkInAtKiosk(m, id, "en");
    expect(queueItem(m, id)).toMatchObject({ stage: "choosing", offer: { status: "offered", guestChoice: [] } });

    const face = visit.offer.cards.find((c) => c.code === "face");
    if (!face?.screening) throw new Error("the demo's face massage has screening questions");
    const screening = [
      {
        addonId: face.addonId,
        version: face.screening.version,
        answers: face.screening.questions.map(() => "no" as const),
      },
    ];
    chooseAddons(m, { appointmentId: id, addonIds: [face.addonId], offerMs: 4000, lang: "en", screening });
    expect(queueItem(m, id)).toMatchObject({ stage: "awaiting_confirmation", offer: { status: "accepted" } });

    confirmAddons(m, receptionist(m), id);
    expect(queueItem(m, id).stage).toMatch(/^(confirmed|ticket_printed)$/);
  });

  it("reads 'awaiting_confirmation' for a guest who chose no add-on: a decision, unlike one still choosing", async () => {
    const m = await demoModel();
    const id = appointmentIdOf(m, DEMO_GUESTS.bothFit.code);
    checkInAtKiosk(m, id, "en");
    chooseAddons(m, { appointmentId: id, addonIds: [], offerMs: 1500, lang: "en" });
    expect(queueItem(m, id)).toMatchObject({
      stage: "awaiting_confirmation",
      offer: { status: "declined", guestChoice: [] },
    });
  });
});

describe("the desk's first screen of a day (desk.queue's `first`)", () => {
  it("is the whole day's list cut below the row the list opens at and `first` more, saying whether rows are left out", async () => {
    const m = await demoModel();
    const day = arrivalsQueue(m).items;
    expect(day.length).toBeGreaterThan(3);
    await fc.assert(
      fc.asyncProperty(
        // Rows settled by the desk (no-shows), anywhere in the day, and the first screen's size at its limits.
        fc.subarray(day.filter((i) => i.stage === "expected").map((i) => i.appointmentId)),
        fc.oneof(fc.constantFrom(1, day.length - 1, day.length, QUEUE_FIRST_MAX), fc.integer({ min: 1, max: 40 })),
        async (settled, first) => {
          const t = await demoModel();
          for (const id of settled) markNoShow(t, riley, id);
          const whole = arrivalsQueue(t);
          const opensAt = Math.max(
            0,
            whole.items.findIndex((i) => !SETTLED_STAGES.has(i.stage)),
          );
          const screen = arrivalsQueue(t, undefined, first);
          expect(screen.day).toBe(whole.day);
          expect(screen.items).toEqual(whole.items.slice(0, opensAt + first));
          expect(screen.complete).toBe(opensAt + first >= whole.items.length);
          // The guest the list opens at is always on it.
          expect(screen.items.map((i) => i.appointmentId)).toContain(whole.items[opensAt]?.appointmentId);
          expect(whole.complete).toBe(true);
        },
      ),
      { numRuns: 12 },
    );
  });
});
