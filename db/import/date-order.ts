import type { DateOrder, ImportPreview } from "../../contract/desk";
import { decideDateOrder, SLASH_DATE } from "./values";

/**
 * Day-first or month-first, from every date of the file and the order the user chose above, if any.
 * `problem` says why no date of the file can be read yet (mixed orders, or an order still to choose).
 */
export function fileDateOrder(
  dateCells: string[],
  chosen: DateOrder | undefined,
): { dateOrder: ImportPreview["dateOrder"]; problem?: string } {
  const fileOrder = decideDateOrder(dateCells);
  if (fileOrder === "mixed") {
    return {
      dateOrder: { order: null, from: "file" },
      problem:
        "This file mixes day-first dates (25/11/2026) and month-first dates (11/25/2026), so no date can be trusted. Export it again with one date format.",
    };
  }
  if (fileOrder !== null)
    return { dateOrder: { order: chosen ?? fileOrder, from: chosen && chosen !== fileOrder ? "chosen" : "file" } };
  const undecided = dateCells.find((d) => SLASH_DATE.test(d.trim()));
  if (undecided === undefined) return { dateOrder: { order: null, from: "not-needed" } };
  if (chosen) return { dateOrder: { order: chosen, from: "chosen" } };
  return {
    dateOrder: { order: null, from: "ask" },
    problem: `No date in this file tells whether ${undecided} is day-first or month-first. Choose the date order above.`,
  };
}
