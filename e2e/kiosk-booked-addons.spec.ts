import { DEMO_GUESTS, DEMO_STAFF } from "../db/demo/seed-demo";
import { storeBookedAddons } from "../db/desk/booked-addons";
import { commitImport } from "../db/import/commit";
import { previewImport } from "../db/import/preview";
import { getSettings } from "../db/settings";
import { addMinutes, clockTimeLocal, localParts } from "../db/time";
import type { AppCore } from "../electron/core";
import { expect, signIn, test } from "./fixtures";
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
  // The one card left keeps its own height: its Add button right under its words, not a glass's height below them.
  for (const size of [
    { width: 1080, height: 1920 },
    { width: 1920, height: 1080 },
  ]) {
    await kiosk.setViewportSize(size);
    const words = await kiosk.locator(".offer-card .benefits li").last().boundingBox();
    const add = await kiosk.getByRole("button", { name: "Add Face massage" }).boundingBox();
    expect((add?.y ?? Infinity) - ((words?.y ?? 0) + (words?.height ?? 0))).toBeLessThan(80);
  }
  await kiosk.getByRole("button", { name: "No thanks" }).click();
  await expect(kiosk.getByRole("heading", { name: "You're checked in, María" })).toBeVisible();
  await expect(kiosk.getByText("Already in your booking: Scalp massage. Enjoy your session.")).toBeVisible();
  await expect(kiosk.getByText("No add-ons. Enjoy your session.")).toHaveCount(0);
  // Switched to Spanish on Done: the add-on booked ahead is named in Spanish too, as the rest of the screen.
  await kiosk.getByRole("button", { name: "Cambiar a español" }).click();
  await expect(kiosk.getByText("Ya incluido en su reserva: Masaje capilar. Disfrute de su sesión.")).toBeVisible();
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

test("the desk shows the scalp massage booked ahead beside the face massage the guest added, and Confirm prints both", async ({
  core,
  kiosk,
  staff,
}) => {
  bookAhead(core, ["scalp"]);
  await findByCode(kiosk, DEMO_GUESTS.bothFit.code);
  await kiosk.getByRole("button", { name: "Yes, that's me" }).click();
  await kiosk.getByRole("button", { name: "Add Face massage" }).click();
  await kiosk.getByRole("button", { name: "None of these apply to me" }).click();
  await expect(kiosk.getByText("Already in your booking: Scalp massage. Enjoy your session.")).toBeVisible();
  await expect(kiosk.getByText("Added to your session: Face massage ($25, +15 min).")).toBeVisible();

  await signIn(staff, DEMO_STAFF[1]);
  const row = staff.locator("tr", { hasText: DEMO_GUESTS.bothFit.name });
  await expect(row.getByText("Scalp massage (booked ahead) · Face massage")).toBeVisible();
  await row
    .getByRole("button", {
      name: `Confirm Scalp massage (booked ahead) + Face massage for ${DEMO_GUESTS.bothFit.name}`,
    })
    .click();
  await expect(row.getByText("Ticket printed")).toHaveCount(1);
  await row.getByRole("button", { name: /^Change, void or history/ }).click();
  const panel = staff.getByRole("dialog", { name: DEMO_GUESTS.bothFit.name });
  const scalp = panel.getByLabel(/Scalp massage booked ahead in the booking system/);
  await expect(scalp).toBeChecked();
  await expect(scalp).toBeDisabled();

  const content = core.model.db
    .prepare("SELECT content FROM tickets WHERE appointment_id = ? ORDER BY id DESC LIMIT 1")
    .pluck()
    .get(appointmentIdByCode(core, DEMO_GUESTS.bothFit.code)) as string;
  expect((JSON.parse(content) as { addons: unknown[] }).addons).toEqual([
    { code: "scalp", title: "SCALP MASSAGE", extraMinutes: 15, bookedAhead: true },
    { code: "face", title: "FACE MASSAGE", extraMinutes: 15 },
  ]);
});

test("the scalp massage María chose at the kiosk, then booked ahead by an import: the desk shows it once, booked ahead, and the history says why", async ({
  core,
  kiosk,
  staff,
}) => {
  await findByCode(kiosk, DEMO_GUESTS.bothFit.code);
  await kiosk.getByRole("button", { name: "Yes, that's me" }).click();
  await kiosk.getByRole("button", { name: "Add Scalp massage" }).click();
  await kiosk.getByRole("button", { name: "None of these apply to me" }).click();
  await expect(kiosk.getByText(/Added to your session: Scalp massage/)).toBeVisible();

  // The booking system's next file: her massage under its booking ID, and a scalp massage row after it.
  const { db } = core.model;
  const id = appointmentIdByCode(core, DEMO_GUESTS.bothFit.code);
  db.prepare("UPDATE appointments SET external_id = 'MB-2233' WHERE id = ?").run(id);
  const b = db
    .prepare(
      `SELECT a.starts_at, a.ends_at, s.name AS service, t.name AS therapist, r.name AS room FROM appointments a
       JOIN services s ON s.id = a.service_id JOIN therapists t ON t.id = a.therapist_id JOIN rooms r ON r.id = a.room_id
       WHERE a.id = ?`,
    )
    .get(id) as { starts_at: string; ends_at: string; service: string; therapist: string; room: string };
  const tz = getSettings(db).timeZone;
  const minutes = (Date.parse(b.ends_at) - Date.parse(b.starts_at)) / 60_000;
  const row = (service: string, at: string, length: number) =>
    `MB-2233,${DEMO_GUESTS.bothFit.name},${DEMO_GUESTS.bothFit.phone},${service},${b.therapist},${b.room},${localParts(at, tz).day},${clockTimeLocal(at, tz)},${length},Confirmed`;
  const file = `Appt ID,Client Name,Mobile,Service,Therapist,Room,Date,Start Time,Duration,Status\r\n${row(b.service, b.starts_at, minutes)}\r\n${row("Add-On: Scalp Massage - 15 min", b.ends_at, 15)}\r\n`;
  const { mapping } = await previewImport(core.model, file);
  const riley = { kind: "staff", staffId: 2, name: DEMO_STAFF[1].name } as const;
  await commitImport(core.model, riley, file, { mapping, skipBadRows: false });

  await signIn(staff, DEMO_STAFF[1]);
  const maria = staff.locator("tr", { hasText: DEMO_GUESTS.bothFit.name });
  // Once: booked ahead, nothing else to confirm (the kiosk's choice of it is gone, so it can't be confirmed and sold).
  await expect(
    maria.getByRole("cell", { name: "Scalp massage (booked ahead) · No other add-on (kiosk)" }),
  ).toBeVisible();
  await expect(
    maria.getByRole("button", { name: `Confirm Scalp massage (booked ahead) for ${DEMO_GUESTS.bothFit.name}` }),
  ).toBeVisible();
  await maria.getByRole("button", { name: /^Change, void or history/ }).click();
  const panel = staff.getByRole("dialog", { name: DEMO_GUESTS.bothFit.name });
  const dropped = panel.locator(".history li").filter({ hasText: "Add-on booked ahead by an import" });
  await expect(dropped).toContainText("Add-ons: Scalp massage → No add-on");
  await expect(dropped).toContainText("Scalp massage is now booked ahead: removed from the kiosk choice");
  await expect(panel.locator(".history li").filter({ hasText: "Updated by an import" })).toContainText(
    "Booked ahead: Scalp massage 15 min",
  );
  for (const [width, height] of [
    [1080, 1920],
    [1920, 1080],
  ] as const) {
    await staff.setViewportSize({ width, height });
    await dropped.scrollIntoViewIfNeeded();
    await staff.screenshot({ path: test.info().outputPath(`booked-ahead-history-${width}x${height}.png`) });
  }
});
