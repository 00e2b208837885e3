import type { Paper } from "../../contract/ticket";
import type { LayoutLine, TicketLayout } from "./layout";

/**
 * The page geometry of the ticket layout, in millimetres, shared by the renderers that draw a
 * page (PDF, HTML for Electron's printing): the same column grid and line heights, so a ticket
 * is the same size whichever way it reaches a system printer.
 */

export const PAPER_WIDTH_MM: Readonly<Record<Paper, number>> = { "80mm": 80, "58mm": 58 };
/** A thermal printer's font A is 12 dots wide at 203 dpi: 1.5 mm per column on both widths. */
export const COLUMN_WIDTH_MM = 1.5;
/** Courier glyphs advance 0.6 em, so this size makes one glyph exactly one column. */
export const FONT_SIZE_MM = COLUMN_WIDTH_MM / 0.6;
export const LINE_HEIGHT_MM = FONT_SIZE_MM * 1.3;
export const TOP_BOTTOM_MARGIN_MM = 3;

/** Large lines are double width and height. */
export function lineHeightMm(line: LayoutLine): number {
  return line.kind === "text" && line.size === "large" ? 2 * LINE_HEIGHT_MM : LINE_HEIGHT_MM;
}

/** Left (and right) margin that centres the layout's columns on the paper. */
export function sideMarginMm(layout: TicketLayout): number {
  return (PAPER_WIDTH_MM[layout.paper] - layout.columns * COLUMN_WIDTH_MM) / 2;
}

/** The page: the paper's width by the ticket's height, in whole millimetres. */
export function pageSizeMm(layout: TicketLayout): { widthMm: number; heightMm: number } {
  const content = layout.lines.reduce((sum, line) => sum + lineHeightMm(line), 0);
  return { widthMm: PAPER_WIDTH_MM[layout.paper], heightMm: Math.ceil(2 * TOP_BOTTOM_MARGIN_MM + content) };
}
