import { describe, expect, it } from "vitest";
import { deskChannels } from "../../contract/desk";
import { adminChannels } from "../../contract/admin";
import { UNSAFE_CHARACTER } from "../../contract/common";
import { demoModel } from "../test/helpers";
import { commitImport } from "./commit";
import { previewImport } from "./preview";

const riley = { kind: "staff", staffId: 2, name: "Riley Chen" } as const;
const HEADER = "Booking ID,Client Name,Mobile,Service,Therapist,Room,Date,Start Time,Notes";
const row = (n: number, name: string, notes = "") =>
  `POS-${n},${name},555 010 ${String(9000 + n)},Swedish massage,Ana Ruiz,Lotus,2026-11-26,9:00 AM,${notes}`;

describe("no control or text-direction character is stored from an import or typed text", () => {
  it("every cell of an import, after the first 64,000 characters too (NUL, ESC, BEL, U+202E), in a mapped or an unmapped column, is refused with its line and column", async () => {
    const m = await demoModel();
    const filler = Array.from({ length: 900 }, (_, i) => row(100 + i, `Guest Number${i}`));
    const ugly = [
      row(1, "Ana\u0000Nul"),
      row(2, "Esc\u001b[31mRed"),
      row(3, "Bell\u0007Ring"),
      row(4, "\u202Eevil.exe"),
      row(5, "Plain Name", "note \u2066isolated\u2069"),
    ];
    const content = `${HEADER}\r\n${[...filler, ...ugly].join("\r\n")}\r\n`;
    expect(content.indexOf("Ana\u0000")).toBeGreaterThan(64_000);
    const preview = await previewImport(m, content);
    const lines = (n: number) => preview.errors.filter((e) => e.line === n);
    expect(lines(902)).toEqual([
      {
        line: 902,
        field: "guestName",
        column: "Client Name",
        message:
          'The "Client Name" cell has an invisible control character (U+0000) at character 4: remove it in the booking system and export again.',
      },
    ]);
    expect(lines(903)[0]?.message).toContain("(U+001B)");
    expect(lines(904)[0]?.message).toContain("(U+0007)");
    expect(lines(905)[0]).toMatchObject({
      field: "guestName",
      message: expect.stringContaining("text-direction character (U+202E)") as unknown,
    });
    expect(lines(906)[0]).toMatchObject({
      field: "notes",
      message: expect.stringContaining(
        'The "Notes" cell has an invisible text-direction character (U+2066)',
      ) as unknown,
    });
    expect(preview.validRows).toBe(900);
    await commitImport(m, riley, content, { mapping: preview.mapping, skipBadRows: true });
    const stored = m.db.prepare("SELECT guest_name FROM appointments").pluck().all() as string[];
    expect(stored.filter((name) => UNSAFE_CHARACTER.test(name))).toEqual([]);
  });

  it("typed text refuses control and bidi override/isolate characters naming the field; the left-to-right and right-to-left marks are kept", () => {
    const walkIn = deskChannels["desk.walkIn"].input;
    const base = { phone: "5550109001", serviceId: 1, therapistId: 1, roomId: 1, addonIds: [] };
    const result = walkIn.safeParse({ ...base, guestName: "Ana \u202Egnp.exe" });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({
      path: ["guestName"],
      message: "The guest's name has an invisible text-direction character (U+202E) at character 5; retype it.",
    });
    expect(walkIn.safeParse({ ...base, guestName: "Bell\u0007" }).error?.issues[0]?.message).toContain(
      "control character (U+0007)",
    );
    expect(walkIn.safeParse({ ...base, guestName: "\u05D3\u05E0\u05D4 \u200F(2)" }).success).toBe(true);
    const reason = deskChannels["desk.voidAddons"].input.safeParse({
      appointmentId: 1,
      reason: "guest left \u2067early\u2069",
    });
    expect(reason.error?.issues[0]?.message).toMatch(
      /^The reason has an invisible text-direction character \(U\+2067\)/,
    );
    const room = adminChannels["admin.saveRoom"].input.safeParse({ name: "Lotus\u202D", active: true });
    expect(room.error?.issues[0]?.message).toMatch(/^The name has an invisible text-direction character \(U\+202D\)/);
  });
});
