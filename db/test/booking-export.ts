import { addDays } from "../time";

/**
 * A booking system's export of `rows` bookings from `firstDay`, 400 a day, on the services, therapists and rooms of
 * a generated year (db/test/generate.ts), their booking IDs `${ids}-0`, `${ids}-1` … Its own file: the year's cache
 * under /tmp is keyed by generate.ts's source (bench/big-file.ts).
 */
export function bookingExport(rows: number, firstDay: string, ids = "BENCH"): string {
  const lines = ["Booking ID,Client Name,Mobile,Service,Therapist,Room,Date,Start Time"];
  for (let i = 0; i < rows; i++) {
    const day = addDays(firstDay, Math.floor(i / 400));
    const t = 9 + (i % 10);
    const therapist = String(1 + (i % 12)).padStart(2, "0");
    lines.push(
      `${ids}-${i},Imported Guest${i},(646) 555-${String(1000 + (i % 9000)).padStart(4, "0")},Swedish 60,Therapist ${therapist},Room ${1 + (i % 12)},${day},${t}:${i % 2 ? "30" : "00"}`,
    );
  }
  return lines.join("\r\n") + "\r\n";
}
