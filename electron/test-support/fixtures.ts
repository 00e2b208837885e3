import type { Ticket } from "../../contract/ticket";

/** A realistic ticket for tests; override fields per case. */
export function sampleTicket(overrides: Partial<Ticket> = {}): Ticket {
  return {
    spaName: "Happy Head Spa & Wellness",
    ticketNumber: 42,
    printJobId: 1007,
    kind: "original",
    changes: [],
    voidReason: null,
    guestLabel: "María G.",
    dateLocal: "Tuesday 3 June 2025",
    startLocal: "14:00",
    endLocal: "15:30",
    serviceName: "Swedish Massage",
    serviceMinutes: 60,
    therapistName: "Zoë",
    roomName: "Room 3 (Garden)",
    addons: [
      { code: "face", title: "FACE MASSAGE", extraMinutes: 15 },
      { code: "scalp", title: "SCALP MASSAGE", extraMinutes: 15 },
    ],
    confirmedBy: "Begoña",
    printedAtLocal: "3 Jun 2025 13:58",
    ...overrides,
  };
}
