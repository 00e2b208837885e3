import { describe, expect, it } from "vitest";
import { csvStyleFor } from "./csv";

describe("the CSV a manager's spreadsheet opens", () => {
  it("splits fields at semicolons where the comma is the decimal mark", () => {
    for (const locale of ["de-DE", "es-ES", "fr-FR", "it-IT", "pt-BR", "nl-NL", "es-AR"])
      expect([locale, csvStyleFor(locale)]).toEqual([locale, "semicolon"]);
    for (const locale of ["en-US", "en-GB", "es-MX", "zh-CN", "ja-JP", "en-AU"])
      expect([locale, csvStyleFor(locale)]).toEqual([locale, "comma"]);
  });
});
