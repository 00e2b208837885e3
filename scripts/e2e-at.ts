// `npm run test:e2e:at -- HH:MM [YYYY-MM-DD] [playwright arguments…]`
// The renderer e2e suite with the machine's clock set to a time of day in the demo spa's zone, through libfaketime
// (Debian: `apt-get install faketime`): the clock ticks on from there, in the tests' process, its workers and Chromium.
// A test that passes at the hour CI happens to run and fails at another (a session booked for 10:00 has ended by 11:00)
// is found here before a CI run at that hour finds it. The demo spa's clock is the real one from 08:00 to 18:00 and
// the morning clock otherwise (db/demo/clock.ts), so its edges (07:59, 08:01, 17:45, 23:59) are the hours to try.
// Without spec arguments, every spec but head office's: PostgreSQL keeps the real clock, and head office's sessions
// and sign-in codes end by the database's clock, so two clocks days apart fail those tests without telling anything.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";
import { defaultSettings } from "../contract/settings";
import { localParts, zonedToUtc } from "../db/time";

const [time, ...rest] = process.argv.slice(2);
if (!time || !/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) {
  console.error("Usage: npm run test:e2e:at -- HH:MM [YYYY-MM-DD] [playwright arguments…], e.g. 17:45");
  process.exit(2);
}
const zone = defaultSettings.timeZone;
const day =
  rest[0] && /^\d{4}-\d{2}-\d{2}$/.test(rest[0]) ? (rest.shift() as string) : localParts(new Date(), zone).day;
const at = zonedToUtc(day, time, zone);
if (spawnSync("faketime", ["--version"]).error) {
  console.error("faketime is not installed (Debian: apt-get install faketime).");
  process.exit(2);
}
const e2e = path.resolve(__dirname, "..", "e2e");
const specs = rest.some((a) => !a.startsWith("-"))
  ? []
  : readdirSync(e2e)
      .filter((f) => f.endsWith(".spec.ts") && !f.startsWith("hq-"))
      .map((f) => path.join("e2e", f));
console.log(
  `e2e at ${day} ${time} in ${zone} (${at.toISOString()})${specs.length ? ", head office's specs left out" : ""}`,
);
const run = spawnSync(
  "faketime",
  [
    `@${Math.floor(at.getTime() / 1000)}`,
    "npx",
    "playwright",
    "test",
    "--config",
    "e2e/playwright.config.ts",
    ...specs,
    ...rest,
  ],
  // One timeline for every process it starts (Playwright's workers, Chromium), not each from the start time again.
  { stdio: "inherit", env: { ...process.env, FAKETIME_DONT_RESET: "1" }, cwd: path.resolve(__dirname, "..") },
);
process.exit(run.status ?? 1);
