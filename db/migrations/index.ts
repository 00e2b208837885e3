import { sql as initial } from "./0001-initial";
import { sql as reportCache } from "./0004-report-cache";

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Numbered, append-only. A released migration is never edited; add the next number instead. */
export const migrations: readonly Migration[] = [
  { version: 1, name: "initial", sql: initial },
  { version: 4, name: "report-cache", sql: reportCache },
];

export const LATEST_VERSION = migrations.reduce((max, m) => Math.max(max, m.version), 0);
