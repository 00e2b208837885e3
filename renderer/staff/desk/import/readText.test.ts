import { describe, expect, it } from "vitest";
import { IMPORT_MAX_CHARS } from "../../../../contract/desk";
import { readText } from "./readText";

describe("reading an import file", () => {
  it("reads UTF-8 as it is, accents and all", async () => {
    const csv = "id,guest\n1,María Núñez\n";
    await expect(readText(new File([csv], "book.csv"))).resolves.toBe(csv);
  });

  it("refuses Windows-1252 (Latin-1) bytes with how to save the file instead", async () => {
    const latin1 = Uint8Array.from([0x4d, 0x61, 0x72, 0xed, 0x61]); // "María" in Windows-1252
    await expect(readText(new File([latin1], "book.csv"))).rejects.toThrow(/isn't UTF-8 text.*"CSV UTF-8"/);
  });

  it("refuses a file over the contract's limit before reading it, saying how to split it", async () => {
    const big = new File([new Uint8Array(IMPORT_MAX_CHARS + 1)], "year.csv");
    await expect(readText(big)).rejects.toThrow(/larger than \d+ MB\. Split it/);
  });
});
