import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ACCOUNT_DAY_LIMIT, ACCOUNT_LIMIT, addOwner, signIn } from "./auth/owners";
import { makeSignInCode, redeemSignInCode } from "./auth/signin-codes";
import { lookUpSession, startSession } from "./auth/sessions";
import { migrate } from "./migrate";
import { hqMigrations } from "./migrations";
import { freshDatabase, pgUnavailable } from "./test/pg";

const unavailable = await pgUnavailable();
const latest = Math.max(...hqMigrations.map((m) => m.version));
const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest();

describe.skipIf(unavailable !== null)(
  `head-office migrations${unavailable ? ` — skipped: ${unavailable}` : ""}`,
  () => {
    it("applies a migration numbered below one already applied (branches merged in another order than their numbers)", async () => {
      const db = await freshDatabase(hqMigrations.filter((m) => m.version === 1 || m.version === 3));
      try {
        expect(await migrate(db.pool)).toBe(latest);
        const { rows } = await db.pool.query<{ versions: number[]; sessions: string | null }>(
          "SELECT array_agg(version ORDER BY version) AS versions, to_regclass('owner_sessions')::text AS sessions FROM hq_schema_migrations",
        );
        expect(rows[0]).toEqual({
          versions: Array.from({ length: latest }, (_, i) => i + 1),
          sessions: "owner_sessions",
        });
        expect(await migrate(db.pool)).toBe(latest);
      } finally {
        await db.drop();
      }
    });

    it("migration 0005 keeps the failed sign-ins a head office counted: an account locked before the upgrade stays locked at the address that locked it", async () => {
      const old = await freshDatabase(hqMigrations.filter((m) => m.version <= 4));
      try {
        await addOwner(old.pool, "owner@chain.example", "a long owner passphrase");
        // What a version-4 head office kept for an attacker's wrong passwords a minute ago.
        await old.pool.query(
          `INSERT INTO signin_failures (account_hash, address_hash, at)
           SELECT $1, $2, now() - interval '1 minute' FROM generate_series(1, $3)`,
          [sha256("owner@chain.example"), sha256("address:192.0.2.66"), ACCOUNT_LIMIT],
        );
        expect(await migrate(old.pool)).toBe(latest);
        const tables = await old.pool.query<{ devices: string | null }>(
          "SELECT to_regclass('owner_devices')::text AS devices",
        );
        expect(tables.rows[0]).toEqual({ devices: "owner_devices" });
        const owner = { email: "owner@chain.example", password: "a long owner passphrase" };
        expect(await signIn(old.pool, owner, "192.0.2.66")).toMatchObject({ ok: false, code: "ACCOUNT_LOCKED" });
        expect(await signIn(old.pool, owner, "203.0.113.5")).toMatchObject({ ok: true, knownBrowser: false });
      } finally {
        await old.drop();
      }
    });

    it("migration 0006 keeps a version-5 head office's sessions and locks: the owner's open session makes a one-time code that signs a new browser in while new browsers stay locked", async () => {
      const old = await freshDatabase(hqMigrations.filter((m) => m.version <= 5));
      try {
        const email = "owner@chain.example";
        const ownerId = await addOwner(old.pool, email, "a long owner passphrase");
        const session = await startSession(old.pool, ownerId);
        await old.pool.query(
          `INSERT INTO signin_failures (account_hash, address_hash)
           SELECT $1, sha256(convert_to('address:198.19.0.' || i, 'UTF8')) FROM generate_series(1, $2::int) i`,
          [sha256(email), ACCOUNT_DAY_LIMIT],
        );
        expect(await migrate(old.pool)).toBe(latest);
        expect(await lookUpSession(old.pool, session)).toMatchObject({ state: "live", ownerId });
        const owner = { email, password: "a long owner passphrase" };
        expect(await signIn(old.pool, owner, "203.0.113.5")).toMatchObject({ ok: false, code: "NEW_BROWSERS_LOCKED" });
        const made = await makeSignInCode(old.pool, ownerId, session);
        if ("waiting" in made) throw new Error("no code was made");
        expect(await redeemSignInCode(old.pool, made.code.replace(/-/g, ""))).toMatchObject({
          ok: true,
          ownerId,
          email,
        });
        expect(await signIn(old.pool, owner, "203.0.113.5")).toMatchObject({ ok: false, code: "NEW_BROWSERS_LOCKED" });
        // The table refuses what the service never writes: a hash of the wrong size, an expiry before it was made.
        await expect(
          old.pool.query(
            "INSERT INTO owner_signin_codes (id, code_hash, owner_id, expires_at) VALUES (gen_random_uuid(), '\\x00', $1, now() + interval '1 minute')",
            [ownerId],
          ),
        ).rejects.toThrow(/check constraint/);
        await expect(
          old.pool.query(
            "INSERT INTO owner_signin_codes (id, code_hash, owner_id, expires_at) VALUES (gen_random_uuid(), $2, $1, now() - interval '1 minute')",
            [ownerId, sha256("x")],
          ),
        ).rejects.toThrow(/check constraint/);
      } finally {
        await old.drop();
      }
    });
  },
);
