import { describe, expect, it } from "vitest";
import { ALLERGENS, AREAS, PRESSURES } from "../../contract/preferences";
import { LANGUAGES, resources } from "../common/i18n";

/** Every message key of a catalog with its placeholders, plural forms folded onto their base key. */
function messages(node: object, prefix = ""): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [key, value] of Object.entries(node)) {
    const path = `${prefix}${key}`;
    if (typeof value === "string") {
      const base = path.replace(/_(zero|one|two|few|many|other)$/, "");
      if (!out.has(base)) out.set(base, [...value.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1] ?? "").sort());
    } else if (typeof value === "object" && value !== null) {
      for (const [k, v] of messages(value as object, `${path}.`)) out.set(k, v);
    }
  }
  return out;
}

describe("kiosk catalogs", () => {
  const english = messages(resources.en.translation);
  for (const lang of LANGUAGES.filter((l) => l !== "en")) {
    it(`${lang} says everything English says, with the same placeholders (a guest never meets an English line or a raw {{name}})`, () => {
      const other = messages(resources[lang].translation);
      expect([...other.keys()].sort()).toEqual([...english.keys()].sort());
      for (const [key, placeholders] of english) expect(other.get(key), key).toEqual(placeholders);
    });
  }
});

describe("the preferences step's words", () => {
  it("every pressure, allergen and area the contract takes has its words in every kiosk language", () => {
    const wanted = [
      ...PRESSURES.map((p) => `preferences.pressures.${p}`),
      ...ALLERGENS.map((a) => `preferences.allergens.${a}`),
      ...AREAS.map((a) => `preferences.areas.${a}`),
    ];
    for (const lang of LANGUAGES) {
      const keys = messages(resources[lang].translation);
      for (const key of wanted) expect(keys.has(key), `${lang}: ${key}`).toBe(true);
    }
  });
});
