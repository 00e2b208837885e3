// Draws the app icon, build/resources/icon.png (512x512, what electron-builder turns into the
// Windows .ico, the macOS .icns and the Linux hicolor icons): a terracotta disc with a cream "H"
// and a smile under it. Plain Node (zlib), no image library. `node build/make-icon.mjs` rewrites it.
import { writeFileSync } from "node:fs";
import { deflateSync } from "node:zlib";

const SIZE = 512;
const SAMPLES = 4; // supersampling per axis, for smooth edges
const disc = [0xb5, 0x65, 0x3b];
const cream = [0xf6, 0xf1, 0xea];

/** The colour at a point of the 0..1 square, or null outside the icon. */
function shade(x, y) {
  const dx = x - 0.5;
  const dy = y - 0.5;
  const r = Math.hypot(dx, dy);
  if (r > 0.47) return null;
  const inH =
    y > 0.24 &&
    y < 0.62 &&
    ((x > 0.33 && x < 0.41) || (x > 0.59 && x < 0.67) || (x >= 0.41 && x <= 0.59 && y > 0.4 && y < 0.47));
  const smileR = Math.hypot(x - 0.5, y - 0.58);
  const inSmile = y > 0.66 && smileR > 0.12 && smileR < 0.165 && Math.abs(x - 0.5) < 0.15;
  return inH || inSmile ? cream : disc;
}

const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let py = 0; py < SIZE; py++) {
  raw[py * (SIZE * 4 + 1)] = 0; // filter: none
  for (let px = 0; px < SIZE; px++) {
    const sum = [0, 0, 0, 0];
    for (let sy = 0; sy < SAMPLES; sy++) {
      for (let sx = 0; sx < SAMPLES; sx++) {
        const c = shade((px + (sx + 0.5) / SAMPLES) / SIZE, (py + (sy + 0.5) / SAMPLES) / SIZE);
        if (!c) continue;
        sum[0] += c[0];
        sum[1] += c[1];
        sum[2] += c[2];
        sum[3] += 255;
      }
    }
    const covered = sum[3] / 255;
    const o = py * (SIZE * 4 + 1) + 1 + px * 4;
    raw[o] = covered ? Math.round(sum[0] / covered) : 0;
    raw[o + 1] = covered ? Math.round(sum[1] / covered) : 0;
    raw[o + 2] = covered ? Math.round(sum[2] / covered) : 0;
    raw[o + 3] = Math.round(sum[3] / (SAMPLES * SAMPLES));
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // bit depth
header[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk("IHDR", header),
  chunk("IDAT", deflateSync(raw, { level: 9 })),
  chunk("IEND", Buffer.alloc(0)),
]);
writeFileSync(new URL("./resources/icon.png", import.meta.url), png);
console.log(`build/resources/icon.png: ${SIZE}x${SIZE}, ${png.length} bytes`);
