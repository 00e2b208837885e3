/** The sheets a manager finds in the report workbook, in order (the export tests and the desktop app's e2e). */
export const WORKBOOK_SHEETS = [
  "Summary",
  "Over time",
  "By service",
  "By therapist",
  "By channel",
  "By kiosk language",
  "Weekday x hour",
  "By add-on",
  "Booked ahead",
  "Funnel",
  "Screening",
  "Check-ins",
];
