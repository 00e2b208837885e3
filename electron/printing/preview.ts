import type { Paper, Ticket } from "../../contract/ticket";
import { layoutTicket, positionLine } from "./layout";
import { glyphs } from "./text";

/**
 * Plain-text rendering of the ticket layout for the desk's on-screen preview (monospace
 * lines for a <pre>). Each line is at most the paper's column count wide; double-width
 * lines are letter-spaced ("F A C E") so they take the room they take on paper.
 */
export function previewLines(ticket: Ticket, paper: Paper): string[] {
  const { columns, lines } = layoutTicket(ticket, paper);
  return lines.map((line) => {
    if (line.kind === "rule") return "-".repeat(columns);
    const placed = positionLine(line, columns);
    return (line.size === "large" ? glyphs(placed).join(" ") : placed).trimEnd();
  });
}
