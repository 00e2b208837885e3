import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HeadOfficeStatus } from "../contract/head-office";
import { DEMO_STAFF } from "../db/demo/seed-demo";
import { createAppCore, type AppCore } from "../electron/core";
import type { CallerSession } from "../electron/ipc/session";
import { addLocation } from "./pairing";
import { locationFigures } from "./reports";
import { buildServer } from "./server";
import { pgUnavailable, servedDatabase, type TestDatabase } from "./test/pg";

/**
 * Back office → Head office through the app's own dispatcher: a manager pairs the demo spa, and the app's sync worker
 * sends its history.
 */
const unavailable = await pgUnavailable();

describe.skipIf(unavailable !== null)(
  `pairing from the back office${unavailable ? ` — skipped: ${unavailable}` : ""}`,
  () => {
    let db: TestDatabase;
    let app: ReturnType<typeof buildServer>;
    let url: string;
    let core: AppCore;
    let dir: string;
    beforeAll(async () => {
      ({ db, app, url } = await servedDatabase());
      dir = mkdtempSync(path.join(tmpdir(), "happyhead-hq-pair-"));
      core = await createAppCore({ dataDir: dir, seed: "demo" });
    }, 180_000);
    afterAll(async () => {
      await core?.close();
      rmSync(dir, { recursive: true, force: true });
      await app?.close();
      await db?.drop();
    });

    type R<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string; field?: string } };
    const call = async <T>(s: CallerSession, channel: string, payload: unknown = {}) =>
      (await core.dispatch(s, channel, payload)) as R<T>;
    const signIn = async (who: 0 | 1) => {
      const s = core.newSession("staff");
      const list = (await call<{ staff: { id: number; name: string }[] }>(s, "staff.list")) as {
        ok: true;
        value: { staff: { id: number; name: string }[] };
      };
      await call(s, "staff.login", {
        staffId: list.value.staff.find((x) => x.name === DEMO_STAFF[who].name)?.id,
        pin: DEMO_STAFF[who].pin,
      });
      return s;
    };

    it("a manager pairs with a code once; the worker then sends the waiting events; a receptionist may not", async () => {
      const manager = await signIn(0);
      const before = await call<HeadOfficeStatus>(manager, "headOffice.status");
      expect(before).toMatchObject({ ok: true, value: { paired: false, lastSyncAt: null } });
      const waiting = before.ok ? before.value.waiting : 0;
      expect(waiting).toBeGreaterThan(1000);

      expect(await call(await signIn(1), "headOffice.pair", { url, code: "0000-0000-0000" })).toMatchObject({
        ok: false,
        error: { code: "FORBIDDEN" },
      });
      expect(await call(manager, "headOffice.pair", { url: "ftp://x", code: "0000-0000-0000" })).toMatchObject({
        ok: false,
        error: { code: "INVALID_INPUT", field: "url" },
      });
      expect(await call(manager, "headOffice.pair", { url, code: "0000-0000-0000" })).toMatchObject({
        ok: false,
        error: { code: "INVALID_INPUT", field: "code" },
      });

      const { locationId, code } = await addLocation(db.pool, "Demo Spa");
      const paired = await call<HeadOfficeStatus>(manager, "headOffice.pair", { url, code });
      expect(paired).toMatchObject({ ok: true, value: { paired: true, url, locationId } });
      let status = paired.ok ? paired.value : before.ok ? before.value : null;
      for (let i = 0; i < 300 && status?.waiting !== 0; i++) {
        await new Promise((r) => setTimeout(r, 100));
        const s = await call<HeadOfficeStatus>(manager, "headOffice.status");
        status = s.ok ? s.value : null;
      }
      expect(status).toMatchObject({ paired: true, waiting: 0, lastError: null });
      const [figures] = await locationFigures(db.pool, { from: "2026-01-01", to: "2027-12-31" }, [locationId]);
      expect(figures!.counts.check_ins).toBeGreaterThan(100);
      // The audit log says who paired with what, never the token.
      const audit = core.model.db
        .prepare("SELECT actor, after_json FROM audit_log WHERE action = 'head_office.paired'")
        .all() as {
        actor: string;
        after_json: string;
      }[];
      expect(audit).toEqual([
        { actor: `staff:${DEMO_STAFF[0].name}`, after_json: JSON.stringify({ url, locationId }) },
      ]);
      const token = core.model.db.prepare("SELECT token FROM hq_sync").pluck().get() as string;
      expect(JSON.stringify(core.model.db.prepare("SELECT * FROM audit_log").all())).not.toContain(token);
    }, 120_000);
  },
);
