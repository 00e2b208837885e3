import { sql as initial } from "./0001-initial";
import { sql as desk } from "./0002-desk";
import { sql as printJobReprints } from "./0003-print-job-reprints";
import { sql as reportCache } from "./0004-report-cache";
import { sql as backOffice } from "./0005-back-office";
import { sql as kioskWalkIns } from "./0006-kiosk-walk-ins";
import { sql as reportFacts } from "./0007-report-facts";
import { sql as checkInPages } from "./0008-check-in-pages";
import { sql as addonCatalogVersion } from "./0009-addon-catalog-version";
import { sql as checkInLanguage } from "./0010-check-in-language";
import { sql as reportLanguage } from "./0011-report-language";
import { sql as walkInBooking } from "./0012-walk-in-booking";
import { sql as languageCodes } from "./0013-language-codes";
import { sql as serviceNames } from "./0014-service-names";
import { sql as importRealExports } from "./0015-import-real-exports";
import { sql as outbox } from "./0016-outbox";
import { sql as screening } from "./0017-screening";
import { sql as preferences } from "./0018-preferences";
import { sql as restoreEpochs } from "./0019-restore-epochs";
import { sql as chainOffers } from "./0020-chain-offers";
import { sql as reportScreening } from "./0021-report-screening";
import { sql as reportChanges } from "./0022-report-changes";
import { sql as printBacklogIndex } from "./0023-print-backlog-index";
import { sql as walStart } from "./0024-wal-start";
import { sql as restoreGaps } from "./0025-restore-gaps";
import { sql as restoreGapChoices } from "./0026-restore-gap-choices";
import { sql as restoreGapDecisions } from "./0027-restore-gap-decisions";
import { sql as restoreGapVoidReasons } from "./0028-restore-gap-void-reasons";
import { sql as restoreGapBookings } from "./0029-restore-gap-bookings";
import { sql as reportDeskOffers } from "./0030-report-desk-offers";
import { sql as cancelledVisitAddons } from "./0031-cancelled-visit-addons";
import { sql as phoneEndIndex } from "./0032-phone-end-index";
import { sql as bookedAddons } from "./0033-booked-addons";
import { sql as pendingUpkeep } from "./0034-pending-upkeep";
import { sql as offerLeft } from "./0035-offer-left";
import { sql as reportBookedAhead } from "./0036-report-booked-ahead";
import { sql as clockTrust } from "./0037-clock-trust";
import { sql as reportBookedBreakdowns } from "./0038-report-booked-breakdowns";

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Numbered, append-only. A released migration is never edited; add the next number instead. */
export const migrations: readonly Migration[] = [
  { version: 1, name: "initial", sql: initial },
  { version: 2, name: "desk", sql: desk },
  { version: 3, name: "print-job-reprints", sql: printJobReprints },
  { version: 4, name: "report-cache", sql: reportCache },
  { version: 5, name: "back-office", sql: backOffice },
  { version: 6, name: "kiosk-walk-ins", sql: kioskWalkIns },
  { version: 7, name: "report-facts", sql: reportFacts },
  { version: 8, name: "check-in-pages", sql: checkInPages },
  { version: 9, name: "addon-catalog-version", sql: addonCatalogVersion },
  { version: 10, name: "check-in-language", sql: checkInLanguage },
  { version: 11, name: "report-language", sql: reportLanguage },
  { version: 12, name: "walk-in-booking", sql: walkInBooking },
  { version: 13, name: "language-codes", sql: languageCodes },
  { version: 14, name: "service-names", sql: serviceNames },
  { version: 15, name: "import-real-exports", sql: importRealExports },
  { version: 16, name: "outbox", sql: outbox },
  { version: 17, name: "screening", sql: screening },
  { version: 18, name: "preferences", sql: preferences },
  { version: 19, name: "restore-epochs", sql: restoreEpochs },
  { version: 20, name: "chain-offers", sql: chainOffers },
  { version: 21, name: "report-screening", sql: reportScreening },
  { version: 22, name: "report-changes", sql: reportChanges },
  { version: 23, name: "print-backlog-index", sql: printBacklogIndex },
  { version: 24, name: "wal-start", sql: walStart },
  { version: 25, name: "restore-gaps", sql: restoreGaps },
  { version: 26, name: "restore-gap-choices", sql: restoreGapChoices },
  { version: 27, name: "restore-gap-decisions", sql: restoreGapDecisions },
  { version: 28, name: "restore-gap-void-reasons", sql: restoreGapVoidReasons },
  { version: 29, name: "restore-gap-bookings", sql: restoreGapBookings },
  { version: 30, name: "report-desk-offers", sql: reportDeskOffers },
  { version: 31, name: "cancelled-visit-addons", sql: cancelledVisitAddons },
  { version: 32, name: "phone-end-index", sql: phoneEndIndex },
  { version: 33, name: "booked-addons", sql: bookedAddons },
  { version: 34, name: "pending-upkeep", sql: pendingUpkeep },
  { version: 35, name: "offer-left", sql: offerLeft },
  { version: 36, name: "report-booked-ahead", sql: reportBookedAhead },
  { version: 37, name: "clock-trust", sql: clockTrust },
  { version: 38, name: "report-booked-breakdowns", sql: reportBookedBreakdowns },
];

export const LATEST_VERSION = migrations.reduce((max, m) => Math.max(max, m.version), 0);
