import { describe, expect, it } from "vitest";
import type { Model } from "../model";
import { verifyAuditChain } from "../audit";
import { checkInAtKiosk } from "../kiosk/check-in";
import { chooseAddons as choose } from "../kiosk/choose";
import { changeAddons, confirmAddons as confirm, voidAddons } from "../desk/addons";
import { queueItem } from "../desk/queue";
import { latestTicket } from "../printing/tickets";
import { eraseExpiredGuestDetails } from "../test/retention";
import { saveSettings } from "../settings";
import { uptakeReport } from "../reports/reports";
import { reportTables } from "../../contract/report-tables";
import { appointmentIdOf, demoModel, found, receptionist, viaContract } from "../test/helpers";
import { defaultScreening } from "./defaults";
import * as screening from "./screening";
import type { ChannelInput } from "../../contract/channels";

const chooseAddons = (m: Model, input: ChannelInput<"kiosk.chooseAddons">) =>
  viaContract("kiosk.chooseAddons", (mm, _a, i) => choose(mm, i))(m, receptionist(m), input);
const saveScreening = viaContract("admin.saveScreening", screening.saveScreening);
// The desk's Change as its channel takes it: `acknowledged` false unless the window sends it.
const change = viaContract("desk.changeAddons", changeAddons);
const manager = (m: Model) => {
  const row = m.db.prepare("SELECT id, name FROM staff WHERE role = 'manager'").get() as { id: number; name: string };
  return { kind: "staff", staffId: row.id, name: row.name } as const;
};

/** María checks in at the kiosk (both add-ons fit); her face and scalp cards. */
async function maria() {
  const m = await demoModel();
  const id = appointmentIdOf(m, "HH2233");
  const { visit } = checkInAtKiosk(m, id, "es");
  const card = (code: string) =>
    found(
      visit.offer.cards.find((c) => c.code === code),
      code,
    );
  return { m, id, face: card("face"), scalp: card("scalp") };
}
type Answers = NonNullable<Parameters<typeof chooseAddons>[1]["screening"]>[number]["answers"];
/** At the kiosk in English: the guest answers each add-on's questions (version 1), then chooses `chosen`. */
const chooseScreened = (
  m: Model,
  id: number,
  chosen: { addonId: number }[],
  ...answered: [{ addonId: number }, Answers][]
) =>
  chooseAddons(m, {
    appointmentId: id,
    addonIds: chosen.map((a) => a.addonId),
    offerMs: 1,
    lang: "en",
    screening: answered.map(([a, answers]) => ({ addonId: a.addonId, version: 1, answers })),
  });
const answersRow = (m: Model, id: number) =>
  m.db
    .prepare(
      "SELECT addon_id, set_id, answers, outcome, answered_at FROM screening_answers WHERE appointment_id = ? ORDER BY addon_id",
    )
    .all(id);

describe("screening: the kiosk's questions", () => {
  it("each add-on's card carries its current questions in the guest's language, version 1 as shipped", async () => {
    const { face, scalp } = await maria();
    expect(face.screening).toEqual({
      version: 1,
      questions: defaultScreening.face.map((q) => ({ text: q.text.es, ifYes: q.ifYes })),
    });
    expect(scalp.screening?.questions).toHaveLength(3);
  });

  it("answers are stored with the choice, the version and the time; a not-today add-on is refused and nothing is stored", async () => {
    const { m, id, face, scalp } = await maria();
    // Face screened out: the guest cannot be given it, and the refused call leaves no answers and no choice.
    expect(() =>
      chooseAddons(m, {
        appointmentId: id,
        addonIds: [face.addonId],
        offerMs: 100,
        lang: "es",
        screening: [{ addonId: face.addonId, version: 1, answers: ["yes", "no", "no"] }],
      }),
    ).toThrow(/isn't right for today/);
    expect(answersRow(m, id)).toEqual([]);
    expect(queueItem(m, id).offer?.status).toBe("offered");

    // Offered scalp instead: face's not-today answers are kept for the funnel, scalp's fine ones with the choice.
    chooseAddons(m, {
      appointmentId: id,
      addonIds: [scalp.addonId],
      offerMs: 100,
      lang: "es",
      screening: [
        { addonId: face.addonId, version: 1, answers: ["yes", "no", "no"] },
        { addonId: scalp.addonId, version: 1, answers: ["no", "no", "no"] },
      ],
    });
    const set = (addonId: number) =>
      m.db.prepare("SELECT id FROM screening_sets WHERE addon_id = ? AND version = 1").pluck().get(addonId);
    expect(answersRow(m, id)).toEqual([
      {
        addon_id: face.addonId,
        set_id: set(face.addonId),
        answers: '["yes","no","no"]',
        outcome: "notToday",
        answered_at: "2026-11-25T18:07:00.000Z",
      },
      {
        addon_id: scalp.addonId,
        set_id: set(scalp.addonId),
        answers: '["no","no","no"]',
        outcome: "fine",
        answered_at: "2026-11-25T18:07:00.000Z",
      },
    ]);
    expect(queueItem(m, id).offer).toMatchObject({
      status: "accepted",
      final: ["Scalp massage"],
      checks: [],
      checksPending: false,
    });
    // Audited without the answers.
    const audit = m.db.prepare("SELECT actor, after_json FROM audit_log WHERE action = 'screening.answer'").all() as {
      actor: string;
      after_json: string;
    }[];
    expect(audit).toEqual([
      {
        actor: "kiosk",
        after_json: JSON.stringify({
          answered: [
            { addonId: face.addonId, version: 1 },
            { addonId: scalp.addonId, version: 1 },
          ],
        }),
      },
    ]);
    expect(verifyAuditChain(m.db).ok).toBe(true);
  });

  it("answers must answer every question of the current version", async () => {
    const { m, id, face } = await maria();
    const base = { appointmentId: id, addonIds: [face.addonId], offerMs: 1, lang: "en" as const };
    expect(() =>
      chooseAddons(m, { ...base, screening: [{ addonId: face.addonId, version: 1, answers: ["no"] }] }),
    ).toThrow(/answer each question/);
    expect(() =>
      chooseAddons(m, { ...base, screening: [{ addonId: face.addonId, version: 2, answers: ["no", "no", "no"] }] }),
    ).toThrow(/changed/);
    expect(() => chooseAddons(m, { ...base, screening: [{ addonId: 999, version: 1, answers: [] }] })).toThrow(
      /not offered here/,
    );
  });
});

describe("screening: versions", () => {
  it("a manager's save is the next version; earlier answers keep the questions they answered; the kiosk must answer the new one", async () => {
    const { m, id, face } = await maria();
    chooseScreened(m, id, [face], [face, ["no", "no", "yes"]]);
    m.clock.advance(5);
    const questions = [
      {
        text: {
          en: "Any facial injections this month?",
          es: "¿Inyecciones faciales este mes?",
          zh: "本月做过面部注射吗？",
        },
        ifYes: "check" as const,
        reason: "injections this month",
      },
    ];
    const saved = saveScreening(m, manager(m), { addonId: face.addonId, questions });
    expect(saved).toMatchObject({ addonId: face.addonId, version: 2, questions });
    expect(screening.currentSet(m.db, face.addonId)?.version).toBe(2);
    expect(screening.listScreening(m).sets.map((s) => s.version)).toEqual([2, 1]);
    // María answered version 1: her flag reads from version 1's third question.
    expect(screening.screeningChecks(m, id)).toEqual([{ addon: "face", reason: "recent treatment or pregnancy" }]);
    // A kiosk still showing version 1 is told the questions changed.
    const other = appointmentIdOf(m, "HH4455");
    const card = found(
      checkInAtKiosk(m, other, "en").visit.offer.cards.find((c) => c.code === "face"),
      "James's face card",
    );
    expect(card.screening).toEqual({
      version: 2,
      questions: [{ text: "Any facial injections this month?", ifYes: "check" }],
    });
    const audit = m.db
      .prepare("SELECT after_json FROM audit_log WHERE action = 'screening.save'")
      .pluck()
      .get() as string;
    expect(JSON.parse(audit)).toMatchObject({ version: 2 });
  });

  it("bad input is refused on its field: four questions, a missing language, a blank flag", async () => {
    const { m, face } = await maria();
    const q = { text: { en: "Q?", es: "¿P?", zh: "问？" }, ifYes: "check" as const, reason: "flag" };
    expect(() => saveScreening(m, manager(m), { addonId: face.addonId, questions: [q, q, q, q] })).toThrow(/At most 3/);
    expect(() =>
      saveScreening(m, manager(m), {
        addonId: face.addonId,
        questions: [{ ...q, text: { en: "Q?", es: "¿P?", zh: "" } }],
      }),
    ).toThrow(expect.objectContaining({ field: "questions.0.text.zh" }));
    expect(() => saveScreening(m, manager(m), { addonId: face.addonId, questions: [{ ...q, reason: " " }] })).toThrow(
      expect.objectContaining({ field: "questions.0.reason" }),
    );
    expect(() => screening.saveScreening(m, receptionist(m), { addonId: face.addonId, questions: [q] })).toThrow(
      /Only an active manager/,
    );
    expect(screening.currentSet(m.db, face.addonId)?.version).toBe(1);
  });
});

describe("screening: the desk and the ticket", () => {
  it("a 'therapist will check' add-on can't be confirmed without acknowledging the flag; the acknowledgement is audited", async () => {
    const { m, id, face } = await maria();
    chooseScreened(m, id, [face], [face, ["no", "skip", "yes"]]);
    expect(screening.screeningChecks(m, id)).toEqual([
      { addon: "face", reason: "recent treatment or pregnancy" },
      { addon: "face", reason: "preferred not to say" },
    ]);
    expect(queueItem(m, id).offer).toMatchObject({ checksPending: true });
    const riley = receptionist(m);
    expect(() => confirm(m, riley, id)).toThrow(expect.objectContaining({ code: "CONFLICT", field: "acknowledged" }));
    expect(queueItem(m, id).offer?.status).toBe("accepted");
    expect(confirm(m, riley, id, true).jobId).not.toBeNull();
    expect(queueItem(m, id).offer).toMatchObject({
      status: "confirmed",
      checksPending: false,
      checks: screening.screeningChecks(m, id),
    });
    // The therapist's ticket carries the flags in its ALERTS box, never the question.
    const ticket = found(latestTicket(m, id), "María's ticket");
    expect(ticket.alerts?.checks).toEqual([
      { addon: "face", reason: "recent treatment or pregnancy" },
      { addon: "face", reason: "preferred not to say" },
    ]);
    expect(JSON.stringify(ticket)).not.toMatch(/isotretinoin|pregnant\?/);
    const audit = m.db.prepare("SELECT actor, after_json FROM audit_log WHERE action = 'screening.acknowledge'").all();
    expect(audit).toEqual([{ actor: `staff:${riley.name}`, after_json: '{"addons":["face"]}' }]);
    // Nothing in the audit log says what the guest answered.
    expect(JSON.stringify(m.db.prepare("SELECT * FROM audit_log").all())).not.toMatch(/pregnan|preferred not to say/);
  });

  it("the desk's Confirm acknowledges only the flags its window showed: one the guest raised meanwhile is refused by name", async () => {
    const { m, id, face, scalp } = await maria();
    chooseScreened(m, id, [face], [face, ["no", "skip", "no"]]);
    // The receptionist reads the row's flag and taps Check flag…; the row now shows these.
    const seen = found(queueItem(m, id).offer, "María's offer").checks;
    expect(seen).toEqual([{ addon: "face", reason: "preferred not to say" }]);
    // Meanwhile María adds the scalp massage at the kiosk, preferring not to answer for it either.
    chooseScreened(m, id, [face, scalp], [face, ["no", "skip", "no"]], [scalp, ["skip", "no", "no"]]);
    const riley = receptionist(m);
    const confirmSeen = viaContract("desk.confirmAddons", (model, actor, input) =>
      confirm(model, actor, input.appointmentId, input.acknowledged),
    );
    expect(() => confirmSeen(m, riley, { appointmentId: id, acknowledged: seen })).toThrow(
      expect.objectContaining({
        code: "CONFLICT",
        field: "acknowledged",
        message:
          "A new flag came in after you checked: scalp — preferred not to say. Check it with the guest, then confirm again.",
      }),
    );
    expect(queueItem(m, id).offer).toMatchObject({ status: "accepted", checksPending: true });
    expect(m.db.prepare("SELECT count(*) FROM screening_answers WHERE acknowledged_at IS NOT NULL").pluck().get()).toBe(
      0,
    );
    // Checked again as the row shows it now: confirmed, both flags acknowledged.
    const now = found(queueItem(m, id).offer, "María's offer").checks;
    expect(confirmSeen(m, riley, { appointmentId: id, acknowledged: now }).jobId).not.toBeNull();
    expect(queueItem(m, id).offer).toMatchObject({ status: "confirmed", checksPending: false });
  });

  it("the desk's Change can't add or keep a flagged add-on without the acknowledgement; removing it needs none", async () => {
    const { m, id, face, scalp } = await maria();
    chooseScreened(m, id, [face], [face, ["no", "skip", "no"]]);
    const riley = receptionist(m);
    const ticketCount = () => m.db.prepare("SELECT count(*) FROM tickets WHERE appointment_id = ?").pluck().get(id);
    // Keeping face while adding scalp: refused, naming the flag, and nothing changes or prints.
    expect(() => change(m, riley, { appointmentId: id, addonIds: [face.addonId, scalp.addonId] })).toThrow(
      expect.objectContaining({
        code: "CONFLICT",
        field: "acknowledged",
        message: "Check with the guest first: face — preferred not to say. Then confirm that you have.",
      }),
    );
    expect(queueItem(m, id).offer).toMatchObject({ status: "accepted", final: ["Face massage"], checksPending: true });
    expect(ticketCount()).toBe(0);
    // Removing face needs no acknowledgement, and acknowledges nothing.
    expect(change(m, riley, { appointmentId: id, addonIds: [scalp.addonId] }).jobId).not.toBeNull();
    expect(queueItem(m, id).offer).toMatchObject({ final: ["Scalp massage"], checks: [], checksPending: false });
    // Adding it back is refused again, then done with the acknowledgement, which is recorded and audited.
    expect(() => change(m, riley, { appointmentId: id, addonIds: [face.addonId, scalp.addonId] })).toThrow(
      /face — preferred not to say/,
    );
    change(m, riley, { appointmentId: id, addonIds: [face.addonId, scalp.addonId], acknowledged: true });
    expect(queueItem(m, id).offer).toMatchObject({
      status: "changed",
      final: ["Face massage", "Scalp massage"],
      checksPending: false,
    });
    expect(m.db.prepare("SELECT acknowledged_by FROM screening_answers WHERE appointment_id = ?").pluck().get(id)).toBe(
      riley.staffId,
    );
    expect(
      m.db.prepare("SELECT after_json FROM audit_log WHERE action = 'screening.acknowledge'").pluck().all(),
    ).toEqual(['{"addons":["face"]}']);
    // Once acknowledged, a later change keeping face needs nothing more.
    expect(change(m, riley, { appointmentId: id, addonIds: [face.addonId] }).jobId).not.toBeNull();
  });

  it("the desk's Change can add an add-on the guest was screened out of only with the acknowledgement naming why", async () => {
    const { m, id, face, scalp } = await maria();
    chooseScreened(m, id, [scalp], [face, ["yes", "no", "no"]], [scalp, ["no", "no", "no"]]);
    const riley = receptionist(m);
    // Scalp alone (all fine) is confirmed with one tap; adding the screened-out face is refused, naming the flag.
    confirm(m, riley, id);
    expect(() => change(m, riley, { appointmentId: id, addonIds: [face.addonId, scalp.addonId] })).toThrow(
      expect.objectContaining({
        field: "acknowledged",
        message: expect.stringContaining("face — recent injections") as unknown,
      }),
    );
    expect(queueItem(m, id).offer).toMatchObject({ status: "confirmed", final: ["Scalp massage"] });
    change(m, riley, { appointmentId: id, addonIds: [face.addonId, scalp.addonId], acknowledged: true });
    expect(queueItem(m, id).offer).toMatchObject({
      final: ["Face massage", "Scalp massage"],
      checks: [{ addon: "face", reason: "recent injections" }],
    });
    // The ticket carries the flag for the therapist.
    expect(found(latestTicket(m, id), "ticket").alerts?.checks).toEqual([
      { addon: "face", reason: "recent injections" },
    ]);
  });

  it("a void, then a Change adding the flagged add-on back, needs the acknowledgement too", async () => {
    const { m, id, face } = await maria();
    chooseScreened(m, id, [face], [face, ["skip", "no", "no"]]);
    const riley = receptionist(m);
    voidAddons(m, riley, { appointmentId: id, reason: "Guest changed her mind" });
    expect(() => change(m, riley, { appointmentId: id, addonIds: [face.addonId] })).toThrow(
      expect.objectContaining({ field: "acknowledged" }),
    );
    expect(queueItem(m, id).offer?.status).toBe("voided");
    change(m, riley, { appointmentId: id, addonIds: [face.addonId], acknowledged: true });
    expect(queueItem(m, id).offer).toMatchObject({ status: "changed", final: ["Face massage"], checksPending: false });
  });

  it("a guest with all-fine answers is confirmed with one tap", async () => {
    const { m, id, face, scalp } = await maria();
    chooseScreened(m, id, [face, scalp], [face, ["no", "no", "no"]], [scalp, ["no", "no", "no"]]);
    expect(confirm(m, receptionist(m), id).jobId).not.toBeNull();
  });
});

describe("screening: the funnel", () => {
  it("counts guests screened out and marked 'therapist will check', by add-on, and nothing else about them", async () => {
    const { m, id, face, scalp } = await maria();
    chooseScreened(m, id, [scalp], [face, ["no", "yes", "no"]], [scalp, ["no", "no", "skip"]]);
    const report = uptakeReport(m, { from: "2026-11-25", to: "2026-11-25", grain: "day" });
    expect(report.funnel.screening.byAddon).toEqual([
      { addonId: face.addonId, code: "face", title: "Face massage", screenedOut: 1, therapistCheck: 0 },
      { addonId: scalp.addonId, code: "scalp", title: "Scalp massage", screenedOut: 0, therapistCheck: 1 },
    ]);
    expect(report.funnel.screening.total).toEqual({ screenedOut: 1, therapistCheck: 1 });
    expect(report.funnel.screening.byChannel).toEqual([{ channel: "kiosk", screenedOut: 1, therapistCheck: 1 }]);
    const rows = reportTables(report).find((t) => t.key === "screening")?.rows;
    expect(rows).toContainEqual(["Add-on", "Face massage", 1, 0]);
    expect(rows).toContainEqual(["Add-on", "Scalp massage", 0, 1]);
    expect(JSON.stringify(report)).not.toMatch(/irritated|pregnan|preferred/);
  });
});

describe("screening: retention", () => {
  it("erases the answers with the guest's other details; the outcome the reports count stays", async () => {
    const { m, id, face } = await maria();
    chooseScreened(m, id, [face], [face, ["no", "no", "yes"]]);
    saveSettings(m.db, { retentionDays: 1 });
    m.clock.advance(3 * 24 * 60);
    expect(eraseExpiredGuestDetails(m).erased).toBeGreaterThan(0);
    expect(m.db.prepare("SELECT answers, outcome FROM screening_answers WHERE appointment_id = ?").get(id)).toEqual({
      answers: "[]",
      outcome: "check",
    });
    expect(screening.screeningChecks(m, id)).toEqual([]);
  });
});
