import { createHash } from "node:crypto";
import type { Paper, Ticket } from "../../contract/ticket";
import { drawRuns } from "./bidi";
import { layoutTicket, PAPER_COLUMNS, positionLine, type LayoutLine } from "./layout";
import { FONT_SIZE_MM, LINE_HEIGHT_MM, pageSizeMm, sideMarginMm, TOP_BOTTOM_MARGIN_MM } from "./page";
import { scriptOf, scriptText } from "./scripts";
import { columnsOf, glyphs, isEmoji } from "./text";
import { emojiFontFace, SLIP_EMOJI_FAMILY } from "./emoji-font";

/**
 * The ticket layout as a self-contained HTML page for Electron's printing (webContents.print
 * into the Windows spooler): one page exactly as wide as the paper and as tall as the ticket,
 * the same column grid and line heights as the PDF, no script, nothing loaded from anywhere
 * (the Content-Security-Policy allows only its own style sheets, by hash, and the emoji font inline in one).
 */

/**
 * Glyphs a monospaced system font draws one column wide: Latin (with Vietnamese), Greek,
 * Cyrillic, punctuation and currency signs. Arabic and Hebrew are drawn as written, each run in
 * a box as wide as its columns (scriptRun); emoji in the system's emoji font, each in a box of its
 * columns (EMOJI_FONTS). Others (CJK) are double width or missing from the font, so they are
 * transliterated as on the other renderers.
 */
const SINGLE_COLUMN =
  /^[\u0020-\u007e\u00a0-\u024f\u0370-\u03ff\u0400-\u04ff\u1e00-\u1eff\u2010-\u2027\u2030-\u205e\u20a0-\u20c0]$/u;
export const singleColumn = (text: string): string => scriptText(text, (g) => SINGLE_COLUMN.test(g) || isEmoji(g));

/** Courier New is on every Windows; Liberation Mono and Cousine have its metrics (0.6 em). */
const FONTS = `"Courier New", "Liberation Mono", Cousine, monospace`;
/**
 * Arabic and Hebrew in a proportional font, which joins and spaces them as a reader expects and fits a name in its
 * columns: Segoe UI and Tahoma are on every Windows; Noto and DejaVu on Linux.
 */
const SCRIPT_FONTS = `"Segoe UI", Tahoma, "Noto Naskh Arabic", "Noto Sans Arabic", "Noto Sans Hebrew", "DejaVu Sans", sans-serif`;
/**
 * Emoji in the slip's own emoji font, carried inline by every page with an emoji (emoji-font.ts): the black pictures
 * the PDF slips draw, on any computer. What it lacks falls to the system's: Segoe UI Emoji on every Windows (10 and
 * later), Apple's on a Mac, Noto Color Emoji on Linux.
 */
const EMOJI_FONTS = `"${SLIP_EMOJI_FAMILY}", "Segoe UI Emoji", "Apple Color Emoji", "Noto Color Emoji", emoji, sans-serif`;
const RULE_MM = 0.2;

const STYLE = [
  `html, body { margin: 0; padding: 0; background: #fff; color: #000; print-color-adjust: exact; -webkit-print-color-adjust: exact; }`,
  `body { box-sizing: border-box; overflow: hidden; font-family: ${FONTS}; font-size: ${FONT_SIZE_MM}mm; }`,
  `.line { height: ${LINE_HEIGHT_MM}mm; line-height: ${LINE_HEIGHT_MM}mm; white-space: pre; overflow: hidden; }`,
  `.large { height: ${2 * LINE_HEIGHT_MM}mm; line-height: ${2 * LINE_HEIGHT_MM}mm; font-size: ${2 * FONT_SIZE_MM}mm; }`,
  `.bold { font-weight: bold; }`,
  `.inverse { background: #000; color: #fff; }`,
  `.rule { position: relative; }`,
  `.rule::before { content: ""; position: absolute; left: 0; right: 0; top: ${(LINE_HEIGHT_MM - RULE_MM) / 2}mm; border-top: ${RULE_MM}mm solid #000; }`,
  // A line with right-to-left text is given in visual order (bidi.ts): Chromium must not reorder it again.
  `.visual { unicode-bidi: bidi-override; direction: ltr; }`,
  // An Arabic or Hebrew run in a box of its columns (a column is 0.6 em of Courier at either size), its text drawn
  // right to left (<bdo>, as bidi.ts gives it) and shaped by Chromium. Chromium runs no script here to measure it: a
  // run the system font draws wider than its columns runs on into the room after it rather than lose a letter.
  `.script { display: inline-block; vertical-align: top; white-space: pre; font-family: ${SCRIPT_FONTS}; }`,
  // An emoji in a box of its columns (two: 1.2 em; one for a symbol without emoji style, "☺"), drawn smaller than the
  // text (emoji fonts advance 1.25 to 1.4 em) so it fits; one the system draws wider is cut at the box, never moving
  // the line.
  `.emoji { display: inline-block; vertical-align: top; text-align: center; overflow: hidden; white-space: pre; }`,
  `.emoji > span { font-family: ${EMOJI_FONTS}; font-size: 0.8em; font-weight: normal; }`,
  `.emoji.c1 > span { font-size: 0.45em; }`,
  ...Array.from({ length: PAPER_COLUMNS["80mm"] }, (_, i) => `.c${i + 1} { width: ${(0.6 * (i + 1)).toFixed(1)}em; }`),
].join("\n");

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);

const SCRIPT_LANG = { arabic: "ar", hebrew: "he" } as const;

/** Monospaced text, each emoji in a box of its columns in the emoji font. */
const monoHtml = (text: string): string =>
  glyphs(text)
    .map((g) =>
      isEmoji(g) ? `<span class="emoji c${columnsOf(g)}"><span>${escapeHtml(g)}</span></span>` : escapeHtml(g),
    )
    .join("");

function lineHtml(line: LayoutLine, columns: number): string {
  if (line.kind === "rule") return `<div class="line rule"></div>`;
  const classes = [
    "line",
    line.size === "large" ? "large" : null,
    line.bold ? "bold" : null,
    line.inverse ? "inverse" : null,
  ].filter(Boolean);
  const runs = drawRuns(positionLine(line, columns), scriptOf);
  if (runs.every((run) => run.script === null)) {
    return `<div class="${classes.join(" ")}">${monoHtml(runs.map((run) => run.text).join(""))}</div>`;
  }
  const body = runs
    .map((run) =>
      run.script === null
        ? monoHtml(run.text)
        : `<span class="script c${run.columns}" lang="${SCRIPT_LANG[run.script]}"><bdo dir="rtl">${escapeHtml(run.text)}</bdo></span>`,
    )
    .join("");
  return `<div class="${[...classes, "visual"].join(" ")}">${body}</div>`;
}

export type TicketHtml = { html: string; widthMm: number; heightMm: number };

export function renderTicketHtml(ticket: Ticket, paper: Paper): TicketHtml {
  const layout = layoutTicket(ticket, paper, singleColumn);
  const { widthMm, heightMm } = pageSizeMm(layout);
  const style = [
    STYLE,
    `@page { size: ${widthMm}mm ${heightMm}mm; margin: 0; }`,
    `body { width: ${widthMm}mm; height: ${heightMm}mm; padding: ${TOP_BOTTOM_MARGIN_MM}mm ${sideMarginMm(layout)}mm; }`,
  ].join("\n");
  const styleHash = createHash("sha256").update(style).digest("base64");
  const title = `Happy Head ticket ${ticket.ticketNumber} job ${ticket.printJobId}`;
  const lines = layout.lines.map((line) => lineHtml(line, layout.columns));
  // The emoji font only on a page with an emoji: 1.15 MB inline, and a CSP that lets the page read it and no more.
  const face = lines.some((line) => line.includes(`<span class="emoji `)) ? emojiFontFace() : null;
  const csp = face
    ? `default-src 'none'; style-src 'sha256-${styleHash}' 'sha256-${face.hash}'; font-src data:`
    : `default-src 'none'; style-src 'sha256-${styleHash}'`;
  const html = [
    `<!doctype html>`,
    `<html lang="en"><head><meta charset="utf-8">`,
    `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    `<title>${escapeHtml(title)}</title>`,
    ...(face ? [`<style>${face.css}</style>`] : []),
    `<style>${style}</style>`,
    `</head><body>`,
    ...lines,
    `</body></html>`,
  ].join("\n");
  return { html, widthMm, heightMm };
}
