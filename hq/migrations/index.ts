import { sql as initial } from "./0001-initial";
import { sql as owners } from "./0002-owners";
import { sql as monthHourCells } from "./0003-month-hour-cells";
import { sql as offerReleases } from "./0004-offer-releases";
import { sql as ownerDevices } from "./0005-owner-devices";
import { sql as signinCodes } from "./0006-signin-codes";
import { sql as bookedAhead } from "./0007-booked-ahead";
import { sql as bookedAheadBreakdowns } from "./0008-booked-ahead-breakdowns";

export interface HqMigration {
  version: number;
  name: string;
  sql: string;
}

/** Numbered, append-only, applied by the service at start (hq/migrate.ts). A released migration is never edited. */
export const hqMigrations: readonly HqMigration[] = [
  { version: 1, name: "initial", sql: initial },
  { version: 2, name: "owners", sql: owners },
  { version: 3, name: "month-hour-cells", sql: monthHourCells },
  { version: 4, name: "offer-releases", sql: offerReleases },
  { version: 5, name: "owner-devices", sql: ownerDevices },
  { version: 6, name: "signin-codes", sql: signinCodes },
  { version: 7, name: "booked-ahead", sql: bookedAhead },
  { version: 8, name: "booked-ahead-breakdowns", sql: bookedAheadBreakdowns },
];
