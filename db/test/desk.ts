import { checkInAtKiosk } from "../kiosk/check-in";
import { chooseAddons } from "../kiosk/choose";
import { changeAddons } from "../desk/addons";
import type { Model } from "../model";
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

/**
 * Up to `n` checked-in guests (newest first) whom the kiosk showed no add-on (none fitted before the therapist's next
 * booking), and to whom the desk adds one anyway: what the report counts as offered by the desk. Returns them.
 */
export function deskAddsWhatTheKioskHid(m: Model, n: number): { appointment_id: number; addon: number }[] {
  const hidden = m.db
    .prepare(
      `SELECT o.appointment_id, min(i.addon_id) AS addon FROM offers o JOIN offer_items i ON i.offer_id = o.id
       JOIN check_ins c ON c.appointment_id = o.appointment_id WHERE o.status <> 'voided'
       GROUP BY o.id HAVING max(i.shown) = 0 ORDER BY o.appointment_id DESC LIMIT ?`,
    )
    .all(n) as { appointment_id: number; addon: number }[];
  for (const h of hidden)
    changeAddons(m, riley, { appointmentId: h.appointment_id, addonIds: [h.addon], acknowledged: true });
  return hidden;
}
