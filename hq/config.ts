import { z } from "zod";

/** The head office listens and connects on loopback only (this product's deployments put a TLS proxy in front). */
const LOOPBACK = new Set(["127.0.0.1", "::1", "[::1]", "localhost"]);

const DEFAULT_DATABASE_URL = "postgresql://happyhead:happyhead@127.0.0.1:5432/happyhead_hq";

const configSchema = z.strictObject({
  host: z.string().refine((h) => LOOPBACK.has(h), "HQ_HOST must be a loopback address (127.0.0.1 or ::1)."),
  port: z.coerce.number().int().min(1).max(65535),
  databaseUrl: z
    .string()
    .refine(
      (u) => URL.canParse(u) && LOOPBACK.has(new URL(u).hostname),
      "HQ_DATABASE_URL must name a PostgreSQL server on loopback.",
    ),
});
export type HqConfig = z.infer<typeof configSchema>;

/** The embedded defaults, each overridable by an environment variable: HQ_HOST, HQ_PORT, HQ_DATABASE_URL. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): HqConfig {
  return configSchema.parse({
    host: env.HQ_HOST ?? "127.0.0.1",
    port: env.HQ_PORT ?? "8787",
    databaseUrl: env.HQ_DATABASE_URL ?? DEFAULT_DATABASE_URL,
  });
}
