import { describe, expect, it } from "vitest";
import { migrate } from "./migrate";
import { hqMigrations } from "./migrations";
import { freshDatabase, pgUnavailable } from "./test/pg";

const unavailable = await pgUnavailable();

describe.skipIf(unavailable !== null)(
  `head-office migrations${unavailable ? ` — skipped: ${unavailable}` : ""}`,
  () => {
    it("applies a migration numbered below one already applied (branches merged in another order than their numbers)", async () => {
      const db = await freshDatabase(hqMigrations.filter((m) => m.version !== 2 && m.version !== 4));
      try {
        expect(await migrate(db.pool)).toBe(4);
        const { rows } = await db.pool.query<{ versions: number[]; sessions: string | null }>(
          "SELECT array_agg(version ORDER BY version) AS versions, to_regclass('owner_sessions')::text AS sessions FROM hq_schema_migrations",
        );
        expect(rows[0]).toEqual({ versions: [1, 2, 3, 4], sessions: "owner_sessions" });
        expect(await migrate(db.pool)).toBe(4);
      } finally {
        await db.drop();
      }
    });
  },
);
