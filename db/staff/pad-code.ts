import { randomInt } from "node:crypto";
import { z } from "zod";
import { PAD_CODE_DIGITS } from "../../contract/staff";
import { assertStillManager } from "../admin/common";
import { appendAudit } from "../audit";
import { DomainError } from "../errors";
import type { Model, ReadModel, StaffActor } from "../model";
import type { DB } from "../open";
import { stmt } from "../stmt";
import type { PinPads } from "./pin-pads";
import { hashPin, serialized, verifyPin } from "./pin-hash";

/**
 * The spa's unlock code: PAD_CODE_DIGITS random digits a manager makes in the back office and
 * staff keep behind the desk. Typed on a PIN pad that waits after a guest's wrong PINs, it opens
 * that pad at once — on one display the kiosk's pad is the only one, and without it a guest could
 * hold staff out for hours. It opens the pad only: the person still signs in with their own PIN.
 *
 * Stored as an scrypt hash in its own row of the settings table, outside the settings schema:
 * getSettings never reads it, so it is never sent to a window or saved through saveSettings.
 */
const KEY = "pinPadCode";
const storedSchema = z.object({ hash: z.string(), madeAt: z.string() });

/** The stored code on any connection to a Happy Head file (the recovery screen reads a backup's). */
export function storedPadCode(db: DB): { hash: string; madeAt: string } | null {
  const row = db.prepare("SELECT value FROM settings WHERE key = ?").get(KEY) as { value: string } | undefined;
  const parsed = row ? storedSchema.safeParse(JSON.parse(row.value)) : null;
  return parsed?.success ? parsed.data : null;
}

const stored = (m: ReadModel) => storedPadCode(m.db);

/** When the current code was made (UTC ISO), or null: none yet. */
export const padCodeMadeAt = (m: ReadModel): string | null => stored(m)?.madeAt ?? null;

/** A new code and its scrypt hash. The code is returned to the manager once and never stored. */
export async function newPadCode(): Promise<{ code: string; hash: string }> {
  const code = Array.from({ length: PAD_CODE_DIGITS }, () => String(randomInt(10))).join("");
  return { code, hash: await hashPin(code) };
}

/**
 * Stores a new code's hash (the old code stops working) and audits it, with its time and never the
 * code. Runs inside the caller's write transaction (Back office › Staff, or the first run).
 */
export function storePadCode(m: Model, actor: StaffActor, hash: string): string {
  const { db, clock } = m;
  const madeAt = clock.now().toISOString();
  assertStillManager(m, actor);
  stmt(
    db,
    "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
  ).run(KEY, JSON.stringify({ hash, madeAt }));
  appendAudit(db, clock, actor, { action: "staff.padCodeMade", entity: "staff", entityId: null, after: { madeAt } });
  return madeAt;
}

/** Makes a new code (the old one stops working) and returns it: it is shown to the manager once. */
export async function makePadCode(m: Model, actor: StaffActor): Promise<{ code: string; madeAt: string }> {
  const { code, hash } = await newPadCode();
  const madeAt = m.db.transaction(() => storePadCode(m, actor, hash)).immediate();
  return { code, madeAt };
}

/**
 * Opens `pad` with the unlock code. Wrong codes slow that pad's code entry (never more than
 * CODE_POLICY.maxMs), in the PIN queue like every PIN check. Returns whether the pad was waiting.
 */
export function openPadWithCode(m: Model, pads: PinPads, pad: string, code: string): Promise<{ wasWaiting: boolean }> {
  return serialized(async () => {
    pads.assertCodeOpen(pad);
    const current = stored(m);
    if (!current) {
      throw new DomainError(
        "NOT_FOUND",
        "This spa has no unlock code yet: a manager makes one in Back office › Staff.",
        "code",
      );
    }
    if (!(await verifyPin(code, current.hash))) {
      pads.codeFailed(pad);
      throw new DomainError("WRONG_PIN", "That is not the spa's unlock code.", "code");
    }
    const wasWaiting = pads.opened(pad);
    const { db, clock } = m;
    db.transaction(() =>
      appendAudit(
        db,
        clock,
        { kind: "system" },
        { action: "staff.padOpened", entity: "staff", entityId: null, after: { pad } },
      ),
    )();
    return { wasWaiting };
  });
}
