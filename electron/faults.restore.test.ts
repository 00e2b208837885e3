import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { listBackups } from "../db/maintenance/backup";
import { tempDir } from "../db/test/helpers";
import { connect } from "../db/open";
import { RESTORING_MESSAGE } from "./write-gate";
import * as kit from "./test-support/fault-core";

kit.closeCoresAfterEach();

describe("restore under load", () => {
  it("guests check in throughout a restore: each is answered, refused calls say a restore is running, and none acknowledged is lost", async () => {
    const dir = tempDir();
    const core = await kit.openCore(dir);
    const manager = await kit.signInManager(core);
    const backup = listBackups(path.join(dir, "backups"))[0]!;
    const codes = kit.openCodes(core);
    expect(codes.length).toBeGreaterThanOrEqual(6);
    const acknowledged: number[] = [];
    const refusals: string[] = [];
    const guests = (async () => {
      for (const { code } of codes) {
        // A guest tries again and again for up to 10 s (the restore's own erase runs on the background writer,
        // which starts afresh on the restored file).
        for (const until = Date.now() + 10_000; Date.now() < until;) {
          const r = await kit.checkIn(core, code);
          if (r.ok) {
            acknowledged.push(r.id!);
            break;
          }
          refusals.push(r.error.message);
          await new Promise((res) => setTimeout(res, 2));
        }
      }
    })();
    const restore = kit.call<{ safetyBackup: string }>(core, manager, "maintenance.restore", { name: backup.name });
    const [restored] = await Promise.all([restore, guests]);
    expect(restored.ok).toBe(true);
    const safety = kit.checkedInIds(
      path.join(dir, "backups", (restored as { ok: true; value: { safetyBackup: string } }).value.safetyBackup),
    );
    const live = new Set(
      (core.model.db.prepare("SELECT appointment_id AS id FROM check_ins").all() as { id: number }[]).map((r) => r.id),
    );
    const lost = acknowledged.filter((id) => !safety.has(id) && !live.has(id));
    expect(acknowledged.length).toBe(codes.length);
    expect(lost).toEqual([]);
    expect(refusals.length).toBeGreaterThan(0);
    expect(new Set(refusals)).toEqual(new Set([RESTORING_MESSAGE]));
  });
});

describe("retention after restore and import", () => {
  afterEach(() => kit.clock.set("2026-11-25T15:07:00.000Z"));

  it("restoring an old backup or importing an old booking export brings no erased guest back", async () => {
    const dir = tempDir();
    const core = await kit.openCore(dir);
    const backup = listBackups(path.join(dir, "backups"))[0]!;
    // 70 days on, the demo's first weeks are past the 90-day window.
    kit.clock.advance(70 * 24 * 60);
    const cutoff = "2026-11-05";
    const phones = () =>
      (
        core.model.db
          .prepare("SELECT count(*) AS n FROM appointments WHERE local_day < ? AND phone != ''")
          .get(cutoff) as { n: number }
      ).n;
    expect(phones()).toBeGreaterThan(0);
    const manager = await kit.signInManager(core);
    // Seventy days with nothing written: a spa closed that long says the date is right once (clock-trust.ts).
    const clockAt = kit.clock.now().toISOString();
    expect(await kit.call(core, manager, "maintenance.confirmClock", { clockAt })).toMatchObject({ ok: true });
    const restored = await kit.call(core, manager, "maintenance.restore", { name: backup.name });
    expect(restored).toMatchObject({ ok: true });
    expect(phones()).toBe(0);

    const csv =
      "Booking ID,Client Name,Mobile,Service,Therapist,Room,Date,Start Time\r\nPOS-OLD-1,Ada Lovelace,555 010 9001,Swedish massage,Ana Ruiz,Lotus,2026-10-29,9:00 AM\r\n";
    const preview = await kit.call<{ mapping: Record<string, number> }>(core, manager, "desk.importPreview", {
      content: csv,
    });
    expect(preview.ok).toBe(true);
    const imported = await kit.call(core, manager, "desk.importCommit", {
      content: csv,
      mapping: (preview as { ok: true; value: { mapping: Record<string, number> } }).value.mapping,
      skipBadRows: false,
    });
    expect(imported).toMatchObject({ ok: true, value: { created: 1 } });
    expect(
      core.model.db.prepare("SELECT guest_name AS name, phone FROM appointments WHERE external_id = 'POS-OLD-1'").get(),
    ).toEqual({
      name: "Ada L.",
      phone: "",
    });
  });

  it("the daily upkeep scrubs every backup to the same cutoff, so none keeps a guest the spa has since erased", async () => {
    const dir = tempDir();
    const first = await kit.openCore(dir); // its first daily backup, at start
    await first.maintenance.settled();
    const [backup] = listBackups(path.join(dir, "backups"));
    await first.close();
    kit.cores.length = 0;
    const file = path.join(dir, "backups", backup!.name);
    const cutoff = "2026-11-05";
    const phonesIn = () => {
      const db = connect(file, { readonly: true });
      try {
        return db.prepare("SELECT count(*) FROM appointments WHERE local_day < ? AND phone != ''").pluck().get(cutoff);
      } finally {
        db.close();
      }
    };
    expect(phonesIn()).toBeGreaterThan(0);
    // 70 days on, the demo's first weeks are past the 90-day window. Seventy days with nothing written: the next
    // start's upkeep erases nothing by that date until a manager says it is right; then it scrubs the backup.
    kit.clock.advance(70 * 24 * 60);
    const core = await kit.openCore(dir);
    await core.maintenance.settled();
    expect(phonesIn()).toBeGreaterThan(0);
    expect(core.maintenance.status().clock).toMatchObject({ state: "ahead", days: 70 });
    const manager = await kit.signInManager(core);
    const clockAt = kit.clock.now().toISOString();
    expect(await kit.call(core, manager, "maintenance.confirmClock", { clockAt })).toMatchObject({ ok: true });
    await vi.waitFor(() => expect(phonesIn()).toBe(0), { timeout: 20_000 });
    expect(core.maintenance.status().clock).toEqual({ state: "ok" });
  });
});
