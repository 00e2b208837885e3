import fc from "fast-check";
import jsQR from "jsqr";
import { describe, expect, it } from "vitest";
import { QUIET_MODULES, qrOf } from "./QrCode";

/** The path drawn as a camera would see it: `px` pixels a module, white where the path leaves no dark rectangle. */
function picture({ size, path }: { size: number; path: string }, px = 3) {
  const side = size * px;
  const rgba = new Uint8ClampedArray(side * side * 4).fill(255);
  const dark = Array.from({ length: size }, () => new Array<boolean>(size).fill(false));
  for (const [, x, y, w] of path.matchAll(/M(\d+) (\d+)h(\d+)v1h-\3z/g)) {
    for (let c = Number(x); c < Number(x) + Number(w); c++) dark[Number(y)]![c] = true;
  }
  for (let i = 0; i < side * side; i++) {
    if (dark[Math.floor(i / side / px)]![Math.floor((i % side) / px)]) rgba.fill(0, i * 4, i * 4 + 3);
  }
  return { rgba, side, dark };
}

const CROCKFORD = [..."0123456789ABCDEFGHJKMNPQRSTVWXYZ"];
const code = fc
  .array(fc.constantFrom(...CROCKFORD), { minLength: 16, maxLength: 16 })
  .map((c) => c.join("").replace(/(.{4})(?!$)/g, "$1-"));
/** Addresses head office is reached at: a name (up to a DNS name's 253 characters), IPv4 or IPv6, any port. */
const origin = fc.record({
  scheme: fc.constantFrom("http", "https"),
  host: fc.oneof(
    fc.domain(),
    fc.constant(`${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(61)}`),
    fc.ipV4(),
    fc.ipV6().map((a) => `[${a}]`),
  ),
  port: fc.option(fc.integer({ min: 1, max: 65535 }), { nil: null }),
});

describe("the New browser page's QR code of the sign-in link", () => {
  it("reads back as the exact link, whatever address head office has, with a white quiet zone of 4 modules", () => {
    fc.assert(
      fc.property(origin, code, ({ scheme, host, port }, c) => {
        const link = `${scheme}://${host}${port === null ? "" : `:${port}`}/#/code/${c}`;
        const qr = qrOf(link);
        const { rgba, side, dark } = picture(qr);
        expect(jsQR(rgba, side, side, { inversionAttempts: "dontInvert" })?.data).toBe(link);
        const edge = (i: number) => i < QUIET_MODULES || i >= qr.size - QUIET_MODULES;
        expect(dark.flatMap((row, y) => row.filter((d, x) => d && (edge(x) || edge(y))))).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it("is 41 modules wide for a usual address (version 4), 33 of them the code's", () => {
    expect(qrOf("https://hq.happyhead.example/#/code/Q4VQ-DASA-HQ7Q-RFX7").size).toBe(41);
  });
});
