import { pressureLabels } from "../../contract/preferences";
import { checkText } from "../../contract/screening";
import type { Paper, Ticket, TicketAlerts } from "../../contract/ticket";
import { alignText, cleanText, emojiWords, glyphs, isEmoji, NBSP, textColumns, wrapText, type Align } from "./text";

/**
 * The one therapist-ticket layout. The preview, PDF and ESC/POS renderers all draw these
 * lines, so they can never disagree about content, order or wrapping.
 */

export type TextSize = "normal" | "large";

/** One printed line. Large text is double width and height, so it holds half the columns. */
export type TextLine = {
  kind: "text";
  text: string;
  size: TextSize;
  bold: boolean;
  align: Align;
  /** Banner: white on black across the whole line. */
  inverse: boolean;
};

export type LayoutLine = TextLine | { kind: "rule" };

export type TicketLayout = { paper: Paper; columns: number; lines: LayoutLine[] };

export const PAPER_COLUMNS = { "80mm": 48, "58mm": 32 } as const satisfies Record<Paper, number>;

/** How many columns (textColumns) a line of this size holds. */
export function lineCapacity(size: TextSize, columns: number): number {
  return size === "large" ? Math.floor(columns / 2) : columns;
}

/**
 * The line's text with its alignment applied as leading spaces; banners are padded on both
 * sides to the full line so the black bar spans the paper. Measured in columns of its size.
 */
export function positionLine(line: TextLine, columns: number): string {
  const capacity = lineCapacity(line.size, columns);
  const placed = alignText(line.text, capacity, line.align);
  return line.inverse ? placed + " ".repeat(Math.max(0, capacity - textColumns(placed))) : placed;
}

type Style = { size?: TextSize; bold?: boolean; align?: Align; inverse?: boolean; indent?: number };

class LayoutBuilder {
  readonly lines: LayoutLine[] = [];
  constructor(
    private readonly columns: number,
    private readonly printable: (text: string) => string,
  ) {}

  text(text: string, style: Style = {}): void {
    const size = style.size ?? "normal";
    for (const part of wrapText(this.printable(text), lineCapacity(size, this.columns), style.indent ?? 0)) {
      this.lines.push({
        kind: "text",
        text: part,
        size,
        bold: style.bold ?? false,
        align: style.align ?? "left",
        inverse: style.inverse ?? false,
      });
    }
  }

  /**
   * A name, a note or an add-on's title as this device prints it; one that would print as nothing (only emoji, on a
   * thermal slip) says its emoji in words instead ("Guest: (emoji: cherry blossom)"), never a bare "Guest:".
   */
  shown(value: string): string {
    const printed = glyphs(cleanText(this.printable(value)));
    const says = printed.some((g) => /[\p{L}\p{N}]/u.test(g) || isEmoji(g));
    return says || !glyphs(value).some(isEmoji) ? value : emojiWords(value);
  }

  field(label: string, value: string): void {
    this.text(`${label}: ${this.shown(value)}`, { indent: 2 });
  }

  banner(word: string): void {
    this.text(`*** ${word} ***`, { size: "large", bold: true, align: "center", inverse: true });
  }

  rule(): void {
    this.lines.push({ kind: "rule" });
  }

  /**
   * A box drawn in characters every printer has: a titled top edge, each row word-wrapped inside
   * "| " and " |" (continuations indented), a bottom edge, all exactly the paper's width.
   */
  box(title: string, rows: { text: string; bold: boolean }[]): void {
    const inner = this.columns - 4;
    const edge = (text: string, bold: boolean) =>
      this.lines.push({ kind: "text", text, size: "normal", bold, align: "left", inverse: false });
    const top = `+== ${title} `;
    edge(top + "=".repeat(this.columns - top.length - 1) + "+", true);
    for (const row of rows) {
      for (const part of wrapText(this.printable(row.text), inner, 2)) {
        edge(`| ${part}${" ".repeat(inner - textColumns(part))} |`, row.bold);
      }
    }
    edge("+" + "=".repeat(this.columns - 2) + "+", true);
  }
}

/** The ALERTS box's rows: allergies and areas to avoid in bold, then each add-on to check with the guest. */
function alertRows(alerts: TicketAlerts, shown: (value: string) => string): { text: string; bold: boolean }[] {
  const list = (values: string[]) => values.map(shown).join(", ");
  return [
    ...(alerts.allergies.length > 0 ? [{ text: `ALLERGIES: ${list(alerts.allergies)}`, bold: true }] : []),
    ...(alerts.avoid.length > 0 ? [{ text: `AVOID: ${list(alerts.avoid)}`, bold: true }] : []),
    ...alerts.checks.map((c) => ({ text: `CHECK WITH GUEST: ${checkText(c)}`, bold: false })),
  ];
}

/**
 * Lays the ticket out for a paper width. `printable` rewrites text the output device cannot
 * draw (see text.ts printableText) before wrapping, so lines are measured as they will print.
 */
export function layoutTicket(
  ticket: Ticket,
  paper: Paper,
  printable: (text: string) => string = (text) => text,
): TicketLayout {
  const columns = PAPER_COLUMNS[paper];
  const b = new LayoutBuilder(columns, printable);

  b.text(b.shown(ticket.spaName), { bold: true, align: "center" });
  b.text(`TICKET ${ticket.ticketNumber}`, { size: "large", bold: true, align: "center" });
  b.text(`Print job ${ticket.printJobId}`, { align: "center" });
  b.rule();

  if (ticket.sample) {
    b.text("TEST PRINT", { size: "large", bold: true, align: "center", inverse: true });
    b.text("Printer check - not a booking", { align: "center" });
    b.rule();
  }

  // A reprint keeps the banner of what it reprints: a VOID ticket must never read as valid.
  const what = ticket.kind === "reprint" ? (ticket.reprintOf ?? "original") : ticket.kind;
  if (ticket.kind !== "original") {
    if (ticket.kind === "reprint") b.banner("REPRINT");
    if (what === "changed") {
      b.banner("CHANGED");
      for (const change of ticket.changes) b.text(`- ${b.shown(change)}`, { bold: true, indent: 2 });
    }
    if (what === "void") {
      b.banner("VOID");
      if (ticket.voidReason !== null && ticket.voidReason.trim() !== "") {
        b.text(`Reason: ${b.shown(ticket.voidReason)}`, { bold: true, indent: 2 });
      }
    }
    b.rule();
  }

  b.field("Guest", ticket.guestLabel);
  if (ticket.guestLanguage !== undefined) b.field("Speaks", ticket.guestLanguage);
  b.field("Date", ticket.dateLocal);
  b.field("Time", `${ticket.startLocal}${NBSP}-${NBSP}${ticket.endLocal}`);
  b.field("Service", `${ticket.serviceName} (${ticket.serviceMinutes}${NBSP}min)`);
  b.field("Therapist", ticket.therapistName);
  b.field("Room", ticket.roomName);
  if (ticket.note !== undefined) b.field("Note", ticket.note);
  // The guest's pressure: a plain line for the therapist, not an alert (outside the box).
  if (ticket.pressure !== undefined) b.field("Pressure", pressureLabels[ticket.pressure]);
  b.rule();

  const alerts = ticket.alerts === undefined ? [] : alertRows(ticket.alerts, (value) => b.shown(value));
  if (alerts.length > 0) b.box("ALERTS", alerts);

  b.text("ADD-ONS", { bold: true });
  if (ticket.addons.length === 0) b.text("NO ADD-ON", { size: "large", bold: true });
  for (const addon of ticket.addons) {
    b.text(b.shown(addon.title), { size: "large", bold: true });
    // Booked ahead: its minutes are inside the booking's time; the therapist includes it.
    if (addon.bookedAhead) b.text(`${addon.extraMinutes}${NBSP}min - booked${NBSP}ahead`);
    else if (addon.extraMinutes > 0) b.text(`+${addon.extraMinutes}${NBSP}min`);
  }
  b.rule();

  b.field("Confirmed by", ticket.confirmedBy);
  b.field("Printed", ticket.printedAtLocal);

  return { paper, columns, lines: b.lines };
}
