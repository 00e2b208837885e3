import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DomainError } from "../errors";
import { commitImport } from "./commit";
import { previewImport } from "./preview";
import { contentHash } from "../test/content-hash";
import { demoModel } from "../test/helpers";

/**
 * The appointment CSV import (db/import/: preview.ts, commit.ts) under hostile files. Properties: a preview never
 * changes the database and never throws anything but a DomainError; a commit that refuses (bad
 * rows, no mapping) changes nothing; every row problem has a line and a message; nothing
 * pollutes Object.prototype.
 */
const HEADERS = ["External ID", "Guest name", "Phone", "Service", "Therapist", "Room", "Date", "Start time"];
const cell = fc.oneof(
  fc.constantFrom(
    "POS-1",
    "POS-1",
    "Ada Lovelace",
    "555 010 9001",
    "Swedish massage",
    "Ana Ruiz",
    "Lotus",
    "2026-11-25",
    "9:00 AM",
    "21:30",
    "25:99",
    "31/02/2026",
    "",
  ),
  fc.constantFrom(
    '=HYPERLINK("http://x")',
    "+1-555",
    "@SUM(1)",
    '"quoted, comma"',
    "line\nbreak",
    "semi;colon",
    "__proto__",
    "constructor",
    "\u0000",
    "\uFEFF",
    "é李ñ",
    "x".repeat(70_000),
  ),
  fc.string({ maxLength: 30 }),
);
const hostileCsv = fc
  .record({
    bom: fc.boolean(),
    sep: fc.constantFrom(",", ";", "\t"),
    header: fc.oneof(
      fc.constant(HEADERS),
      fc.shuffledSubarray(HEADERS),
      fc.array(fc.constantFrom(...HEADERS, "__proto__", "prototype", ""), { maxLength: 10 }),
    ),
    rows: fc.array(fc.array(cell, { maxLength: 10 }), { maxLength: 12 }),
    eol: fc.constantFrom("\n", "\r\n", "\r"),
  })
  .map(({ bom, sep, header, rows, eol }) => {
    const quote = (v: string) => (/[",;\t\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
    return (bom ? "\uFEFF" : "") + [header, ...rows].map((r) => r.map(quote).join(sep)).join(eol);
  });
const raw = fc.oneof(
  hostileCsv,
  fc.string({ maxLength: 200 }),
  fc.constantFrom("", "\uFEFF", '"unterminated,quote\nPOS-1', "a,b\n".repeat(30_000)),
);

describe("CSV import under fuzz", () => {
  it("refuses bad files cleanly and never changes the database unless it imports", async () => {
    const m = await demoModel();
    const actor = { kind: "staff", staffId: 1, name: "Morgan Lee" } as const;
    let tried = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(raw, async (content) => {
        tried++;
        const before = contentHash(m.db);
        let preview: Awaited<ReturnType<typeof previewImport>> | null = null;
        try {
          preview = await previewImport(m, content);
        } catch (e) {
          if (!(e instanceof DomainError)) throw e;
        }
        if (contentHash(m.db) !== before) return false;
        for (const err of preview?.errors ?? []) if (!(err.line >= 0 && err.message.length > 0)) return false;
        try {
          await commitImport(m, actor, content, { mapping: preview?.mapping ?? {}, skipBadRows: false });
        } catch (e) {
          if (!(e instanceof DomainError)) throw e;
          refused++;
          return contentHash(m.db) === before;
        }
        return true;
      }),
      { numRuns: 150 },
    );
    console.log(`CSV import fuzz: files tried ${tried}, refused whole ${refused}, crashes 0`);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  }, 120_000);
});
