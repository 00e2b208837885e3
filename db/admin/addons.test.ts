import { describe, expect, it } from "vitest";
import { listAddonsAdmin } from "./addons";
import { catalog } from "./catalog";
import { checkInAtKiosk } from "../kiosk/check-in";
import { chooseAddons } from "../kiosk/choose";
import { uptakeReport } from "../reports/reports";
import { DEMO_STAFF } from "../demo/seed-demo";
import { type AddonInput } from "../../contract/admin";
import { insertAppointment } from "../desk/appointments";
import {
  saveAddon,
  saveService,
  saveTherapist,
  YESTERDAY,
  manager,
  face,
  asInput,
  snapshot,
  mariaCheckIn,
} from "../test/back-office";
import { demoModel, found } from "../test/helpers";
import { HAND_MASSAGE } from "../test/hand-massage";

describe("back office: add-on offers", () => {
  it("a new price and copy reach the next guest, while yesterday's report keeps the old price", async () => {
    const m = await demoModel();
    const before = found(
      uptakeReport(m, { from: YESTERDAY, to: YESTERDAY, grain: "day" }).byAddon.find((a) => a.code === "face"),
      "yesterday's face massage row",
    );
    expect(before.taken).toBeGreaterThan(0);
    expect(before.revenueCents).toBe(before.taken * 2500);

    const f = face(m);
    saveAddon(
      m,
      manager(m),
      asInput(f, {
        priceCents: 3200,
        texts: { ...f.texts, en: { title: "Glow face massage", benefits: ["Brighter skin.", "Lifted look."] } },
      }),
    );

    const card = mariaCheckIn(m).offer.cards.find((c) => c.code === "face");
    expect(card).toMatchObject({
      title: "Glow face massage",
      priceCents: 3200,
      benefits: ["Brighter skin.", "Lifted look."],
    });
    expect(
      uptakeReport(m, { from: YESTERDAY, to: YESTERDAY, grain: "day" }).byAddon.find((a) => a.code === "face")
        ?.revenueCents,
    ).toBe(before?.revenueCents);
    const audit = m.db
      .prepare("SELECT before_json, after_json, actor FROM audit_log WHERE action = 'addon.update'")
      .get() as {
      before_json: string;
      after_json: string;
      actor: string;
    };
    expect(JSON.parse(audit.before_json)).toMatchObject({ priceCents: 2500, texts: { en: { title: "Face massage" } } });
    expect(JSON.parse(audit.after_json)).toMatchObject({
      priceCents: 3200,
      texts: { en: { title: "Glow face massage" } },
    });
    expect(audit.actor).toBe(`staff:${DEMO_STAFF[0].name}`);
  });

  it("a guest already shown the card keeps the quoted price; the manager is told so", async () => {
    const m = await demoModel();
    const visit = mariaCheckIn(m);
    const f = face(m);
    const { notices } = saveAddon(m, manager(m), asInput(f, { priceCents: 4000 }));
    expect(notices.join(" ")).toMatch(
      /1 guest already shown this add-on today keep what they were quoted \(\$25, 15 min\)/,
    );
    const choice = chooseAddons(m, { appointmentId: visit.appointmentId, addonIds: [f.id], offerMs: 3000, lang: "en" });
    expect(choice.chosen[0]?.priceCents).toBe(2500);
  });

  it("deactivating an add-on a waiting guest chose needs acknowledgement and keeps their choice", async () => {
    const m = await demoModel();
    const visit = mariaCheckIn(m);
    const f = face(m);
    chooseAddons(m, { appointmentId: visit.appointmentId, addonIds: [f.id], offerMs: 3000, lang: "en" });
    const snap = snapshot(m);
    expect(() => saveAddon(m, manager(m), asInput(f, { active: false, priceCents: 1 }))).toThrow(
      expect.objectContaining({
        code: "CONFLICT",
        field: "active",
        message: expect.stringMatching(/1 guest checked in today chose Face massage/),
      }),
    );
    expect(snapshot(m)).toEqual(snap);
    const { notices } = saveAddon(m, manager(m), asInput(f, { active: false, acknowledgePending: true }));
    expect(notices[0]).toMatch(/keep Face massage as chosen/);
    const item = m.db
      .prepare(
        "SELECT final_selected, price_cents FROM offer_items i JOIN offers o ON o.id = i.offer_id WHERE o.appointment_id = ? AND i.addon_id = ?",
      )
      .get(visit.appointmentId, f.id);
    expect(item).toEqual({ final_selected: 1, price_cents: 2500 });
  });

  it.each([
    [{ priceCents: -100 }, "priceCents", /can't be negative/],
    [{ priceCents: 5_000_000 }, "priceCents", /looks wrong/],
    [{ extraMinutes: 9999 }, "extraMinutes", /120 minutes is the most/],
    [{ code: "Face!" }, "code", /lower-case/],
  ] as const)("refuses %j on its field, changing nothing", async (patch, field, message) => {
    const m = await demoModel();
    const snap = snapshot(m);
    expect(() => saveAddon(m, manager(m), asInput(face(m), patch))).toThrow(
      expect.objectContaining({ field, message: expect.stringMatching(message) }),
    );
    expect(snapshot(m)).toEqual(snap);
  });

  it("refuses empty titles, 10,000-character benefit lines, one line only and duplicate titles", async () => {
    const m = await demoModel();
    const f = face(m);
    const en = f.texts.en;
    const snap = snapshot(m);
    const cases: [AddonInput, string, RegExp][] = [
      [asInput(f, { texts: { ...f.texts, en: { ...en, title: "   " } } }), "texts.en.title", /can't be empty/],
      [
        asInput(f, { texts: { ...f.texts, en: { ...en, benefits: ["x".repeat(10_000), "ok"] } } }),
        "texts.en.benefits.0",
        /under 160 characters/,
      ],
      [asInput(f, { texts: { ...f.texts, en: { ...en, benefits: ["just one"] } } }), "texts.en.benefits", /2 or 3/],
      [
        asInput(f, { texts: { ...f.texts, en: { ...en, title: "scalp MASSAGE" } } }),
        "texts.en.title",
        /already has the title/,
      ],
      [asInput(f, { serviceIds: [1, 1] }), "serviceIds", /once/],
    ];
    for (const [input, field, message] of cases) {
      expect(() => saveAddon(m, manager(m), input)).toThrow(
        expect.objectContaining({ field, message: expect.stringMatching(message) }),
      );
    }
    expect(snapshot(m)).toEqual(snap);
  });

  it("saves copy missing in a language the kiosk offers, flags it, and the kiosk shows the spa's first language instead", async () => {
    const m = await demoModel();
    const f = face(m);
    const { notices } = saveAddon(m, manager(m), asInput(f, { texts: { en: f.texts.en } }));
    expect(notices).toEqual([
      "No Spanish copy yet: guests reading Spanish see the English title and benefits. Write them under Spanish when you can.",
      "No Chinese copy yet: guests reading Chinese see the English title and benefits. Write them under Chinese when you can.",
    ]);
    expect(face(m).texts).toEqual({ en: f.texts.en });
  });

  it("creates a further add-on that the kiosk offers on the chosen services only", async () => {
    const m = await demoModel();
    const swedish = catalog(m).services.find((s) => s.name === "Swedish massage");
    const { addon } = saveAddon(m, manager(m), {
      ...HAND_MASSAGE,
      sortOrder: 5,
      serviceIds: swedish ? [swedish.id] : [],
    });
    expect(addon).toMatchObject({ code: "hand", serviceIds: [swedish?.id] });
    // María books a Swedish massage: she sees the new card after face and scalp.
    expect(mariaCheckIn(m).offer.cards.map((c) => c.code)).toEqual(["face", "scalp", "hand"]);
  });
});
describe("one rule decides whether a guest is offered an add-on", () => {
  it('a service added in the catalog starts with every active add-on; each add-on\'s "May be added to" (the one place) then decides, and the catalog shows it', async () => {
    const m = await demoModel();
    const service = saveService(m, manager(m), {
      name: "Chair massage",
      guestNames: {},
      minutes: 30,
      priceCents: 4500,
      active: true,
    });
    expect(service.offerAddons).toBe(true);
    expect(listAddonsAdmin(m).addons.every((a) => a.serviceIds.includes(service.id))).toBe(true);

    const therapist = saveTherapist(m, manager(m), { name: "Nova Quinn", active: true });
    const room = m.db.prepare("INSERT INTO rooms (name) VALUES ('Orchid') RETURNING id").pluck().get() as number;
    const offeredTo = (phone: string) => {
      const id = m.db.transaction(() =>
        insertAppointment(m, "America/Los_Angeles", {
          guestName: "Pat Chair",
          phone,
          serviceId: service.id,
          therapistId: therapist.id,
          roomId: room,
          startsAt: new Date(m.clock.now().getTime() + 30 * 60_000).toISOString(),
          source: "desk",
        }),
      )();
      return checkInAtKiosk(m, id, "en").visit.offer.cards.map((c) => c.title);
    };
    expect(offeredTo("5550301001")).toEqual(["Face massage", "Scalp massage"]);

    // The face massage no longer "may be added to" it: its next guest is offered the scalp massage only.
    const f = face(m);
    saveAddon(m, manager(m), asInput(f, { serviceIds: f.serviceIds.filter((id) => id !== service.id) }));
    expect(offeredTo("5550301002")).toEqual(["Scalp massage"]);
    // Nor the scalp massage: no offer, and the catalog says so.
    const scalp = listAddonsAdmin(m).addons.find((a) => a.code === "scalp");
    if (!scalp) throw new Error("no scalp add-on");
    saveAddon(m, manager(m), asInput(scalp, { serviceIds: scalp.serviceIds.filter((id) => id !== service.id) }));
    expect(offeredTo("5550301003")).toEqual([]);
    expect(catalog(m).services.find((x) => x.id === service.id)?.offerAddons).toBe(false);
    // Saving the service again (a new price) leaves its add-ons as they are.
    saveService(m, manager(m), {
      id: service.id,
      name: "Chair massage",
      guestNames: {},
      minutes: 30,
      priceCents: 5000,
      active: true,
    });
    expect(listAddonsAdmin(m).addons.some((a) => a.serviceIds.includes(service.id))).toBe(false);
  });
});
