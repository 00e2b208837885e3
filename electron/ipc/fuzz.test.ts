import path from "node:path";
import fc from "fast-check";
import { z } from "zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { channels, type Access } from "../../contract/channels";
import { recoveryChannels } from "../../contract/recovery";
import { systemClock } from "../../db/time";
import { createStartupController } from "../startup/controller";
import { errorCodes } from "../../contract/result";
import { settingsSchema } from "../../contract/settings";
import { contentHash } from "../../db/test/content-hash";
import { refreshNewestStaleDays } from "../../db/reports/cache";
import { DEMO_STAFF } from "../../db/demo/seed-demo";
import { getSettings, saveSettings } from "../../db/settings";
import type { AppCore } from "../core";
import { closeDemoCore, openDemoCore, type DemoCore } from "../test-support/demo-core";
import { fakeApp } from "../test-support/startup-files";
import type { CallerSession } from "./session";

/**
 * The boundary under fire: every channel of the contract (the table is iterated, so a channel
 * added later is covered without touching this file) gets arbitrary payloads, wrong types, huge
 * strings and prototype-pollution keys from an authorized session, and anything at all from
 * sessions that may not call it. Every invalid call must come back as { ok: false } with a known
 * code, never INTERNAL, never a thrown exception, and must leave the database byte-for-byte the
 * same (a hash over every row of every table).
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 120);

let core: AppCore;
let dir: string;
let opened: DemoCore;
const sessions = {} as Record<"kiosk" | "staff" | "receptionist" | "manager", CallerSession>;

const unhandled: unknown[] = [];
const onUnhandled = (e: unknown) => unhandled.push(e);

beforeAll(async () => {
  process.on("unhandledRejection", onUnhandled);
  process.on("uncaughtException", onUnhandled);
  opened = await openDemoCore("happyhead-fuzz-");
  ({ core, dir } = opened);
  // The after-start upkeep (integrity check, backup, retention) runs a second after start and may
  // write; on a fast machine it would land mid-fuzz and move the hash. Wait for it first.
  await core.maintenance.settled();
  // The core fills the report cache in the background; finish it so it can't move the hash.
  while (refreshNewestStaleDays(core.model, 365) > 0);
  // A staff session signs out after two idle minutes; on a loaded machine the fuzz of the other
  // channels outlasts that, and the receptionist's next call would be refused as signed out.
  saveSettings(core.model.db, { staffIdleSeconds: 3600 });
  sessions.kiosk = core.newSession("kiosk");
  sessions.staff = core.newSession("staff");
  const list = (await core.dispatch(sessions.staff, "staff.list", {})) as {
    ok: true;
    value: { staff: { id: number; name: string }[] };
  };
  for (const [key, who] of [
    ["manager", 0],
    ["receptionist", 1],
  ] as const) {
    sessions[key] = core.newSession("staff");
    const id = list.value.staff.find((s) => s.name === DEMO_STAFF[who].name)?.id;
    await core.dispatch(sessions[key], "staff.login", { staffId: id, pin: DEMO_STAFF[who].pin });
  }
}, 120_000);
afterAll(async () => {
  process.off("unhandledRejection", onUnhandled);
  process.off("uncaughtException", onUnhandled);
  await closeDemoCore(opened);
});

/** The session that may call a channel of this access level (so a refusal is the schema's). */
const allowed: Record<Access, keyof typeof sessions> = {
  any: "kiosk",
  kiosk: "kiosk",
  staff: "staff",
  desk: "receptionist",
  manager: "manager",
};
/** Sessions that must be refused, whatever they send. */
const refused: Record<Access, (keyof typeof sessions)[]> = {
  any: [],
  kiosk: ["staff", "receptionist", "manager"],
  staff: ["kiosk"],
  desk: ["kiosk", "staff"],
  manager: ["kiosk", "staff", "receptionist"],
};

/** The top-level keys a channel's input declares (from its JSON schema), to aim wrong values at. */
function keysOf(schema: z.ZodType): string[] {
  const json = z.toJSONSchema(schema, { unrepresentable: "any", io: "input" }) as {
    properties?: Record<string, unknown>;
    oneOf?: { properties?: Record<string, unknown> }[];
    anyOf?: { properties?: Record<string, unknown> }[];
  };
  const parts = [json, ...(json.oneOf ?? []), ...(json.anyOf ?? [])];
  return [...new Set(parts.flatMap((p) => Object.keys(p.properties ?? {})))];
}

const POLLUTING = ["__proto__", "constructor", "prototype"];
const huge = fc.constantFrom(
  "9".repeat(1_000_000),
  "é".repeat(200_000),
  "<script>alert(1)</script>".repeat(10_000),
  "\u0000".repeat(5000),
);
const wrong = fc.oneof(
  fc.constantFrom(
    null,
    undefined,
    true,
    false,
    0,
    -1,
    1.5,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    -0,
    Number.MAX_SAFE_INTEGER + 2,
    1e308,
    "",
    " ",
    "0",
    "1; DROP TABLE appointments",
    [],
    {},
    [1, 2],
    { $gt: 0 },
  ),
  huge,
  fc.string({ maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 5 }),
  fc.anything({ maxDepth: 3 }),
  fc.constant(JSON.parse('{"__proto__": {"polluted": true}}') as unknown),
);

/** Payloads aimed at one channel: anything, its own keys with wrong values, pollution keys. */
function payloads(keys: string[]): fc.Arbitrary<unknown> {
  const aimed = keys.length
    ? fc.dictionary(fc.constantFrom(...keys), wrong, { minKeys: 1, maxKeys: keys.length })
    : fc.dictionary(fc.string({ maxLength: 8 }), wrong, { minKeys: 1, maxKeys: 3 });
  const polluted = fc.tuple(aimed, fc.constantFrom(...POLLUTING), wrong).map(([base, key, v]) => {
    // Own properties named __proto__ etc., as JSON.parse (and structured clone) make them.
    const inner = JSON.stringify(base ?? {}).slice(1, -1);
    return JSON.parse(
      `{${JSON.stringify(key)}:${JSON.stringify(v ?? null) ?? "null"}${inner ? `,${inner}` : ""}}`,
    ) as unknown;
  });
  return fc.oneof(
    fc.anything({ maxDepth: 3 }),
    aimed,
    polluted,
    huge,
    fc.constantFrom(null, undefined, 0, "x", [], [{}], true),
  );
}

describe("IPC boundary fuzz (fast-check over every channel)", () => {
  it("rejects every invalid or unauthorized call with an error code, without a crash or a change", async () => {
    const totals = { tried: 0, invalid: 0, unauthorized: 0, validByChance: 0, crashes: 0, internal: 0 };
    const names = Object.keys(channels) as (keyof typeof channels)[];
    expect(names.length).toBeGreaterThanOrEqual(15);
    for (const name of names) {
      const spec = channels[name];
      let before = contentHash(core.model.db);
      await fc.assert(
        fc.asyncProperty(payloads(keysOf(spec.input)), async (payload) => {
          totals.tried++;
          const valid = spec.input.safeParse(payload).success;
          let r: { ok: boolean; error?: { code: string; message: string } };
          try {
            r = await core.dispatch(sessions[allowed[spec.access]], name, payload);
          } catch (e) {
            totals.crashes++;
            throw e;
          }
          if (!r.ok && r.error?.code === "INTERNAL") totals.internal++;
          if (valid) {
            totals.validByChance++;
            before = contentHash(core.model.db);
            // What the renderer receives must parse with the contract's output schema.
            return r.ok
              ? spec.output.safeParse((r as { value?: unknown }).value).success
              : r.error?.code !== "INTERNAL" && errorCodes.includes(r.error?.code as never);
          }
          totals.invalid++;
          // An assertion rather than a boolean, so a failure names the channel and what came back.
          expect(r, `${name} answered an invalid payload with`).toMatchObject({
            ok: false,
            error: { code: "INVALID_INPUT", message: expect.stringMatching(/./) as unknown },
          });
          return true;
        }),
        { numRuns: RUNS },
      );
      for (const who of refused[spec.access]) {
        await fc.assert(
          fc.asyncProperty(fc.oneof(payloads(keysOf(spec.input)), fc.constant({})), async (payload) => {
            totals.tried++;
            totals.unauthorized++;
            const r = (await core.dispatch(sessions[who], name, payload)) as { ok: boolean; error?: { code: string } };
            return !r.ok && (r.error?.code === "FORBIDDEN" || r.error?.code === "NOT_AUTHENTICATED");
          }),
          { numRuns: Math.ceil(RUNS / 4) },
        );
      }
      // A call valid by chance may change data (its new state becomes the baseline); rejected ones never may.
      expect(contentHash(core.model.db), `database changed by rejected calls to ${name}`).toBe(before);
    }
    // Unknown channel names, including prototype keys of the table.
    for (const name of [...POLLUTING, "toString", "hasOwnProperty", "", "kiosk.", "desk.queue ", 42, null, {}]) {
      totals.tried++;
      const r = (await core.dispatch(sessions.manager, name, {})) as { ok: boolean; error?: { code: string } };
      expect(r).toMatchObject({ ok: false, error: { code: "UNKNOWN_CHANNEL" } });
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    console.log(
      `IPC fuzz: ${names.length} channels, payloads tried ${totals.tried} (invalid ${totals.invalid}, unauthorized ${totals.unauthorized}, valid by chance ${totals.validByChance}), crashes ${totals.crashes}, INTERNAL ${totals.internal}, unhandled ${unhandled.length}`,
    );
    expect(totals.crashes).toBe(0);
    expect(totals.internal).toBe(0);
    expect(unhandled).toEqual([]);
  }, 240_000);

  it("the startup window's channels refuse every invalid payload the same way", async () => {
    const controller = createStartupController({
      dataDir: path.join(dir, "not-started"),
      onStaffDisplay: true,
      clock: systemClock,
      openCore: async () => fakeApp("never"),
      onState: () => undefined,
      onReady: () => undefined,
      chooseFolder: () => undefined,
      quit: () => undefined,
    });
    let tried = 0;
    for (const [name, spec] of Object.entries(recoveryChannels)) {
      await fc.assert(
        fc.asyncProperty(payloads(keysOf(spec.input)), async (payload) => {
          if ((spec.input as z.ZodType).safeParse(payload).success) return true;
          tried++;
          const r = (await controller.dispatch(name, payload)) as { ok: boolean; error?: { code: string } };
          return !r.ok && r.error?.code === "INVALID_INPUT";
        }),
        { numRuns: RUNS },
      );
    }
    console.log(
      `startup-window fuzz: ${Object.keys(recoveryChannels).length} channels, invalid payloads ${tried}, crashes 0`,
    );
  }, 120_000);

  it("settings: an invalid patch is refused whole and changes nothing", async () => {
    const keys = Object.keys(settingsSchema.shape);
    let tried = 0;
    let refusedCount = 0;
    const db = core.model.db;
    const settingsRows = () => JSON.stringify(db.prepare("SELECT * FROM settings ORDER BY key").all());
    // Every table is hashed around the whole run (a valid patch, rare, moves the baseline); the
    // settings rows and the parsed settings are compared around each patch.
    let baseline = contentHash(db);
    fc.assert(
      fc.property(payloads(keys), (patch) => {
        tried++;
        const rowsBefore = settingsRows();
        const settingsBefore = JSON.stringify(getSettings(db));
        const valid = settingsSchema.partial().strict().safeParse(patch).success;
        let threw = false;
        try {
          saveSettings(db, patch as Parameters<typeof saveSettings>[1]);
        } catch {
          threw = true;
        }
        if (valid) {
          baseline = contentHash(db);
          return true;
        }
        refusedCount++;
        return threw && settingsRows() === rowsBefore && JSON.stringify(getSettings(db)) === settingsBefore;
      }),
      { numRuns: RUNS * 4 },
    );
    expect(contentHash(db)).toBe(baseline);
    console.log(`settings fuzz: patches tried ${tried}, invalid refused ${refusedCount}, crashes 0`);
    expect(refusedCount).toBeGreaterThan(0);
  }, 120_000);
});
