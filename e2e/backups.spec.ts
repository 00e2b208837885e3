import path from "node:path";
import { axeOn } from "./axe";
import type { Page } from "@playwright/test";
import { SERVICE_NAME_MAX } from "../contract/admin";
import { EXTERNAL_ID_MAX } from "../contract/desk";
import { REASON_MAX } from "../contract/common";
import { DEMO_GUESTS, DEMO_STAFF } from "../db/demo/seed-demo";
import type { AppCore } from "../electron/core";
import type { CallerSession } from "../electron/ipc/session";
import { expect, test } from "./fixtures";

type Card = {
  addonId: number;
  title: string;
  available: boolean;
  screening: { version: number; questions: { ifYes: string }[] } | null;
};

/**
 * A guest checks in at the kiosk by phone and chooses the first add-on with health questions that fits, answering
 * "yes" to the one that asks the therapist to check, or "no" to all.
 */
async function kioskChoice(
  core: AppCore,
  kiosk: CallerSession,
  phone: string,
  name: string,
  flag: "yes" | "no",
): Promise<{ appointmentId: number; card: Card }> {
  const found = (await core.dispatch(kiosk, "kiosk.findAppointments", { by: "phone", phone })) as {
    ok: true;
    value: { matches: { appointmentId: number; guestLabel: string }[] };
  };
  // The kiosk names a guest by first name and last initial.
  const appointmentId = found.value.matches.find((m) => name.startsWith(m.guestLabel.slice(0, -1)))!.appointmentId;
  const visit = (await core.dispatch(kiosk, "kiosk.checkIn", { appointmentId, lang: "en" })) as {
    ok: true;
    value: { offer: { cards: Card[] } };
  };
  const card = visit.value.offer.cards.find((c) => c.available && c.screening)!;
  const chosen = await core.dispatch(kiosk, "kiosk.chooseAddons", {
    appointmentId,
    addonIds: [card.addonId],
    offerMs: 2000,
    lang: "en",
    screening: [
      {
        addonId: card.addonId,
        version: card.screening!.version,
        answers: card.screening!.questions.map((q) => (flag === "yes" && q.ifYes === "check" ? "yes" : "no")),
      },
    ],
  });
  expect(chosen.ok).toBe(true);
  return { appointmentId, card };
}

async function signIn(staff: Page, who: (typeof DEMO_STAFF)[number]) {
  await staff.getByRole("button", { name: new RegExp(who.name) }).click();
  await staff.getByLabel("PIN", { exact: true }).fill(who.pin);
  await staff.getByRole("button", { name: "Unlock" }).click();
  await staff.getByRole("heading", { name: "Arrivals today" }).waitFor();
}

test("a manager backs up, restores a backup (confirmed first) and checks the audit log", async ({ staff, core }) => {
  await core.maintenance.settled(); // the after-start backup and full check run in the background
  await signIn(staff, DEMO_STAFF[0]);
  await staff.getByRole("button", { name: "Backups" }).click();
  await expect(staff.getByRole("heading", { name: "Backups" })).toBeVisible();
  await expect(staff.locator(".backup-list tbody tr")).toHaveCount(1); // the after-start backup
  await expect(staff.getByText("The database file passed the full integrity check.")).toBeVisible();
  await staff.screenshot({ path: test.info().outputPath("backups.png") });

  // Before the manual backup, two guests check in at the kiosk and choose an add-on (answering no to its questions);
  // after it, the desk confirms Lena's and voids Tom's, with the longest reason the desk may type. Restoring that
  // backup undoes both decisions.
  const kiosk = core.newSession("kiosk");
  const lena = await kioskChoice(core, kiosk, DEMO_GUESTS.family.phone, DEMO_GUESTS.family.names[0], "no");
  const tom = await kioskChoice(core, kiosk, DEMO_GUESTS.family.phone, DEMO_GUESTS.family.names[1], "no");
  // A third, the day's last booking, whose add-on the desk takes off after the backup.
  const last = core.model.db
    .prepare(
      `SELECT guest_name AS name, phone FROM appointments WHERE status = 'booked'
         AND local_day = (SELECT local_day FROM appointments WHERE id = ?) ORDER BY starts_at DESC LIMIT 1`,
    )
    .get(lena.appointmentId) as { name: string; phone: string };
  const ida = await kioskChoice(core, kiosk, last.phone, last.name, "no");
  const voidReason = "Guest says the skin on their face is still sore from yesterday's sun, asks for no face work. "
    .repeat(4)
    .slice(0, REASON_MAX)
    .trim();
  await staff.getByRole("button", { name: "Back up now" }).click();
  await expect(staff.getByRole("status")).toContainText("Backup made");
  await expect(staff.locator(".backup-list tbody tr")).toHaveCount(2);
  await staff.getByRole("button", { name: "Arrivals" }).click();
  const lenaRow = staff.locator(`tr[data-appointment="${lena.appointmentId}"]`);
  await lenaRow.getByRole("button", { name: /^Confirm/ }).click();
  await expect(lenaRow.locator(".badge")).toHaveText(/Confirmed|Ticket printed/);
  const tomRow = staff.locator(`tr[data-appointment="${tom.appointmentId}"]`);
  // The rows move as the restore's list above them and the rows before them change: the receptionist looks before
  // tapping, as the desk takes no tap on a row another guest's was at a moment ago (renderer/…/useSteadyTaps.ts).
  const voidTom = async () => {
    await staff.waitForTimeout(700);
    await tomRow.getByRole("button", { name: /^Change, void or history/ }).click();
    const panel = staff.getByRole("dialog", { name: DEMO_GUESTS.family.names[1] });
    await panel.getByRole("button", { name: "Void add-on…" }).click();
    return panel;
  };
  const panel = await voidTom();
  await panel.getByLabel(/Why is the add-on voided/).fill(voidReason);
  await panel.getByRole("button", { name: "Void add-on", exact: true }).click();
  await expect(tomRow.getByText(/\(VOID\)/)).toBeVisible();
  await panel.getByRole("button", { name: "Close" }).click();
  const idaRow = staff.locator(`tr[data-appointment="${ida.appointmentId}"]`);
  const changeIda = async () => {
    await staff.waitForTimeout(700);
    await idaRow.getByRole("button", { name: /^Change, void or history/ }).click();
    return staff.getByRole("dialog", { name: last.name });
  };
  const idaPanel = await changeIda();
  await idaPanel.getByLabel(new RegExp(ida.card.title)).uncheck();
  await idaPanel.getByRole("button", { name: "Save add-on change" }).click();
  await expect(idaRow).toContainText("Ticket printed");
  await idaPanel.getByRole("button", { name: "Close" }).click();
  await staff.getByRole("button", { name: "Backups" }).click();

  // Another guest checks in after the backups; restoring the manual one undoes it. They answer yes to the question
  // that asks the therapist to check: the restore must not lose that.
  const { appointmentId, card } = await kioskChoice(
    core,
    kiosk,
    DEMO_GUESTS.bothFit.phone,
    DEMO_GUESTS.bothFit.name,
    "yes",
  );
  const checkIns = () => (core.model.db.prepare("SELECT count(*) AS n FROM check_ins").get() as { n: number }).n;
  const after = checkIns();

  await staff
    .locator(".backup-list tbody tr", { hasText: "Manual" })
    .getByRole("button", { name: /^Restore the backup from/ })
    .click();
  const dialog = staff.getByRole("dialog");
  await expect(dialog).toContainText("The current data is kept as a backup first");
  expect((await axeOn(staff).analyze()).violations).toEqual([]);
  await staff.screenshot({
    path: path.resolve(__dirname, "..", "test-results", "backups", "staff-backups-confirm-1920x1080.png"),
  });
  await dialog.getByRole("button", { name: "Restore this backup" }).click();
  await expect(staff.getByRole("status")).toContainText("Restored the backup from");
  await expect(staff.getByRole("status")).toContainText(
    "1 guest had checked in after that backup: the desk lists them to check in again. 3 add-on decisions the desk made after it were undone: the desk lists them to make again.",
  );
  await staff.screenshot({
    path: path.resolve(__dirname, "..", "test-results", "backups", "staff-backups-restored-1920x1080.png"),
  });
  await staff.setViewportSize({ width: 1080, height: 1920 });
  await staff.screenshot({
    path: path.resolve(__dirname, "..", "test-results", "backups", "staff-backups-restored-1080x1920.png"),
  });
  await staff.setViewportSize({ width: 1920, height: 1080 });
  expect(checkIns()).toBe(after - 1);
  await expect(staff.locator(".backup-list tbody tr", { hasText: "Before a restore" })).toHaveCount(1);

  await staff.getByRole("button", { name: "Check audit log" }).click();
  await expect(staff.getByRole("status")).toContainText(/Audit log intact: \d+ entries/);
  await staff.screenshot({
    path: path.resolve(__dirname, "..", "test-results", "backups", "staff-backups-1920x1080.png"),
  });

  // The desk: the guest the restore left out, to check in again, then the list cleared. Beside them, as a restore
  // records it, a booking the booking system made after the backup, whom the restored data does not have at all: its
  // code, booking system ID and service as long as a booking may have them.
  const longService = "Deep tissue massage with warm basalt stones, aromatherapy oils and a foot ritual";
  expect(longService).toHaveLength(SERVICE_NAME_MAX);
  const longId = `BK-2026-12-06-${"0".repeat(EXTERNAL_ID_MAX - 16)}42`;
  expect(longId).toHaveLength(EXTERNAL_ID_MAX);
  core.model.db
    .prepare(
      `INSERT INTO restore_gaps (restored_at, appointment_id, booking_code, external_id, starts_at, service_name,
                                 checked_in_at, channel)
       SELECT restored_at, NULL, 'QX7Z2KQX7Z2K', ?, starts_at, ?, checked_in_at, 'desk'
       FROM restore_gaps WHERE decided_at IS NULL`,
    )
    .run(longId, longService);
  const noSidewaysScroll = () =>
    staff.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
  await staff.getByRole("button", { name: "Arrivals" }).click();
  const gaps = staff.getByRole("region", {
    name: "Check in again: 1 of 2 · Decide again: 3 add-on decisions the restore undid",
  });
  await expect(gaps).toContainText(DEMO_GUESTS.bothFit.name);
  await expect(gaps).toContainText(`the desk confirmed ${lena.card.title} at`);
  await expect(gaps).toContainText("Undone by the restore: confirm it again in the queue.");
  await expect(lenaRow.locator(".badge")).toHaveText("Add-on to confirm");
  await expect(lenaRow).toContainText(`Undone by the restore: the desk had confirmed ${lena.card.title} at`);
  // Tom's row says why the desk had voided it, cut short at a glance; the list has all of it.
  await expect(tomRow).toContainText("Undone by the restore: the desk had voided the add-on at");
  await expect(tomRow).toContainText(/\(reason: Guest says the skin on their face [^)]*…\)\. Void it again\./);
  await expect(tomRow).not.toContainText(voidReason);
  await expect(gaps).toContainText(`(reason: ${voidReason})`);
  await expect(gaps).toContainText(`at the kiosk · chose ${card.title}`);
  await expect(gaps).toContainText("Booking QX7Z2KQX7Z2K");
  expect((await axeOn(staff).include(".restore-gaps").analyze()).violations).toEqual([]);
  const shots = path.resolve(__dirname, "..", "test-results", "backups");
  await expect(gaps).toContainText(longService);
  expect(await noSidewaysScroll()).toBe(true);
  await staff.screenshot({ path: path.join(shots, "desk-restore-gaps-1920x1080.png") });
  await lenaRow.screenshot({ path: path.join(shots, "desk-queue-undone-1920x1080.png") });
  await tomRow.screenshot({ path: path.join(shots, "desk-queue-undone-void-1920x1080.png") });
  await staff.setViewportSize({ width: 1080, height: 1920 });
  expect(await noSidewaysScroll()).toBe(true);
  await staff.screenshot({ path: path.join(shots, "desk-restore-gaps-1080x1920.png") });
  await lenaRow.screenshot({ path: path.join(shots, "desk-queue-undone-1080x1920.png") });
  await tomRow.screenshot({ path: path.join(shots, "desk-queue-undone-void-1080x1920.png") });
  await gaps.getByRole("button", { name: `Check in ${DEMO_GUESTS.bothFit.name}` }).click();
  const decide = staff.getByRole("region", { name: "Decide again: 3 add-on decisions the restore undid" });
  await expect(decide).toContainText("Checked in again");
  // Void again: the reason is there already, one tap. The therapist has Tom's VOID slip: this one is marked a copy.
  const again = await voidTom();
  await expect(again.getByLabel(/Why is the add-on voided/)).toHaveValue(voidReason);
  await expect(again).toContainText("The reason the desk gave at");
  await again.screenshot({ path: path.join(shots, "desk-void-again-1080x1920.png") });
  await again.getByRole("button", { name: "Void add-on", exact: true }).click();
  await expect(tomRow).toContainText("(REPRINT)");
  await again.getByRole("button", { name: "Close" }).click();
  await expect(tomRow).not.toContainText("Undone by the restore");
  // Change again: it opens ticked as the desk had left it, and says so; saved, its slip is a copy too.
  await expect(idaRow).toContainText("Undone by the restore: the desk had removed the add-on at");
  const idaAgain = await changeIda();
  await expect(idaAgain.getByLabel(new RegExp(ida.card.title))).not.toBeChecked();
  await expect(idaAgain).toContainText("As the desk had changed the add-ons at");
  await idaAgain.screenshot({ path: path.join(shots, "desk-change-again-1080x1920.png") });
  await staff.setViewportSize({ width: 1920, height: 1080 });
  await idaAgain.screenshot({ path: path.join(shots, "desk-change-again-1920x1080.png") });
  await staff.setViewportSize({ width: 1080, height: 1920 });
  await idaAgain.getByRole("button", { name: "Save add-on change" }).click();
  await expect(idaRow).toContainText("(REPRINT)");
  await idaAgain.getByRole("button", { name: "Close" }).click();
  await staff.waitForTimeout(700); // Ida's row just lost its note, moving the rows below: a look first
  await lenaRow.getByRole("button", { name: /^Confirm/ }).click();
  const done = staff.getByRole("region", { name: "Book again: 1 guest the restore left out" });
  await expect(done).toContainText("Decided again");
  await expect(lenaRow).not.toContainText("Undone by the restore");
  // The therapist has had Lena's slip since before the crash: the one this Confirm prints is marked a copy.
  await expect(lenaRow).toContainText("(REPRINT)");
  await lenaRow.screenshot({ path: path.join(shots, "desk-queue-reprint-1080x1920.png") });
  await expect(done).toContainText("Checked in again");
  await expect(done).toContainText("Booking QX7Z2KQX7Z2K");
  await expect(done).toContainText("Booked after the backup, so not in the restored data");
  await expect(done).toContainText(`Import today's bookings again and booking ${longId} comes back here`);
  expect(checkIns()).toBe(after);
  // Back as they had arrived: the kiosk's check-in, their choice awaiting Confirm, and the flag their answer raised.
  const row = staff.locator(`tr[data-appointment="${appointmentId}"]`);
  await expect(row).toContainText(card.title);
  await expect(row).toContainText("(kiosk)");
  await expect(row).toContainText("Check before adding:");
  await expect(row.locator(".badge")).toHaveText("Add-on to confirm");
  await staff.screenshot({ path: path.join(shots, "desk-restore-gaps-done-1080x1920.png") });
  await staff.setViewportSize({ width: 1920, height: 1080 });
  await staff.screenshot({ path: path.join(shots, "desk-restore-gaps-done-1920x1080.png") });
  await staff.waitForTimeout(700); // the window just changed size: a look at the list first
  await row.getByRole("button", { name: /^Check the flag before confirming/ }).click();
  await staff.waitForTimeout(800); // the flag read with the guest: a second tap sooner is a double tap, not taken
  await row.getByRole("button", { name: /^I checked with/ }).click();
  await expect(row.locator(".badge")).toHaveText(/Confirmed|Ticket printed/);
  // Their add-on was never confirmed before the crash, so no slip was printed for it: this one is no copy.
  await expect(row).not.toContainText("REPRINT");
  expect(
    core.model.db.prepare("SELECT o.status FROM offers o WHERE o.appointment_id = ?").pluck().get(appointmentId),
  ).toBe("confirmed");
  await done.getByRole("button", { name: "Done, clear this list" }).click();
  // Beside the list (1920 wide) the cleared list's slot goes; on a tall screen it stays, saying so, until the desk
  // opens again (e2e/desk-taps.spec.ts).
  await expect(staff.locator(".restore-gaps:not(.cleared)")).toHaveCount(0);
  await expect(staff.locator(".restore-gaps.cleared")).toBeHidden();
});

test("a receptionist has no Backups tab", async ({ staff }) => {
  await signIn(staff, DEMO_STAFF[1]);
  await expect(staff.getByRole("button", { name: "Backups" })).toHaveCount(0);
});

test("a clock that reads weeks past the spa's last use: the manager sees both dates, nothing is erased by it, and one tap says the date is right", async ({
  staff,
  core,
}) => {
  await core.maintenance.settled();
  // The file was last used 40 days before this clock's date (a spa closed for the holidays, or a clock set ahead).
  const lastUse = new Date(Date.now() - 40 * 86_400_000).toISOString();
  core.model.db.prepare("UPDATE clock_trust SET trusted_at = ?").run(lastUse);
  await signIn(staff, DEMO_STAFF[0]);
  await staff.getByRole("button", { name: "Backups" }).click();
  const alert = staff.getByRole("alert").filter({ hasText: "Is the computer’s date right?" });
  await expect(alert).toContainText("40 days after the last date Happy Head trusted");
  await expect(alert).toContainText("nothing is erased by it");
  expect((await axeOn(staff).analyze()).violations).toEqual([]);
  const shot = (name: string) =>
    staff.screenshot({ path: path.resolve(__dirname, "..", "test-results", "backups", name), fullPage: true });
  await shot("staff-clock-ahead-1920x1080.png");
  await staff.setViewportSize({ width: 1080, height: 1920 });
  await shot("staff-clock-ahead-1080x1920.png");
  await staff.setViewportSize({ width: 1920, height: 1080 });

  await alert.getByRole("button", { name: "The date is right" }).click();
  await expect(staff.getByRole("status")).toContainText("Happy Head goes by this date from now on");
  await expect(alert).toHaveCount(0);
  expect(core.model.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'clock.confirm'").pluck().get()).toBe(1);
});
