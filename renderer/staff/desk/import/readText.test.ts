import { describe, expect, it } from "vitest";
import { IMPORT_MAX_CHARS } from "../../../../contract/desk";
import { decodeExport, readText } from "./readText";

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

describe("what spreadsheet programs save (decodeExport)", () => {
  const utf16 = (text: string, order: "le" | "be") => {
    const bytes = [order === "le" ? [0xff, 0xfe] : [0xfe, 0xff]];
    for (const unit of Array.from(text, (c) => c.charCodeAt(0)))
      bytes.push(order === "le" ? [unit & 0xff, unit >> 8] : [unit >> 8, unit & 0xff]);
    return Uint8Array.from(bytes.flat());
  };

  it("reads Excel's Unicode Text (UTF-16 with its mark, tab-separated), accents and all", () => {
    const text = "Booking ID\tClient\nMB-1\tZoë Núñez\n";
    expect(decodeExport(utf16(text, "le"))).toBe(text);
    expect(decodeExport(utf16(text, "be"))).toBe(text);
  });

  it("says a workbook is a workbook, and how to save it as CSV, instead of blaming its encoding", () => {
    expect(() => decodeExport(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]))).toThrow(
      /^This is an Excel workbook \(\.xlsx\), not a CSV file\. In the spreadsheet, choose File › Save As/,
    );
    expect(() => decodeExport(Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1]))).toThrow(
      /Excel 97–2003 workbook \(\.xls\)/,
    );
  });

  it("reads UTF-8 with Excel's byte-order mark", () => {
    expect(decodeExport(Uint8Array.from([0xef, 0xbb, 0xbf, 0x41, 0x6e, 0x61]))).toBe("Ana");
  });
});
