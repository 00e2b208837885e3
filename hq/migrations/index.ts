import { sql as initial } from "./0001-initial";

export interface HqMigration {
  version: number;
  name: string;
  sql: string;
}

/** Numbered, append-only, applied by the service at start (hq/migrate.ts). A released migration is never edited. */
export const hqMigrations: readonly HqMigration[] = [{ version: 1, name: "initial", sql: initial }];
