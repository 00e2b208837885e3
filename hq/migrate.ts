import type { Pool } from "pg";
import { hqMigrations, type HqMigration } from "./migrations";

/** The advisory lock that keeps two starting services from migrating at once. */
const MIGRATION_LOCK = 0x4848_0001;

export class NewerHqDatabaseError extends Error {
  constructor(
    readonly found: number,
    readonly known: number,
  ) {
    super(`The head-office database is at schema ${found}; this service knows up to ${known}. Run a newer service.`);
  }
}

/** Applies every pending migration, each in its own transaction, under an advisory lock; returns the schema version. */
export async function migrate(pool: Pool, list: readonly HqMigration[] = hqMigrations): Promise<number> {
  const known = list.reduce((max, m) => Math.max(max, m.version), 0);
  const client = await pool.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    await client.query(
      "CREATE TABLE IF NOT EXISTS hq_schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())",
    );
    const { rows } = await client.query<{ version: number }>("SELECT version FROM hq_schema_migrations");
    const applied = new Set(rows.map((r) => r.version));
    const current = Math.max(0, ...applied);
    if (current > known) throw new NewerHqDatabaseError(current, known);
    // Every migration not applied yet, in order — also one numbered below the newest applied: numbers are
    // handed out to branches worked in parallel, so a database may have met 0003 before 0002 was merged.
    for (const m of [...list].filter((m) => !applied.has(m.version)).sort((a, b) => a.version - b.version)) {
      await client.query("BEGIN");
      try {
        await client.query(m.sql);
        await client.query("INSERT INTO hq_schema_migrations (version, name) VALUES ($1, $2)", [m.version, m.name]);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      }
    }
    return Math.max(current, known);
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]).catch(() => undefined);
    client.release();
  }
}
