import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createAppCore } from "../electron/core";
import type { CallerSession } from "../electron/ipc/session";
import type { QueueItem, WalkInAvailability } from "../contract/channels";
import { BIG_CHECKINS, copyBigFile } from "./big-file";
import { DELAY_TARGET_MS, manager } from "./never-wait";
import { median, type BenchResult } from "./stats";

/** Each read is timed this many times; the first (statements prepared, pages read from disk) is shown apart. */
const RUNS = 6;
/** Walk-ins booked at the desk, each then moved, changed, confirmed, reprinted and voided. */
const WALK_INS = 5;

type Call = [window: "kiosk" | "desk" | "manager", channel: string, input: unknown];

/**
 * Every call the windows make that reads or writes history, timed on the main thread of the app opened on the year of
 * BIG_CHECKINS check-ins (the report cache warm, as after the warm-up): the time a call holds the main thread is the
 * time every window waits, so each must fit the stall budget of `heavy-tasks` (≤ 50 ms). Three searched through all
 * history before (the walk-in form's who-is-free 1.64 s, the printer banner 27-51 ms every 30 s, the desk's search on
 * other days 165-250 ms). The desk's list of a whole day is shown apart: the year's days hold 2,740 bookings, nine
 * times the busy day `desk-open` measures (300 rows).
 */
export async function benchYearCalls(): Promise<BenchResult> {
  const base = mkdtempSync(path.join(tmpdir(), "happyhead-bench-calls-"));
  try {
    const { firstDay, lastDay } = copyBigFile(base);
    // Evening of the year's last day: its bookings are today's, the therapists free again.
    const core = await createAppCore({
      dataDir: base,
      seed: "empty",
      clock: { now: () => new Date(`${lastDay}T20:00:00Z`) },
    });
    try {
      await core.maintenance.stop();
      await core.background.run("refreshReports", { from: firstDay, to: lastDay });
      const sessions: Record<Call[0], CallerSession> = {
        kiosk: core.newSession("kiosk"),
        desk: await manager(core),
        manager: await manager(core),
      };
      const guest = core.model.db
        .prepare("SELECT id, phone, guest_name AS name FROM appointments WHERE local_day = ? ORDER BY id LIMIT 1")
        .get(lastDay) as { id: number; phone: string; name: string };
      const dispatch = async (window: Call[0], channel: string, input: unknown) => {
        const t = performance.now();
        const r = await core.dispatch(sessions[window], channel, input);
        const ms = performance.now() - t;
        if (!r.ok) throw new Error(`${channel}: ${JSON.stringify(r.error)}`);
        return { ms, value: r.value };
      };
      const rows: { name: string; first: number; warm: number }[] = [];
      const time = async ([window, channel, input]: Call) => {
        const ms: number[] = [];
        for (let i = 0; i < RUNS; i++) ms.push((await dispatch(window, channel, input)).ms);
        rows.push({ name: `${channel} ${JSON.stringify(input)}`, first: ms[0] ?? 0, warm: median(ms.slice(1)) });
      };
      const reads: Call[] = [
        ["kiosk", "kiosk.findAppointments", { by: "phone", phone: guest.phone }],
        ["kiosk", "kiosk.visit", { appointmentId: guest.id, lang: "en" }],
        ["kiosk", "kiosk.preferences", { appointmentId: guest.id }],
        ["desk", "desk.item", { appointmentId: guest.id }],
        ["desk", "desk.history", { appointmentId: guest.id }],
        ["desk", "desk.otherDays", { query: guest.name }],
        ["desk", "desk.otherDays", { query: guest.name.split(" ")[0] }],
        ["desk", "desk.otherDays", { query: "zz" }],
        ["desk", "desk.otherDays", { query: guest.phone }],
        // The number as a receptionist writes it: with the country code, brackets and a dash.
        [
          "desk",
          "desk.otherDays",
          { query: `+1 (${guest.phone.slice(-10, -7)}) ${guest.phone.slice(-7, -4)}-${guest.phone.slice(-4)}` },
        ],
        ["desk", "desk.walkInsWaiting", {}],
        ["desk", "desk.walkInAvailability", { serviceId: 1 }],
        ["desk", "desk.options", {}],
        ["desk", "printing.status", {}],
        ["desk", "maintenance.diskSpace", {}],
        ["manager", "reports.uptake", { from: lastDay, to: lastDay, grain: "day" }],
        ["manager", "reports.uptake", { from: firstDay, to: lastDay, grain: "month" }],
        ["manager", "reports.exportOptions", {}],
        ["manager", "admin.addons", {}],
        ["manager", "admin.catalog", {}],
        ["manager", "admin.staff", {}],
        ["manager", "admin.kioskSettings", {}],
        ["manager", "admin.screening", {}],
        ["manager", "maintenance.backups", {}],
      ];
      for (const call of reads) await time(call);

      // The desk's writes, on walk-ins booked now with a therapist and a room who are free.
      const writes = new Map<string, number[]>();
      const write = async (channel: string, input: unknown) => {
        const r = await dispatch("desk", channel, input);
        writes.set(channel, [...(writes.get(channel) ?? []), r.ms]);
        return r.value;
      };
      for (let i = 0; i < WALK_INS; i++) {
        const free = (await dispatch("desk", "desk.walkInAvailability", { serviceId: 1 })).value as WalkInAvailability;
        const [therapist, other] = free.therapists.filter((t) => !t.busy);
        const room = free.rooms.find((r) => !r.busy);
        if (!therapist || !other || !room) throw new Error("no therapist or room free for the walk-ins");
        const item = (await write("desk.walkIn", {
          guestName: `Bench Walk-in ${i}`,
          phone: `21255501${String(10 + i)}`,
          serviceId: 1,
          therapistId: therapist.id,
          roomId: room.id,
          addonIds: [1],
        })) as QueueItem;
        const appointmentId = item.appointmentId;
        await write("desk.assign", { appointmentId, therapistId: other.id });
        await write("desk.changeAddons", { appointmentId, addonIds: [] });
        await write("desk.confirmAddons", { appointmentId, acknowledged: true });
        await write("printing.reprint", { appointmentId });
        await write("desk.voidAddons", { appointmentId, reason: "Bench: the guest changed their mind" });
      }
      for (const [channel, ms] of writes)
        rows.push({ name: `${channel} (${ms.length} walk-ins)`, first: ms[0] ?? 0, warm: median(ms.slice(1)) });

      const queue = await dispatch("desk", "desk.queue", { day: lastDay });
      const queueMs = [queue.ms];
      for (let i = 1; i < RUNS; i++) queueMs.push((await dispatch("desk", "desk.queue", { day: lastDay })).ms);
      const bookings = (queue.value as { items: unknown[] }).items.length;
      const worst = rows.reduce((a, b) => (b.warm > a.warm ? b : a));
      return {
        name: `every call that reads or writes history, on the main thread of the app opened on ${BIG_CHECKINS.toLocaleString("en-US")} check-ins (first run / median of the next ${RUNS - 1})`,
        lines: [
          ...rows.map((r) => `${r.name}: ${r.first.toFixed(1)} / ${r.warm.toFixed(1)} ms`),
          `desk.queue of the last day, ${bookings.toLocaleString("en-US")} bookings (desk-open's 300-row day is the target's): ${queueMs[0]?.toFixed(1)} / ${median(queueMs.slice(1)).toFixed(1)} ms`,
          `longest (median): ${worst.name} ${worst.warm.toFixed(1)} ms (≤ ${DELAY_TARGET_MS} ms)`,
        ],
        ratio: worst.warm / DELAY_TARGET_MS,
        target: 1,
      };
    } finally {
      await core.close();
    }
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}
