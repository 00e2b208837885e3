import { DEMO_GUESTS } from "../db/demo/seed-demo";
import { storeBookedAddons } from "../db/desk/booked-addons";
import { addMinutes } from "../db/time";
import type { AppCore } from "../electron/core";
import { expect, test } from "./fixtures";
import { appointmentIdByCode, findByCode, tapKeys } from "./kiosk-helpers";

/** María's booking as an import of her visit stores it: 15 minutes longer per add-on, each booked ahead. */
function bookAhead(core: AppCore, codes: string[]): void {
  const { db } = core.model;
  const id = appointmentIdByCode(core, DEMO_GUESTS.bothFit.code);
  const endsAt = db.prepare("SELECT ends_at FROM appointments WHERE id = ?").pluck().get(id) as string;
  db.prepare("UPDATE appointments SET ends_at = ? WHERE id = ?").run(addMinutes(endsAt, 15 * codes.length), id);
  const addonId = db.prepare("SELECT id FROM addons WHERE code = ?").pluck();
  storeBookedAddons(
    db,
    id,
    codes.map((code) => ({ id: addonId.get(code) as number, minutes: 15 })),
  );
}

test("a guest who booked a scalp massage ahead is offered only the face massage, and told the scalp is booked", async ({
  core,
  kiosk,
}) => {
  bookAhead(core, ["scalp"]);
  await findByCode(kiosk, DEMO_GUESTS.bothFit.code);
  await kiosk.getByRole("button", { name: "Yes, that's me" }).click();
  await expect(kiosk.getByRole("heading", { name: "Add a little extra?" })).toBeVisible();
  await expect(kiosk.getByText("Already in your booking: Scalp massage. No need to add it again.")).toBeVisible();
  await expect(kiosk.getByRole("heading", { name: "Face massage" })).toBeVisible();
  await expect(kiosk.getByRole("heading", { name: "Scalp massage" })).toHaveCount(0);
  await expect(kiosk.getByRole("button", { name: /Scalp massage|Add both/ })).toHaveCount(0);
  await kiosk.getByRole("button", { name: "No thanks" }).click();
  await expect(kiosk.getByRole("heading", { name: "You're checked in, María" })).toBeVisible();
  await expect(kiosk.getByText("Already in your booking: Scalp massage. Enjoy your session.")).toBeVisible();
  await expect(kiosk.getByText("No add-ons. Enjoy your session.")).toHaveCount(0);
});

test("a guest with every add-on booked ahead goes straight to Done, in Spanish, told both are booked", async ({
  core,
  kiosk,
}) => {
  bookAhead(core, ["face", "scalp"]);
  await kiosk.getByRole("button", { name: "Cambiar a español" }).click();
  await kiosk.getByRole("button", { name: "Registrar llegada" }).click();
  await kiosk.getByRole("button", { name: "Código de reserva" }).click();
  await tapKeys(kiosk, DEMO_GUESTS.bothFit.code);
  await kiosk.getByRole("button", { name: "Sí, soy yo" }).click();
  await expect(kiosk.getByRole("heading", { name: "Llegada registrada, María" })).toBeVisible();
  await expect(
    kiosk.getByText("Ya incluido en su reserva: Masaje facial + Masaje capilar. Disfrute de su sesión."),
  ).toBeVisible();
  await expect(kiosk.getByText("Sin extras. Disfrute de su sesión.")).toHaveCount(0);
  await expect(kiosk.getByRole("button", { name: "Cambiar mi extra" })).toHaveCount(0);
});
