import PDFDocument from "pdfkit";
import type { Paper, Ticket } from "../../contract/ticket";
import { layoutTicket, positionLine } from "./layout";
import { FONT_SIZE_MM, lineHeightMm, pageSizeMm, sideMarginMm, TOP_BOTTOM_MARGIN_MM } from "./page";
import { printableText } from "./text";

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

/** The standard PDF fonts only have WinAnsi glyphs: other letters are transliterated, the rest "?". */
const winAnsi = (text: string): string => printableText(text, inWinAnsi);

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
