import { useMemo } from "react";
import qrcode from "qrcode-generator";

/** White modules around the code, as ISO/IEC 18004 asks: a camera finds the code's edges against any background. */
export const QUIET_MODULES = 4;
/** CSS pixels a module: a version 4 code (a link of up to 62 characters) is 287 px, about 7.5 cm on a laptop. */
const MODULE_PX = 7;

/**
 * `text` as a QR code (byte mode, error correction M, the smallest version it fits): its width in modules, quiet zone
 * included, and its dark modules as one SVG path, a rectangle per run of dark modules in a row.
 */
export function qrOf(text: string): { size: number; path: string } {
  const qr = qrcode(0, "M");
  qr.addData(text, "Byte");
  qr.make();
  const n = qr.getModuleCount();
  let path = "";
  for (let row = 0; row < n; row++) {
    let col = 0;
    while (col < n) {
      const start = col;
      while (col < n && qr.isDark(row, col)) col++;
      if (col > start) path += `M${start + QUIET_MODULES} ${row + QUIET_MODULES}h${col - start}v1h-${col - start}z`;
      else col++;
    }
  }
  return { size: n + 2 * QUIET_MODULES, path };
}

/** A QR code drawn in the page (an inline SVG: no image to fetch, nothing the CSP refuses), black on white. */
export function QrCode({ text, label }: { text: string; label: string }) {
  const { size, path } = useMemo(() => qrOf(text), [text]);
  return (
    <svg
      className="qr"
      role="img"
      aria-label={label}
      viewBox={`0 0 ${size} ${size}`}
      width={size * MODULE_PX}
      height={size * MODULE_PX}
    >
      <rect width={size} height={size} fill="#fff" />
      <path d={path} fill="#000" shapeRendering="crispEdges" />
    </svg>
  );
}
