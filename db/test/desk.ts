import { checkInAtKiosk } from "../kiosk/check-in";
import { chooseAddons } from "../kiosk/choose";
import { appointmentIdOf, demoModel, found } from "./helpers";

/** The desk as its tests see it (db/desk/*.test.ts and the desk's walk-ins and reprints). */
export const riley = { kind: "staff", staffId: 2, name: "Riley Chen" } as const;

export const jobsOf = (m: Awaited<ReturnType<typeof demoModel>>, id: number) =>
  m.db
    .prepare(
      "SELECT t.kind, t.content FROM tickets t JOIN print_jobs j ON j.ticket_id = t.id WHERE t.appointment_id = ? ORDER BY t.id",
    )
    .all(id) as { kind: string; content: string }[];

export async function checkedInWithFace() {
  const m = await demoModel();
  const id = appointmentIdOf(m, "HH2233");
  const { visit } = checkInAtKiosk(m, id, "en");
  const face = found(
    visit.offer.cards.find((c) => c.code === "face"),
    "cards entry",
  ).addonId;
  const scalp = found(
    visit.offer.cards.find((c) => c.code === "scalp"),
    "cards entry",
  ).addonId;
  chooseAddons(m, { appointmentId: id, addonIds: [face], offerMs: 2000, lang: "en" });
  return { m, id, face, scalp };
}
