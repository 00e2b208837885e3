import { describe, expect, it } from "vitest";
import { DEMO_STAFF } from "../../db/demo/seed-demo";
import { demoCoreForFile } from "../test-support/demo-core";

const core = demoCoreForFile("happyhead-dispatch-");

const codeOf = (r: unknown) => (r as { ok: boolean; error?: { code: string } }).error?.code ?? "OK";

describe("dispatcher: the one door into the main process", () => {
  it("answers an unknown channel with UNKNOWN_CHANNEL", async () => {
    expect(await core().dispatch(core().newSession("kiosk"), "kiosk.hack", {})).toMatchObject({
      ok: false,
      error: { code: "UNKNOWN_CHANNEL" },
    });
    expect(codeOf(await core().dispatch(core().newSession("kiosk"), 42, {}))).toBe("UNKNOWN_CHANNEL");
    expect(codeOf(await core().dispatch(core().newSession("kiosk"), "__proto__", {}))).toBe("UNKNOWN_CHANNEL");
    expect(codeOf(await core().dispatch(core().newSession("kiosk"), "toString", {}))).toBe("UNKNOWN_CHANNEL");
  });

  it("rejects malformed, mistyped, oversized and extra-key payloads with a field and message", async () => {
    const kiosk = core().newSession("kiosk");
    for (const payload of [
      null,
      "x",
      [],
      { by: "phone" },
      { by: "phone", phone: 5550102233 },
      { by: "phone", phone: "9".repeat(100_000) },
      { by: "phone", phone: "5550102233", __proto__x: 1 },
    ]) {
      const r = await core().dispatch(kiosk, "kiosk.findAppointments", payload);
      expect(codeOf(r)).toBe("INVALID_INPUT");
    }
    const r = await core().dispatch(kiosk, "kiosk.findAppointments", { by: "phone", phone: "555-CALL-NOW" });
    expect(r).toEqual({ ok: false, error: { code: "INVALID_INPUT", message: "Use digits only.", field: "phone" } });
  });

  it("never lets a kiosk window call a staff channel, and asks staff for a PIN first", async () => {
    const kiosk = core().newSession("kiosk");
    for (const channel of ["desk.queue", "desk.confirmAddons", "reports.uptake", "staff.login", "staff.list"]) {
      expect(
        codeOf(await core().dispatch(kiosk, channel, { appointmentId: 1, from: "2026-01-01", to: "2026-01-02" })),
      ).toBe("FORBIDDEN");
    }
    const staff = core().newSession("staff");
    expect(codeOf(await core().dispatch(staff, "kiosk.checkIn", { appointmentId: 1, lang: "en" }))).toBe("FORBIDDEN");
    expect(codeOf(await core().dispatch(staff, "desk.queue", {}))).toBe("NOT_AUTHENTICATED");
  });

  it("lets a receptionist use the desk but not the manager's reports", async () => {
    const staff = core().newSession("staff");
    const list = (await core().dispatch(staff, "staff.list", {})) as {
      ok: true;
      value: { staff: { id: number; name: string }[] };
    };
    const riley = list.value.staff.find((s) => s.name === DEMO_STAFF[1].name);
    expect(codeOf(await core().dispatch(staff, "staff.login", { staffId: riley?.id, pin: DEMO_STAFF[1].pin }))).toBe(
      "OK",
    );
    expect(codeOf(await core().dispatch(staff, "desk.queue", {}))).toBe("OK");
    expect(codeOf(await core().dispatch(staff, "reports.uptake", { from: "2026-01-01", to: "2026-01-31" }))).toBe(
      "FORBIDDEN",
    );
    staff.lastActivityMs -= 10 * 60_000;
    expect(codeOf(await core().dispatch(staff, "desk.queue", {}))).toBe("NOT_AUTHENTICATED");
  });
});
