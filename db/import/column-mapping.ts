import { importFields, IMPORT_FIELD_LABELS as LABEL, type ImportField, type ImportMapping } from "../../contract/desk";

/**
 * Fields every file needs; the guest's name is checked apart (one column, or first + last). Not the room: where the
 * file names none, a free one is chosen (./rooms.ts). Not the phone: a booking without one is the desk's to check in.
 */
const REQUIRED: readonly ImportField[] = ["externalId", "service", "therapist", "time"];

/** What is wrong with the columns chosen for the fields, before any row is read (each is reported on line 1). */
export function mappingProblems(
  mapping: ImportMapping,
  columnCount: number,
): { field: ImportField; message: string }[] {
  const problems: { field: ImportField; message: string }[] = [];
  const outside = (field: ImportField) =>
    problems.push({
      field,
      message: `"${LABEL[field]}" points at a column this file doesn't have: choose another above.`,
    });
  for (const field of REQUIRED) {
    const index = mapping[field];
    if (index === undefined) problems.push({ field, message: `Choose the column that holds "${LABEL[field]}" above.` });
    else if (index >= columnCount) outside(field);
  }
  if (mapping.guestName === undefined && mapping.firstName === undefined && mapping.lastName === undefined) {
    problems.push({
      field: "guestName",
      message: 'Choose the column that holds "Guest name" above, or the "First name" and "Last name" columns.',
    });
  }
  for (const field of importFields) {
    const index = mapping[field];
    if (!REQUIRED.includes(field) && index !== undefined && index >= columnCount) outside(field);
  }
  return problems;
}

/** The title of the column a field is read from, as the file names it (the field's label when it has none). */
export const columnTitleOf =
  (mapping: ImportMapping, columns: string[]) =>
  (field: ImportField | null): string | null => {
    if (field === null) return null;
    const index = mapping[field];
    return index === undefined ? LABEL[field] : (columns[index] ?? LABEL[field]) || `Column ${index + 1}`;
  };

/** A row's cell for a field, trimmed; empty when the field has no column. */
export const cellReader =
  (mapping: ImportMapping) =>
  (record: string[], field: ImportField): string => {
    const index = mapping[field];
    return index === undefined ? "" : (record[index] ?? "").trim();
  };

/** The field whose dates are read: the Date column, or the date part of the Time column. */
export const dateField = (mapping: ImportMapping): ImportField => (mapping.date !== undefined ? "date" : "time");
