import { z } from "zod";
import { dateRangeSchema } from "../contract/reports";
import { addOwnerCommand, ownerPasswordCommand } from "./auth/cli";
import { loadConfig } from "./config";
import { migrate } from "./migrate";
import { addLocation, newPairingCode, revokeTokens } from "./pairing";
import { locationFigures, weekdayHour } from "./reports";
import { buildServer } from "./server";
import { hqPool } from "./pool";

/**
 * `npm run hq` — the head-office service on its embedded defaults (127.0.0.1:8787, PostgreSQL
 * at postgresql://happyhead:happyhead@127.0.0.1:5432/happyhead_hq; HQ_HOST, HQ_PORT and
 * HQ_DATABASE_URL override them; HQ_TRUSTED_PROXIES=loopback believes the X-Forwarded-For of a TLS proxy on this
 * machine, hq/config.ts). Migrates the database, then serves. The head-office manager's
 * commands, on the same configuration:
 *
 *   npm run hq -- add-location "Downtown"      a new location and its pairing code
 *   npm run hq -- pairing-code <location id>   a new code for a location
 *   npm run hq -- revoke <location id>         revoke a location's tokens
 *   npm run hq -- report 2026-11-01 2026-11-30 every location's figures for the range, as JSON
 *   npm run hq -- add-owner <email>            an owner account for the web dashboard (asks the password)
 *   npm run hq -- owner-password <email>       replace an owner's password (signs them out everywhere)
 *   npm run hq -- weekday-hour 2026-11-01 2026-11-30 [location id]
 * check-ins by spa-local weekday × hour, chain-wide or one location's, as JSON
 */
const config = loadConfig();
// A connection lost (PostgreSQL restarted), idle or in use: dropped, and another opened on the next request.
const pool = hqPool(config.databaseUrl, 10, (error) =>
  console.error(`PostgreSQL connection lost (${error.code ?? "no code"}); reconnecting on the next request.`),
);
const [command = "serve", ...args] = process.argv.slice(2);

async function main(): Promise<void> {
  await migrate(pool);
  switch (command) {
    case "serve": {
      const app = buildServer({ pool, trustedProxies: config.trustedProxies });
      const stop = () => void app.close().then(() => pool.end());
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
      await app.listen({ host: config.host, port: config.port });
      console.log(`Head office listening on http://${config.host}:${config.port}`);
      return;
    }
    case "add-location": {
      const name = z.string().trim().min(1).max(80).parse(args.join(" "));
      const { locationId, code } = await addLocation(pool, name);
      console.log(`Location ${name}: id ${locationId}\nPairing code (valid 24 hours, once): ${code}`);
      break;
    }
    case "pairing-code":
      console.log(`Pairing code (valid 24 hours, once): ${await newPairingCode(pool, z.uuid().parse(args[0]))}`);
      break;
    case "revoke":
      console.log(`Revoked ${await revokeTokens(pool, z.uuid().parse(args[0]))} token(s).`);
      break;
    case "report":
      console.log(
        JSON.stringify(await locationFigures(pool, dateRangeSchema.parse({ from: args[0], to: args[1] })), null, 2),
      );
      break;
    case "add-owner":
      console.log(await addOwnerCommand(pool, args[0]));
      break;
    case "owner-password":
      console.log(await ownerPasswordCommand(pool, args[0]));
      break;
    case "weekday-hour": {
      const range = dateRangeSchema.parse({ from: args[0], to: args[1] });
      const location = args[2] === undefined ? undefined : z.uuid().parse(args[2]);
      console.log(JSON.stringify(await weekdayHour(pool, range, location), null, 2));
      break;
    }
    default:
      throw new Error(
        `Unknown command "${command}": serve, add-location, pairing-code, revoke, report, weekday-hour, add-owner or owner-password.`,
      );
  }
  await pool.end();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
