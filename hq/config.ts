import ipaddr from "ipaddr.js";
import { z } from "zod";

/** The head office listens and connects on loopback only (this product's deployments put a TLS proxy in front). */
const LOOPBACK = new Set(["127.0.0.1", "::1", "[::1]", "localhost"]);

const DEFAULT_DATABASE_URL = "postgresql://happyhead:happyhead@127.0.0.1:5432/happyhead_hq";

/** Names of address ranges the proxy may stand in (proxy-addr's, as Fastify's trustProxy reads them). */
const RANGES = new Set(["loopback", "linklocal", "uniquelocal"]);

/**
 * HQ_TRUSTED_PROXIES: the TLS proxies whose X-Forwarded-For and X-Forwarded-Proto the service believes, as a
 * comma-separated list of addresses, CIDR ranges or "loopback" (a proxy on this machine). The default is "loopback":
 * the service listens on loopback only, so what reaches it from the network came through the TLS proxy in front, which
 * appends the client's address (proxy-addr then takes the nearest address that is not a trusted proxy's, so a client's
 * own X-Forwarded-For is never the one counted). Empty: none, and the client is whoever connects. Only a proxy that
 * sets those headers itself may be named: from any other client they are whatever it wrote.
 */
const trustedProxiesSchema = z
  .string()
  .transform((list) =>
    list
      .split(",")
      .map((p) => p.trim())
      .filter(Boolean),
  )
  .pipe(
    z.array(
      z.string().refine((p) => RANGES.has(p) || ipaddr.isValid(p) || ipaddr.isValidCIDR(p), {
        error: (issue) =>
          `HQ_TRUSTED_PROXIES: ${String(issue.input)} is not an address, a CIDR range or loopback, linklocal, uniquelocal.`,
      }),
    ),
  );

const configSchema = z.strictObject({
  host: z.string().refine((h) => LOOPBACK.has(h), "HQ_HOST must be a loopback address (127.0.0.1 or ::1)."),
  port: z.coerce.number().int().min(1).max(65535),
  databaseUrl: z
    .string()
    .refine(
      (u) => URL.canParse(u) && LOOPBACK.has(new URL(u).hostname),
      "HQ_DATABASE_URL must name a PostgreSQL server on loopback.",
    ),
  trustedProxies: trustedProxiesSchema,
});
export type HqConfig = z.infer<typeof configSchema>;

/**
 * The embedded defaults, each overridable by an environment variable: HQ_HOST, HQ_PORT, HQ_DATABASE_URL,
 * HQ_TRUSTED_PROXIES.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): HqConfig {
  return configSchema.parse({
    host: env.HQ_HOST ?? "127.0.0.1",
    port: env.HQ_PORT ?? "8787",
    databaseUrl: env.HQ_DATABASE_URL ?? DEFAULT_DATABASE_URL,
    trustedProxies: env.HQ_TRUSTED_PROXIES ?? "loopback",
  });
}
