import type { Model } from "../model";
import { describe, expect, it } from "vitest";
import * as addons from "./addons";
import * as catalogs from "./catalog";
import * as kiosk from "./kiosk";
import * as staff from "./staff";
import { checkInAtKiosk } from "../kiosk/check-in";
import { chooseAddons } from "../kiosk/choose";
import { findAppointments } from "../kiosk/search";
import { uptakeReport } from "../reports/reports";
import { DEMO_GUESTS, DEMO_STAFF } from "../demo/seed-demo";
import { getSettings } from "../settings";
import { login } from "../staff/staff";
import { createPinPads } from "../staff/pin-pads";
import { demoModel, viaContract } from "../test/helpers";
import { LOGO_TYPE_MESSAGE, type AddonAdmin, type AddonInput, type ServiceAdmin } from "../../contract/admin";
import { insertAppointment } from "../desk/appointments";
import { serviceNameIn } from "../../contract/kiosk";

const { listAddonsAdmin } = addons;
const { catalog } = catalogs;
const { clearLogo, getLogo, kioskSettings } = kiosk;
const { listStaffAdmin } = staff;
// Called as the dispatcher calls them: the input parsed with the channel's schema first.
const saveAddon = viaContract("admin.saveAddon", addons.saveAddon);
const saveService = viaContract("admin.saveService", catalogs.saveService);
const saveTherapist = viaContract("admin.saveTherapist", catalogs.saveTherapist);
const saveKioskSettings = viaContract("admin.saveKioskSettings", kiosk.saveKioskSettings);
const setLogo = viaContract("admin.setLogo", kiosk.setLogo);
const createStaffMember = viaContract("admin.createStaff", staff.createStaffMember);
const resetStaffPin = viaContract("admin.resetPin", staff.resetStaffPin);
const saveStaffMember = viaContract("admin.saveStaff", staff.saveStaffMember);

const YESTERDAY = "2026-11-24";

const manager = (m: Model) => {
  const row = m.db.prepare("SELECT id, name FROM staff WHERE role = 'manager'").get() as { id: number; name: string };
  return { kind: "staff", staffId: row.id, name: row.name } as const;
};
const face = (m: Model): AddonAdmin => {
  const a = listAddonsAdmin(m).addons.find((x) => x.code === "face");
  if (!a) throw new Error("no face add-on");
  return a;
};
const asInput = (a: AddonAdmin, patch: Partial<AddonInput> = {}): AddonInput => {
  const { pendingToday: _p, chain: _c, ...rest } = a;
  return { ...rest, ...patch };
};
/** A service as the catalog lists it, as the form saves it (whether it offers add-ons is the add-ons' to say). */
const asServiceInput = ({ offerAddons: _shown, ...rest }: ServiceAdmin) => rest;
const snapshot = (m: Model) => ({
  addons: m.db.prepare("SELECT * FROM addons ORDER BY id").all(),
  texts: m.db.prepare("SELECT * FROM addon_texts ORDER BY addon_id, lang").all(),
  services: m.db.prepare("SELECT * FROM addon_services ORDER BY addon_id, service_id").all(),
  audit: (m.db.prepare("SELECT count(*) AS n FROM audit_log").get() as { n: number }).n,
});
const mariaCheckIn = (m: Model) => {
  const [match] = findAppointments(m, { by: "code", code: DEMO_GUESTS.bothFit.code });
  if (!match) throw new Error("María not found");
  return checkInAtKiosk(m, match.appointmentId, "en").visit;
};

describe("back office: add-on offers", () => {
  it("a new price and copy reach the next guest, while yesterday's report keeps the old price", async () => {
    const m = await demoModel();
    const before = uptakeReport(m, { from: YESTERDAY, to: YESTERDAY, grain: "day" }).byAddon.find(
      (a) => a.code === "face",
    );
    expect(before?.taken).toBeGreaterThan(0);
    expect(before?.revenueCents).toBe((before?.taken ?? 0) * 2500);

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
      code: "hand",
      priceCents: 1500,
      extraMinutes: 10,
      active: true,
      sortOrder: 5,
      texts: {
        en: { title: "Hand massage", benefits: ["Eases tired hands.", "Softens skin."] },
        es: { title: "Masaje de manos", benefits: ["Alivia las manos.", "Suaviza la piel."] },
        zh: { title: "手部按摩", benefits: ["舒缓疲劳的双手。", "让皮肤更柔软。"] },
      },
      serviceIds: swedish ? [swedish.id] : [],
    });
    expect(addon).toMatchObject({ code: "hand", serviceIds: [swedish?.id] });
    // María books a Swedish massage: she sees the new card after face and scalp.
    expect(mariaCheckIn(m).offer.cards.map((c) => c.code)).toEqual(["face", "scalp", "hand"]);
  });
});

describe("back office: catalog", () => {
  it("saves services, therapists and rooms, refusing duplicates and absurd values on their field", async () => {
    const m = await demoModel();
    const found = catalog(m).services.find((x) => x.name === "Swedish massage");
    if (!found) throw new Error("no service");
    const s = asServiceInput(found);
    expect(() => saveService(m, manager(m), { ...s, name: "deep TISSUE massage" })).toThrow(
      expect.objectContaining({ code: "CONFLICT", field: "name" }),
    );
    expect(() => saveService(m, manager(m), { ...s, minutes: 0 })).toThrow(
      expect.objectContaining({ field: "minutes" }),
    );
    expect(() => saveService(m, manager(m), { ...s, priceCents: -5 })).toThrow(
      expect.objectContaining({ field: "priceCents" }),
    );
    const saved = saveService(m, manager(m), { ...s, priceCents: 9900 });
    expect(saved).toMatchObject({ priceCents: 9900, offerAddons: true });
    const t = saveTherapist(m, manager(m), { name: "Fatima Noor Haddad", active: true });
    expect(t.guestName).toBe("Fatima");
    expect(() => saveTherapist(m, manager(m), { name: "ana ruiz", active: true })).toThrow(
      expect.objectContaining({ field: "name" }),
    );
    // Without its accent, a name still reads as the same therapist's: refused, naming the one there is.
    expect(() => saveTherapist(m, manager(m), { name: "Chloe  Martin", active: true })).toThrow(
      expect.objectContaining({
        code: "CONFLICT",
        field: "name",
        message: "There is already a therapist called “Chloé Martin”.",
      }),
    );
  });
});

describe("back office: a service's name in the kiosk's other languages", () => {
  it("is what a guest reading that language sees, English where none is written; bad input changes nothing", async () => {
    const m = await demoModel();
    const swedish = catalog(m).services.find((x) => x.name === "Swedish massage");
    if (!swedish) throw new Error("no service");
    // The demo spa wrote its services' names in both other languages.
    expect(swedish.guestNames).toEqual({ es: "Masaje sueco", zh: "瑞典式按摩" });
    const [match] = findAppointments(m, { by: "code", code: DEMO_GUESTS.bothFit.code });
    expect(match).toMatchObject({
      serviceName: "Swedish massage",
      serviceGuestNames: { es: "Masaje sueco", zh: "瑞典式按摩" },
    });
    if (!match) throw new Error("María not found");
    expect(serviceNameIn(match, "zh")).toEqual({ name: "瑞典式按摩", lang: "zh" });

    // The manager rewrites the Spanish name and clears the Chinese one (a blank field).
    const saved = saveService(m, manager(m), {
      ...asServiceInput(swedish),
      guestNames: { es: "  Masaje sueco relajante ", zh: "" },
    });
    expect(saved.guestNames).toEqual({ es: "Masaje sueco relajante" });
    const [after] = findAppointments(m, { by: "code", code: DEMO_GUESTS.bothFit.code });
    if (!after) throw new Error("María not found");
    expect(serviceNameIn(after, "es")).toEqual({ name: "Masaje sueco relajante", lang: "es" });
    expect(serviceNameIn(after, "zh")).toEqual({ name: "Swedish massage", lang: "en" });
    expect(serviceNameIn(after, "en")).toEqual({ name: "Swedish massage", lang: "en" });
    const audit = m.db
      .prepare("SELECT before_json, after_json FROM audit_log WHERE action = 'service.update'")
      .get() as {
      before_json: string;
      after_json: string;
    };
    const guestNamesIn = (json: string) => (JSON.parse(json) as { guestNames: unknown }).guestNames;
    expect(guestNamesIn(audit.before_json)).toEqual({ es: "Masaje sueco", zh: "瑞典式按摩" });
    expect(guestNamesIn(audit.after_json)).toEqual({ es: "Masaje sueco relajante" });

    // Bad input names its field and changes nothing.
    const names = () => m.db.prepare("SELECT * FROM service_names ORDER BY service_id, lang").all();
    const kept = names();
    expect(() => saveService(m, manager(m), { ...saved, guestNames: { zh: "按".repeat(81) } })).toThrow(
      expect.objectContaining({
        code: "INVALID_INPUT",
        field: "guestNames.zh",
        message: "Keep this under 80 characters.",
      }),
    );
    expect(() => saveService(m, manager(m), { ...saved, guestNames: { fr: "Massage suédois" } as never })).toThrow(
      expect.objectContaining({ code: "INVALID_INPUT" }),
    );
    expect(names()).toEqual(kept);
  });
});

describe("back office: staff", () => {
  it("adds staff with a PIN shown once, resets PINs, never deletes", async () => {
    const m = await demoModel();
    const boss = manager(m);
    const { staff, generatedPin } = await createStaffMember(m, boss, { name: "Sam Ortiz", role: "receptionist" });
    expect(generatedPin).toMatch(/^\d{6}$/);
    const pads = createPinPads(() => 0);
    await expect(login(m, staff.id, generatedPin ?? "", pads, "staff-display")).resolves.toMatchObject({
      name: "Sam Ortiz",
    });
    const audit = JSON.stringify(m.db.prepare("SELECT * FROM audit_log WHERE entity = 'staff'").all());
    expect(audit).not.toContain(generatedPin);

    await resetStaffPin(m, boss, { id: staff.id, pin: "8642" });
    await expect(login(m, staff.id, "8642", pads, "staff-display")).resolves.toMatchObject({ id: staff.id });

    saveStaffMember(m, boss, { id: staff.id, name: "Sam Ortiz", role: "receptionist", active: false });
    expect(listStaffAdmin(m).find((s) => s.id === staff.id)).toMatchObject({ active: false });
    await expect(createStaffMember(m, boss, { name: "sam ortiz", role: "manager" })).rejects.toMatchObject({
      field: "name",
      message: expect.stringMatching(/reactivate/),
    });
  });

  it("always keeps one active manager, in the same transaction; a stale manager session can't act", async () => {
    const m = await demoModel();
    const boss = manager(m);
    const staffRows = () => m.db.prepare("SELECT * FROM staff ORDER BY id").all();
    const before = staffRows();
    expect(() =>
      saveStaffMember(m, boss, { id: boss.staffId, name: boss.name, role: "receptionist", active: true }),
    ).toThrow(
      expect.objectContaining({
        code: "CONFLICT",
        field: "role",
        message: expect.stringMatching(/At least one active manager/),
      }),
    );
    expect(() =>
      saveStaffMember(m, boss, { id: boss.staffId, name: "Morgan L.", role: "manager", active: false }),
    ).toThrow(expect.objectContaining({ code: "CONFLICT", field: "active" }));
    expect(staffRows()).toEqual(before);

    // With a second manager, Morgan may step down; Morgan's open session then can't change anything.
    const { staff: kim } = await createStaffMember(m, boss, { name: "Kim Park", role: "manager", pin: "9999" });
    saveStaffMember(m, boss, { id: boss.staffId, name: boss.name, role: "receptionist", active: true });
    expect(() => saveTherapist(m, boss, { name: "New Person", active: true })).toThrow(
      expect.objectContaining({ code: "FORBIDDEN" }),
    );
    const kimActor = { kind: "staff", staffId: kim.id, name: kim.name } as const;
    expect(() => saveStaffMember(m, kimActor, { id: kim.id, name: kim.name, role: "manager", active: false })).toThrow(
      /At least one active manager/,
    );
  });
});

describe("back office: kiosk settings", () => {
  it("saves settings atomically, with an audit row, and leaves which services offer add-ons to the add-ons", async () => {
    const m = await demoModel();
    const { settings } = kioskSettings(m);
    const linked = snapshot(m).services;
    saveKioskSettings(m, manager(m), {
      ...settings,
      spaName: "Casa Calma",
      idleSeconds: 60,
      staffIdleSeconds: 300,
      retentionDays: 30,
      walkInsAllowed: true,
    });
    expect(getSettings(m.db)).toMatchObject({
      spaName: "Casa Calma",
      idleSeconds: 60,
      staffIdleSeconds: 300,
      retentionDays: 30,
      walkInsAllowed: true,
    });
    expect(snapshot(m).services).toEqual(linked);
    const row = m.db.prepare("SELECT before_json, after_json FROM audit_log WHERE action = 'settings.kiosk'").get() as {
      before_json: string;
      after_json: string;
    };
    expect(JSON.parse(row.before_json)).toMatchObject({ spaName: "Happy Head Massage" });
    expect(JSON.parse(row.after_json)).toMatchObject({ spaName: "Casa Calma" });

    const snap = JSON.stringify([getSettings(m.db), kioskSettings(m)]);
    expect(() => saveKioskSettings(m, manager(m), { ...settings, timeZone: "Mars/Olympus" })).toThrow(
      expect.objectContaining({ field: "timeZone" }),
    );
    expect(() => saveKioskSettings(m, manager(m), { ...settings, idleSeconds: 5 })).toThrow(
      expect.objectContaining({ field: "idleSeconds" }),
    );
    expect(() => saveKioskSettings(m, manager(m), { ...settings, staffIdleSeconds: 10 })).toThrow(
      expect.objectContaining({ field: "staffIdleSeconds" }),
    );
    expect(() => saveKioskSettings(m, manager(m), { ...settings, retentionDays: 0 })).toThrow(
      expect.objectContaining({ field: "retentionDays", message: "Keep guests' details for at least 1 day." }),
    );
    expect(() => saveKioskSettings(m, manager(m), { ...settings, retentionDays: 1.5 })).toThrow(
      expect.objectContaining({ field: "retentionDays" }),
    );
    expect(() => saveKioskSettings(m, manager(m), { ...settings, languages: [] })).toThrow(
      expect.objectContaining({ field: "languages" }),
    );
    m.db
      .prepare("DELETE FROM addon_texts WHERE lang = 'zh' AND addon_id = (SELECT id FROM addons WHERE code = 'scalp')")
      .run();
    expect(() => saveKioskSettings(m, manager(m), { ...settings, languages: ["en", "zh"] })).toThrow(
      expect.objectContaining({
        field: "languages",
        message: "Scalp massage has no Chinese copy yet. Write it under Add-on offers first.",
      }),
    );
    expect(() => saveKioskSettings(m, manager(m), { ...settings, spaName: "" })).toThrow(
      expect.objectContaining({ field: "spaName" }),
    );
    expect(JSON.stringify([getSettings(m.db), kioskSettings(m)])).toBe(snap);
  });

  it("accepts a small PNG logo and refuses fakes, any SVG (java&#x73;cript:, an external <image href>) and big files", async () => {
    const m = await demoModel();
    const png = Buffer.from("89504e470d0a1a0a0000000d49484452", "hex");
    expect(setLogo(m, manager(m), { mimeType: "image/png", base64: png.toString("base64") }).dataUrl).toMatch(
      /^data:image\/png;base64,iVBORw0KGgo/,
    );
    const bad = (mimeType: string, body: Buffer) => () =>
      setLogo(m, manager(m), { mimeType: mimeType as "image/png", base64: body.toString("base64") });
    expect(bad("image/jpeg", png)).toThrow(/not a real JPEG/);
    const svgs = [
      '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><a xlink:href="java&#x73;cript:alert(1)"><rect width="9" height="9"/></a></svg>',
      '<svg xmlns="http://www.w3.org/2000/svg"><image href="https://tracker.example/pixel.png" width="1" height="1"/></svg>',
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle r="4" cx="5" cy="5"/></svg>',
    ];
    for (const svg of svgs)
      expect(bad("image/svg+xml", Buffer.from(svg))).toThrow(expect.objectContaining({ message: LOGO_TYPE_MESSAGE }));
    expect(bad("image/png", Buffer.concat([png, Buffer.alloc(201 * 1024)]))).toThrow(/too large/);
    expect(getLogo(m).dataUrl).toMatch(/^data:image\/png/);
    // An SVG stored before SVGs were refused is not served.
    m.db
      .prepare("UPDATE spa_logo SET mime_type = 'image/svg+xml', data = ? WHERE id = 1")
      .run(Buffer.from(svgs[0] ?? ""));
    expect(getLogo(m).dataUrl).toBeNull();
    clearLogo(m, manager(m));
    expect(getLogo(m).dataUrl).toBeNull();
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
