/**
 * The release the owner is writing, kept in this tab (sessionStorage) until it is published, so a session that ends
 * meanwhile (30 minutes without a request: typing sends none) costs a sign-in, not the work. Read back through a
 * schema: what the tab holds may be from an older page, or damaged.
 */
import { z } from "zod";
import { languageSchema } from "../../contract/common";
import { RELEASE_OFFERS_MAX } from "../../contract/head-office";
import { SCREENING_QUESTIONS_MAX, screeningOutcomeSchema } from "../../contract/screening";
import { keyed, type OfferDraft } from "./releaseDraft";

const KEY = "happyhead.chainOffers.draft";

/** Bounds well past what a person types: the contract still checks the release before it is sent. */
const typed = z.string().max(100_000);
const savedSchema = z.object({
  /** The release the drafts started from; null before the chain's first. */
  from: z.number().int().min(1).nullable(),
  offers: z
    .array(
      z.object({
        code: typed,
        price: typed,
        extraMinutes: typed,
        texts: z.record(languageSchema, z.object({ title: typed, benefits: z.tuple([typed, typed, typed]) })),
        services: typed,
        screening: z
          .array(z.object({ text: z.record(languageSchema, typed), ifYes: screeningOutcomeSchema, reason: typed }))
          .max(SCREENING_QUESTIONS_MAX),
        allowLocalOverride: z.boolean(),
      }),
    )
    .min(1)
    .max(RELEASE_OFFERS_MAX),
});

export interface SavedRelease {
  from: number | null;
  drafts: OfferDraft[];
}

/** Keeps the owner's unpublished drafts; a tab that cannot store them (full, private mode) just doesn't. */
export function keepDrafts(from: number | null, drafts: readonly OfferDraft[]): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify({ from, offers: drafts.map(({ key: _key, ...d }) => d) }));
  } catch {
    // Nothing to tell the owner: the form keeps working, only a sign-in in between would lose it.
  }
}

/** The drafts kept in this tab, or null (none, or not readable as drafts). */
export function keptDrafts(): SavedRelease | null {
  let json: unknown;
  try {
    json = JSON.parse(sessionStorage.getItem(KEY) ?? "null");
  } catch {
    return null;
  }
  const parsed = savedSchema.safeParse(json);
  return parsed.success ? { from: parsed.data.from, drafts: parsed.data.offers.map(keyed) } : null;
}

/** After a publish, a fresh start or a sign-out: the next owner at this tab starts from the newest release. */
export function forgetDrafts(): void {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // As above.
  }
}
