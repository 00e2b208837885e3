import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LOGO_FIT_SIDE, LOGO_MAX_BYTES } from "../../../contract/admin";
import { encodingsFor, fitsAsIs, fitWithin, shrunkText, sniffLogoType, SHRINK_SIDES, tooBigText } from "./logoFit";

describe("a logo the manager picks", () => {
  it("is known by its bytes, not its name", () => {
    expect(sniffLogoType(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe("image/png");
    expect(sniffLogoType(new Uint8Array([0xff, 0xd8, 0xff, 0xe1]))).toBe("image/jpeg");
    for (const other of ["GIF89a", "<svg xmlns=", "RIFF....WEBP", "\u0000\u0000\u0000\u0018ftypheic", ""])
      expect(sniffLogoType(new TextEncoder().encode(other))).toBeNull();
  });

  it("is sent as it is only when it is small and no bigger than the kiosk shows", () => {
    expect(fitsAsIs({ width: LOGO_FIT_SIDE, height: 10, bytes: LOGO_MAX_BYTES })).toBe(true);
    expect(fitsAsIs({ width: LOGO_FIT_SIDE + 1, height: 10, bytes: 1 })).toBe(false);
    expect(fitsAsIs({ width: 10, height: 10, bytes: LOGO_MAX_BYTES + 1 })).toBe(false);
  });

  it("made smaller: the longest side at most the one tried, proportions kept, never enlarged, never 0 pixels", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 65_535 }),
        fc.integer({ min: 1, max: 65_535 }),
        fc.constantFrom(...SHRINK_SIDES),
        (w, h, side) => {
          const out = fitWithin(w, h, side);
          expect(Math.max(out.width, out.height)).toBeLessThanOrEqual(Math.max(side, 1));
          expect(out.width).toBeLessThanOrEqual(w);
          expect(out.height).toBeLessThanOrEqual(h);
          expect(Math.min(out.width, out.height)).toBeGreaterThanOrEqual(1);
          // Both sides scaled alike, each within half a pixel (a 1-pixel line stays 1 pixel).
          const scale = Math.min(1, side / Math.max(w, h));
          expect(Math.abs(out.width - Math.max(1, w * scale))).toBeLessThanOrEqual(0.5);
          expect(Math.abs(out.height - Math.max(1, h * scale))).toBeLessThanOrEqual(0.5);
        },
      ),
    );
  });

  it("a transparent PNG stays a PNG; an opaque one may become a JPEG; a JPEG stays a JPEG", () => {
    expect(encodingsFor("image/png", true)).toEqual(["image/png"]);
    expect(encodingsFor("image/png", false)).toEqual(["image/png", "image/jpeg"]);
    expect(encodingsFor("image/jpeg", false)).toEqual(["image/jpeg"]);
  });

  it("tells the manager what was done, or why it can't be", () => {
    expect(
      shrunkText({ width: 3000, height: 2000, bytes: 2_400_000 }, { width: 1200, height: 800, bytes: 150_000 }),
    ).toBe("Made smaller for the kiosk and saved: 3000 × 2000 pixels, 2.3 MB → 1200 × 800 pixels, 147 KB.");
    expect(tooBigText({ width: 6000, height: 4000, bytes: 9_000_000 })).toMatch(
      /^This picture \(6000 × 4000 pixels, 8\.6 MB\) stays over 200 KB even at 400 pixels wide\./,
    );
  });
});
