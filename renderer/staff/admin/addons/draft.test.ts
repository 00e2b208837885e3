import { describe, expect, it } from "vitest";
import { addonInputSchema, type AddonAdmin } from "../../../../contract/admin";
import { fromAddon, newDraft, previewCard, toInput, type Draft } from "./draft";

const texts: AddonAdmin["texts"] = {
  en: { title: "Face massage", benefits: ["Eases a tight jaw", "Relaxes the brow"] },
  es: { title: "Masaje facial", benefits: ["Relaja la mandíbula", "Relaja la frente"] },
};
/** A face massage as the back office lists it: $25.50, 15 minutes, English and Spanish copy, no Chinese. */
const face: AddonAdmin = {
  id: 4,
  code: "face",
  priceCents: 2550,
  extraMinutes: 15,
  active: true,
  sortOrder: 0,
  texts,
  serviceIds: [1, 2],
  pendingToday: 0,
  chain: null,
};
const input = (d: Draft) => {
  const r = toInput(d);
  if ("message" in r) throw new Error(`expected an input, got "${r.message}" on ${r.field}`);
  return r;
};

describe("an add-on's draft in the back office", () => {
  it("an add-on saved unchanged is sent back as it was, and the contract takes it", () => {
    const sent = input(fromAddon(face));
    expect(sent).toEqual({
      id: 4,
      code: "face",
      priceCents: 2550,
      extraMinutes: 15,
      sortOrder: 0,
      active: true,
      serviceIds: [1, 2],
      texts,
    });
    expect(addonInputSchema.safeParse(sent).success).toBe(true);
  });

  it("a language left wholly blank is not sent (guests see English); a half-written one is, for the contract to name", () => {
    const d = fromAddon(face);
    expect(Object.keys(input(d).texts)).not.toContain("zh");
    const half: Draft = { ...d, texts: { ...d.texts, zh: { title: "", benefits: ["放松", "", ""] } } };
    expect(input(half).texts.zh).toEqual({ title: "", benefits: ["放松", ""] });
  });

  it("the optional third benefit goes only when written", () => {
    const d = fromAddon(face);
    const three: Draft = { ...d, texts: { ...d.texts, en: { title: "Face", benefits: ["a", "b", "c"] } } };
    expect(input(three).texts.en?.benefits).toEqual(["a", "b", "c"]);
  });

  it("a price, minutes or order that isn't a number is refused on its field before sending", () => {
    const d = newDraft(2, []);
    expect(toInput({ ...d, price: "abc" })).toMatchObject({ field: "priceCents" });
    expect(toInput({ ...d, price: "25", extraMinutes: "ten" })).toMatchObject({ field: "extraMinutes" });
    expect(toInput({ ...d, price: "25", sortOrder: "first" })).toMatchObject({ field: "sortOrder" });
  });

  it("a new add-on starts offered with every active service, last in the order", () => {
    const d = newDraft(3, [
      { id: 1, name: "Swedish", guestNames: {}, minutes: 60, priceCents: 9000, active: true, offerAddons: true },
      { id: 2, name: "Old", guestNames: {}, minutes: 60, priceCents: 9000, active: false, offerAddons: true },
    ]);
    expect(d).toMatchObject({ id: undefined, active: true, serviceIds: [1], sortOrder: "3" });
  });

  it("the preview shows the English copy where a language has none, and never a negative price", () => {
    const d = { ...fromAddon(face), price: "-5" };
    expect(previewCard(d, "zh")).toMatchObject({ title: "Face massage", priceCents: 0 });
    expect(previewCard(d, "es").title).toBe("Masaje facial");
  });
});
