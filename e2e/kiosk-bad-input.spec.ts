import { modelOf } from "../db/model";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { insertAppointment } from "../db/desk/appointments";
import { DEMO_GUESTS } from "../db/demo/seed-demo";
import { saveSettings } from "../db/settings";
import { createAppCore } from "../electron/core";
import { expect, test } from "./fixtures";
import {
  appointmentIdByCode,
  countRows,
  findByCode,
  findByPhone,
  noneApply,
  pushEvent,
  tapKeys,
} from "./kiosk-helpers";
import { newContext, openWindow } from "./wiring";

test("letters, emoji and a 30-digit number in the phone field get a specific message and search nothing", async ({
  core,
  kiosk,
}) => {
  await kiosk.getByRole("button", { name: "Check in" }).click();
  const field = kiosk.getByRole("textbox", { name: "Mobile number" });
  for (const [typed, message] of [
    ["555-CALL-NOW", "Please use digits only."],
    ["😀😀😀", "Please use digits only."],
    ["1".repeat(30), "That number is too long. Please check it and try again."],
  ] as const) {
    await field.fill(typed);
    await expect(kiosk.getByRole("alert")).toHaveText(message);
    await field.press("Enter");
    await expect(kiosk.getByRole("heading", { name: "Find your appointment" })).toBeVisible();
    await expect(field).toHaveAttribute("aria-invalid", "true");
  }
  await field.fill("12345");
  await kiosk.getByRole("button", { name: "Find me" }).click();
  await expect(kiosk.getByRole("alert")).toHaveText("Please type at least 7 digits of your mobile number.");
  // The same field then works as normal.
  await kiosk.getByRole("button", { name: "Clear" }).click();
  await tapKeys(kiosk, DEMO_GUESTS.bothFit.phone);
  await expect(kiosk.getByRole("heading", { name: "Is this you?" })).toBeVisible();
  expect(
    countRows(
      core,
      "SELECT count(*) AS n FROM check_ins WHERE appointment_id = ?",
      appointmentIdByCode(core, DEMO_GUESTS.bothFit.code),
    ),
  ).toBe(0);

  // Whatever the page sends, the main process checks again.
  for (const phone of ["1".repeat(30), "😀", "555-CALL-NOW"]) {
    const r = await kiosk.evaluate(
      (p) => window.kiosk.invoke("kiosk.findAppointments", { by: "phone", phone: p }),
      phone,
    );
    expect(r).toMatchObject({ ok: false, error: { code: "INVALID_INPUT" } });
  }
});

test("emoji or symbols in a booking code or a walk-in name get a clear message", async ({ core, kiosk }) => {
  saveSettings(core.model.db, { walkInsAllowed: true });
  await kiosk.reload();
  await kiosk.getByRole("button", { name: "Check in" }).click();
  await kiosk.getByRole("button", { name: "Booking code" }).click();
  await kiosk.getByRole("textbox", { name: "Booking code" }).fill("HH😀22");
  await expect(kiosk.getByRole("alert")).toHaveText("A booking code has 4 to 12 letters or digits.");
  await kiosk.getByRole("button", { name: "I don't have a booking" }).click();
  const name = kiosk.getByRole("textbox", { name: "First name" });
  await name.fill("🙂🙂");
  await kiosk.getByRole("button", { name: "Let the front desk know" }).click();
  await expect(kiosk.getByRole("alert")).toHaveText("Please use letters only.");
  await name.fill("x".repeat(35));
  await kiosk.getByRole("button", { name: "Let the front desk know" }).click();
  await expect(kiosk.getByRole("alert")).toHaveText("Please keep your name under 30 characters.");
  expect(countRows(core, "SELECT count(*) AS n FROM walk_ins")).toBe(0);
  const r = await kiosk.evaluate(() => window.kiosk.invoke("kiosk.walkIn", { firstName: "<script>", lang: "en" }));
  expect(r).toMatchObject({ ok: false, error: { code: "INVALID_INPUT" } });
  await name.fill("Zoë");
  await kiosk.getByRole("button", { name: "Let the front desk know" }).click();
  await expect(kiosk.getByRole("heading", { name: "Thank you, Zoë" })).toBeVisible();
});

test("an empty database: no bookings means the front-desk screen; a booking with no add-ons skips the offer", async ({
  browserInstance,
}) => {
  const dir = mkdtempSync(path.join(tmpdir(), "happyhead-e2e-empty-"));
  const core = await createAppCore({ dataDir: dir, seed: "empty" });
  try {
    const context = await newContext(browserInstance);
    const kiosk = await openWindow(context, core, "kiosk");
    await expect(kiosk.getByRole("heading", { name: "Welcome to Happy Head Massage" })).toBeVisible();
    await findByPhone(kiosk, "5550102233");
    await expect(kiosk.getByRole("heading", { name: "We couldn't find you" })).toBeVisible();
    await kiosk.getByRole("button", { name: "Start over" }).click();

    const { db, clock } = core.model;
    db.transaction(() => {
      const service = Number(
        db.prepare("INSERT INTO services (name, minutes, price_cents) VALUES ('Swedish massage', 60, 9500)").run()
          .lastInsertRowid,
      );
      const therapist = Number(db.prepare("INSERT INTO therapists (name) VALUES ('Ana Ruiz')").run().lastInsertRowid);
      const room = Number(db.prepare("INSERT INTO rooms (name) VALUES ('Lotus')").run().lastInsertRowid);
      insertAppointment(modelOf(db, clock), "America/Los_Angeles", {
        guestName: "Pat Lee",
        phone: "5550001111",
        serviceId: service,
        therapistId: therapist,
        roomId: room,
        startsAt: clock.now().toISOString(),
        source: "desk",
        bookingCode: "PAT123",
      });
    })();
    await findByCode(kiosk, "PAT123");
    await kiosk.getByRole("button", { name: "Yes, that's me" }).click();
    await expect(kiosk.getByRole("heading", { name: "You're checked in, Pat" })).toBeVisible();
    await expect(kiosk.getByText("No add-ons. Enjoy your session.")).toBeVisible();
    await context.close();
  } finally {
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the appointment is deleted while the guest confirms: a clear message, then a working kiosk", async ({
  core,
  kiosk,
}) => {
  await findByCode(kiosk, DEMO_GUESTS.bothFit.code);
  await expect(kiosk.getByRole("heading", { name: "Is this you?" })).toBeVisible();
  core.model.db.prepare("DELETE FROM appointments WHERE booking_code = ?").run(DEMO_GUESTS.bothFit.code);
  await kiosk.getByRole("button", { name: "Yes, that's me" }).click();
  await expect(kiosk.getByRole("heading", { name: "Please see the front desk" })).toBeVisible();
  await expect(kiosk.getByText("We can't find that appointment for today any more.", { exact: false })).toBeVisible();
  await kiosk.getByRole("button", { name: "Start over" }).click();
  await findByCode(kiosk, DEMO_GUESTS.noRoom.code);
  await expect(kiosk.getByText("James P.")).toBeVisible();
});

test("the appointment is cancelled while the guest reads the offer: nothing is saved, and they are told why", async ({
  core,
  kiosk,
}) => {
  await findByCode(kiosk, DEMO_GUESTS.bothFit.code);
  await kiosk.getByRole("button", { name: "Yes, that's me" }).click();
  await expect(kiosk.getByRole("heading", { name: "Add a little extra?" })).toBeVisible();
  const id = appointmentIdByCode(core, DEMO_GUESTS.bothFit.code);
  core.model.db.prepare("UPDATE appointments SET status = 'cancelled' WHERE id = ?").run(id);
  await kiosk.getByRole("button", { name: "Add Face massage" }).click();
  await noneApply(kiosk);
  await expect(kiosk.getByText("This appointment can't be checked in here.", { exact: false })).toBeVisible();
  expect(core.model.db.prepare("SELECT status FROM offers WHERE appointment_id = ?").get(id)).toEqual({
    status: "offered",
  });
  await kiosk.getByRole("button", { name: "Start over" }).click();
  await expect(kiosk.getByRole("button", { name: "Check in" })).toBeVisible();
});

test("the desk voids the add-on while the guest is on Done: the guest is told, and cannot change it here", async ({
  core,
  kiosk,
}) => {
  await findByCode(kiosk, DEMO_GUESTS.bothFit.code);
  await kiosk.getByRole("button", { name: "Yes, that's me" }).click();
  await kiosk.getByRole("button", { name: "Add Face massage" }).click();
  await noneApply(kiosk);
  await expect(kiosk.getByRole("heading", { name: "You're checked in, María" })).toBeVisible();
  const id = appointmentIdByCode(core, DEMO_GUESTS.bothFit.code);
  core.model.db
    .prepare("UPDATE offers SET status = 'voided', void_reason = 'guest asked at desk' WHERE appointment_id = ?")
    .run(id);
  core.model.db
    .prepare(
      "UPDATE offer_items SET final_selected = 0 WHERE offer_id = (SELECT id FROM offers WHERE appointment_id = ?)",
    )
    .run(id);
  // Before the desk's event arrives the guest taps "Change": the kiosk finds out and says so.
  await kiosk.getByRole("button", { name: "Change my add-on" }).click();
  await expect(
    kiosk.getByText("The front desk has updated your add-ons. Please ask them if you have any questions."),
  ).toBeVisible();
  await expect(kiosk.getByRole("button", { name: "Change my add-on" })).toHaveCount(0);
  await expect(kiosk.getByText("No add-ons. Enjoy your session.")).toBeVisible();
  await kiosk.getByRole("button", { name: "Done" }).click();
  await expect(kiosk.getByRole("button", { name: "Check in" })).toBeVisible();
});

test("the desk takes the check-in back while the guest is on Done: the pushed change sends them to the desk", async ({
  core,
  kiosk,
}) => {
  await findByCode(kiosk, DEMO_GUESTS.bothFit.code);
  await kiosk.getByRole("button", { name: "Yes, that's me" }).click();
  await kiosk.getByRole("button", { name: "No thanks" }).click();
  await expect(kiosk.getByRole("heading", { name: "You're checked in, María" })).toBeVisible();
  const id = appointmentIdByCode(core, DEMO_GUESTS.bothFit.code);
  const db = core.model.db;
  db.transaction(() => {
    db.prepare("DELETE FROM offer_items WHERE offer_id = (SELECT id FROM offers WHERE appointment_id = ?)").run(id);
    db.prepare("DELETE FROM offers WHERE appointment_id = ?").run(id);
    db.prepare("DELETE FROM check_ins WHERE appointment_id = ?").run(id);
  })();
  await pushEvent(kiosk, "queue.changed", { appointmentId: id, reason: "confirmed" });
  await expect(kiosk.getByRole("heading", { name: "Please see the front desk" })).toBeVisible();
  await expect(kiosk.getByText("The front desk has updated your check-in.", { exact: false })).toBeVisible();
  expect(await kiosk.content()).not.toContain("María");
  await kiosk.getByRole("button", { name: "Start over" }).click();
  await expect(kiosk.getByRole("button", { name: "Check in" })).toBeVisible();
});
