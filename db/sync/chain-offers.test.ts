import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ADDON_TITLE_MAX, addonInputOf, BENEFIT_MAX } from "../../contract/admin";
import { offerReleaseSchema, RELEASE_OFFERS_MAX, type ChainOffer } from "../../contract/head-office";
import { SCREENING_QUESTION_MAX, SCREENING_QUESTIONS_MAX, SCREENING_REASON_MAX } from "../../contract/screening";
import { chainOffer } from "../test/chain-offer";
import { listAddonsAdmin, restoreChainValues, saveAddon } from "../admin/addons";
import { insertStaff } from "../staff/staff";
import { reportSpa } from "../test/report-fixture";
import { applyChainRelease } from "./chain-offers";
import { savePairing, syncState } from "./outbox";
import { SyncWorker } from "./worker";

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

describe("chain offers at a location", () => {
  it("a release head office sends that this version can't read is refused with MALFORMED_RELEASE and changes nothing", async () => {
    const spa = reportSpa();
    savePairing(
      spa.m,
      { kind: "system" },
      { url: "http://127.0.0.1:9", locationId: "0b9f3c1e-5d2a-4c6b-9e8f-7a1b2c3d4e5f", token: "t".repeat(43) },
    );
    const before = JSON.stringify(listAddonsAdmin(spa.m));
    const bad = {
      number: 1,
      publishedAt: "2026-12-01T10:00:00.000Z",
      offers: [chainOffer("face", { extraMinutes: 9999 })],
    };
    const worker = new SyncWorker({ model: spa, fetch: async () => json(200, { release: bad }) });
    expect(await worker.pullOffers()).toBeNull();
    expect(syncState(spa).lastError).toMatch(/^MALFORMED_RELEASE: /);
    expect(worker.status().offers).toEqual({ release: null, appliedAt: null, problems: [] });
    expect(JSON.stringify(listAddonsAdmin(spa.m))).toBe(before);
  });

  it("a manager's own price goes back to head office's with one action, audited, and the chain's next release reaches the add-on again", () => {
    const spa = reportSpa();
    const staffId = insertStaff(spa.m, { name: "Mia Manager", role: "manager", pinHash: "x" });
    const mia = { kind: "staff" as const, staffId, name: "Mia Manager" };
    const release = (number: number, priceCents: number) =>
      offerReleaseSchema.parse({
        number,
        publishedAt: "2026-12-01T10:00:00.000Z",
        offers: [chainOffer("face", { priceCents, allowLocalOverride: true })],
      });
    applyChainRelease(spa.m, release(1, 3000));
    const face = () => listAddonsAdmin(spa.m).addons.find((a) => a.code === "face")!;
    saveAddon(spa.m, mia, { ...addonInputOf(face()), priceCents: 2700 });
    expect(face()).toMatchObject({ priceCents: 2700, chain: { overridden: true } });

    expect(restoreChainValues(spa.m, mia, face().id).addon).toMatchObject({
      priceCents: 3000,
      chain: { release: 1, overridden: false },
    });
    expect(spa.db.prepare("SELECT actor FROM audit_log WHERE action = 'addon.chain_values'").pluck().all()).toEqual([
      "staff:Mia Manager",
    ]);
    applyChainRelease(spa.m, release(2, 3300));
    expect(face().priceCents).toBe(3300);
    const own = listAddonsAdmin(spa.m).addons.find((a) => a.code === "scalp")!;
    expect(() => restoreChainValues(spa.m, mia, own.id)).toThrow(/no values to use/);
  });

  it("a chain add-on titled like one of the spa's own is applied and reported: guests could not tell them apart", () => {
    const spa = reportSpa();
    const head = chainOffer("head", {
      texts: { en: { title: "scalp MASSAGE", benefits: ["Eases tension.", "Calms."] } },
    });
    const release = offerReleaseSchema.parse({ number: 1, publishedAt: "2026-12-01T10:00:00.000Z", offers: [head] });
    expect(applyChainRelease(spa.m, release).problems).toContain(
      "head: its English title “scalp MASSAGE” is also scalp's here: guests could not tell them apart.",
    );
  });

  it("any release the contract accepts, up to every limit, applies whole: price, minutes, copy and questions as published", () => {
    /** Up to `max` UTF-16 units (the contract's measure), never splitting a character: emoji take two. */
    const line = (max: number) =>
      fc.string({ unit: fc.constantFrom("a", "é", "字", "😀", " ", "-"), maxLength: max }).map((s) => {
        let out = "x";
        for (const ch of s) if ((out + ch).length <= max) out += ch;
        return out.trimEnd();
      });
    const copy = fc.record({
      title: line(ADDON_TITLE_MAX),
      benefits: fc.array(line(BENEFIT_MAX), { minLength: 2, maxLength: 3 }),
    });
    const question = fc.record({
      text: fc.record({
        en: line(SCREENING_QUESTION_MAX),
        es: line(SCREENING_QUESTION_MAX),
        zh: line(SCREENING_QUESTION_MAX),
      }),
      ifYes: fc.constantFrom("fine" as const, "check" as const, "notToday" as const),
      reason: line(SCREENING_REASON_MAX),
    });
    const offer = (code: string) =>
      fc
        .record({
          priceCents: fc.oneof(fc.constantFrom(0, 100_000), fc.integer({ min: 0, max: 100_000 })),
          extraMinutes: fc.oneof(fc.constantFrom(0, 120), fc.integer({ min: 0, max: 120 })),
          en: copy,
          es: fc.option(copy, { nil: undefined }),
          screening: fc.array(question, { maxLength: SCREENING_QUESTIONS_MAX }),
        })
        .map(({ en, es, ...rest }): ChainOffer => ({
          ...chainOffer(code),
          ...rest,
          texts: es ? { en, es } : { en },
        }));
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: RELEASE_OFFERS_MAX })
          .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => offer(`offer-${i}`)))),
        (offers) => {
          const parsed = offerReleaseSchema.safeParse({ number: 1, publishedAt: "2026-12-01T10:00:00.000Z", offers });
          expect(parsed.error?.issues).toBeUndefined();
          const spa = reportSpa();
          expect(applyChainRelease(spa.m, parsed.data!).applied).toBe(true);
          const byCode = new Map(listAddonsAdmin(spa.m).addons.map((a) => [a.code, a]));
          for (const o of parsed.data!.offers) {
            const a = byCode.get(o.code)!;
            expect({ price: a.priceCents, minutes: a.extraMinutes, texts: a.texts }).toEqual({
              price: o.priceCents,
              minutes: o.extraMinutes,
              texts: o.texts,
            });
            const questions = spa.db
              .prepare("SELECT questions FROM screening_sets WHERE addon_id = ? ORDER BY version DESC LIMIT 1")
              .pluck()
              .get(a.id) as string | undefined;
            expect(JSON.parse(questions ?? "[]")).toEqual(o.screening);
          }
        },
      ),
      { numRuns: 25 },
    );
  });
});
