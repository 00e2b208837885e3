import { sql as initial } from "./0001-initial";
import { sql as kioskWalkIns } from "./0007-kiosk-walk-ins";

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Numbered, append-only. A released migration is never edited; add the next number instead. */
export const migrations: readonly Migration[] = [
  { version: 1, name: "initial", sql: initial },
  { version: 7, name: "kiosk-walk-ins", sql: kioskWalkIns },
];

export const LATEST_VERSION = migrations.reduce((max, m) => Math.max(max, m.version), 0);
