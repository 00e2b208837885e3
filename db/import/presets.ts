import { foldText } from "../../contract/common";
import type { ImportField, ImportMapping } from "../../contract/desk";

/**
 * The appointment exports of the booking systems spas use most, recognised by their column names
 * only. A recognised preset is a PROPOSED mapping: the import dialog shows it column by column and
 * nothing is imported until staff press Import with the mapping they see.
 *
 * Where the header lists come from: the vendors' public help pages name the fields of an
 * appointment (Mindbody: Staff, Session/Appointment type, Room/Resource, Appointment notes;
 * Vagaro: Service Provider, Duration, Appointment Notes; Fresha: Team member, Ref #; Zenoti:
 * Guest, Guest Code, Therapist/Employee; Acuity: Type, Calendar, Start Time and End Time written out with the month's
 * name, and no room). None of them publishes its export's exact header line, so
 * every list below is our best guess at those names, with the common variants, and the
 * dialog always shows the mapping before use.
 */
export interface ImportPreset {
  name: string;
  /** Headers that together say "this is that system's export" (all must be present, any case or accents). */
  signature: readonly string[];
  /** Each field's possible header names, first match wins. */
  fields: Partial<Record<ImportField, readonly string[]>>;
}

export const IMPORT_PRESETS: readonly ImportPreset[] = [
  {
    name: "Mindbody",
    signature: ["Staff", "Session Type"],
    fields: {
      externalId: ["Appointment ID", "Appt ID", "Visit ID"],
      guestName: ["Client Name", "Client"],
      firstName: ["Client First Name", "First Name"],
      lastName: ["Client Last Name", "Last Name"],
      phone: ["Mobile Phone", "Cell Phone", "Phone", "Home Phone"],
      service: ["Session Type", "Appointment Type"],
      therapist: ["Staff", "Staff Name"],
      room: ["Resource", "Room"],
      date: ["Date", "Appointment Date"],
      time: ["Start Time", "Time"],
      endTime: ["End Time"],
      duration: ["Duration"],
      status: ["Status", "Appointment Status"],
      notes: ["Notes", "Appointment Notes"],
    },
  },
  {
    name: "Booker",
    signature: ["Treatment", "Employee"],
    fields: {
      externalId: ["Appointment #", "Appointment ID", "Confirmation #"],
      guestName: ["Customer", "Customer Name"],
      firstName: ["Customer First Name", "First Name"],
      lastName: ["Customer Last Name", "Last Name"],
      phone: ["Cell Phone", "Mobile Phone", "Phone", "Home Phone"],
      service: ["Treatment", "Service"],
      therapist: ["Employee", "Employee Name"],
      room: ["Room", "Resource"],
      date: ["Date", "Appointment Date"],
      time: ["Start Time", "Time"],
      endTime: ["End Time"],
      duration: ["Duration", "Treatment Duration"],
      status: ["Status"],
      notes: ["Notes", "Appointment Notes"],
    },
  },
  {
    name: "Vagaro",
    signature: ["Service Provider"],
    fields: {
      externalId: ["Appointment ID", "Booking ID"],
      guestName: ["Customer", "Customer Name"],
      firstName: ["Customer First Name", "First Name"],
      lastName: ["Customer Last Name", "Last Name"],
      phone: ["Cell Phone", "Mobile Phone", "Phone"],
      service: ["Service", "Service Name"],
      therapist: ["Service Provider", "Provider"],
      room: ["Resource", "Room"],
      date: ["Appointment Date", "Date"],
      time: ["Start Time", "Time"],
      endTime: ["End Time"],
      duration: ["Duration"],
      status: ["Status", "Appointment Status"],
      notes: ["Appointment Notes", "Notes"],
    },
  },
  {
    name: "Square Appointments",
    signature: ["Seller Note"],
    fields: {
      externalId: ["Booking ID", "Appointment ID"],
      guestName: ["Customer Name", "Customer"],
      firstName: ["Customer First Name", "First Name"],
      lastName: ["Customer Last Name", "Last Name"],
      phone: ["Phone Number", "Customer Phone", "Phone"],
      service: ["Service", "Service Name"],
      therapist: ["Staff", "Staff Member", "Team Member"],
      room: ["Resource", "Location Resource", "Room"],
      date: ["Date"],
      time: ["Start Time", "Start"],
      endTime: ["End Time", "End"],
      duration: ["Duration", "Duration (minutes)"],
      status: ["Status", "Booking Status"],
      notes: ["Seller Note", "Customer Note"],
    },
  },
  {
    name: "Fresha",
    signature: ["Team member"],
    fields: {
      externalId: ["Ref #", "Ref", "Booking Ref", "Appointment ID"],
      guestName: ["Client", "Client Name"],
      firstName: ["Client First Name", "First Name"],
      lastName: ["Client Last Name", "Last Name"],
      phone: ["Client Mobile", "Mobile Number", "Mobile", "Phone"],
      service: ["Service", "Service Name"],
      therapist: ["Team member", "Staff"],
      room: ["Resource", "Room"],
      date: ["Scheduled Date", "Date"],
      time: ["Time", "Start Time", "Scheduled Time"],
      endTime: ["End Time"],
      duration: ["Duration"],
      status: ["Status"],
      notes: ["Notes", "Booking Notes", "Appointment Notes"],
    },
  },
  {
    name: "Zenoti",
    signature: ["Guest Code"],
    fields: {
      externalId: ["Appointment Id", "Appointment No", "Invoice No"],
      guestName: ["Guest Name", "Guest"],
      firstName: ["Guest First Name", "First Name"],
      lastName: ["Guest Last Name", "Last Name"],
      phone: ["Mobile Number", "Guest Mobile", "Mobile", "Phone"],
      service: ["Service", "Service Name"],
      therapist: ["Therapist", "Employee", "Provider"],
      room: ["Room", "Resource"],
      date: ["Appointment Date", "Date"],
      time: ["Start Time", "Time"],
      endTime: ["End Time"],
      duration: ["Duration", "Service Duration"],
      status: ["Status", "Appointment Status"],
      notes: ["Notes", "Appointment Notes", "Guest Notes"],
    },
  },
  {
    name: "Acuity Scheduling",
    signature: ["Type", "Calendar"],
    fields: {
      externalId: ["Appointment ID", "ID"],
      firstName: ["First Name"],
      lastName: ["Last Name"],
      phone: ["Phone"],
      service: ["Type", "Appointment Type"],
      therapist: ["Calendar"],
      time: ["Start Time"],
      endTime: ["End Time"],
      duration: ["Duration"],
      notes: ["Notes"],
    },
  },
];

/**
 * The preset whose signature headers are all in the file, with the mapping its names give; when
 * several fit, the one naming the most columns. Null when none fits.
 */
export function recognisePreset(columns: readonly string[]): { preset: ImportPreset; mapping: ImportMapping } | null {
  const folded = columns.map((c) => foldText(c));
  let best: { preset: ImportPreset; mapping: ImportMapping; named: number } | null = null;
  for (const preset of IMPORT_PRESETS) {
    if (!preset.signature.every((h) => folded.includes(foldText(h)))) continue;
    const mapping: ImportMapping = {};
    const taken = new Set<number>();
    for (const [field, names] of Object.entries(preset.fields) as [ImportField, readonly string[]][]) {
      for (const name of names) {
        const index = folded.findIndex((c, i) => !taken.has(i) && c === foldText(name));
        if (index >= 0) {
          mapping[field] = index;
          taken.add(index);
          break;
        }
      }
    }
    // One name column is enough: a full name when the file has one, else first + last.
    if (mapping.guestName !== undefined && (mapping.firstName !== undefined || mapping.lastName !== undefined)) {
      delete mapping.firstName;
      delete mapping.lastName;
    }
    if (!best || taken.size > best.named) best = { preset, mapping, named: taken.size };
  }
  return best && { preset: best.preset, mapping: best.mapping };
}
