import type { Model } from "../model";
import * as addons from "../admin/addons";
import * as catalogs from "../admin/catalog";
import * as kiosk from "../admin/kiosk";
import * as staff from "../admin/staff";
import { checkInAtKiosk } from "../kiosk/check-in";
import { findAppointments } from "../kiosk/search";
import { DEMO_GUESTS } from "../demo/seed-demo";
import { viaContract } from "./helpers";
import { addonInputOf, type AddonAdmin, type AddonInput, type ServiceAdmin } from "../../contract/admin";

/**
 * The back office as its tests call it (db/admin/*.test.ts): a manager, the demo's add-ons, inputs as the forms send
 * them.
 */
// Called as the dispatcher calls them: the input parsed with the channel's schema first.
export const saveAddon = viaContract("admin.saveAddon", addons.saveAddon);
export const saveService = viaContract("admin.saveService", catalogs.saveService);
export const saveTherapist = viaContract("admin.saveTherapist", catalogs.saveTherapist);
export const saveKioskSettings = viaContract("admin.saveKioskSettings", kiosk.saveKioskSettings);
export const setLogo = viaContract("admin.setLogo", kiosk.setLogo);
export const createStaffMember = viaContract("admin.createStaff", staff.createStaffMember);
export const resetStaffPin = viaContract("admin.resetPin", staff.resetStaffPin);
export const saveStaffMember = viaContract("admin.saveStaff", staff.saveStaffMember);

export const YESTERDAY = "2026-11-24";

export const manager = (m: Model) => {
  const row = m.db.prepare("SELECT id, name FROM staff WHERE role = 'manager'").get() as { id: number; name: string };
  return { kind: "staff", staffId: row.id, name: row.name } as const;
};
export const face = (m: Model): AddonAdmin => {
  const a = addons.listAddonsAdmin(m).addons.find((x) => x.code === "face");
  if (!a) throw new Error("no face add-on");
  return a;
};
export const asInput = (a: AddonAdmin, patch: Partial<AddonInput> = {}): AddonInput => {
  return { ...addonInputOf(a), ...patch };
};
/** A service as the catalog lists it, as the form saves it (whether it offers add-ons is the add-ons' to say). */
export const asServiceInput = ({ offerAddons: _shown, ...rest }: ServiceAdmin) => rest;
export const snapshot = (m: Model) => ({
  addons: m.db.prepare("SELECT * FROM addons ORDER BY id").all(),
  texts: m.db.prepare("SELECT * FROM addon_texts ORDER BY addon_id, lang").all(),
  services: m.db.prepare("SELECT * FROM addon_services ORDER BY addon_id, service_id").all(),
  audit: (m.db.prepare("SELECT count(*) AS n FROM audit_log").get() as { n: number }).n,
});
export const mariaCheckIn = (m: Model) => {
  const [match] = findAppointments(m, { by: "code", code: DEMO_GUESTS.bothFit.code });
  if (!match) throw new Error("María not found");
  return checkInAtKiosk(m, match.appointmentId, "en").visit;
};
