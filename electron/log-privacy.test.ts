import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { DEMO_GUESTS, DEMO_STAFF } from "../db/demo/seed-demo";
import { createAppCore } from "./core";
import { createStartupController } from "./startup/controller";
import { systemClock } from "../db/time";

const dirs: string[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});

/** Everything the app printed through electron/log.ts (console.log / console.error / console.warn). */
function captureLogs(): string[] {
  const lines: string[] = [];
  for (const method of ["log", "error", "warn", "info", "debug"] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(" ")));
  }
  return lines;
}

describe("logs never contain guests' or staff's personal data", () => {
  it("after check-ins, PIN failures, confirmations, failures with personal data in their messages, backups and a restore", async () => {
    const logs = captureLogs();
    const dir = mkdtempSync(path.join(tmpdir(), "happyhead-logs-"));
    dirs.push(dir);
    const core = await createAppCore({ dataDir: dir, seed: "demo" });
    const kiosk = core.newSession("kiosk");
    const staff = core.newSession("staff");
    const guest = DEMO_GUESTS.bothFit;

    // Guest flows, including inputs that are refused (with the phone in them).
    const found = (await core.dispatch(kiosk, "kiosk.findAppointments", { by: "phone", phone: guest.phone })) as {
      ok: true;
      value: { matches: { appointmentId: number }[] };
    };
    const id = found.value.matches[0]!.appointmentId;
    await core.dispatch(kiosk, "kiosk.findAppointments", { by: "code", code: guest.code });
    await core.dispatch(kiosk, "kiosk.findAppointments", { by: "phone", phone: `${guest.phone} ${guest.name}` });
    await core.dispatch(kiosk, "kiosk.checkIn", { appointmentId: id, lang: "en" });
    await core.dispatch(kiosk, "kiosk.chooseAddons", { appointmentId: id, addonIds: [1], offerMs: 5000, lang: "en" });

    // Staff: wrong PINs up to the lockout, then the right PIN of the other staff member.
    const list = (await core.dispatch(staff, "staff.list", {})) as {
      ok: true;
      value: { staff: { id: number; name: string }[] };
    };
    const manager = list.value.staff.find((s) => s.name === DEMO_STAFF[0].name)!;
    const receptionist = list.value.staff.find((s) => s.name === DEMO_STAFF[1].name)!;
    for (let i = 0; i < 6; i++) await core.dispatch(staff, "staff.login", { staffId: manager.id, pin: "9999" });
    await core.dispatch(staff, "staff.login", { staffId: receptionist.id, pin: DEMO_STAFF[1].pin });
    await core.dispatch(staff, "desk.confirmAddons", { appointmentId: id });

    // An internal failure whose message quotes personal data (as SQLite constraint messages can).
    core.model.db.exec(
      `CREATE TRIGGER leak BEFORE INSERT ON check_ins BEGIN SELECT RAISE(ABORT, '${guest.name} ${guest.phone} PIN ${DEMO_STAFF[0].pin}'); END`,
    );
    const james = (await core.dispatch(kiosk, "kiosk.findAppointments", {
      by: "phone",
      phone: DEMO_GUESTS.noRoom.phone,
    })) as {
      ok: true;
      value: { matches: { appointmentId: number }[] };
    };
    const internal = await core.dispatch(kiosk, "kiosk.checkIn", {
      appointmentId: james.value.matches[0]!.appointmentId,
      lang: "en",
    });
    expect(internal).toMatchObject({ ok: false, error: { code: "INTERNAL" } });
    core.model.db.exec("DROP TRIGGER leak");

    // Backups and a restore (as a manager: sign in after the lockout expires is not needed, use the maintenance
    // service).
    await core.maintenance.backupNow("manual");
    await core.maintenance.restore(core.maintenance.list().at(-1)!.name, {
      kind: "staff",
      staffId: manager.id,
      name: manager.name,
    });
    await new Promise((r) => setTimeout(r, 300)); // let the print worker log anything it would
    await core.close();

    // A startup that fails to open (newer database) and logs its problem.
    const controller = createStartupController({
      dataDir: dir,
      onStaffDisplay: true,
      clock: systemClock,
      openCore: async () => {
        throw Object.assign(new Error(`cannot open for ${guest.name}`), { code: "SQLITE_CANTOPEN" });
      },
      onState: () => undefined,
      onReady: () => undefined,
      chooseFolder: () => undefined,
      quit: () => undefined,
    });
    await controller.run();

    const all = logs.join("\n");
    if (process.env.SHOW_LOGS) process.stdout.write(`${all}\n`);
    expect(logs.length).toBeGreaterThan(3);
    expect(all).toMatch(/\[ipc\] channel=kiosk\.checkIn code=INTERNAL/);
    const personal = [
      guest.name,
      "González",
      "Gonzalez",
      "María",
      guest.phone,
      "555 010 2233",
      "010-2233",
      "0102233",
      guest.code,
      DEMO_GUESTS.noRoom.name,
      "James",
      DEMO_GUESTS.noRoom.phone,
      DEMO_GUESTS.family.phone,
      ...DEMO_GUESTS.family.names,
      DEMO_STAFF[0].name,
      DEMO_STAFF[1].name,
      "Morgan",
      "Riley",
    ];
    for (const p of personal) expect(all, `"${p}" found in the logs`).not.toContain(p);
    for (const pin of DEMO_STAFF.map((s) => s.pin)) expect(all).not.toMatch(new RegExp(`(?<!\\d)${pin}(?!\\d)`));
  });
});
