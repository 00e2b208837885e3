import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { forgetDrafts, keepDrafts, keptDrafts } from "./draftStore";
import { blankOffer, offerDraft } from "./releaseDraft";

/** The tab's sessionStorage, as a browser keeps it: strings under keys, and a quota. */
class TabStorage {
  items = new Map<string, string>();
  full = false;
  getItem = (k: string) => this.items.get(k) ?? null;
  setItem = (k: string, v: string) => {
    if (this.full) throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    this.items.set(k, v);
  };
  removeItem = (k: string) => void this.items.delete(k);
}
let tab: TabStorage;
beforeEach(() => {
  tab = new TabStorage();
  vi.stubGlobal("sessionStorage", tab);
});
afterEach(() => vi.unstubAllGlobals());

const face = offerDraft({
  code: "face",
  priceCents: 2500,
  extraMinutes: 15,
  texts: { en: { title: "Face massage", benefits: ["Eases a tight jaw.", "Rests the eyes."] } },
  services: ["Swedish"],
  screening: [{ text: { en: "Sunburn?", es: "¿Quemadura?", zh: "晒伤？" }, ifYes: "notToday", reason: "sunburn" }],
  allowLocalOverride: true,
});

describe("the owner's unpublished release, kept in the tab", () => {
  it("comes back as typed, half-written fields included, until forgotten", () => {
    const typed = { ...face, price: "25.5O", services: "Swedish\n\n" };
    keepDrafts(3, [typed, blankOffer(typed)]);
    const kept = keptDrafts();
    expect(kept?.from).toBe(3);
    expect(kept?.drafts.map(({ key: _key, ...d }) => d)).toEqual(
      [typed, blankOffer(typed)].map(({ key: _key, ...d }) => d),
    );
    forgetDrafts();
    expect(keptDrafts()).toBeNull();
  });

  it("what the tab holds that is not a release's drafts (damaged, another page's, an older shape) is left unread", () => {
    for (const held of [
      "{",
      "null",
      '"text"',
      JSON.stringify({ from: 1, offers: [] }),
      JSON.stringify({ offers: [{}] }),
    ]) {
      tab.items.set("happyhead.chainOffers.draft", held);
      expect(keptDrafts()).toBeNull();
    }
  });

  it("a tab that cannot store them (full, or storage turned off) leaves the form working", () => {
    tab.full = true;
    expect(() => keepDrafts(null, [face])).not.toThrow();
    expect(keptDrafts()).toBeNull();
    vi.stubGlobal("sessionStorage", undefined);
    expect(() => keepDrafts(null, [face])).not.toThrow();
    expect(keptDrafts()).toBeNull();
    expect(() => forgetDrafts()).not.toThrow();
  });
});
