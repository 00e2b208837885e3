import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { HISTORY_ACTION_WORDS } from "../../contract/desk";
import { describe, expect, it } from "vitest";
import { assign } from "./appointment";
import { changeAddons, confirmAddons, voidAddons } from "./addons";
import { deskOptions } from "./queue";
import { walkIn } from "../walk-ins/walk-ins";
import { appointmentHistory } from "./history";
import { commitImport } from "../import/commit";
import { previewImport } from "../import/preview";
import { checkInAtKiosk } from "../kiosk/check-in";
import { chooseAddons } from "../kiosk/choose";
import { demoModel, found, appointmentIdOf } from "../test/helpers";

const riley = { kind: "staff", staffId: 2, name: "Riley Chen" } as const;

/** The history as the desk lists it: action, who, and each change as "what: from → to". */
const lines = (m: Awaited<ReturnType<typeof demoModel>>, id: number) =>
  appointmentHistory(m, id).map((h) => [
    h.action,
    h.actor,
    ...h.changes.map((c) => `${c.what}: ${c.from ?? ""} → ${c.to ?? ""}`),
  ]);

describe("an appointment's history reads in names, titles and local times", () => {
  it("a kiosk visit: the guest's pick, the confirmation, a change and a void, with the tickets by number", async () => {
    const m = await demoModel();
    const id = appointmentIdOf(m, "HH2233");
    const { visit } = checkInAtKiosk(m, id, "en");
    const [face, scalp] = visit.offer.cards.map((c) => c.addonId) as [number, number];
    chooseAddons(m, { appointmentId: id, addonIds: [face], offerMs: 2000, lang: "en" });
    const first = confirmAddons(m, riley, id).item.ticket?.ticketNumber;
    const second = changeAddons(m, riley, { appointmentId: id, addonIds: [face, scalp] }).item.ticket?.ticketNumber;
    voidAddons(m, riley, { appointmentId: id, reason: "Guest felt unwell" });
    expect(lines(m, id)).toEqual([
      ["check_in.create", "Guest at the kiosk"],
      ["offer.choose", "Guest at the kiosk", "addons:  → Face massage"],
      ["offer.confirm", "Riley Chen", "addons:  → Face massage"],
      ["ticket.original", "Riley Chen", `ticket:  → #${first}`],
      // Stored as the ticket prints them (capitals); read back as the catalogue names them.
      ["offer.change", "Riley Chen", "addons: Face massage → Face massage + Scalp massage"],
      ["ticket.changed", "Riley Chen", `ticket:  → #${second}`],
      ["offer.void", "Riley Chen", "addons: Face massage + Scalp massage → No add-on"],
      ["ticket.void", "Riley Chen", `ticket:  → #${found(second, "the changed ticket") + 1}`],
    ]);
    expect(appointmentHistory(m, id).at(-2)?.reason).toBe("Guest felt unwell");
  });

  it("a guest who says no thanks reads 'No add-on', not an empty list", async () => {
    const m = await demoModel();
    const id = appointmentIdOf(m, "HH2233");
    checkInAtKiosk(m, id, "en");
    chooseAddons(m, { appointmentId: id, addonIds: [], offerMs: 900, lang: "en" });
    expect(appointmentHistory(m, id).at(-1)?.changes).toEqual([{ what: "addons", from: null, to: "No add-on" }]);
  });

  it("a walk-in booked at the desk names its service, therapist and room and its settled add-on; a reassignment says from whom to whom", async () => {
    const m = await demoModel();
    // Staff of this test's own, free whatever the demo day holds.
    const add = (table: "therapists" | "rooms", name: string) =>
      Number(m.db.prepare(`INSERT INTO ${table} (name) VALUES (?)`).run(name).lastInsertRowid);
    const service = found(
      deskOptions(m).services.find((s) => s.name === "Swedish massage"),
      "the Swedish massage service",
    ).id;
    const { item } = walkIn(m, riley, {
      guestName: "Walk In",
      phone: "5550100000",
      serviceId: service,
      therapistId: add("therapists", "Noor Haddad"),
      roomId: add("rooms", "Fern"),
      addonIds: [],
    });
    assign(m, riley, {
      appointmentId: item.appointmentId,
      therapistId: add("therapists", "Sam Okafor"),
      roomId: add("rooms", "Birch"),
    });
    const [first, changed] = (
      m.db
        .prepare("SELECT id FROM tickets WHERE appointment_id = ? ORDER BY id")
        .pluck()
        .all(item.appointmentId) as number[]
    ).map((t) => `ticket:  → #${t}`);
    expect(lines(m, item.appointmentId)).toEqual([
      ["appointment.create", "Riley Chen", "service:  → Swedish massage", "therapist:  → Noor Haddad", "room:  → Fern"],
      ["check_in.create", "Riley Chen"],
      ["offer.confirm", "Riley Chen", "addons:  → No add-on"],
      ["ticket.original", "Riley Chen", first],
      ["appointment.assign", "Riley Chen", "therapist: Noor Haddad → Sam Okafor", "room: Fern → Birch"],
      ["ticket.changed", "Riley Chen", changed],
    ]);
  });

  it("an imported appointment shows its booking ID and start in the spa's time; a re-import shows only what moved", async () => {
    const m = await demoModel();
    const header = "Booking ID,Client Name,Mobile,Service,Therapist,Room,Date,Start Time";
    const file = (time: string) =>
      `${header}\r\nPOS-7,Ada Lovelace,555 010 9001,Swedish massage,Ana Ruiz,Lotus,2026-11-26,${time}\r\n`;
    const first = await previewImport(m, file("9:00 AM"));
    const { firstId } = await commitImport(m, riley, file("9:00 AM"), { mapping: first.mapping, skipBadRows: false });
    await commitImport(m, riley, file("2:30 PM"), { mapping: first.mapping, skipBadRows: false });
    expect(lines(m, found(firstId, "the first appointment"))).toEqual([
      [
        "appointment.import",
        "Riley Chen",
        "service:  → Swedish massage",
        "therapist:  → Ana Ruiz",
        "room:  → Lotus",
        "start:  → Thu, Nov 26, 9:00 AM",
        "bookingId:  → POS-7",
      ],
      ["appointment.import_update", "Riley Chen", "start: Thu, Nov 26, 9:00 AM → Thu, Nov 26, 2:30 PM"],
    ]);
  });
});

describe("an appointment's add-ons booked ahead, in its history", () => {
  it("each import says what it booked ahead or dropped, and a kiosk choice it replaced says so in words", async () => {
    const m = await demoModel("2026-11-27T17:00:00.000Z");
    const header = "Appt ID,Client Name,Mobile,Service,Therapist,Room,Date,Start Time,Duration,Status";
    const massage =
      "MB-1,Ada Lovelace,555-201-0001,Swedish massage,Ben Carter,Jasmine,11/27/2026,10:15 PM,60,Confirmed";
    const scalp =
      "MB-1,Ada Lovelace,555-201-0001,Scalp Massage 15 min,Ben Carter,Jasmine,11/27/2026,11:15 PM,15,Confirmed";
    const file = (...rows: string[]) => `${header}\r\n${rows.join("\r\n")}\r\n`;
    const { mapping } = await previewImport(m, file(massage, scalp));
    const imported = (content: string) => commitImport(m, riley, content, { mapping, skipBadRows: false });
    const { firstId } = await imported(file(massage));
    const id = found(firstId, "Ada's booking");
    const { visit } = checkInAtKiosk(m, id, "en");
    const scalpCard = found(
      visit.offer.cards.find((c) => c.code === "scalp"),
      "the scalp card",
    );
    chooseAddons(m, { appointmentId: id, addonIds: [scalpCard.addonId], offerMs: 2000, lang: "en" });
    await imported(file(massage, scalp));
    await imported(file(massage));
    const said = lines(m, id).filter(([action]) => action !== "check_in.create" && action !== "offer.choose");
    expect(
      said.map((l) => l.filter((c) => c.startsWith("bookedAhead") || c.startsWith("addons") || !c.includes(":"))),
    ).toEqual([
      ["appointment.import", "Riley Chen"],
      ["appointment.import_update", "Riley Chen", "bookedAhead:  → Scalp massage 15 min"],
      ["offer.booked_ahead", "Riley Chen", "addons: Scalp massage → No add-on"],
      ["appointment.import_update", "Riley Chen", "bookedAhead: Scalp massage 15 min → "],
    ]);
    expect(appointmentHistory(m, id).find((h) => h.action === "offer.booked_ahead")?.reason).toBe(
      "Scalp massage is now booked ahead: removed from the kiosk choice",
    );
  });
});

describe("an appointment's history in words", () => {
  it("has words for every action the model audits on an appointment, so the desk never reads a raw code", () => {
    // Every audit entry db/ writes on an appointment: `action: "x.y"` (or `x.${kind}`) with `entity: "appointment"`.
    const root = path.resolve(__dirname, "..");
    const files = readdirSync(root, { recursive: true, encoding: "utf8" }).filter(
      (f) => f.endsWith(".ts") && !f.endsWith(".test.ts"),
    );
    const actions = new Set<string>();
    for (const file of files) {
      const text = readFileSync(path.join(root, file), "utf8");
      for (const m of text.matchAll(/action:\s*([^,\n]+),\s*\n?\s*entity:\s*"appointment"/g)) {
        const expr = m[1] ?? "";
        for (const literal of expr.matchAll(/"([a-z_]+\.[a-z_]+)"/g)) actions.add(literal[1] ?? "");
        if (expr.includes("`ticket.${"))
          for (const kind of ["original", "changed", "void", "reprint"]) actions.add(`ticket.${kind}`);
      }
    }
    expect(actions.size).toBeGreaterThan(15);
    expect([...actions].filter((a) => !(a in HISTORY_ACTION_WORDS))).toEqual([]);
  });
});
