/**
 * Test-only: a kiosk visit and its parts as the main process sends them, for the flow's unit tests
 * (renderer/kiosk/flow/*.test.ts). Each takes the fields a test cares about and fills the rest.
 */
import type { AppointmentMatch, KioskVisit, OfferCard } from "../../../contract/channels";
import { ApiError } from "../../common/api-error";
import type { ScreenOf } from "../flow/screen";
import { visitScreen } from "../flow/visit";

/** A booking a search found. */
export const match = (id: number, more: Partial<AppointmentMatch> = {}): AppointmentMatch => ({
  appointmentId: id,
  guestLabel: `Guest ${id}.`,
  startsAt: "2026-12-04T18:00:00.000Z",
  serviceName: "Swedish massage",
  serviceGuestNames: {},
  therapistFirstName: "Chloé",
  checkedIn: false,
  endsAt: "2026-12-04T19:00:00.000Z",
  ended: false,
  ...more,
});

/** An add-on's card on the offer, available, without screening questions unless `more` says so. */
export const card = (addonId: number, extraMinutes: number, more: Partial<OfferCard> = {}): OfferCard => ({
  addonId,
  code: `addon${addonId}`,
  title: `Add-on ${addonId}`,
  benefits: [],
  priceCents: 1000 * addonId,
  extraMinutes,
  available: true,
  unavailableReason: null,
  screening: null,
  ...more,
});

/** María's visit, just checked in, offered `cards`. */
export const visit = (cards: OfferCard[], offer: Partial<KioskVisit["offer"]> = {}): KioskVisit => ({
  appointmentId: 7,
  guestLabel: "María G.",
  startsAt: "2026-12-04T18:00:00.000Z",
  serviceName: "Swedish massage",
  serviceMinutes: 60,
  therapistFirstName: "Chloé",
  checkedInAt: "2026-12-04T17:55:00.000Z",
  offer: { status: "offered", cards, selectedAddonIds: [], locked: false, freeMinutes: null, booked: [], ...offer },
});

/** The offer screen a first check-in of `v` shows; fails the test when the flow skips the offer. */
export const offerOf = (v: KioskVisit): ScreenOf<"offer"> => {
  const s = visitScreen(v, [], false, 0);
  if (s.name !== "offer") throw new Error(`expected the offer, got ${s.name}`);
  return s;
};

/** The main process's refusal with `code`, as api.ts throws it. */
export const refusal = (
  code: "NOT_FOUND" | "CONFLICT" | "INVALID_INPUT" | "FORBIDDEN" | "INTERNAL" | "NOT_AVAILABLE",
  field?: string,
) => new ApiError({ code, message: "refused", ...(field === undefined ? {} : { field }) });
