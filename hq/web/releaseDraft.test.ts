import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ADDON_TITLE_MAX, BENEFIT_MAX, SERVICE_NAME_MAX } from "../../contract/admin";
import { chainOfferSchema, RELEASE_OFFERS_MAX, type ChainOffer } from "../../contract/head-office";
import { SCREENING_QUESTION_MAX, SCREENING_QUESTIONS_MAX, SCREENING_REASON_MAX } from "../../contract/screening";
import { blankOffer, offerDraft, toRelease, type OfferDraft } from "./releaseDraft";

/** A chain offer as an owner publishes it: English and Spanish copy, on Swedish and Deep tissue, one question. */
const chainOffer = (code: string): ChainOffer => ({
  code,
  priceCents: 3000,
  extraMinutes: 15,
  texts: {
    en: { title: `Chain ${code} massage`, benefits: ["Eases tension.", "Leaves you refreshed."] },
    es: { title: `Masaje ${code} de la cadena`, benefits: ["Alivia la tensión.", "Te deja renovado."] },
  },
  services: ["Swedish", "Deep tissue"],
  screening: [
    {
      text: { en: "Any skin irritation today?", es: "¿Irritación de la piel hoy?", zh: "今天皮肤有刺激吗？" },
      ifYes: "check",
      reason: "skin irritation",
    },
  ],
  allowLocalOverride: false,
});
const released = (drafts: OfferDraft[]) => {
  const r = toRelease(drafts);
  if ("error" in r) throw new Error(`expected a release, got "${r.error.message}" on ${r.error.field}`);
  return r.release.offers;
};
const refusal = (drafts: OfferDraft[]) => {
  const r = toRelease(drafts);
  if (!("error" in r)) throw new Error("expected a refusal");
  return r.error;
};

/** Text an owner may type at a limit: any letters (accents, CJK, emoji) up to `max`, never blank. */
const typed = (max: number) =>
  fc
    .string({
      unit: fc.oneof(
        fc.constantFrom("a", "é", "李", "😀", " ", "-", "'"),
        fc.string({ unit: "grapheme", minLength: 1, maxLength: 1 }),
      ),
      minLength: 1,
      maxLength: max,
    })
    .filter((s) => s.trim().length > 0);
const copy = fc.record({
  title: typed(ADDON_TITLE_MAX),
  benefits: fc.array(typed(BENEFIT_MAX), { minLength: 2, maxLength: 3 }),
});
const question = fc.record({
  text: fc.record({
    en: typed(SCREENING_QUESTION_MAX),
    es: typed(SCREENING_QUESTION_MAX),
    zh: typed(SCREENING_QUESTION_MAX),
  }),
  ifYes: fc.constantFrom("fine", "check", "notToday"),
  reason: typed(SCREENING_REASON_MAX),
});
/** A chain offer as head office stores it: what the contract made of whatever was sent, at and near every limit. */
const offer = fc
  .record({
    code: fc.stringMatching(/^[a-z][a-z0-9-]{1,39}$/),
    priceCents: fc.oneof(fc.constantFrom(0, 1, 99, 100_000), fc.integer({ min: 0, max: 100_000 })),
    extraMinutes: fc.integer({ min: 0, max: 120 }),
    texts: fc.record({ en: copy, es: copy, zh: copy }, { requiredKeys: ["en"] }),
    services: fc.uniqueArray(typed(SERVICE_NAME_MAX), {
      minLength: 1,
      maxLength: 6,
      selector: (n) => n.trim().toLowerCase(),
    }),
    screening: fc.array(question, { maxLength: SCREENING_QUESTIONS_MAX }),
    allowLocalOverride: fc.boolean(),
  })
  .map((o) => chainOfferSchema.safeParse(o))
  .filter((p) => p.success)
  .map((p) => p.data);

describe("a release as the owner edits it", () => {
  it("every release head office could hold comes back unchanged when the owner publishes it untouched (property, at the limits)", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(offer, { minLength: 1, maxLength: RELEASE_OFFERS_MAX, selector: (o) => o.code }),
        (offers) => {
          expect(released(offers.map(offerDraft))).toEqual(offers);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("takes prices as people type them, and services one a line or pasted from a spreadsheet's row", () => {
    const d = { ...offerDraft(chainOffer("face")), price: "$ 25.5", extraMinutes: " 20 " };
    d.services = "  Swedish\r\n\r\nDeep tissue  \n\n";
    const [sent] = released([d]);
    expect(sent).toMatchObject({ priceCents: 2550, extraMinutes: 20, services: ["Swedish", "Deep tissue"] });
    // A row of a spreadsheet, pasted: its cells are separated by tabs.
    d.services = "Swedish\tDeep tissue\tHot stone\t";
    expect(released([d])[0]?.services).toEqual(["Swedish", "Deep tissue", "Hot stone"]);
  });

  it("a language left wholly blank has no copy; a half-written one is refused on its field", () => {
    const d = offerDraft(chainOffer("face"));
    d.texts = { ...d.texts, es: { title: "", benefits: ["", "", ""] } };
    expect(released([d])[0]?.texts).toEqual({ en: chainOffer("face").texts.en });
    d.texts = { ...d.texts, es: { title: "", benefits: ["Alivia la tensión.", "", ""] } };
    expect(refusal([d]).field).toBe("offers.0.texts.es.title");
  });

  it("names the field at fault, in the add-on where it is", () => {
    const face = offerDraft(chainOffer("face"));
    const scalp = offerDraft(chainOffer("scalp"));
    expect(refusal([face, { ...scalp, price: "twenty" }])).toMatchObject({
      field: "offers.1.priceCents",
      message: "Enter a price in dollars, e.g. 25 or 25.50.",
    });
    expect(refusal([face, { ...scalp, price: "2000" }]).field).toBe("offers.1.priceCents");
    expect(refusal([face, { ...scalp, extraMinutes: "1.5" }]).field).toBe("offers.1.extraMinutes");
    expect(refusal([face, { ...scalp, code: "face" }])).toMatchObject({
      field: "offers.1.code",
      message: "Add-on 1 already has the code face: each add-on code once.",
    });
    expect(refusal([face, { ...scalp, services: "\n \n" }]).field).toBe("offers.1.services");
    expect(refusal([face, { ...scalp, services: `Swedish\n${"x".repeat(SERVICE_NAME_MAX + 1)}` }]).field).toBe(
      "offers.1.services",
    );
    const q = scalp.screening[0];
    if (!q) throw new Error("the test offer has a screening question");
    expect(refusal([face, { ...scalp, screening: [{ ...q, reason: "" }] }]).field).toBe("offers.1.screening.0.reason");
    expect(refusal([face, { ...scalp, screening: [{ ...q, text: { ...q.text, zh: " " } }] }]).field).toBe(
      "offers.1.screening.0.text.zh",
    );
  });

  it("a new add-on goes with the services of the one before it and must be written before it is published", () => {
    const face = offerDraft(chainOffer("face"));
    const added = blankOffer(face);
    expect(added.services).toBe(face.services);
    expect(refusal([face, { ...added, price: "18" }]).field).toBe("offers.1.code");
    expect(refusal([face, { ...added, price: "18", code: "hand" }]).field).toBe("offers.1.texts.en.title");
  });
});
