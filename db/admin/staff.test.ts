import { describe, expect, it } from "vitest";
import { listStaffAdmin } from "./staff";
import { login } from "../staff/staff";
import { createPinPads } from "../staff/pin-pads";
import { saveTherapist, createStaffMember, resetStaffPin, saveStaffMember, manager } from "../test/back-office";
import { demoModel } from "../test/helpers";
import { hashPin } from "../staff/pin-hash";

describe("back office: staff", () => {
  it("adds staff with a PIN shown once, resets PINs, never deletes", async () => {
    const m = await demoModel();
    const boss = manager(m);
    const { staff, generatedPin } = await createStaffMember(m, boss, { name: "Sam Ortiz", role: "receptionist" });
    expect(generatedPin).toMatch(/^\d{6}$/);
    const pads = createPinPads(() => 0);
    await expect(login(m, staff.id, generatedPin ?? "", pads, "staff-display")).resolves.toMatchObject({
      name: "Sam Ortiz",
    });
    const audit = JSON.stringify(m.db.prepare("SELECT * FROM audit_log WHERE entity = 'staff'").all());
    expect(audit).not.toContain(generatedPin);

    await resetStaffPin(m, boss, { id: staff.id, pin: "8642" });
    await expect(login(m, staff.id, "8642", pads, "staff-display")).resolves.toMatchObject({ id: staff.id });

    saveStaffMember(m, boss, { id: staff.id, name: "Sam Ortiz", role: "receptionist", active: false });
    expect(listStaffAdmin(m).find((s) => s.id === staff.id)).toMatchObject({ active: false });
    await expect(createStaffMember(m, boss, { name: "sam ortiz", role: "manager" })).rejects.toMatchObject({
      field: "name",
      message: expect.stringMatching(/reactivate/),
    });
  });

  it("refuses a PIN anyone would try first when one is set, on its field; sign-in still takes an old one", async () => {
    const m = await demoModel();
    const boss = manager(m);
    for (const pin of ["0000", "1111", "1212", "1234", "98765", "01234567"])
      expect(() => createStaffMember(m, boss, { name: `Guess ${pin}`, role: "receptionist", pin })).toThrow(
        expect.objectContaining({
          field: "pin",
          message: expect.stringMatching(/^Choose a PIN that is harder to guess/),
        }),
      );
    const { staff } = await createStaffMember(m, boss, { name: "Sam Ortiz", role: "receptionist", pin: "2581" });
    expect(() => resetStaffPin(m, boss, { id: staff.id, pin: "4321" })).toThrow(
      expect.objectContaining({ field: "pin" }),
    );
    // A PIN set before the rule (straight into the table here) still signs in.
    m.db.prepare("UPDATE staff SET pin_hash = ? WHERE id = ?").run(await hashPin("1234"), staff.id);
    await expect(
      login(
        m,
        staff.id,
        "1234",
        createPinPads(() => 0),
        "staff-display",
      ),
    ).resolves.toMatchObject({
      id: staff.id,
    });
  });

  it("always keeps one active manager, in the same transaction; a stale manager session can't act", async () => {
    const m = await demoModel();
    const boss = manager(m);
    const staffRows = () => m.db.prepare("SELECT * FROM staff ORDER BY id").all();
    const before = staffRows();
    expect(() =>
      saveStaffMember(m, boss, { id: boss.staffId, name: boss.name, role: "receptionist", active: true }),
    ).toThrow(
      expect.objectContaining({
        code: "CONFLICT",
        field: "role",
        message: expect.stringMatching(/At least one active manager/),
      }),
    );
    expect(() =>
      saveStaffMember(m, boss, { id: boss.staffId, name: "Morgan L.", role: "manager", active: false }),
    ).toThrow(expect.objectContaining({ code: "CONFLICT", field: "active" }));
    expect(staffRows()).toEqual(before);

    // With a second manager, Morgan may step down; Morgan's open session then can't change anything.
    const { staff: kim } = await createStaffMember(m, boss, { name: "Kim Park", role: "manager", pin: "9146" });
    saveStaffMember(m, boss, { id: boss.staffId, name: boss.name, role: "receptionist", active: true });
    expect(() => saveTherapist(m, boss, { name: "New Person", active: true })).toThrow(
      expect.objectContaining({ code: "FORBIDDEN" }),
    );
    const kimActor = { kind: "staff", staffId: kim.id, name: kim.name } as const;
    expect(() => saveStaffMember(m, kimActor, { id: kim.id, name: kim.name, role: "manager", active: false })).toThrow(
      /At least one active manager/,
    );
  });
});
