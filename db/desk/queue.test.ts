import { describe, expect, it } from "vitest";
import { checkInAtKiosk } from "../kiosk/check-in";
import { chooseAddons } from "../kiosk/choose";
import { DEMO_GUESTS } from "../demo/seed-demo";
import { demoModel, appointmentIdOf, receptionist } from "../test/helpers";
import { confirmAddons } from "./addons";
import { queueItem } from "./queue";

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
