import { found } from "../../db/test/helpers";
import { describe, expect, it } from "vitest";
import { DEMO_STAFF } from "../../db/demo/seed-demo";
import { demoCoreForFile } from "../test-support/demo-core";

const core = demoCoreForFile("happyhead-staff-access-");

type R = { ok: boolean; value?: unknown; error?: { code: string; message: string } };
const codeOf = (r: unknown) => (r as R).error?.code ?? "OK";

describe("staff access through the dispatcher", () => {
  it("the kiosk may ask for the staff window, and that grants it nothing", async () => {
    let opened = 0;
    core().setStaffWindowOpener(() => opened++);
    const kiosk = core().newSession("kiosk");
    expect(await core().dispatch(kiosk, "staff.openWindow", {})).toEqual({ ok: true, value: {} });
    expect(opened).toBe(1);
    expect(kiosk).toMatchObject({ window: "kiosk", staff: null });
    for (const channel of ["desk.queue", "staff.login", "staff.list", "desk.importPreview"])
      expect(codeOf(await core().dispatch(kiosk, channel, {}))).toBe("FORBIDDEN");
    // …and a staff window can't use the kiosk's door.
    expect(codeOf(await core().dispatch(core().newSession("staff"), "staff.openWindow", {}))).toBe("FORBIDDEN");
  });

  it("one display: a guest made the kiosk's pad wait; the window is told, the spa's unlock code opens it, and the kiosk can't try codes", async () => {
    const manager = core().newSession("staff");
    const list = (await core().dispatch(manager, "staff.list", {})) as {
      value: { staff: { id: number; name: string }[] };
    };
    const id = (name: string) =>
      found(
        list.value.staff.find((s) => s.name === name),
        "staff entry",
      ).id;
    expect(
      codeOf(
        await core().dispatch(manager, "staff.login", { staffId: id(DEMO_STAFF[0].name), pin: DEMO_STAFF[0].pin }),
      ),
    ).toBe("OK");
    const made = (await core().dispatch(manager, "staff.makePadCode", {})) as { value: { code: string } };
    expect(codeOf(await core().dispatch(core().newSession("staff"), "staff.makePadCode", {}))).toBe(
      "NOT_AUTHENTICATED",
    );
    // The guest, at the staff window opened over the kiosk: wrong PINs until the pad waits.
    const pad = core().newSession("staff", "kiosk-display");
    for (let i = 0; i < 3; i++)
      await core().dispatch(pad, "staff.login", { staffId: id(DEMO_STAFF[1].name), pin: "0000" });
    const waiting = (await core().dispatch(pad, "staff.list", {})) as { value: { padWaitMs: number } };
    expect(waiting.value.padWaitMs).toBeGreaterThan(0);
    expect(codeOf(await core().dispatch(core().newSession("kiosk"), "staff.openPad", { code: made.value.code }))).toBe(
      "FORBIDDEN",
    );
    expect(codeOf(await core().dispatch(pad, "staff.openPad", { code: "12345" }))).toBe("INVALID_INPUT");
    // The receptionist: the code, then their PIN, at once.
    expect(await core().dispatch(pad, "staff.openPad", { code: made.value.code })).toEqual({
      ok: true,
      value: { wasWaiting: true },
    });
    expect(((await core().dispatch(pad, "staff.list", {})) as { value: { padWaitMs: number } }).value.padWaitMs).toBe(
      0,
    );
    expect(
      codeOf(await core().dispatch(pad, "staff.login", { staffId: id(DEMO_STAFF[1].name), pin: DEMO_STAFF[1].pin })),
    ).toBe("OK");
  });

  it("1,000 concurrent wrong PINs over IPC at the kiosk's pad: 3 evaluated, the rest LOCKED_OUT, the staff display's pad keeps working", async () => {
    const attacker = core().newSession("staff", "kiosk-display");
    const list = (await core().dispatch(attacker, "staff.list", {})) as {
      value: { staff: { id: number; name: string }[]; needsSetup: boolean };
    };
    expect(list.value.needsSetup).toBe(false);
    const riley = found(
      list.value.staff.find((s) => s.name === DEMO_STAFF[1].name),
      "staff entry",
    ).id;
    const results = (await Promise.all(
      Array.from({ length: 1000 }, () => core().dispatch(attacker, "staff.login", { staffId: riley, pin: "0000" })),
    )) as R[];
    const codes = results.map(codeOf);
    expect(codes.filter((c) => c === "WRONG_PIN")).toHaveLength(3);
    expect(codes.filter((c) => c === "LOCKED_OUT")).toHaveLength(997);
    expect(attacker.staff).toBeNull();
    const desk = core().newSession("staff");
    const morgan = found(
      list.value.staff.find((s) => s.name === DEMO_STAFF[0].name),
      "staff entry",
    ).id;
    expect(codeOf(await core().dispatch(desk, "staff.login", { staffId: morgan, pin: DEMO_STAFF[0].pin }))).toBe("OK");
    expect(codeOf(await core().dispatch(desk, "desk.queue", {}))).toBe("OK");
  });

  it("a staff session idles out after staffIdleSeconds; staff.touch keeps it alive", async () => {
    const s = core().newSession("staff");
    const list = (await core().dispatch(s, "staff.list", {})) as { value: { staff: { id: number; name: string }[] } };
    const morgan = found(
      list.value.staff.find((x) => x.name === DEMO_STAFF[0].name),
      "staff entry",
    ).id;
    await core().dispatch(s, "staff.login", { staffId: morgan, pin: DEMO_STAFF[0].pin }, "person");
    s.lastActivityMs -= 100_000;
    expect(codeOf(await core().dispatch(s, "staff.touch", {}, "person"))).toBe("OK");
    s.lastActivityMs -= 100_000;
    expect(codeOf(await core().dispatch(s, "desk.queue", {}, "person"))).toBe("OK");
    // Calls the window makes by itself (refreshes after pushed events: rows, walk-ins, reports) are not activity.
    s.lastActivityMs -= 100_000;
    const id = (core().model.db.prepare("SELECT id FROM appointments ORDER BY id DESC LIMIT 1").get() as { id: number })
      .id;
    expect(codeOf(await core().dispatch(s, "desk.item", { appointmentId: id }, "app"))).toBe("OK");
    expect(codeOf(await core().dispatch(s, "desk.walkInsWaiting", {}, "app"))).toBe("OK");
    expect(codeOf(await core().dispatch(s, "desk.queue", {}))).toBe("OK"); // no origin given: the app's
    s.lastActivityMs -= 21_000;
    expect(codeOf(await core().dispatch(s, "desk.queue", {}, "person"))).toBe("NOT_AUTHENTICATED");
    expect(await core().dispatch(s, "staff.whoami", {})).toEqual({ ok: true, value: { staff: null } });
  });

  it("a person deactivated or demoted while signed in loses those rights on their next call", async () => {
    const signIn = async (name: string, pin: string) => {
      const s = core().newSession("staff");
      const list = (await core().dispatch(s, "staff.list", {})) as { value: { staff: { id: number; name: string }[] } };
      const id = found(
        list.value.staff.find((x) => x.name === name),
        "staff entry",
      ).id;
      expect(codeOf(await core().dispatch(s, "staff.login", { staffId: id, pin }))).toBe("OK");
      return { s, id };
    };
    const boss = await signIn(DEMO_STAFF[0].name, DEMO_STAFF[0].pin);
    for (const [name, role, pin] of [
      ["Sam Ortiz", "manager", "8642"],
      ["Jo Park", "receptionist", "9753"],
    ] as const) {
      expect(codeOf(await core().dispatch(boss.s, "admin.createStaff", { name, role, pin }))).toBe("OK");
    }
    const desk = await signIn("Jo Park", "9753");
    const sam = await signIn("Sam Ortiz", "8642");
    const today = { from: "2026-01-01", to: "2026-01-31", grain: "day" };
    expect(codeOf(await core().dispatch(sam.s, "reports.uptake", today))).toBe("OK");

    // Demoted: still signed in as a receptionist, no longer a manager.
    expect(
      codeOf(
        await core().dispatch(boss.s, "admin.saveStaff", {
          id: sam.id,
          name: "Sam Ortiz",
          role: "receptionist",
          active: true,
        }),
      ),
    ).toBe("OK");
    expect(codeOf(await core().dispatch(sam.s, "reports.uptake", today))).toBe("FORBIDDEN");
    expect(codeOf(await core().dispatch(sam.s, "desk.queue", {}))).toBe("OK");
    expect(await core().dispatch(sam.s, "staff.whoami", {})).toMatchObject({
      value: { staff: { role: "receptionist" } },
    });

    // Deactivated: asked for a PIN again, and the PIN no longer works.
    expect(codeOf(await core().dispatch(desk.s, "desk.queue", {}))).toBe("OK");
    expect(
      codeOf(
        await core().dispatch(boss.s, "admin.saveStaff", {
          id: desk.id,
          name: "Jo Park",
          role: "receptionist",
          active: false,
        }),
      ),
    ).toBe("OK");
    expect(codeOf(await core().dispatch(desk.s, "desk.queue", {}))).toBe("NOT_AUTHENTICATED");
    expect(await core().dispatch(desk.s, "staff.whoami", {})).toEqual({ ok: true, value: { staff: null } });
    expect(codeOf(await core().dispatch(desk.s, "staff.login", { staffId: desk.id, pin: "9753" }))).not.toBe("OK");
  });

  it("refuses an import file over the size limit at the door, with a message", async () => {
    const s = core().newSession("staff");
    const list = (await core().dispatch(s, "staff.list", {})) as { value: { staff: { id: number; name: string }[] } };
    await core().dispatch(s, "staff.login", {
      staffId: list.value.staff.find((x) => x.name === DEMO_STAFF[0].name)?.id,
      pin: DEMO_STAFF[0].pin,
    });
    const r = (await core().dispatch(s, "desk.importPreview", { content: "x".repeat(8_000_001) })) as R;
    expect(r.error).toMatchObject({ code: "INVALID_INPUT", message: expect.stringMatching(/larger than 8 MB/) });
  });
});
