import { describe, expect, it } from "vitest";
import { catalog } from "./catalog";
import { saveService, saveTherapist, manager, asServiceInput } from "../test/back-office";
import { demoModel } from "../test/helpers";

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
