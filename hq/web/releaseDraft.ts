/**
 * A release of chain offers as the owner edits it on the Chain offers page: one draft per add-on (text as typed, every
 * kiosk language), turned into what head office takes (contract/head-office.ts releaseInputSchema), with the first
 * thing wrong named on its field. Pure, tested beside it (releaseDraft.test.ts).
 */
import { languageSchema } from "../../contract/common";
import { releaseInputSchema, type ChainOffer, type ReleaseInput } from "../../contract/head-office";
import type { ScreeningQuestion } from "../../contract/screening";
import { copyOf, textDrafts, type TextDraft } from "../../renderer/staff/admin/addons/draft";
import { dollars, localError, parseDollars, parseWhole, type FormError } from "../../renderer/staff/admin/form";
import { questionFieldNames } from "../../renderer/staff/admin/addons/ScreeningQuestionFields";
import type { Lang } from "../../renderer/common/i18n";

export interface OfferDraft {
  /** Stable while the owner reorders the list (React's key), never sent. */
  key: number;
  code: string;
  price: string;
  extraMinutes: string;
  texts: Record<Lang, TextDraft>;
  /** The services it goes with, one name per line, as each spa names them. */
  services: string;
  screening: ScreeningQuestion[];
  allowLocalOverride: boolean;
}

let nextKey = 1;
/** A draft with a key of its own (a new one, or one read back from the tab). */
export const keyed = (d: Omit<OfferDraft, "key">): OfferDraft => ({ ...d, key: nextKey++ });

export const offerDraft = (o: ChainOffer): OfferDraft =>
  keyed({
    code: o.code,
    price: dollars(o.priceCents),
    extraMinutes: String(o.extraMinutes),
    texts: textDrafts(o.texts),
    services: o.services.join("\n"),
    screening: o.screening,
    allowLocalOverride: o.allowLocalOverride,
  });

/** A new add-on at the end of the list: going with the same services as the one before it. */
export const blankOffer = (before: OfferDraft | undefined): OfferDraft =>
  keyed({
    code: "",
    price: "",
    extraMinutes: "10",
    texts: textDrafts({}),
    services: before?.services ?? "",
    screening: [],
    allowLocalOverride: false,
  });

/** The names on their lines, blank lines left out; a row pasted from a spreadsheet gives one name per cell. */
const serviceNames = (text: string): string[] =>
  text
    .split(/\r\n|\r|\n|\t/)
    .map((n) => n.trim())
    .filter(Boolean);

/** Every field of the form as the contract names it, for the messages on them (the rest go above the form). */
export const releaseFields = (drafts: readonly OfferDraft[]): string[] =>
  drafts.flatMap((d, i) => {
    const at = `offers.${i}`;
    return [
      `${at}.code`,
      `${at}.priceCents`,
      `${at}.extraMinutes`,
      `${at}.services`,
      `${at}.screening`,
      ...languageSchema.options.flatMap((lang) => [
        `${at}.texts.${lang}.title`,
        `${at}.texts.${lang}.benefits`,
        ...[0, 1, 2].map((b) => `${at}.texts.${lang}.benefits.${b}`),
      ]),
      ...d.screening.flatMap((_, q) => questionFieldNames(`${at}.screening.${q}`)),
    ];
  });

/** The field a contract message is about: its path, or the nearest field above it (a service's name: the list). */
function fieldOf(path: readonly PropertyKey[], fields: readonly string[]): string | undefined {
  for (let n = path.length; n > 0; n--) {
    const name = path.slice(0, n).map(String).join(".");
    if (fields.includes(name)) return name;
  }
  return undefined;
}

/** What head office would take, or the first thing wrong, on its field; nothing is sent until it is right. */
export function toRelease(drafts: readonly OfferDraft[]): { release: ReleaseInput } | { error: FormError } {
  const offers: ChainOffer[] = [];
  for (const [i, d] of drafts.entries()) {
    const priceCents = parseDollars(d.price);
    if (priceCents === null)
      return { error: localError(`offers.${i}.priceCents`, "Enter a price in dollars, e.g. 25 or 25.50.") };
    const extraMinutes = parseWhole(d.extraMinutes);
    if (extraMinutes === null)
      return { error: localError(`offers.${i}.extraMinutes`, "Enter the extra time in whole minutes.") };
    offers.push({
      code: d.code,
      priceCents,
      extraMinutes,
      texts: copyOf(d.texts),
      services: serviceNames(d.services),
      screening: d.screening,
      allowLocalOverride: d.allowLocalOverride,
    });
  }
  const parsed = releaseInputSchema.safeParse({ offers });
  if (parsed.success) return { release: parsed.data };
  const issue = parsed.error.issues[0];
  return {
    error: {
      field: fieldOf(issue?.path ?? [], releaseFields(drafts)),
      message: issue?.message ?? "Check the add-ons.",
      code: "INVALID_INPUT",
    },
  };
}
