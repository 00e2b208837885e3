import { describe, expect, it } from "vitest";
import type { QueueItem } from "../../../contract/channels";
import {
  addonText,
  alertFlags,
  choiceOverdue,
  CHOOSING_MS,
  confirmWhat,
  doneText,
  lateLabel,
  matchesSearch,
  needsTheDesk,
  printNote,
  stageBadge,
} from "./deskText";

describe("lateLabel", () => {
  const start = "2026-12-01T17:00:00.000Z";
  const at = (minutes: number, seconds = 0) => Date.parse(start) + minutes * 60_000 + seconds * 1000;

  it("says nothing before the start time or within its first minute", () => {
    expect(lateLabel(start, at(-30))).toBeNull();
    expect(lateLabel(start, at(0))).toBeNull();
    expect(lateLabel(start, at(0, 59))).toBeNull();
  });

  it("counts whole minutes, then hours and minutes", () => {
    expect(lateLabel(start, at(1))).toBe("Late · 1 min");
    expect(lateLabel(start, at(25, 30))).toBe("Late · 25 min");
    expect(lateLabel(start, at(60))).toBe("Late · 1 h");
    expect(lateLabel(start, at(125))).toBe("Late · 2 h 5 min");
  });
});

describe("matchesSearch", () => {
  const item = {
    guestName: "María González",
    serviceName: "Hot stone massage",
    therapistName: "Chloé Martin",
    roomName: "Lotus",
    externalId: "BK-1042",
    guestPhone: "(555) 010-2233",
    bookingCode: "HH2233",
  } as QueueItem;

  it("finds a guest by part of a name typed without accents or capitals", () => {
    expect(matchesSearch(item, "gonzalez")).toBe(true);
    expect(matchesSearch(item, "MARIA")).toBe(true);
    expect(matchesSearch(item, "chloe")).toBe(true);
    expect(matchesSearch(item, "bk-1042")).toBe(true);
    expect(matchesSearch(item, "hh2233")).toBe(true);
  });

  it("finds a guest by the last digits of their phone, however it was written when booked", () => {
    expect(matchesSearch(item, "2233")).toBe(true);
    expect(matchesSearch(item, "5550102233")).toBe(true);
    expect(matchesSearch(item, "4455")).toBe(false);
    expect(matchesSearch({ ...item, guestPhone: null, bookingCode: "K7M2QP" }, "2233")).toBe(false);
  });

  it("finds a guest by their number typed the local or the international way, as on other days", () => {
    const camille = { ...item, guestName: "Camille Dubois", guestPhone: "+33 6 12 34 56 78", bookingCode: "K7M2QP" };
    for (const typed of ["06 12 34 56 78", "0612345678", "0033 6 12 34 56 78", "camille 06.12.34.56.78"])
      expect([typed, matchesSearch(camille, typed)]).toEqual([typed, true]);
    expect(matchesSearch(camille, "06 12 34 56 79")).toBe(false);
    expect(matchesSearch(camille, "lena 06 12 34 56 78")).toBe(false);
    expect(matchesSearch({ ...item, guestPhone: "+44 7700 900123" }, "07700 900123")).toBe(true);
    expect(matchesSearch(item, "+1 (555) 010-2233")).toBe(true);
    expect(matchesSearch(item, "(312) 010-2233")).toBe(false);
  });

  it("finds the guests who checked in in Spanish", () => {
    expect(matchesSearch({ ...item, guestLanguage: "es" }, "spanish")).toBe(true);
    expect(matchesSearch({ ...item, guestLanguage: null }, "spanish")).toBe(false);
  });

  it("needs every word typed, in any column and any order", () => {
    expect(matchesSearch(item, "lotus maría")).toBe(true);
    expect(matchesSearch(item, "lotus cedar")).toBe(false);
  });

  it("an empty search matches every row", () => {
    expect(matchesSearch(item, "   ")).toBe(true);
  });
});

describe("needsTheDesk", () => {
  const base = { stage: "expected", ticket: null } as unknown as QueueItem;
  const printed = { stage: "ticket_printed", ticket: { printStatus: "printed" } } as unknown as QueueItem;

  it("counts add-ons to confirm, guests checked in, late guests and failed tickets", () => {
    expect(needsTheDesk({ ...base, stage: "awaiting_confirmation" }, null)).toBe(true);
    expect(needsTheDesk({ ...base, stage: "checked_in" }, null)).toBe(true);
    // Still choosing at the kiosk: on the list already, so her row doesn't jump into it when she has chosen.
    expect(needsTheDesk({ ...base, stage: "choosing" }, null)).toBe(true);
    expect(needsTheDesk(base, "Late · 5 min")).toBe(true);
    expect(
      needsTheDesk({ ...printed, stage: "confirmed", ticket: { printStatus: "failed" } } as unknown as QueueItem, null),
    ).toBe(true);
  });

  it("leaves out guests still to come and visits the desk has settled", () => {
    expect(needsTheDesk(base, null)).toBe(false);
    expect(needsTheDesk(printed, null)).toBe(false);
    expect(needsTheDesk({ ...base, stage: "no_show" }, null)).toBe(false);
  });
});

describe("a kiosk offer left unanswered", () => {
  const checkedInAt = "2026-12-01T17:00:00.000Z";
  const item = {
    checkedInAt,
    stage: "choosing",
    offer: { status: "offered", channel: "kiosk", guestChoice: [], final: [], leftAt: null },
    bookedAhead: [],
  } as unknown as QueueItem;
  const at = Date.parse(checkedInAt);

  it("reads 'Guest is choosing…' for three minutes after the check-in, then asks the desk to ask", () => {
    // The desk sees the check-in a second after it (monotonic clock at 5,000 ms then).
    expect(choiceOverdue(item, at + 1000, 5_000)).toBe(false);
    expect(choiceOverdue(item, at + CHOOSING_MS - 1000, 5_000 + CHOOSING_MS - 2000)).toBe(false);
    expect(addonText(item, false)).toBe("Guest is choosing…");
    expect(choiceOverdue(item, at + CHOOSING_MS, 5_000 + CHOOSING_MS - 1000)).toBe(true);
    expect(addonText(item, true)).toBe("Didn't choose at the kiosk: ask");
  });

  it("counts the three minutes on the monotonic clock: the machine's clock corrected back or forward changes nothing", () => {
    const HOUR = 3_600_000;
    for (const [n, step] of [
      [1, -HOUR],
      [2, HOUR],
      [3, -7 * 60_000],
      [4, 7 * 60_000],
    ] as const) {
      const guest = { ...item, appointmentId: 900 + n };
      expect(choiceOverdue(guest, at + 10_000, 1_000)).toBe(false);
      // NTP steps the wall clock a minute later; the monotonic clock runs on.
      expect(choiceOverdue(guest, at + 70_000 + step, 61_000), `step ${step}`).toBe(false);
      expect(choiceOverdue(guest, at + CHOOSING_MS - 1000 + step, 1_000 + CHOOSING_MS - 11_000), `step ${step}`).toBe(
        false,
      );
      expect(choiceOverdue(guest, at + CHOOSING_MS + step, 1_000 + CHOOSING_MS - 10_000), `step ${step}`).toBe(true);
    }
    // A desk opened 2 minutes after the check-in counts those 2 minutes; a check-in stamped "later" than the desk's
    // clock (stepped back in between) counts from when the desk saw it.
    const late = { ...item, appointmentId: 905 };
    expect(choiceOverdue(late, at + 2 * 60_000, 0)).toBe(false);
    expect(choiceOverdue(late, at + 2 * 60_000 - HOUR, 60_000)).toBe(true);
    const ahead = { ...item, appointmentId: 906 };
    expect(choiceOverdue(ahead, at - HOUR, 0)).toBe(false);
    expect(choiceOverdue(ahead, at - HOUR + CHOOSING_MS, CHOOSING_MS)).toBe(true);
  });

  it("reads as left at once when the kiosk said the guest left the offer, whatever the three minutes say", () => {
    const left = { ...item, offer: { ...item.offer, leftAt: "2026-12-01T17:00:40.000Z" } } as QueueItem;
    expect(choiceOverdue(left, at + 41_000, 0)).toBe(true);
    expect(addonText(left, true)).toBe("Left without choosing: offer at the desk");
    expect(stageBadge(left, null, true)).toEqual({ text: "Left kiosk, no choice", look: "unanswered" });
    expect(stageBadge(item, null, false)).toEqual({ text: "Choosing at kiosk", look: "choosing" });
    expect(stageBadge(item, null, true)).toEqual({ text: "Didn't choose", look: "unanswered" });
    // She came back and chose: the row follows her choice, the leave forgotten.
    const chose = {
      ...left,
      stage: "awaiting_confirmation",
      offer: { ...left.offer, status: "declined" },
    } as QueueItem;
    expect(choiceOverdue(chose, at + 41_000)).toBe(false);
    expect(stageBadge(chose, null, false)).toEqual({ text: "Chose no add-on", look: "declined" });
  });

  it("names what Confirm settles: the guest's pick, or no add-on", () => {
    expect(confirmWhat(item)).toBe("no add-on");
    expect(
      confirmWhat({
        ...item,
        offer: { ...item.offer, status: "accepted", guestChoice: ["Face massage", "Scalp massage"] },
      } as QueueItem),
    ).toBe("Face massage + Scalp massage");
  });

  it("never for a guest who answered, or an offer the desk opened", () => {
    expect(
      choiceOverdue({ ...item, offer: { ...item.offer, status: "declined" } } as QueueItem, at + 10 * CHOOSING_MS),
    ).toBe(false);
    expect(
      choiceOverdue({ ...item, offer: { ...item.offer, channel: "desk" } } as QueueItem, at + 10 * CHOOSING_MS),
    ).toBe(false);
  });
});

describe("printNote", () => {
  const row = (stage: string, printStatus: string, kind: string, printError: string | null = null) =>
    ({ stage, ticket: { printStatus, kind, printError } }) as unknown as QueueItem;

  it("never repeats the stage: a printed ticket adds only its kind, an original nothing", () => {
    expect(printNote(row("ticket_printed", "printed", "original"))).toBeNull();
    expect(printNote(row("ticket_printed", "printed", "changed"))).toBe("(CHANGED)");
    expect(printNote(row("ticket_printed", "printed", "void"))).toBe("(VOID)");
  });

  it("says a ticket still on its way or failed, with its kind and the printer's error", () => {
    expect(printNote(row("confirmed", "queued", "original"))).toBe("Ticket queued");
    expect(printNote(row("confirmed", "failed", "changed", "Paper out"))).toBe("Print failed (CHANGED): Paper out");
    expect(printNote({ stage: "expected", ticket: null } as unknown as QueueItem)).toBeNull();
  });
});

describe("alertFlags", () => {
  it("flags allergies with a warning sign and areas to avoid; nothing when the guest gave none", () => {
    expect(alertFlags({ allergies: ["Nuts", "lavender oil"], avoid: ["Face", "Neck"] })).toEqual([
      "\u26a0 Allergy: Nuts, lavender oil",
      "Avoid: Face, Neck",
    ]);
    expect(alertFlags({ allergies: [], avoid: ["Feet"] })).toEqual(["Avoid: Feet"]);
    expect(alertFlags({ allergies: [], avoid: [] })).toEqual([]);
  });
});

describe("an add-on booked ahead in the booking system", () => {
  const item = (offer: object | null, checkedInAt: string | null = "2026-12-01T17:00:00.000Z") =>
    ({ checkedInAt, offer, bookedAhead: ["Scalp massage"] }) as unknown as QueueItem;

  it("shows first in the Add-on column, marked booked ahead, before the guest arrives and whatever the kiosk sold", () => {
    expect(addonText(item(null, null))).toBe("Scalp massage (booked ahead)");
    expect(addonText(item(null))).toBe("Scalp massage (booked ahead)");
    expect(addonText(item({ status: "offered", channel: "kiosk", guestChoice: [], final: [] }))).toBe(
      "Scalp massage (booked ahead) · Guest is choosing…",
    );
    const confirmed = { status: "confirmed", channel: "kiosk", guestChoice: ["Face massage"], final: ["Face massage"] };
    expect(addonText(item(confirmed))).toBe("Scalp massage (booked ahead) · Face massage");
    expect(addonText(item({ ...confirmed, final: [] }))).toBe("Scalp massage (booked ahead) · No other add-on");
    expect(addonText(item({ ...confirmed, status: "voided", final: [] }))).toBe(
      "Scalp massage (booked ahead) · Add-on voided",
    );
  });

  it("is named in what Confirm settles, with the guest's pick", () => {
    expect(confirmWhat(item(null))).toBe("Scalp massage (booked ahead)");
    expect(confirmWhat(item({ status: "accepted", guestChoice: ["Face massage"] }))).toBe(
      "Scalp massage (booked ahead) + Face massage",
    );
  });
});

describe("stageBadge", () => {
  const offer = (status: string, guestChoice: string[]) =>
    ({
      stage: status === "offered" ? "choosing" : "awaiting_confirmation",
      offer: { status, guestChoice },
    }) as unknown as QueueItem;

  it("tells a guest still choosing, one who chose add-ons and one who chose none apart, in words and look", () => {
    const badges = [offer("offered", []), offer("accepted", ["Face massage"]), offer("declined", [])].map((i) =>
      stageBadge(i, null, false),
    );
    expect(badges).toEqual([
      { text: "Choosing at kiosk", look: "choosing" },
      { text: "Add-on to confirm", look: "awaiting_confirmation" },
      { text: "Chose no add-on", look: "declined" },
    ]);
  });

  it("says a guest who left the offer unanswered didn't choose; lateness comes first", () => {
    expect(stageBadge(offer("offered", []), null, true)).toEqual({ text: "Didn't choose", look: "unanswered" });
    expect(stageBadge({ stage: "expected", offer: null } as unknown as QueueItem, "Late · 5 min", false)).toEqual({
      text: "Late · 5 min",
      look: "late",
    });
  });
});

describe("doneText", () => {
  const confirmed = (printStatus: string | null) =>
    ({ ticket: printStatus ? { printStatus } : null }) as unknown as QueueItem;

  it("says what the tap did, and where the ticket is, without repeating the status column's 'Ticket printed'", () => {
    expect(doneText(confirmed("queued"), "confirmed")).toBe("Confirmed ✓ — ticket printing");
    expect(doneText(confirmed("sending"), "confirmed")).toBe("Confirmed ✓ — ticket printing");
    expect(doneText(confirmed("printed"), "confirmed")).toBe("Confirmed ✓ — printed");
    expect(doneText(confirmed("failed"), "confirmed")).toBe("Confirmed ✓ — didn't print");
    expect(doneText(confirmed(null), "checked_in")).toBe("Checked in ✓");
  });
});
