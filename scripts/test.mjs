// `npm test`: build, lint, then every test layer, then one plain closing line with the totals:
// Node unit/integration (Vitest), renderer e2e in Chromium and Electron e2e (Playwright).
// Every tool runs as `node <its .js entry>` (scripts/node-tool.mjs), so this works on Windows too.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { npmCommand, toolCommand } from "./node-tool.mjs";

const out = path.resolve(".test-reports");
mkdirSync(out, { recursive: true });
const run = ([cmd, args], env = {}) => spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, ...env } }).status ?? 1;

if (run(npmCommand(["run", "build"])) !== 0) process.exit(1);
const lintStatus = run(toolCommand("eslint", "eslint", ["."]));
const unitStatus = run(toolCommand("vitest", "vitest", ["run", "--reporter=default", "--reporter=json", `--outputFile=${out}/vitest.json`]));
const e2eStatus = run(toolCommand("@playwright/test", "playwright", ["test", "--config", "e2e/playwright.config.ts", "--reporter=list,json"]), {
  PLAYWRIGHT_JSON_OUTPUT_NAME: `${out}/playwright.json`,
});
const totals = { passed: 0, failed: 0, skipped: 0 };
try {
  const v = JSON.parse(readFileSync(`${out}/vitest.json`, "utf8"));
  totals.passed += v.numPassedTests;
  totals.failed += v.numFailedTests;
  totals.skipped += v.numPendingTests + v.numTodoTests;
} catch {
  totals.failed += 1;
}
try {
  const p = JSON.parse(readFileSync(`${out}/playwright.json`, "utf8"));
  totals.passed += p.stats.expected + p.stats.flaky;
  totals.failed += p.stats.unexpected;
  totals.skipped += p.stats.skipped;
  const walk = (suite) => {
    for (const spec of suite.specs ?? []) for (const t of spec.tests ?? []) {
      const skip = (t.annotations ?? []).find((a) => a.type === "skip");
      if (skip) console.log(`skipped: ${spec.title} — ${skip.description ?? "no reason given"}`);
    }
    for (const s of suite.suites ?? []) walk(s);
  };
  for (const s of p.suites ?? []) walk(s);
} catch {
  totals.failed += 1;
}
console.log(`\nlint: ${lintStatus === 0 ? "clean" : "failed (the problems are listed above)"}`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(lintStatus !== 0 || unitStatus !== 0 || e2eStatus !== 0 || totals.failed > 0 ? 1 : 0);
