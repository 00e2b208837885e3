import { execFileSync, spawnSync } from "node:child_process";

/** Test helper: whether poppler's pdftotext is installed. */
export const hasPdftotext = spawnSync("pdftotext", ["-v"]).error === undefined;

/** Test helper: the text of a PDF (file path or bytes), laid out as on the page. */
export function pdfToText(pdf: string | Buffer): string {
  return typeof pdf === "string"
    ? execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" })
    : execFileSync("pdftotext", ["-layout", "-", "-"], { input: pdf, encoding: "utf8" });
}
