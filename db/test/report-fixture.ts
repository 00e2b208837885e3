import { modelOf, type Model } from "../model";
import type { Language } from "../../contract/common";
import { defaultSettings } from "../../contract/settings";
import { insertAppointment } from "../desk/appointments";
import { confirmAddons } from "../desk/addons";
import { checkInAtKiosk } from "../kiosk/check-in";
import { chooseAddons } from "../kiosk/choose";
import type { DB } from "../open";
import { saveSettings } from "../settings";
import { insertStaff } from "../staff/staff";
import { localParts, zonedToUtc } from "../time";
import { fixedClock, openTemp } from "./helpers";

export const TZ = "America/Los_Angeles";
export const FACE = { price: 2500, minutes: 15 };
export const SCALP = { price: 2000, minutes: 10 };

/**
 * A tiny spa for report tests: services Swedish (60 min) and Deep tissue (90) carry both add-ons,
 * Reflexology (45) none; therapists Ana and Ben, each with a room; one receptionist. In Los
 * Angeles unless another time zone is given.
 */
export function reportSpa(timeZone = TZ): ReportSpa {
  return buildSpa(openTemp().db, timeZone);
}

function buildSpa(db: DB, timeZone: string): ReportSpa {
  const clock = fixedClock("2026-11-01T12:00:00.000Z");
  saveSettings(db, { ...defaultSettings, timeZone });
  const service = (name: string, minutes: number) =>
    Number(
      db.prepare("INSERT INTO services (name, minutes, price_cents) VALUES (?, ?, 9000)").run(name, minutes)
        .lastInsertRowid,
    );
  const services = {
    swedish: service("Swedish", 60),
    deep: service("Deep tissue", 90),
    reflexology: service("Reflexology", 45),
  };
  const therapists = {
    ana: Number(db.prepare("INSERT INTO therapists (name) VALUES ('Ana Ruiz')").run().lastInsertRowid),
    ben: Number(db.prepare("INSERT INTO therapists (name) VALUES ('Ben Ode')").run().lastInsertRowid),
  };
  const rooms = {
    ana: Number(db.prepare("INSERT INTO rooms (name) VALUES ('Cedar')").run().lastInsertRowid),
    ben: Number(db.prepare("INSERT INTO rooms (name) VALUES ('Pine')").run().lastInsertRowid),
  };
  const addon = (code: string, title: string, a: { price: number; minutes: number }, order: number) => {
    const id = Number(
      db
        .prepare("INSERT INTO addons (code, price_cents, extra_minutes, sort_order) VALUES (?, ?, ?, ?)")
        .run(code, a.price, a.minutes, order).lastInsertRowid,
    );
    db.prepare("INSERT INTO addon_texts (addon_id, lang, title, benefits) VALUES (?, 'en', ?, '[\"Relaxing\"]')").run(
      id,
      title,
    );
    for (const s of [services.swedish, services.deep])
      db.prepare("INSERT INTO addon_services (addon_id, service_id) VALUES (?, ?)").run(id, s);
    return id;
  };
  const addons = { face: addon("face", "Face massage", FACE, 0), scalp: addon("scalp", "Scalp massage", SCALP, 1) };
  const receptionistId = insertStaff(modelOf(db, clock), { name: "Riley Desk", role: "receptionist", pinHash: "x" });
  const desk = { kind: "staff", staffId: receptionistId, name: "Riley Desk" } as const;
  const m: Model = modelOf(db, clock);

  const at = (iso: string): Model => modelOf(db, { now: () => new Date(iso) });
  const localIso = (day: string, time: string) => zonedToUtc(day, time, timeZone).toISOString();

  return {
    ...m,
    m,
    services,
    therapists,
    addons,
    /** Books an appointment at a spa-local day and time. */
    book(day: string, time: string, service: keyof typeof services, therapist: keyof typeof therapists): number {
      return insertAppointment(modelOf(db, clock), timeZone, {
        guestName: "Test Guest",
        phone: "5550100000",
        serviceId: services[service],
        therapistId: therapists[therapist],
        roomId: rooms[therapist],
        startsAt: localIso(day, time),
        source: "desk",
      });
    },
    /** Kiosk check-in at an instant (in English unless told), then the guest's pick (empty = "No thanks"). */
    kiosk(appointmentId: number, checkInIso: string, pick: (keyof typeof addons)[] | null, lang: Language = "en") {
      checkInAtKiosk(at(checkInIso), appointmentId, lang);
      if (pick)
        chooseAddons(at(checkInIso), {
          appointmentId,
          addonIds: pick.map((k) => addons[k]),
          offerMs: 5000,
          lang: "en",
        });
    },
    confirm(appointmentId: number, iso: string) {
      confirmAddons(at(iso), desk, appointmentId);
    },
    /**
     * The desk's Change and Void belong to the front-desk issue; until they land these write the
     * same rows they will (status 'changed' with the desk's final add-ons; status 'voided').
     */
    deskChange(appointmentId: number, final: (keyof typeof addons)[]) {
      const offer = db.prepare("SELECT id FROM offers WHERE appointment_id = ?").pluck().get(appointmentId) as number;
      db.prepare("UPDATE offer_items SET final_selected = 0 WHERE offer_id = ?").run(offer);
      for (const k of final)
        db.prepare("UPDATE offer_items SET final_selected = 1 WHERE offer_id = ? AND addon_id = ?").run(
          offer,
          addons[k],
        );
      db.prepare("UPDATE offers SET status = 'changed' WHERE id = ?").run(offer);
    },
    deskVoid(appointmentId: number) {
      db.prepare(
        "UPDATE offers SET status = 'voided', void_reason = 'Guest changed their mind' WHERE appointment_id = ?",
      ).run(appointmentId);
    },
    /** A guest checked in at the desk (front-desk issue's op writes this row). */
    deskCheckIn(appointmentId: number, iso: string) {
      const p = localParts(iso, timeZone);
      db.prepare(
        "INSERT INTO check_ins (appointment_id, checked_in_at, channel, local_day, local_hour, local_weekday) VALUES (?, ?, 'desk', ?, ?, ?)",
      ).run(appointmentId, iso, p.day, p.hour, p.weekday);
    },
    /** The printer accepted every ticket of the appointment. */
    printed(appointmentId: number) {
      db.prepare(
        "UPDATE print_jobs SET status = 'printed', printed_at = updated_at WHERE ticket_id IN (SELECT id FROM tickets WHERE appointment_id = ?)",
      ).run(appointmentId);
    },
    localIso,
  };
}

type AddonKey = "face" | "scalp";
export interface ReportSpa extends Model {
  m: Model;
  services: Record<"swedish" | "deep" | "reflexology", number>;
  therapists: Record<"ana" | "ben", number>;
  addons: Record<AddonKey, number>;
  book(day: string, time: string, service: "swedish" | "deep" | "reflexology", therapist: "ana" | "ben"): number;
  kiosk(appointmentId: number, checkInIso: string, pick: AddonKey[] | null, lang?: Language): void;
  confirm(appointmentId: number, iso: string): void;
  deskChange(appointmentId: number, final: AddonKey[]): void;
  deskVoid(appointmentId: number): void;
  deskCheckIn(appointmentId: number, iso: string): void;
  printed(appointmentId: number): void;
  localIso(day: string, time: string): string;
}
