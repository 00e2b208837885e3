import type { Paper, Ticket } from "../../contract/ticket";
import { layoutTicket, positionLine } from "./layout";
import { columnsOf, glyphs } from "./text";

export type PreviewLine = { text: string; bold: boolean };

/**
 * Plain-text rendering of the ticket layout for the desk's on-screen preview (monospace
 * lines for a <pre>, bold where the paper is). Each line is at most the paper's column count
 * wide; double-width lines are letter-spaced ("F A C E") so they take the room they take on paper.
 */
export function previewLines(ticket: Ticket, paper: Paper): PreviewLine[] {
  const { columns, lines } = layoutTicket(ticket, paper);
  return lines.map((line) => {
    if (line.kind === "rule") return { text: "-".repeat(columns), bold: false };
    const placed = positionLine(line, columns);
    const spaced = glyphs(placed).map((g) => g + " ".repeat(columnsOf(g)));
    return { text: (line.size === "large" ? spaced.join("") : placed).trimEnd(), bold: line.bold };
  });
}
