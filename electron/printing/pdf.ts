import PDFDocument from "pdfkit";
import type { Paper, Ticket } from "../../contract/ticket";
import { drawRuns } from "./bidi";
import { emojiDrawn, emojiFont, emojiMetrics, emojiParts } from "./emoji";
import { layoutTicket, positionLine, type TextLine } from "./layout";
import { COLUMN_WIDTH_MM, FONT_SIZE_MM, lineHeightMm, pageSizeMm, sideMarginMm, TOP_BOTTOM_MARGIN_MM } from "./page";
import { scriptFont, scriptOf, scriptText } from "./scripts";
import { columnsOf, glyphs, NBSP } from "./text";

/** Points per millimetre. */
const MM = 72 / 25.4;
const FONT_SIZE = FONT_SIZE_MM * MM;
const TOP_BOTTOM_MARGIN = TOP_BOTTOM_MARGIN_MM * MM;

/** WinAnsi characters beyond Latin-1 that pdfkit's standard fonts can draw. */
const WIN_ANSI_EXTRAS = new Set("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ");

/** Whether pdfkit's standard fonts (WinAnsi) can draw this glyph. */
function inWinAnsi(g: string): boolean {
  const code = g.length === 1 ? g.charCodeAt(0) : -1;
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRAS.has(g);
}

/**
 * What the PDF draws: WinAnsi in Courier, Arabic and Hebrew in their fonts, emoji in Noto Emoji (a sequence it has
 * no one picture for as its parts: emoji.ts); other letters transliterated.
 */
export const pdfText = (text: string): string => scriptText(emojiParts(text), (g) => inWinAnsi(g) || emojiDrawn(g));

/** The PDF's page size in whole millimetres: the paper's width by the ticket's height. */
export function pdfPageSizeMm(ticket: Ticket, paper: Paper): { widthMm: number; heightMm: number } {
  return pageSizeMm(layoutTicket(ticket, paper, pdfText));
}

/** Courier's ascender (its AFM: 629/1000 em): where pdfkit puts the baseline below the top it is given. */
const COURIER_ASCENT = 0.629;

type Pen = { size: number; column: number; courier: "Courier" | "Courier-Bold" };

/**
 * A stretch of Courier columns; each emoji in it in Noto Emoji, in the middle of the line and as large as its two
 * columns hold (3 mm wide on a normal line: about the height of the line's letters with their descenders).
 */
function drawCourier(doc: PDFKit.PDFDocument, pen: Pen, text: string, x: number, top: number): void {
  let plain = "";
  let start = 0;
  let at = 0;
  const flush = (): void => {
    if (plain !== "")
      doc
        .font(pen.courier)
        .fontSize(pen.size)
        .text(plain, x + start * pen.column, top, { lineBreak: false });
    plain = "";
  };
  for (const g of glyphs(text)) {
    if (emojiDrawn(g)) {
      flush();
      const { middle, advance } = emojiMetrics();
      const room = columnsOf(g) * pen.column;
      const size = Math.min(pen.size, room / advance);
      doc.registerFont("emoji", emojiFont()).font("emoji").fontSize(size);
      const centred = x + at * pen.column + (room - advance * size) / 2;
      doc.text(g, centred, top + pen.size / 2 + middle * size, { lineBreak: false, baseline: "alphabetic" });
    } else {
      if (plain === "") start = at;
      plain += g;
    }
    at += columnsOf(g);
  }
  flush();
}

/**
 * One text line drawn run by run in visual order (bidi.ts): Courier runs on the layout's columns, a script's run in
 * its font on the baseline Courier's letters sit on, starting at its first column and squeezed sideways (never
 * made shorter) when wider than the columns the layout gave it, so nothing after it on the line moves.
 */
function drawLine(doc: PDFKit.PDFDocument, line: TextLine, text: string, left: number, top: number): void {
  const factor = line.size === "large" ? 2 : 1;
  const size = factor * FONT_SIZE;
  const column = factor * COLUMN_WIDTH_MM * MM;
  const pen: Pen = { size, column, courier: line.bold ? "Courier-Bold" : "Courier" };
  doc.fillColor(line.inverse ? "white" : "black");
  for (const run of drawRuns(text, scriptOf)) {
    const x = left + run.column * column;
    if (run.script === null) {
      drawCourier(doc, pen, run.text, x, top);
      continue;
    }
    const name = `${run.script}${line.bold ? "-bold" : ""}`;
    doc.registerFont(name, scriptFont(run.script, line.bold)).font(name).fontSize(size);
    // pdfkit lays out each space-separated word on its own, left to right: the run's spaces go in as no-break
    // spaces, so the shaper lays out the whole run right to left (once a document: pdfkit keeps the layout).
    const runText = run.text.replaceAll(" ", NBSP);
    const options = { lineBreak: false, baseline: "alphabetic" as const };
    const width = doc.widthOfString(runText, options);
    const room = run.columns * column;
    // pdfkit's horizontal scaling (the PDF's Tz), which its type definitions leave out.
    const squeezed: PDFKit.Mixins.TextOptions & { horizontalScaling: number } = {
      ...options,
      horizontalScaling: width > room ? (100 * room) / width : 100,
    };
    doc.text(runText, x, top + COURIER_ASCENT * size, squeezed);
  }
}

/**
 * A one-page PDF as wide as the paper and as tall as the ticket, drawn in Courier so the
 * layout's columns map 1:1 onto the page (large lines are double width and height); Arabic and
 * Hebrew in their own fonts within the columns the layout gave them (drawLine).
 */
export function renderPdf(ticket: Ticket, paper: Paper): Promise<Buffer> {
  const layout = layoutTicket(ticket, paper, pdfText);
  const { columns, lines } = layout;
  const { widthMm, heightMm } = pageSizeMm(layout);
  const pageWidth = widthMm * MM;
  const pageHeight = heightMm * MM;
  const left = sideMarginMm(layout) * MM;

  const doc = new PDFDocument({
    size: [pageWidth, pageHeight],
    margin: 0,
    info: { Title: `Ticket ${ticket.ticketNumber} - print job ${ticket.printJobId}`, Author: ticket.spaName },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  let y = TOP_BOTTOM_MARGIN;
  for (const line of lines) {
    const height = lineHeightMm(line) * MM;
    if (line.kind === "rule") {
      doc
        .moveTo(left, y + height / 2)
        .lineTo(pageWidth - left, y + height / 2)
        .lineWidth(0.5)
        .stroke("black");
    } else {
      if (line.inverse) doc.rect(left, y, pageWidth - 2 * left, height).fill("black");
      const top = y + (height - (line.size === "large" ? 2 : 1) * FONT_SIZE) / 2;
      drawLine(doc, line, positionLine(line, columns), left, top);
    }
    y += height;
  }
  doc.end();
  return done;
}
