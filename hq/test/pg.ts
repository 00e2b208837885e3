import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import pg from "pg";
import { migrate } from "../migrate";
import { hqPool } from "../pool";
import { hqMigrations, type HqMigration } from "../migrations";
import { buildServer } from "../server";

/**
 * The tests' PostgreSQL: HQ_TEST_DATABASE_URL, by default the role and database that
 * hq/setup-postgres.sh makes (loopback). Each test file gets a database of its own, made from
 * nothing and migrated, and drops it at the end. Where no PostgreSQL answers, the tests are
 * skipped with the reason — except under HQ_REQUIRE_PG=1 (CI sets it), where that is a failure.
 */
const TEST_URL =
  process.env.HQ_TEST_DATABASE_URL ?? "postgresql://happyhead_test:happyhead_test@127.0.0.1:5432/happyhead_test";

/** Why PostgreSQL can't be used, or null when it can. */
export async function pgUnavailable(): Promise<string | null> {
  const client = new pg.Client({ connectionString: TEST_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return null;
  } catch (error) {
    const reason = `no PostgreSQL at ${new URL(TEST_URL).host} (${error instanceof Error ? error.message : String(error)}); run hq/setup-postgres.sh as root`;
    if (process.env.HQ_REQUIRE_PG === "1") throw new Error(`HQ_REQUIRE_PG=1 but ${reason}`, { cause: error });
    return reason;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export interface TestDatabase {
  url: string;
  pool: pg.Pool;
  drop(): Promise<void>;
}

/** A new database, migrated (by default to the latest schema; an upgrade test gives a list that stops earlier). */
export async function freshDatabase(migrations: readonly HqMigration[] = hqMigrations): Promise<TestDatabase> {
  const name = `hq_t_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: TEST_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(TEST_URL);
  url.pathname = `/${name}`;
  // A connection cut by a PostgreSQL restart, idle or in use: the next query opens another.
  const pool = hqPool(url.toString(), 8, () => undefined);
  await migrate(pool, migrations);
  return {
    url: url.toString(),
    pool,
    async drop() {
      await pool.end();
      const c = new pg.Client({ connectionString: TEST_URL });
      await c.connect();
      try {
        // FORCE ends what a killed service left connected; it may not end an autovacuum worker
        // (a superuser's process), which a plain DROP cancels by itself.
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(async (error: { code?: string }) => {
          if (error.code !== "42501") throw error;
          await c.query(`DROP DATABASE IF EXISTS ${name}`);
        });
      } finally {
        await c.end();
      }
    },
  };
}

type HqServer = ReturnType<typeof buildServer>;

/** A fresh database with the head-office service over it, listening on a loopback port (drop `db`, close `app`). */
export async function servedDatabase(): Promise<{ db: TestDatabase; app: HqServer; url: string }> {
  const db = await freshDatabase();
  const app = buildServer({ pool: db.pool, logStream: null });
  await app.listen({ host: "127.0.0.1", port: 0 });
  return { db, app, url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}` };
}
