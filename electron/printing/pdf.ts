import PDFDocument from "pdfkit";
import type { Paper, Ticket } from "../../contract/ticket";
import { layoutTicket, positionLine, type LayoutLine, type TicketLayout } from "./layout";
import { printableText } from "./text";

/** Points per millimetre. */
const MM = 72 / 25.4;
const PAPER_WIDTH_MM: Readonly<Record<Paper, number>> = { "80mm": 80, "58mm": 58 };
/** A thermal printer's font A is 12 dots wide at 203 dpi: 1.5 mm per column on both widths. */
const COLUMN_WIDTH = 1.5 * MM;
/** Courier glyphs advance 0.6 em, so this size makes one glyph exactly one column. */
const FONT_SIZE = COLUMN_WIDTH / 0.6;
const LINE_HEIGHT = FONT_SIZE * 1.3;
const TOP_BOTTOM_MARGIN = 3 * MM;

/** WinAnsi characters beyond Latin-1 that pdfkit's standard fonts can draw. */
const WIN_ANSI_EXTRAS = new Set("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ");

/** Whether pdfkit's standard fonts (WinAnsi) can draw this glyph. */
function inWinAnsi(g: string): boolean {
  const code = g.length === 1 ? g.charCodeAt(0) : -1;
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRAS.has(g);
}

/** The standard PDF fonts only have WinAnsi glyphs: other letters are transliterated, the rest "?". */
const winAnsi = (text: string): string => printableText(text, inWinAnsi);

function lineHeight(line: LayoutLine): number {
  return line.kind === "text" && line.size === "large" ? 2 * LINE_HEIGHT : LINE_HEIGHT;
}

function pageSizeMm(layout: TicketLayout): { widthMm: number; heightMm: number } {
  const content = layout.lines.reduce((sum, line) => sum + lineHeight(line), 0);
  return { widthMm: PAPER_WIDTH_MM[layout.paper], heightMm: Math.ceil((2 * TOP_BOTTOM_MARGIN + content) / MM) };
}

/** The PDF's page size in whole millimetres: the paper's width by the ticket's height. */
export function pdfPageSizeMm(ticket: Ticket, paper: Paper): { widthMm: number; heightMm: number } {
  return pageSizeMm(layoutTicket(ticket, paper, winAnsi));
}

/**
 * A one-page PDF as wide as the paper and as tall as the ticket, drawn in Courier so the
 * layout's columns map 1:1 onto the page (large lines are double width and height).
 */
export function renderPdf(ticket: Ticket, paper: Paper): Promise<Buffer> {
  const layout = layoutTicket(ticket, paper, winAnsi);
  const { columns, lines } = layout;
  const { widthMm, heightMm } = pageSizeMm(layout);
  const pageWidth = widthMm * MM;
  const pageHeight = heightMm * MM;
  const left = (pageWidth - columns * COLUMN_WIDTH) / 2;

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
    const height = lineHeight(line);
    if (line.kind === "rule") {
      doc.moveTo(left, y + height / 2).lineTo(pageWidth - left, y + height / 2).lineWidth(0.5).stroke("black");
    } else {
      if (line.inverse) doc.rect(left, y, pageWidth - 2 * left, height).fill("black");
      doc
        .font(line.bold ? "Courier-Bold" : "Courier")
        .fontSize(line.size === "large" ? 2 * FONT_SIZE : FONT_SIZE)
        .fillColor(line.inverse ? "white" : "black")
        .text(positionLine(line, columns), left, y + (height - (line.size === "large" ? 2 : 1) * FONT_SIZE) / 2, {
          lineBreak: false,
        });
    }
    y += height;
  }
  doc.end();
  return done;
}
