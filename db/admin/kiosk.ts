import type { StaffActor, Model, ReadModel } from "../model";
import { stmt } from "../stmt";
import { createHash } from "node:crypto";
import { imageSize } from "image-size";
import {
  kioskSettingsSchema,
  logoInputSchema,
  logoMimeSchema,
  LOGO_TYPES,
  LOGO_MAX_BYTES,
  LOGO_MAX_SIDE,
  ZONE_CHANGE_INLINE_MAX,
  type KioskSettingsInput,
} from "../../contract/admin";
import type { z } from "zod";
import { languageNames } from "../../contract/common";
import { appendAudit } from "../audit";
import { assertStillManager } from "./common";
import { DomainError } from "../errors";
import { getSettings, saveSettings } from "../settings";
import { applyZoneChange, zoneChangeEffect } from "./time-zone";

/** Every IANA zone this runtime knows, for the picker (the same list the schema checks). */
export const timeZoneList = (): string[] => ["UTC", ...Intl.supportedValuesOf("timeZone").filter((z) => z !== "UTC")];

export function kioskSettings(m: ReadModel): { settings: KioskSettingsInput; timeZones: string[] } {
  const s = getSettings(m.db);
  return {
    settings: {
      spaName: s.spaName,
      timeZone: s.timeZone,
      idleSeconds: s.idleSeconds,
      staffIdleSeconds: s.staffIdleSeconds,
      retentionDays: s.retentionDays,
      walkInsAllowed: s.walkInsAllowed,
      languages: s.languages,
    },
    timeZones: timeZoneList(),
  };
}

/**
 * Saves the kiosk's settings in one transaction with one audit row (which services' guests are offered add-ons is set
 * on each add-on: db/admin/catalog.ts `offerEveryActiveAddon`). Offering a language needs every active add-on to have
 * copy in it, so no guest meets a card in the wrong language.
 */
export function saveKioskSettings(
  m: Model,
  actor: StaffActor,
  input: z.output<typeof kioskSettingsSchema>,
  /** "held": by the background writer with every other write held off, so a change of zone may rewrite any number. */
  where: "inline" | "held" = "inline",
): { settings: KioskSettingsInput } {
  const { db, clock } = m;
  return db
    .transaction(() => {
      assertStillManager(m, actor);
      const before = kioskSettings(m).settings;
      for (const lang of input.languages) {
        const missing = stmt(
          db,
          `SELECT en.title FROM addons a JOIN addon_texts en ON en.addon_id = a.id AND en.lang = 'en'
           WHERE a.active = 1 AND NOT EXISTS (SELECT 1 FROM addon_texts t WHERE t.addon_id = a.id AND t.lang = ?)`,
        ).get(lang) as { title: string } | undefined;
        if (missing) {
          throw new DomainError(
            "INVALID_INPUT",
            `${missing.title} has no ${languageNames[lang]} copy yet. Write it under Add-on offers first.`,
            "languages",
          );
        }
      }
      const zoneChange = before.timeZone === input.timeZone ? null : zoneChangeEffect(m, input.timeZone);
      // Grown past the limit since the handler looked (electron/ipc/handlers/admin.ts sends a big change to the
      // background writer): nothing saved, and saving again takes that way.
      if (zoneChange?.pauses && where === "inline")
        throw new DomainError(
          "CONFLICT",
          `This spa now has more than ${ZONE_CHANGE_INLINE_MAX.toLocaleString("en-US")} bookings and check-ins, so ` +
            "nothing was saved. Save again: the kiosk and the desk will pause while they are rewritten.",
          "timeZone",
        );
      // Every stored spa-local day and hour follows the new zone, in this transaction (db/admin/time-zone.ts); before
      // the setting is saved, so a failure leaves no new zone in the settings' cache.
      const counts = zoneChange && applyZoneChange(db, before.timeZone, input.timeZone);
      saveSettings(db, {
        spaName: input.spaName,
        timeZone: input.timeZone,
        idleSeconds: input.idleSeconds,
        staffIdleSeconds: input.staffIdleSeconds,
        retentionDays: input.retentionDays,
        walkInsAllowed: input.walkInsAllowed,
        languages: input.languages,
      });
      const after = kioskSettings(m).settings;
      appendAudit(db, clock, actor, { action: "settings.kiosk", entity: "settings", entityId: null, before, after });
      if (counts) {
        appendAudit(db, clock, actor, {
          action: "settings.time_zone",
          entity: "settings",
          entityId: null,
          before: { timeZone: before.timeZone },
          after: { timeZone: after.timeZone, ...counts },
        });
      }
      return { settings: after };
    })
    .immediate();
}

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const startsWith = (bytes: Buffer, sig: number[]) => sig.every((b, i) => bytes[i] === b);

/** Checks that the bytes are what the file claims to be. */
function checkLogo(mimeType: (typeof LOGO_TYPES)[number], bytes: Buffer): void {
  if (bytes.length === 0) throw new DomainError("INVALID_INPUT", "That file is empty.", "logo");
  if (bytes.length > LOGO_MAX_BYTES)
    throw new DomainError(
      "INVALID_INPUT",
      `The logo is too large (${Math.ceil(bytes.length / 1024)} KB): keep it under 200 KB.`,
      "logo",
    );
  if (mimeType === "image/png" && !startsWith(bytes, PNG))
    throw new DomainError("INVALID_INPUT", "That file is not a real PNG image.", "logo");
  if (mimeType === "image/jpeg" && !startsWith(bytes, JPEG))
    throw new DomainError("INVALID_INPUT", "That file is not a real JPEG image.", "logo");
  let size: { width: number; height: number } | null = null;
  try {
    const read = imageSize(bytes);
    // A header cut short reads as no size at all rather than as an error.
    if (read.width > 0 && read.height > 0) size = read;
  } catch {
    // not an image of any kind it knows
  }
  if (!size) {
    throw new DomainError(
      "INVALID_INPUT",
      `That file is not a real ${mimeType === "image/png" ? "PNG" : "JPEG"} image.`,
      "logo",
    );
  }
  if (size.width > LOGO_MAX_SIDE || size.height > LOGO_MAX_SIDE)
    throw new DomainError(
      "INVALID_INPUT",
      `The logo is ${size.width} × ${size.height} pixels: the kiosk takes up to ${LOGO_MAX_SIDE} on each side. Save it smaller and upload it again.`,
      "logo",
    );
}

/** The logo as a data: URL; an SVG stored before SVGs were refused is not served (the kiosk shows the spa's name). */
export function getLogo(m: ReadModel): { dataUrl: string | null } {
  const { db } = m;
  const row = stmt(db, "SELECT mime_type, data FROM spa_logo WHERE id = 1").get() as
    { mime_type: string; data: Buffer } | undefined;
  const served = row && logoMimeSchema.safeParse(row.mime_type).success;
  return { dataUrl: row && served ? `data:${row.mime_type};base64,${row.data.toString("base64")}` : null };
}

export function setLogo(
  m: Model,
  actor: StaffActor,
  input: z.output<typeof logoInputSchema>,
): { dataUrl: string | null } {
  const bytes = Buffer.from(input.base64, "base64");
  checkLogo(input.mimeType, bytes);
  const { db, clock } = m;
  return db
    .transaction(() => {
      assertStillManager(m, actor);
      const before = stmt(db, "SELECT mime_type, length(data) AS bytes FROM spa_logo WHERE id = 1").get() as
        { mime_type: string; bytes: number } | undefined;
      stmt(
        db,
        `INSERT INTO spa_logo (id, mime_type, data, updated_at) VALUES (1, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET mime_type = excluded.mime_type, data = excluded.data, updated_at = excluded.updated_at`,
      ).run(input.mimeType, bytes, clock.now().toISOString());
      appendAudit(db, clock, actor, {
        action: "settings.logo",
        entity: "settings",
        entityId: null,
        before: before ? { mimeType: before.mime_type, bytes: before.bytes } : null,
        after: {
          mimeType: input.mimeType,
          bytes: bytes.length,
          sha256: createHash("sha256").update(bytes).digest("hex"),
        },
      });
      return getLogo(m);
    })
    .immediate();
}

export function clearLogo(m: Model, actor: StaffActor): { dataUrl: null } {
  const { db, clock } = m;
  db.transaction(() => {
    assertStillManager(m, actor);
    const before = stmt(db, "SELECT mime_type, length(data) AS bytes FROM spa_logo WHERE id = 1").get() as
      { mime_type: string; bytes: number } | undefined;
    if (!before) return;
    stmt(db, "DELETE FROM spa_logo WHERE id = 1").run();
    appendAudit(db, clock, actor, {
      action: "settings.logo",
      entity: "settings",
      entityId: null,
      before: { mimeType: before.mime_type, bytes: before.bytes },
      after: null,
    });
  }).immediate();
  return { dataUrl: null };
}
