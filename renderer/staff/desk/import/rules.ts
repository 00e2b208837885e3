import type { ImportCatalogKind, ImportPreview, ImportResult } from "../../../../contract/desk";

/**
 * A name the catalog doesn't know, added as a new entry: a therapist or room needs nothing more;
 * a service needs whole minutes (5 or more) and a price in dollars. The price in cents, or null
 * while the fields say otherwise.
 */
export function newEntryPrice(kind: ImportCatalogKind, minutes: string, price: string): number | null {
  const priceCents = Math.round(Number(price) * 100);
  if (kind !== "service") return priceCents;
  const ready =
    Number.isInteger(Number(minutes)) &&
    Number(minutes) >= 5 &&
    price.trim() !== "" &&
    Number.isFinite(priceCents) &&
    priceCents >= 0;
  return ready ? priceCents : null;
}

/** What the preview allows: the bad rows, whether the columns are wrong, and whether Import may run. */
export function readiness(
  preview: ImportPreview | null,
  skipBad: boolean,
  busy: boolean,
  result: ImportResult | null,
): { bad: number; mappingBroken: boolean; canImport: boolean } {
  const bad = preview ? preview.totalRows - preview.validRows : 0;
  const mappingBroken = preview?.errors.some((e) => e.line === 1) ?? false;
  return {
    bad,
    mappingBroken,
    canImport:
      preview !== null && !mappingBroken && preview.validRows > 0 && (bad === 0 || skipBad) && !busy && result === null,
  };
}

/** The import's outcome in one sentence. */
export const resultSummary = (r: ImportResult): string =>
  `Imported: ${r.created} new, ${r.updated} updated, ${r.unchanged} unchanged` +
  (r.cancelled ? `, ${r.cancelled} cancelled` : "") +
  (r.cancelledMissing ? `, ${r.cancelledMissing} not in the file cancelled` : "") +
  (r.skipped ? `, ${r.skipped} bad rows skipped` : "") +
  ".";
