import { describe, expect, it } from "vitest";
import { cellReader, columnTitleOf, mappingProblems } from "./column-mapping";

describe("the columns chosen for a file's fields", () => {
  const full = { externalId: 0, guestName: 1, phone: 2, service: 3, therapist: 4, room: 5, time: 6 };

  it("a complete mapping has no problem", () => {
    expect(mappingProblems(full, 7)).toEqual([]);
  });

  it("a file may have no room and no phone column: a room is chosen, the desk checks its guests in", () => {
    const { room: _room, phone: _phone, ...rest } = full;
    expect(mappingProblems(rest, 7)).toEqual([]);
  });

  it("names each missing field, the guest's name as one column or first and last, and any column the file lacks", () => {
    const { service: _service, guestName: _name, ...rest } = full;
    expect(mappingProblems({ ...rest, notes: 9 }, 7)).toEqual([
      { field: "service", message: 'Choose the column that holds "Service" above.' },
      {
        field: "guestName",
        message: 'Choose the column that holds "Guest name" above, or the "First name" and "Last name" columns.',
      },
      { field: "notes", message: expect.stringContaining("points at a column this file doesn't have") as unknown },
    ]);
  });

  it("a field's column is shown by the file's own title, and its cell read trimmed", () => {
    const columnOf = columnTitleOf(full, ["Appt ID", "Client", "", "Service"]);
    expect([columnOf("externalId"), columnOf("phone"), columnOf("notes"), columnOf(null)]).toEqual([
      "Appt ID",
      "Column 3",
      "Notes",
      null,
    ]);
    expect(cellReader(full)(["A1", "  Ada  "], "guestName")).toBe("Ada");
    expect(cellReader(full)(["A1"], "notes")).toBe("");
  });
});
