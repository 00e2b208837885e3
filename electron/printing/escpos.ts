import ReceiptPrinterEncoder from "@point-of-sale/receipt-printer-encoder";
import type { Paper, Ticket } from "../../contract/ticket";
import { codepageText, splitIntoCodepageRuns } from "./codepages";
import { layoutTicket, PAPER_COLUMNS, positionLine } from "./layout";

/** Feed lines so the last printed line clears the cutter, which sits above the print head. */
const FEED_BEFORE_CUT = 4;
const SPACE = 0x20;

/**
 * ESC/POS bytes for the ticket: initialise, then per line bold / invert / size and text in
 * the code page(s) it needs (ESC t n), then feed and a full cut.
 */
export function renderEscPos(ticket: Ticket, paper: Paper): Uint8Array {
  const { columns, lines } = layoutTicket(ticket, paper, codepageText);
  const encoder = new ReceiptPrinterEncoder({
    language: "esc-pos",
    columns: PAPER_COLUMNS[paper],
    codepageMapping: "epson",
    newline: "\n",
    feedBeforeCut: FEED_BEFORE_CUT,
    errors: "strict",
  });
  encoder.initialize();
  for (const line of lines) {
    const factor = line.kind === "text" && line.size === "large" ? 2 : 1;
    encoder
      .bold(line.kind === "text" && line.bold)
      .invert(line.kind === "text" && line.inverse)
      .size(factor, factor);
    const text = line.kind === "rule" ? "-".repeat(columns) : positionLine(line, columns);
    const body = text.trimStart();
    // The encoder drops leading spaces from text, so alignment and indents go in as raw bytes.
    if (body.length < text.length) encoder.raw(new Array<number>(text.length - body.length).fill(SPACE));
    for (const run of splitIntoCodepageRuns(body)) encoder.codepage(run.codepage).text(run.text);
    encoder.newline();
  }
  return encoder.cut().encode();
}
