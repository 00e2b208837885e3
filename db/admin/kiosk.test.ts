import { describe, expect, it } from "vitest";
import { PNG } from "pngjs";
import { clearLogo, getLogo, kioskSettings } from "./kiosk";
import { getSettings } from "../settings";
import { LOGO_MAX_SIDE, LOGO_TYPE_MESSAGE } from "../../contract/admin";
import { saveKioskSettings, setLogo, manager, snapshot } from "../test/back-office";
import { demoModel } from "../test/helpers";

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
    const png = PNG.sync.write(new PNG({ width: 4, height: 2 }));
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
    // A few bytes can say 20,000 × 20,000 pixels, which every kiosk start would decode (1.6 GB).
    const huge = Buffer.from(png);
    huge.writeUInt32BE(20_000, 16);
    huge.writeUInt32BE(20_000, 20);
    expect(bad("image/png", huge)).toThrow(
      expect.objectContaining({
        message: `The logo is 20000 × 20000 pixels: the kiosk takes up to ${LOGO_MAX_SIDE} on each side. Save it smaller and upload it again.`,
      }),
    );
    // The signature alone, cut off before its size: not an image.
    expect(bad("image/png", png.subarray(0, 16))).toThrow(/not a real PNG/);
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
