import { LOGO_MAX_BYTES } from "../../../contract/admin";
import { encodingsFor, fitWithin, SHRINK_SIDES, type LogoType } from "./logoFit";

export interface Shrunk {
  blob: Blob;
  type: LogoType;
  width: number;
  height: number;
}

/** Whether any pixel of the drawn picture is not fully opaque. */
function transparent(ctx: OffscreenCanvasRenderingContext2D, width: number, height: number): boolean {
  const data = ctx.getImageData(0, 0, width, height).data;
  for (let i = 3; i < data.length; i += 4) if (data[i] !== 255) return true;
  return false;
}

/**
 * Draws `picture` at each of SHRINK_SIDES in turn and encodes it (./logoFit.ts `encodingsFor`) until the file fits
 * LOGO_MAX_BYTES; null when none does. The browser's own decoder and encoder, on the page: nothing leaves it but the
 * smaller file. A JPEG made from a PNG is drawn on white (it has no transparency to lose: `encodingsFor`).
 */
export async function shrinkLogo(picture: ImageBitmap, type: LogoType): Promise<Shrunk | null> {
  let clear: boolean | null = null;
  for (const side of SHRINK_SIDES) {
    const { width, height } = fitWithin(picture.width, picture.height, side);
    const canvas = new OffscreenCanvas(width, height);
    const ctx = canvas.getContext("2d");
    if (!ctx) return null;
    ctx.imageSmoothingQuality = "high";
    ctx.drawImage(picture, 0, 0, width, height);
    clear ??= type === "image/png" && transparent(ctx, width, height);
    for (const encoding of encodingsFor(type, clear)) {
      if (encoding === "image/jpeg" && type === "image/png") {
        ctx.globalCompositeOperation = "destination-over";
        ctx.fillStyle = "#fff";
        ctx.fillRect(0, 0, width, height);
      }
      const blob = await canvas.convertToBlob({ type: encoding, quality: 0.9 });
      if (blob.size <= LOGO_MAX_BYTES) return { blob, type: encoding, width, height };
    }
  }
  return null;
}
