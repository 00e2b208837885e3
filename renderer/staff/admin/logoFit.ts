import { LOGO_FIT_SIDE, LOGO_MAX_BYTES, LOGO_TYPES } from "../../../contract/admin";

/**
 * What the back office does with a picture a manager picks as the logo (pure; ./shrinkLogo.ts draws it). A designer's
 * logo is often a 3000-pixel PNG of a few MB, a photo of the sign a phone's 4 MB JPEG, a file named .png that is a
 * JPEG: the manager should not need an image editor for any of them. The main process still checks what arrives
 * (db/admin/kiosk.ts).
 */
export type LogoType = (typeof LOGO_TYPES)[number];

/** The type the bytes are, whatever the file's name says; null for anything but PNG and JPEG (GIF, SVG, HEIC, WebP). */
export function sniffLogoType(bytes: Uint8Array): LogoType | null {
  const starts = (sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (starts([0xff, 0xd8, 0xff])) return "image/jpeg";
  return null;
}

export interface Picture {
  width: number;
  height: number;
  bytes: number;
}

/** Sent as it is: small enough, and no bigger than the kiosk can show. */
export const fitsAsIs = (p: Picture): boolean =>
  p.bytes <= LOGO_MAX_BYTES && Math.max(p.width, p.height) <= LOGO_FIT_SIDE;

/** The longest sides tried, in turn, until the picture's file fits LOGO_MAX_BYTES. */
export const SHRINK_SIDES = [LOGO_FIT_SIDE, 900, 600, 400] as const;

/** The size with the longest side at most `side`, proportions kept, never enlarged, whole pixels of at least 1. */
export function fitWithin(width: number, height: number, side: number): { width: number; height: number } {
  const scale = Math.min(1, side / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/**
 * The encodings tried at each size: a PNG stays a PNG (a logo's transparency and sharp edges), then, when it has no
 * transparent pixel, a JPEG (a photo saved as PNG); a JPEG stays a JPEG.
 */
export const encodingsFor = (type: LogoType, transparent: boolean): LogoType[] =>
  type === "image/png" && transparent
    ? ["image/png"]
    : type === "image/png"
      ? ["image/png", "image/jpeg"]
      : ["image/jpeg"];

const kb = (bytes: number) =>
  bytes >= 1_048_576 ? `${(bytes / 1_048_576).toFixed(1)} MB` : `${Math.max(1, Math.ceil(bytes / 1024))} KB`;
const dims = (p: Picture) => `${p.width} × ${p.height} pixels`;

/** What the manager is told once a picture was made smaller and saved. */
export const shrunkText = (before: Picture, after: Picture): string =>
  `Made smaller for the kiosk and saved: ${dims(before)}, ${kb(before.bytes)} → ${dims(after)}, ${kb(after.bytes)}.`;

/** What the manager is told when even the smallest size tried is over the limit (a photo full of fine detail). */
export const tooBigText = (before: Picture): string =>
  `This picture (${dims(before)}, ${kb(before.bytes)}) stays over ${kb(LOGO_MAX_BYTES)} even at ` +
  `${SHRINK_SIDES.at(-1)} pixels wide. Save the logo as a simpler PNG (fewer colours, no photo behind it) and upload it again.`;

export const unreadableText = (type: LogoType): string =>
  `That file is not a real ${type === "image/png" ? "PNG" : "JPEG"} image (it may be damaged): save it again and upload it.`;
