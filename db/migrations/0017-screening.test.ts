import { createHash } from "node:crypto";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { screeningQuestionsSchema } from "../../contract/screening";
import { modelOf } from "../model";
import { openDatabase } from "../open";
import { checkInAtKiosk } from "../kiosk/check-in";
import { chooseAddons } from "../kiosk/choose";
import { uptakeReport } from "../reports/reports";
import { asModel, fixedClock, found, tempDir } from "../test/helpers";
import { demoAtVersion } from "../test/upgrade";
import { SCREENING_V1 } from "./0017-screening";

describe("0017: screening questions and answers", () => {
  it("upgrading a version-16 database gives face and scalp the frozen version-1 questions, keeps every figure, and takes answers", async () => {
    const dir = tempDir();
    const file = path.join(dir, "v16.sqlite3");
    const clock = fixedClock("2026-11-25T18:07:00.000Z");
    const { db: v16 } = await demoAtVersion(dir, file, 16, clock);
    const offers = v16.prepare("SELECT * FROM offers ORDER BY id").all();
    v16.close();

    const db = openDatabase(file);
    // Every offer as it was (later migrations add columns of their own).
    expect(db.prepare("SELECT * FROM offers ORDER BY id").all()).toEqual(offers.map((o) => expect.objectContaining(o)));
    expect(
      uptakeReport(asModel(db), { from: "2026-10-20", to: "2026-11-25", grain: "week" }).funnel.screening.total,
    ).toEqual({ screenedOut: 0, therapistCheck: 0 });
    const sets = db
      .prepare(
        "SELECT a.code, s.version, s.questions FROM screening_sets s JOIN addons a ON a.id = s.addon_id ORDER BY a.code",
      )
      .all();
    expect(sets).toEqual([
      { code: "face", version: 1, questions: JSON.stringify(SCREENING_V1.face) },
      { code: "scalp", version: 1, questions: JSON.stringify(SCREENING_V1.scalp) },
    ]);
    const id = db.prepare("SELECT id FROM appointments WHERE booking_code = 'HH2233'").pluck().get() as number;
    const m = modelOf(db, clock);
    const face = found(
      checkInAtKiosk(m, id, "zh").visit.offer.cards.find((c) => c.code === "face"),
      "the face card",
    );
    expect(face.screening?.questions[0]?.text).toBe(SCREENING_V1.face[0].text.zh);
    chooseAddons(m, {
      appointmentId: id,
      addonIds: [face.addonId],
      offerMs: 1,
      lang: "zh",
      screening: [{ addonId: face.addonId, version: 1, answers: ["no", "no", "no"] }],
    });
    expect(db.prepare("SELECT outcome FROM screening_answers WHERE appointment_id = ?").pluck().get(id)).toBe("fine");
    db.close();
  });

  it("the version-1 questions it inserts are frozen as released: the same text, whatever the new-spa defaults become", () => {
    // A released migration never changes: these digests are of the questions 0017 shipped with.
    const sha = (code: "face" | "scalp") =>
      createHash("sha256").update(JSON.stringify(SCREENING_V1[code])).digest("hex");
    expect({ face: sha("face"), scalp: sha("scalp") }).toEqual({
      face: "9e136624e270cf38db47d95cd1e287cc85b6b28057767182201109755e63dfaa",
      scalp: "70535086aafe8b28c1e5543636931829be6362191220e1670e4feb5b5bc3deac",
    });
    // They are valid question sets the kiosk can ask.
    for (const code of ["face", "scalp"] as const)
      expect(screeningQuestionsSchema.parse(SCREENING_V1[code])).toEqual(SCREENING_V1[code]);
  });
});
