import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { appointmentHistory } from "../desk/history";
import { bookedAddonLines } from "../desk/booked-addons";
import { queueItem } from "../desk/queue";
import { checkInAtKiosk } from "../kiosk/check-in";
import { chooseAddons } from "../kiosk/choose";
import { latestTicket } from "../printing/tickets";
import { confirmAddons } from "../desk/addons";
import { appointmentIdOf, demoModel, found } from "../test/helpers";
import { bookJoinedNotes } from "./joined-notes";

/**
 * Notes as the import wrote them before migration 0033 (f356f4e, 36adf79): "Also booked: " and each joined row's
 * service as the file named it (its length after it, or "<name> <minutes> min" when the name gave none), ", " between
 * them, then " · " and the booking system's own note.
 */
const riley = { kind: "staff", staffId: 2, name: "Riley Chen" } as const;
type M = Awaited<ReturnType<typeof demoModel>>;
const maria = (m: M) => appointmentIdOf(m, "HH2233");
const noted = (m: M, id: number, note: string | null) => {
  m.db.prepare("DELETE FROM booked_addons WHERE appointment_id = ?").run(id);
  m.db.prepare("UPDATE appointments SET note = ? WHERE id = ?").run(note, id);
};
const after = (m: M, id: number) => ({
  note: m.db.prepare("SELECT note FROM appointments WHERE id = ?").pluck().get(id) as string | null,
  booked: bookedAddonLines(m.db, id).map((b) => `${b.code} ${b.minutes}`),
});
const spanishScalp = (m: M) =>
  m.db
    .prepare(
      "SELECT t.title FROM addon_texts t JOIN addons a ON a.id = t.addon_id WHERE a.code = 'scalp' AND lang = 'es'",
    )
    .pluck()
    .get() as string;

describe("a booking an import noted 'Also booked: Scalp Massage 15 min' before migration 0033", () => {
  it("each old note's add-ons become booked ahead, the rest of the note as it was; anything else stays", async () => {
    const m = await demoModel();
    const id = maria(m);
    const cases: [string, { note: string | null; booked: string[] }][] = [
      ["Also booked: Scalp Massage 15 min", { note: null, booked: ["scalp 15"] }],
      [
        "Also booked: Scalp Massage 15 min · Light pressure, please",
        { note: "Light pressure, please", booked: ["scalp 15"] },
      ],
      // The length the old import put after a name that gave none, capitals as the file had them.
      ["Also booked: SCALP MASSAGE 20 min · Light", { note: "Light", booked: ["scalp 20"] }],
      [
        "Also booked: Add-On: Scalp Massage - 15 min, Hot Stones 30 min · Light · Allergic to nuts",
        { note: "Also booked: Hot Stones 30 min · Light · Allergic to nuts", booked: ["scalp 15"] },
      ],
      [`Also booked: ${spanishScalp(m)} 15min, Face massage 10 min`, { note: null, booked: ["face 10", "scalp 15"] }],
      // Two rows of one add-on: booked once, for both lengths, as an import books them.
      ["Also booked: Scalp Massage 15 min, Scalp Massage 15 min", { note: null, booked: ["scalp 30"] }],
      // Not one of the spa's add-ons, a name without its length, a name that only contains an add-on's: as they were.
      ["Also booked: Hot Stones 30 min · Light", { note: "Also booked: Hot Stones 30 min · Light", booked: [] }],
      ["Also booked: Scalp Massage · Light", { note: "Also booked: Scalp Massage · Light", booked: [] }],
      ["Also booked: Scalp Massage Deluxe 15 min", { note: "Also booked: Scalp Massage Deluxe 15 min", booked: [] }],
      [
        "Guest says: Also booked: Scalp Massage 15 min",
        { note: "Guest says: Also booked: Scalp Massage 15 min", booked: [] },
      ],
      ["also booked: scalp massage 15 min", { note: "also booked: scalp massage 15 min", booked: [] }],
    ];
    for (const [note, expected] of cases) {
      noted(m, id, note);
      bookJoinedNotes(m);
      expect({ was: note, ...after(m, id) }).toEqual({ was: note, ...expected });
    }
  });

  it("once converted, nothing more: the kiosk offers it no more, the desk and the slip show it booked ahead, the history says from where", async () => {
    const m = await demoModel();
    const id = maria(m);
    noted(m, id, "Also booked: Scalp Massage 15 min · Light");
    expect(bookJoinedNotes(m)).toBe(1);
    expect(bookJoinedNotes(m)).toBe(0);
    expect(checkInAtKiosk(m, id, "en").visit.offer.cards.map((c) => c.code)).toEqual(["face"]);
    expect(queueItem(m, id)).toMatchObject({ note: "Light", bookedAhead: ["Scalp massage"] });
    confirmAddons(m, riley, id);
    expect(found(latestTicket(m, id), "the slip")).toMatchObject({
      note: "Light",
      addons: [{ code: "scalp", title: "SCALP MASSAGE", extraMinutes: 15, bookedAhead: true }],
    });
    expect(appointmentHistory(m, id)[0]).toMatchObject({
      action: "appointment.booked_from_note",
      actor: "System",
      changes: [{ what: "bookedAhead", from: null, to: "Scalp massage 15 min" }],
    });
  });

  it("an add-on the guest chose at the kiosk for that visit stays in the note: which one they had is not the note's to say", async () => {
    const m = await demoModel();
    const id = maria(m);
    const scalp = found(
      checkInAtKiosk(m, id, "en").visit.offer.cards.find((c) => c.code === "scalp"),
      "the scalp card",
    );
    chooseAddons(m, { appointmentId: id, addonIds: [scalp.addonId], offerMs: 1000, lang: "en" });
    noted(m, id, "Also booked: Scalp Massage 15 min · Light");
    expect(bookJoinedNotes(m)).toBe(0);
    expect(after(m, id)).toEqual({ note: "Also booked: Scalp Massage 15 min · Light", booked: [] });
  });

  it("any list of labels, known add-ons or not, and any note after them: the known ones are booked ahead, the others and the note kept in order (property)", async () => {
    const m = await demoModel();
    const id = maria(m);
    const known = fc.constantFrom(["Scalp Massage 15 min", "scalp 15"], ["Face Massage - 10 min", "face 10"]);
    const other = fc.constantFrom(
      "Hot Stones 30 min",
      "Aromatherapy 15 min",
      "Scalp Massage",
      "Reflexology (30 minutos)",
    );
    const rest = fc.option(fc.stringMatching(/^[A-Za-z][A-Za-z ,.!]{0,40}[a-z.]$/), { nil: null });
    fc.assert(
      fc.property(fc.array(fc.oneof(known, other), { minLength: 1, maxLength: 4 }), rest, (labels, restNote) => {
        const said = labels.map((l) => (typeof l === "string" ? l : l[0]));
        const note = `Also booked: ${said.join(", ")}${restNote === null ? "" : ` · ${restNote}`}`;
        noted(m, id, note);
        bookJoinedNotes(m);
        const others = labels.flatMap((l) => (typeof l === "string" ? [l] : []));
        const books = new Map<string, number>();
        for (const l of labels)
          if (typeof l !== "string") {
            const [code, minutes] = l[1].split(" ") as [string, string];
            books.set(code, (books.get(code) ?? 0) + Number(minutes));
          }
        const list = others.length > 0 ? `Also booked: ${others.join(", ")}` : null;
        expect(after(m, id)).toEqual({
          note: list !== null && restNote !== null ? `${list} · ${restNote}` : (list ?? restNote),
          booked: [...books]
            .sort(([a], [b]) => (a === "face" ? -1 : b === "face" ? 1 : 0))
            .map(([c, n]) => `${c} ${n}`),
        });
      }),
      { numRuns: 150 },
    );
  });
});
