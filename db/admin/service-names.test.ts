import { describe, expect, it } from "vitest";
import { catalog } from "./catalog";
import { findAppointments } from "../kiosk/search";
import { DEMO_GUESTS } from "../demo/seed-demo";
import { serviceNameIn } from "../../contract/kiosk";
import { saveService, manager, asServiceInput } from "../test/back-office";
import { demoModel } from "../test/helpers";

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
