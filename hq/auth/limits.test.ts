import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DEVICE_TOKENS_MAX,
  deviceCookieSchema,
  PASSWORD_MAX,
  SIGNIN_CODE_ALPHABET,
  SIGNIN_CODE_LENGTH,
  signInCodeSchema,
  signInSchema,
} from "../../contract/dashboard";
import { loadConfig } from "../config";
import { addressKey } from "./owners";
import { newSecret } from "./sessions";
import { hashesRunning, hashPassword, MAX_CONCURRENT_HASHES, verifyPassword } from "./passwords";

const hextets = (n: number) => fc.array(fc.integer({ min: 0, max: 0xffff }), { minLength: n, maxLength: n });
const v6 = (groups: number[]) => groups.map((g) => g.toString(16)).join(":");

describe("the sign-in limit's inputs", () => {
  it("counts every IPv6 address of one /64 as one client, and addresses of two /64s as two", () => {
    fc.assert(
      fc.property(hextets(4), hextets(4), hextets(4), hextets(4), (net, a, b, otherNet) => {
        expect(addressKey(v6([...net, ...a]))).toBe(addressKey(v6([...net, ...b])));
        fc.pre(v6(net) !== v6(otherNet));
        expect(addressKey(v6([...net, ...a]))).not.toBe(addressKey(v6([...otherNet, ...a])));
      }),
    );
    expect(addressKey("::ffff:203.0.113.7")).toBe(addressKey("203.0.113.7"));
    expect(addressKey("2001:0db8:0001:0002:0:0:0:9")).toBe(addressKey("2001:db8:1:2::ffff"));
  });

  it("believes X-Forwarded-For from the proxy on this machine unless HQ_TRUSTED_PROXIES says otherwise, and says which entry it cannot read", () => {
    expect(loadConfig({}).trustedProxies).toEqual(["loopback"]);
    expect(loadConfig({ HQ_TRUSTED_PROXIES: "" }).trustedProxies).toEqual([]);
    expect(loadConfig({ HQ_TRUSTED_PROXIES: " loopback, 10.0.0.0/8 ,::1," }).trustedProxies).toEqual([
      "loopback",
      "10.0.0.0/8",
      "::1",
    ]);
    expect(() => loadConfig({ HQ_TRUSTED_PROXIES: "loopback,proxy.chain.example" })).toThrow(
      "HQ_TRUSTED_PROXIES: proxy.chain.example is not an address, a CIDR range or loopback, linklocal, uniquelocal.",
    );
    expect(() => loadConfig({ HQ_TRUSTED_PROXIES: "10.0.0.0/33" })).toThrow(
      "HQ_TRUSTED_PROXIES: 10.0.0.0/33 is not an address",
    );
  });

  it(`takes any password up to ${PASSWORD_MAX} characters as typed, and refuses a longer one with a message`, () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: PASSWORD_MAX, unit: "grapheme" }), (password) => {
        const parsed = signInSchema.safeParse({ email: "owner@chain.example", password });
        fc.pre(password.length <= PASSWORD_MAX);
        expect(parsed.success && parsed.data.password).toBe(password);
      }),
    );
    const long = signInSchema.safeParse({ email: "owner@chain.example", password: "x".repeat(PASSWORD_MAX + 1) });
    expect(long.success ? "" : long.error.issues[0]?.message).toMatch(/256/);
  });
});

describe("the device cookie", () => {
  it(`reads 1 to ${DEVICE_TOKENS_MAX} devices' tokens as sent, and anything else as no device, without throwing`, () => {
    const token = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => Buffer.from(b).toString("base64url"));
    fc.assert(
      fc.property(fc.array(token, { minLength: 1, maxLength: DEVICE_TOKENS_MAX }), (tokens) => {
        expect(deviceCookieSchema.parse(tokens.join("."))).toEqual(tokens);
      }),
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const parsed = deviceCookieSchema.safeParse(text);
        if (parsed.success) expect(parsed.data.every((t) => /^[\w-]{43}$/.test(t))).toBe(true);
      }),
    );
    const five = Array.from({ length: DEVICE_TOKENS_MAX + 1 }, () => newSecret()).join(".");
    for (const value of [undefined, "", "let-me-in", `${newSecret()}.`, `${newSecret()}=`, five])
      expect(deviceCookieSchema.safeParse(value).success).toBe(false);
  });
});

describe("a one-time sign-in code as typed", () => {
  const code = fc
    .array(fc.constantFrom(...SIGNIN_CODE_ALPHABET), { minLength: SIGNIN_CODE_LENGTH, maxLength: SIGNIN_CODE_LENGTH })
    .map((chars) => chars.join(""));
  it("reads a code in any case, with any spaces and dashes, and O, I or L typed for 0 and 1, as the code", () => {
    const typo = (c: string) =>
      fc.constantFrom(c, c.toLowerCase(), ...(c === "0" ? ["O", "o"] : c === "1" ? ["I", "l", "L", "i"] : []));
    fc.assert(
      fc.property(
        code.chain((c) =>
          fc.tuple(
            fc.constant(c),
            fc.tuple(...[...c].map((ch) => fc.tuple(typo(ch), fc.constantFrom("", "", " ", "-", " - ")))),
          ),
        ),
        ([c, typed]) => {
          expect(signInCodeSchema.parse(typed.map(([ch, gap]) => ch + gap).join(""))).toBe(c);
        },
      ),
    );
  });
  it("refuses anything else with a message, without throwing", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 100 }), (text) => {
        const parsed = signInCodeSchema.safeParse(text);
        if (parsed.success) expect(parsed.data).toMatch(/^[0-9A-HJKMNP-TV-Z]{16}$/);
        else expect(parsed.error.issues[0]?.message).toMatch(/^A sign-in code is 16 letters and digits/);
      }),
    );
    for (const text of ["", "7K3M-Q9PX-2D4H-WT6", "7K3M-Q9PX-2D4H-WT6BB", "UUUU-UUUU-UUUU-UUUU", "7K3M_Q9PX_2D4H_WT6B"])
      expect(signInCodeSchema.safeParse(text).success).toBe(false);
  });
});

describe("password hashing", () => {
  it(`verifies, refuses a wrong password, and runs at most ${MAX_CONCURRENT_HASHES} scrypt at once however many sign-ins arrive`, async () => {
    const stored = await hashPassword("a long owner passphrase");
    expect(stored).toMatch(/^\$scrypt\$ln=15,r=8,p=3\$/);
    let most = 0;
    const watch = setInterval(() => (most = Math.max(most, hashesRunning())), 1);
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) => verifyPassword(i === 0 ? "a long owner passphrase" : `guess ${i}`, stored)),
    );
    clearInterval(watch);
    expect(answers).toEqual([true, false, false, false, false, false]);
    expect(most).toBeGreaterThan(0);
    expect(most).toBeLessThanOrEqual(MAX_CONCURRENT_HASHES);
    expect(hashesRunning()).toBe(0);
    expect(await verifyPassword("anything", "not a hash")).toBe(false);
  });
});
