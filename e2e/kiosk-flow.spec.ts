import { DEMO_GUESTS, DEMO_STAFF } from "../db/demo/seed-demo";
import { saveSettings } from "../db/settings";
import { expect, test } from "./fixtures";
import {
  addHandMassage,
  appointmentIdByCode,
  countRows,
  deskSession,
  findByCode,
  findByPhone,
  noneApply,
  tapKeys,
} from "./kiosk-helpers";

test("a full check-in with an add-on takes 10 taps by booking code, plus 1 for its screening questions, and records the funnel", async ({
  core,
  kiosk,
}) => {
  let taps = 0;
  const tap = async (name: string) => {
    taps++;
    await kiosk.getByRole("button", { name, exact: true }).click();
  };
  await tap("Check in");
  await tap("Booking code");
  for (const k of DEMO_GUESTS.bothFit.code) await tap(k); // the 6th character searches by itself
  await expect(kiosk.getByRole("heading", { name: "Is this you?" })).toBeVisible();
  await expect(kiosk.getByText("María G.")).toBeVisible();
  await tap("Yes, that's me");
  await expect(kiosk.getByRole("heading", { name: "Add a little extra?" })).toBeVisible();
  await tap("Add Face massage");
  // The face massage's screening questions: "no" to all of them is one tap.
  await tap("None of these apply to me");
  await expect(kiosk.getByRole("heading", { name: "You're checked in, María" })).toBeVisible();
  await expect(kiosk.getByText("Added to your session: Face massage ($25, +15 min).")).toBeVisible();
  // 10 taps before screening; the face massage's questions answered "no" add one.
  expect(taps).toBe(11);

  const id = appointmentIdByCode(core, DEMO_GUESTS.bothFit.code);
  const offer = core.model.db
    .prepare("SELECT channel, status, offer_ms FROM offers WHERE appointment_id = ?")
    .get(id) as {
    channel: string;
    status: string;
    offer_ms: number;
  };
  expect(offer).toMatchObject({ channel: "kiosk", status: "accepted" });
  expect(offer.offer_ms).toBeGreaterThan(0);
  const items = core.model.db
    .prepare(
      "SELECT a.code, i.shown, i.guest_selected FROM offer_items i JOIN addons a ON a.id = i.addon_id JOIN offers o ON o.id = i.offer_id WHERE o.appointment_id = ? ORDER BY a.sort_order",
    )
    .all(id);
  expect(items).toEqual([
    { code: "face", shown: 1, guest_selected: 1 },
    { code: "scalp", shown: 1, guest_selected: 0 },
  ]);
});

test("any phone format finds the booking; a full number searches by itself and shows first name and last initial only", async ({
  kiosk,
}) => {
  await kiosk.getByRole("button", { name: "Check in" }).click();
  const field = kiosk.getByRole("textbox", { name: "Mobile number" });
  for (const typed of ["+1 (555) 010-2233", "555.010.2233"]) {
    await field.fill(typed); // complete: searches without a tap
    await expect(kiosk.getByText("María G.")).toBeVisible();
    await kiosk.getByRole("button", { name: "No, go back" }).click();
  }
  await field.fill("010 2233"); // the local part only: "Find me" (or Enter) searches
  await field.press("Enter");
  await expect(kiosk.getByText("María G.")).toBeVisible();
  await kiosk.getByRole("button", { name: "No, go back" }).click();
  await tapKeys(kiosk, DEMO_GUESTS.bothFit.phone);
  await expect(kiosk.getByRole("heading", { name: "Is this you?" })).toBeVisible();
  const html = await kiosk.content();
  expect(html).not.toContain("González");
  expect(html).not.toContain("2233");
});

test("several bookings on one number: each guest picks their own, seeing no one's full name", async ({
  core,
  kiosk,
}) => {
  await findByPhone(kiosk, DEMO_GUESTS.family.phone);
  await expect(kiosk.getByRole("heading", { name: "Which one is you?" })).toBeVisible();
  await expect(kiosk.getByRole("button", { name: /Lena F\./ })).toBeVisible();
  await expect(kiosk.getByRole("button", { name: /Tom F\./ })).toBeVisible();
  expect(await kiosk.content()).not.toContain("Fischer");
  await kiosk.getByRole("button", { name: /Tom F\./ }).click();
  await kiosk.getByRole("button", { name: "Yes, that's me" }).click();
  await expect(kiosk.getByRole("heading", { name: /Add a little extra|You're checked in, Tom/ })).toBeVisible();
  expect(
    countRows(
      core,
      "SELECT count(*) AS n FROM check_ins c JOIN appointments a ON a.id = c.appointment_id WHERE a.guest_name LIKE '% Fischer'",
    ),
  ).toBe(1);
});

test("a family checking in together: Done offers the next booking on the number, and only the ones not checked in", async ({
  core,
  kiosk,
}) => {
  const fischers =
    "SELECT count(*) AS n FROM check_ins c JOIN appointments a ON a.id = c.appointment_id WHERE a.guest_name LIKE '% Fischer'";
  await findByPhone(kiosk, DEMO_GUESTS.family.phone);
  await kiosk.getByRole("button", { name: /Lena F\./ }).click();
  await kiosk.getByRole("button", { name: "Yes, that's me" }).click();
  await kiosk.getByRole("button", { name: "No thanks" }).click();
  await expect(kiosk.getByRole("heading", { name: "You're checked in, Lena" })).toBeVisible();
  // Longer than the usual 8 seconds before it clears: Tom needs time to step up and read.
  await expect(kiosk.getByText(/^For your privacy, this screen clears in (20|19|18) seconds\.$/)).toBeVisible();

  // Tom is next to her: one tap, no number to type again, and he still says it is him.
  await kiosk.getByRole("button", { name: "Check in Tom F. too" }).click();
  await expect(kiosk.getByRole("heading", { name: "Is this you?" })).toBeVisible();
  await expect(kiosk.getByText("Tom F.")).toBeVisible();
  expect(countRows(core, fischers)).toBe(1);
  await kiosk.getByRole("button", { name: "Yes, that's me" }).click();
  await kiosk.getByRole("button", { name: "Add Scalp massage" }).click();
  await noneApply(kiosk);
  await expect(kiosk.getByRole("heading", { name: "You're checked in, Tom" })).toBeVisible();
  expect(countRows(core, fischers)).toBe(2);
  // Lena is in already: nobody is left to offer, and the last of the party just finishes.
  await expect(kiosk.getByRole("button", { name: /too$/ })).toHaveCount(0);
  await kiosk.getByRole("button", { name: "Done" }).click();

  // Coming back later on the same number, the one already in is not offered as "too".
  await findByPhone(kiosk, DEMO_GUESTS.family.phone);
  await kiosk.getByRole("button", { name: /Tom F\./ }).click();
  await kiosk.getByRole("button", { name: "Yes, that's me" }).click();
  await expect(kiosk.getByRole("heading", { name: "You're checked in, Tom" })).toBeVisible();
  await expect(kiosk.getByRole("button", { name: "Check in Lena F. too" })).toHaveCount(0);
});

test("one of a party the desk checked in meanwhile is told so at the kiosk, and nothing is checked in twice", async ({
  core,
  kiosk,
}) => {
  await findByPhone(kiosk, DEMO_GUESTS.family.phone);
  await kiosk.getByRole("button", { name: /Lena F\./ }).click();
  await kiosk.getByRole("button", { name: "Yes, that's me" }).click();
  await kiosk.getByRole("button", { name: "No thanks" }).click();
  const tom = (
    core.model.db.prepare("SELECT id FROM appointments WHERE guest_name = 'Tom Fischer'").get() as { id: number }
  ).id;
  expect((await core.dispatch(await deskSession(core), "desk.checkIn", { appointmentId: tom })).ok).toBe(true);
  await kiosk.getByRole("button", { name: "Check in Tom F. too" }).click();
  await kiosk.getByRole("button", { name: "Yes, that's me" }).click();
  await kiosk.getByRole("button", { name: "Add Scalp massage" }).click();
  await noneApply(kiosk);
  await expect(kiosk.getByRole("heading", { name: "You're checked in, Tom" })).toBeVisible();
  await expect(kiosk.getByText("You were already checked in.")).toBeVisible();
  expect(countRows(core, "SELECT count(*) AS n FROM check_ins WHERE appointment_id = ?", tom)).toBe(1);
});

test("a guest whose session is already over is sent to the desk, and is not offered as one of the party", async ({
  core,
  kiosk,
}) => {
  const tom = (
    core.model.db.prepare("SELECT id FROM appointments WHERE guest_name = 'Tom Fischer'").get() as { id: number }
  ).id;
  const endedAt = core.model.clock.now().getTime() - 60_000;
  core.model.db
    .prepare("UPDATE appointments SET starts_at = ?, ends_at = ? WHERE id = ?")
    .run(new Date(endedAt - 3_600_000).toISOString(), new Date(endedAt).toISOString(), tom);
  await findByPhone(kiosk, DEMO_GUESTS.family.phone);
  await expect(kiosk.getByRole("button", { name: /Tom F\..*session over/ })).toBeVisible();
  await kiosk.getByRole("button", { name: /Lena F\./ }).click();
  await kiosk.getByRole("button", { name: "Yes, that's me" }).click();
  await kiosk.getByRole("button", { name: "No thanks" }).click();
  await expect(kiosk.getByRole("heading", { name: "You're checked in, Lena" })).toBeVisible();
  await expect(kiosk.getByRole("button", { name: /too$/ })).toHaveCount(0);
  await kiosk.getByRole("button", { name: "Done" }).click();

  await findByPhone(kiosk, DEMO_GUESTS.family.phone);
  await kiosk.getByRole("button", { name: /Tom F\./ }).click();
  await expect(kiosk.getByRole("status")).toContainText(
    /This session ended at .+, so it can't be checked in here\. Please see the front desk/,
  );
  await expect(kiosk.getByRole("button", { name: "Yes, that's me" })).toHaveCount(0);
  await kiosk.getByRole("button", { name: "Done" }).click();
  await expect(kiosk.getByRole("button", { name: "Check in" })).toBeVisible();
  expect(countRows(core, "SELECT count(*) AS n FROM check_ins WHERE appointment_id = ?", tom)).toBe(0);
});

test("double taps, back-and-forth and re-entering the number never make a second check-in; a change is allowed until the desk confirms", async ({
  core,
  kiosk,
}) => {
  const id = appointmentIdByCode(core, DEMO_GUESTS.bothFit.code);
  await findByPhone(kiosk, DEMO_GUESTS.bothFit.phone);
  await kiosk.getByRole("button", { name: "No, go back" }).click();
  await tapKeys(kiosk, DEMO_GUESTS.bothFit.phone);
  await kiosk.getByRole("button", { name: "Yes, that's me" }).dblclick();
  await expect(kiosk.getByRole("heading", { name: "Add a little extra?" })).toBeVisible();
  await kiosk.getByRole("button", { name: "Add Face massage" }).dblclick();
  await noneApply(kiosk);
  await expect(kiosk.getByRole("heading", { name: "You're checked in, María" })).toBeVisible();
  await kiosk.getByRole("button", { name: "Done" }).click();

  // She comes back with the same number: already checked in, and may still change her mind.
  await findByPhone(kiosk, DEMO_GUESTS.bothFit.phone);
  await expect(kiosk.getByText("You're already checked in.")).toBeVisible();
  await kiosk.getByRole("button", { name: "Yes, that's me" }).click();
  await expect(kiosk.getByText("You were already checked in.")).toBeVisible();
  await expect(kiosk.getByText("Added to your session: Face massage ($25, +15 min).")).toBeVisible();
  await kiosk.getByRole("button", { name: "Change my add-on" }).click();
  await expect(kiosk.getByText("Your choice so far: Face massage.")).toBeVisible();
  await kiosk.getByRole("button", { name: "Add Scalp massage" }).click();
  await noneApply(kiosk);
  await expect(kiosk.getByText("Added to your session: Scalp massage ($20, +10 min).")).toBeVisible();

  expect(countRows(core, "SELECT count(*) AS n FROM check_ins WHERE appointment_id = ?", id)).toBe(1);
  expect(countRows(core, "SELECT count(*) AS n FROM offers WHERE appointment_id = ?", id)).toBe(1);
  expect(
    countRows(core, "SELECT count(*) AS n FROM audit_log WHERE action = 'check_in.create' AND entity_id = ?", id),
  ).toBe(1);

  // The desk confirms while she is still on Done: the screen says so and the change button goes.
  const desk = await deskSession(core);
  expect((await core.dispatch(desk, "desk.confirmAddons", { appointmentId: id })).ok).toBe(true);
  await expect(
    kiosk.getByText("The front desk has confirmed your add-ons. Please ask them if you'd like a change."),
  ).toBeVisible();
  await expect(kiosk.getByRole("button", { name: "Change my add-on" })).toHaveCount(0);

  // Coming back once more: locked, with the same clear message.
  await kiosk.getByRole("button", { name: "Done" }).click();
  await findByCode(kiosk, DEMO_GUESTS.bothFit.code);
  await kiosk.getByRole("button", { name: "Yes, that's me" }).click();
  await expect(kiosk.getByText("Added to your session: Scalp massage ($20, +10 min).")).toBeVisible();
  await expect(kiosk.getByText("The front desk has confirmed your add-ons.", { exact: false })).toBeVisible();
  await expect(kiosk.getByRole("button", { name: "Change my add-on" })).toHaveCount(0);
});

test("decline is one tap, like accepting, and nothing is pre-selected", async ({ core, kiosk }) => {
  await findByCode(kiosk, DEMO_GUESTS.bothFit.code);
  await kiosk.getByRole("button", { name: "Yes, that's me" }).click();
  await expect(kiosk.locator("[aria-pressed='true'], input:checked, .badge")).toHaveCount(0);
  const buttons = kiosk.locator(".choice-button");
  await expect(buttons).toHaveCount(4); // face, scalp, both, no thanks
  const classes = await buttons.evaluateAll((els) => els.map((e) => e.className));
  expect(new Set(classes).size).toBe(1);
  await kiosk.getByRole("button", { name: "No thanks" }).click();
  await expect(kiosk.getByText("No add-ons. Enjoy your session.")).toBeVisible();
  const id = appointmentIdByCode(core, DEMO_GUESTS.bothFit.code);
  expect(core.model.db.prepare("SELECT status FROM offers WHERE appointment_id = ?").get(id)).toEqual({
    status: "declined",
  });
});

test("when only one add-on fits before the next booking, 'both' is not offered and the guest is told why", async ({
  core,
  kiosk,
}) => {
  const id = appointmentIdByCode(core, DEMO_GUESTS.bothFit.code);
  const slot = core.model.db.prepare("SELECT therapist_id, ends_at FROM appointments WHERE id = ?").get(id) as {
    therapist_id: number;
    ends_at: string;
  };
  // Move the next guest of her therapist to 20 minutes after her: face (15) or scalp (10) fit, not both.
  const next = core.model.db
    .prepare(
      "SELECT id FROM appointments WHERE therapist_id = ? AND starts_at >= ? AND id != ? ORDER BY starts_at LIMIT 1",
    )
    .get(slot.therapist_id, slot.ends_at, id) as { id: number };
  const start = new Date(new Date(slot.ends_at).getTime() + 20 * 60_000).toISOString();
  core.model.db
    .prepare("UPDATE appointments SET starts_at = ?, ends_at = ? WHERE id = ?")
    .run(start, new Date(new Date(start).getTime() + 3_600_000).toISOString(), next.id);
  await findByCode(kiosk, DEMO_GUESTS.bothFit.code);
  await kiosk.getByRole("button", { name: "Yes, that's me" }).click();
  await expect(kiosk.getByRole("button", { name: "Add Face massage" })).toBeVisible();
  await expect(kiosk.getByRole("button", { name: "Add Scalp massage" })).toBeVisible();
  await expect(kiosk.getByRole("button", { name: /Add both/ })).toHaveCount(0);
  await expect(kiosk.getByText("Only one of these fits before your therapist's next booking today.")).toBeVisible();
});

test("three add-ons: all three at once, or any two picked on their cards, and the change takes one off", async ({
  core,
  kiosk,
}) => {
  await addHandMassage(core);
  await kiosk.reload();
  await findByCode(kiosk, DEMO_GUESTS.bothFit.code);
  await kiosk.getByRole("button", { name: "Yes, that's me" }).click();
  await expect(kiosk.getByRole("heading", { name: "Hand massage" })).toBeVisible();
  await expect(kiosk.getByRole("button", { name: /^Add all 3/ })).toBeVisible();
  await expect(kiosk.locator("[aria-pressed='true'], input:checked, .badge")).toHaveCount(0);

  // Face and hand: each tap marks its card; the guest goes on with the two.
  await kiosk.getByRole("button", { name: "Add Face massage" }).click();
  await kiosk.getByRole("button", { name: "Add Hand massage" }).click();
  await expect(kiosk.getByRole("heading", { name: "Add a little extra?" })).toBeVisible();
  await expect(kiosk.locator(".offer-card.chosen")).toHaveCount(2);
  await expect(kiosk.getByRole("button", { name: "Added ✓ — tap to remove (Face massage)" })).toBeVisible();
  await kiosk.getByRole("button", { name: /^Continue with Face massage \+ Hand massage/ }).click();
  await noneApply(kiosk);
  await expect(kiosk.getByText("Added to your session: Face massage + Hand massage ($40, +25 min).")).toBeVisible();
  const id = appointmentIdByCode(core, DEMO_GUESTS.bothFit.code);
  const picked =
    "SELECT a.code FROM offer_items i JOIN addons a ON a.id = i.addon_id JOIN offers o ON o.id = i.offer_id WHERE o.appointment_id = ? AND i.guest_selected = 1 ORDER BY a.code";
  expect(core.model.db.prepare(picked).pluck().all(id)).toEqual(["face", "hand"]);

  // Changing her mind: her two are marked, one tap takes the face massage off, then all three.
  await kiosk.getByRole("button", { name: "Change my add-on" }).click();
  await expect(kiosk.locator(".offer-card.chosen")).toHaveCount(2);
  await kiosk.getByRole("button", { name: "Added ✓ — tap to remove (Face massage)" }).click();
  await kiosk.getByRole("button", { name: /^Continue with Hand massage/ }).click();
  await expect(kiosk.getByText("Added to your session: Hand massage ($15, +10 min).")).toBeVisible();
  await kiosk.getByRole("button", { name: "Change my add-on" }).click();
  await kiosk.getByRole("button", { name: /^Add all 3/ }).click();
  // Face and scalp were not in her last choice: each one's questions, one tap each.
  await noneApply(kiosk);
  await noneApply(kiosk);
  await expect(
    kiosk.getByText("Added to your session: Face massage + Scalp massage + Hand massage ($60, +35 min)."),
  ).toBeVisible();
  expect(core.model.db.prepare(picked).pluck().all(id)).toEqual(["face", "hand", "scalp"]);
});

test("a booking code that finds nothing says so in the words of a code, not of a number", async ({ kiosk }) => {
  await kiosk.getByRole("button", { name: "Check in" }).click();
  await kiosk.getByRole("button", { name: "Booking code" }).click();
  await tapKeys(kiosk, "ZZ9999"); // searched by itself at 6 characters: the field says it
  await expect(kiosk.getByText("There's no appointment today for that booking code.", { exact: false })).toBeVisible();
  await kiosk.getByRole("button", { name: "Find me" }).click();
  await expect(kiosk.getByRole("heading", { name: "We couldn't find you" })).toBeVisible();
  await expect(kiosk.getByText("We looked for the code ZZ9999.")).toBeVisible();
  await expect(kiosk.getByText("There's no appointment today for that booking code.", { exact: false })).toBeVisible();
  await expect(kiosk.getByText(/mobile number|that number/)).toHaveCount(0);
});

test("no add-on fits: the offer screen is skipped and nothing is recorded as offered", async ({ core, kiosk }) => {
  await findByCode(kiosk, DEMO_GUESTS.noRoom.code);
  await kiosk.getByRole("button", { name: "Yes, that's me" }).click();
  await expect(kiosk.getByRole("heading", { name: "You're checked in, James" })).toBeVisible();
  await expect(kiosk.getByText("No add-ons. Enjoy your session.")).toBeVisible();
  await expect(kiosk.getByRole("button", { name: "Change my add-on" })).toHaveCount(0);
  expect(
    countRows(
      core,
      "SELECT count(*) AS n FROM offers WHERE appointment_id = ?",
      appointmentIdByCode(core, DEMO_GUESTS.noRoom.code),
    ),
  ).toBe(0);
});

test("a guest who walks away on the offer screen stays 'offered'", async ({ core, kiosk }) => {
  await findByCode(kiosk, DEMO_GUESTS.bothFit.code);
  await kiosk.getByRole("button", { name: "Yes, that's me" }).click();
  await expect(kiosk.getByRole("heading", { name: "Add a little extra?" })).toBeVisible();
  await kiosk.reload(); // the guest leaves; the next one starts over
  await expect(kiosk.getByRole("button", { name: "Check in" })).toBeVisible();
  const id = appointmentIdByCode(core, DEMO_GUESTS.bothFit.code);
  expect(core.model.db.prepare("SELECT status, offer_ms FROM offers WHERE appointment_id = ?").get(id)).toEqual({
    status: "offered",
    offer_ms: null,
  });
});

test("no match: a clear front-desk screen; with walk-ins on, a first name reaches the desk live, once", async ({
  core,
  kiosk,
  staff,
}) => {
  saveSettings(core.model.db, { walkInsAllowed: true });
  await kiosk.reload();
  await staff.getByRole("button", { name: new RegExp(DEMO_STAFF[1].name) }).click();
  await staff.getByLabel("PIN", { exact: true }).fill(DEMO_STAFF[1].pin);
  await staff.getByRole("button", { name: "Unlock" }).click();
  await expect(staff.getByRole("heading", { name: "Arrivals today" })).toBeVisible();

  await findByPhone(kiosk, "5559990000");
  await expect(kiosk.getByRole("heading", { name: "We couldn't find you" })).toBeVisible();
  await expect(kiosk.getByText("Please see the front desk", { exact: false })).toBeVisible();
  await kiosk.getByRole("button", { name: "Leave my name for the front desk" }).click();
  await tapKeys(kiosk, "SAM");
  await expect(kiosk.getByRole("textbox", { name: "First name" })).toHaveValue("Sam");
  await kiosk.getByRole("button", { name: "Let the front desk know" }).dblclick();
  await expect(kiosk.getByRole("heading", { name: "Thank you, Sam" })).toBeVisible();

  const panel = staff.getByRole("region", { name: /Walk-ins waiting/ });
  await expect(panel.getByText("Sam", { exact: true })).toBeVisible();
  expect(countRows(core, "SELECT count(*) AS n FROM walk_ins")).toBe(1);
  await panel.getByRole("button", { name: "Seen Sam" }).click();
  // Off the list, with an Undo for a few seconds.
  await expect(panel.getByRole("button", { name: "Seen Sam" })).toHaveCount(0);
  await expect(panel.getByRole("status")).toHaveText(/^Sam is off the list\./);
});

test("without walk-ins the no-match screen offers only the front desk and trying again", async ({ kiosk }) => {
  await findByPhone(kiosk, "5559990000");
  await expect(kiosk.getByRole("heading", { name: "We couldn't find you" })).toBeVisible();
  await expect(kiosk.getByRole("button", { name: "Leave my name for the front desk" })).toHaveCount(0);
  await kiosk.getByRole("button", { name: "Try again" }).click();
  await expect(kiosk.getByRole("heading", { name: "Find your appointment" })).toBeVisible();
});

test("no match says what was looked for, so a mistyped digit or code shows, and Try again keeps the way the guest searched", async ({
  kiosk,
}) => {
  await findByPhone(kiosk, "5550102299");
  await expect(kiosk.getByRole("heading", { name: "We couldn't find you" })).toBeVisible();
  await expect(kiosk.getByText("We looked for the number 555 010 2299.")).toBeVisible();
  await kiosk.getByRole("button", { name: "Try again" }).click();
  await kiosk.getByRole("button", { name: "Booking code" }).click();
  await tapKeys(kiosk, "HH22");
  await kiosk.getByRole("button", { name: "Find me" }).click();
  await expect(kiosk.getByText("We looked for the code HH22.")).toBeVisible();
  await kiosk.getByRole("button", { name: "Try again" }).click();
  await expect(kiosk.getByRole("button", { name: "Booking code" })).toHaveAttribute("aria-pressed", "true");
  await expect(kiosk.getByRole("textbox", { name: "Booking code" })).toHaveValue("");
});

test("a guest a day early is told when the booking is, in either language, and checks nothing in", async ({
  core,
  kiosk,
}) => {
  const { starts_at } = core.model.db
    .prepare("SELECT starts_at FROM appointments WHERE booking_code = ?")
    .get(DEMO_GUESTS.tomorrow.code) as { starts_at: string };
  const day = (locale: string) =>
    new Intl.DateTimeFormat(locale, { timeZone: "America/Los_Angeles", weekday: "long", month: "long", day: "numeric" })
      .format(new Date(starts_at))
      .replace(/^./, (c) => c.toUpperCase());
  await findByCode(kiosk, DEMO_GUESTS.tomorrow.code);
  await expect(kiosk.getByRole("heading", { name: "Your booking isn't today" })).toBeVisible();
  await expect(kiosk.getByText(`${day("en-US")} · 3:00 PM`)).toBeVisible();
  await kiosk.getByRole("button", { name: "Cambiar a español" }).click();
  await expect(kiosk.getByRole("heading", { name: "Su cita no es hoy" })).toBeVisible();
  await expect(kiosk.getByText(`${day("es-US")} · 3:00 p.m.`)).toBeVisible();
  await kiosk.getByRole("button", { name: "Listo" }).click();
  await expect(kiosk.getByRole("button", { name: "Check in" })).toBeVisible();
  expect(
    countRows(
      core,
      "SELECT count(*) AS n FROM check_ins WHERE appointment_id = ?",
      appointmentIdByCode(core, DEMO_GUESTS.tomorrow.code),
    ),
  ).toBe(0);
});

test("a guest who finds the language button only on the offer screen gets the cards, and Done, in Spanish", async ({
  kiosk,
}) => {
  await kiosk.getByRole("button", { name: "Check in" }).click();
  await kiosk.getByRole("button", { name: "Booking code" }).click();
  await tapKeys(kiosk, DEMO_GUESTS.bothFit.code);
  await kiosk.getByRole("button", { name: "Yes, that's me" }).click();
  await expect(kiosk.getByRole("heading", { name: "Face massage" })).toBeVisible();
  await kiosk.getByRole("button", { name: "Larger text" }).click();
  await expect(kiosk.locator("html")).toHaveClass(/text-large/);
  await kiosk.getByRole("button", { name: "Cambiar a español" }).click();
  await expect(kiosk.getByRole("heading", { name: "¿Desea añadir algo especial?" })).toBeVisible();
  await expect(kiosk.getByRole("heading", { name: "Masaje facial" })).toBeVisible();
  await kiosk.getByRole("button", { name: "Añadir Masaje facial" }).click();
  // Its screening questions come in Spanish too.
  await expect(kiosk.getByText(/^¿Se ha puesto rellenos faciales/)).toBeVisible();
  await kiosk.getByRole("button", { name: "Nada de esto me aplica" }).click();
  await expect(kiosk.getByText(/^Añadido a su sesión: Masaje facial \(\$25, \+15 min\)\.$/)).toBeVisible();
  // And back: Done's add-on follows too.
  await kiosk.getByRole("button", { name: "Switch to English" }).click();
  await expect(kiosk.getByText("Added to your session: Face massage ($25, +15 min).")).toBeVisible();
});

test("Spanish throughout, with the cards in Spanish", async ({ kiosk }) => {
  await kiosk.getByRole("button", { name: "Cambiar a español" }).click();
  await kiosk.getByRole("button", { name: "Registrar llegada" }).click();
  await kiosk.getByRole("button", { name: "Código de reserva" }).click();
  await tapKeys(kiosk, DEMO_GUESTS.bothFit.code);
  // Times as Spanish is written in the US: "2:30 p.m.", not a 24-hour "14:30".
  await expect(kiosk.getByText(/^\d{1,2}:\d\d\s[ap]\.\s?m\. · con /)).toBeVisible();
  await expect(kiosk.locator(".summary").getByText("Masaje sueco", { exact: true })).toBeVisible();
  await kiosk.getByRole("button", { name: "Sí, soy yo" }).click();
  await expect(kiosk.getByRole("heading", { name: "Masaje facial" })).toBeVisible();
  await kiosk.getByRole("button", { name: /Añadir los dos/ }).click();
  for (let i = 0; i < 2; i++) await kiosk.getByRole("button", { name: "Nada de esto me aplica" }).click();
  await expect(kiosk.getByRole("heading", { name: "Llegada registrada, María" })).toBeVisible();
  await expect(
    kiosk.getByText(/^Añadido a su sesión: Masaje facial \+ Masaje capilar \(\$45, \+25 min\)\.$/),
  ).toBeVisible();
  expect(await kiosk.evaluate(() => document.documentElement.lang)).toBe("es");
});

test("Chinese throughout: the cards in Chinese, prices in dollars, and the check-in records the language for the desk", async ({
  core,
  kiosk,
}) => {
  await kiosk.getByRole("button", { name: "切换到中文" }).click();
  await kiosk.getByRole("button", { name: "签到" }).click();
  await kiosk.getByRole("button", { name: "预约码" }).click();
  await tapKeys(kiosk, DEMO_GUESTS.bothFit.code);
  await expect(kiosk.getByRole("heading", { name: "这是您吗？" })).toBeVisible();
  // Her Swedish massage under the name the spa wrote in Chinese.
  await expect(kiosk.locator(".summary").getByText("瑞典式按摩", { exact: true })).toBeVisible();
  await kiosk.getByRole("button", { name: "是的，是我" }).click();
  await expect(kiosk.getByRole("heading", { name: "面部按摩" })).toBeVisible();
  await expect(kiosk.locator(".price").first()).toHaveText("$25 · +15 分钟");
  await kiosk.getByRole("button", { name: /两项都要/ }).click();
  for (let i = 0; i < 2; i++) await kiosk.getByRole("button", { name: "以上都不适用于我" }).click();
  await expect(kiosk.getByRole("heading", { name: "María G.，您已签到" })).toBeVisible();
  await expect(kiosk.getByText("已加入您的疗程：面部按摩 + 头皮按摩（$45，+25 分钟）。")).toBeVisible();
  expect(await kiosk.evaluate(() => document.documentElement.lang)).toBe("zh");
  expect(
    core.model.db
      .prepare("SELECT lang FROM check_ins WHERE appointment_id = ?")
      .pluck()
      .get(appointmentIdByCode(core, DEMO_GUESTS.bothFit.code)),
  ).toBe("zh");
  // From Chinese, both other languages are a tap away, each by its own name.
  await expect(kiosk.getByRole("button", { name: "Switch to English" })).toHaveText("English");
  await expect(kiosk.getByRole("button", { name: "Cambiar a español" })).toHaveText("Español");
});
