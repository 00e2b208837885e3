// `npm test`: build, lint, then every test layer, then one plain closing line with the totals:
// Node unit/integration (Vitest), renderer e2e in Chromium and Electron e2e (Playwright).
// Every tool runs as `node <its .js entry>` (scripts/node-tool.mjs), so this works on Windows too.
import { spawn, spawnSync } from "node:child_process";
import { closeSync, mkdirSync, openSync, readFileSync } from "node:fs";
import path from "node:path";
import { npmCommand, toolCommand } from "./node-tool.mjs";

const out = path.resolve(".test-reports");
mkdirSync(out, { recursive: true });
const run = ([cmd, args], env = {}) =>
  spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, ...env } }).status ?? 1;

if (run(npmCommand(["run", "build"])) !== 0) process.exit(1);
// Lint is ESLint's rules and Prettier's layout (`npm run lint`): a file Prettier would reformat fails the run
// (`npm run format` fixes it). It reads only the sources, so it runs beside the unit tests, writing to lint.log,
// which is printed whole once the tests are done.
const lintLog = path.join(out, "lint.log");
const lintFd = openSync(lintLog, "w");
const lintDone = new Promise((resolve) => {
  const [cmd, args] = npmCommand(["run", "--silent", "lint"]);
  const child = spawn(cmd, args, { stdio: ["ignore", lintFd, lintFd] });
  child.on("error", () => resolve(1));
  child.on("close", (status) => resolve(status ?? 1));
});
const unitStatus = run(
  toolCommand("vitest", "vitest", ["run", "--reporter=default", "--reporter=json", `--outputFile=${out}/vitest.json`]),
);
const e2eStatus = run(
  toolCommand("@playwright/test", "playwright", [
    "test",
    "--config",
    "e2e/playwright.config.ts",
    "--reporter=list,json",
  ]),
  {
    PLAYWRIGHT_JSON_OUTPUT_NAME: `${out}/playwright.json`,
  },
);
const lintStatus = await lintDone;
closeSync(lintFd);
console.log(`\nlint (npm run lint):\n${readFileSync(lintLog, "utf8").trimEnd() || "nothing to report"}`);
const totals = { passed: 0, failed: 0, skipped: 0 };
// The closing lines name every failed test with the first line of its error, so the end of a long log says what broke.
const failures = [];
const flaky = [];
const firstLine = (text) =>
  String(text ?? "")
    // eslint-disable-next-line no-control-regex -- a reporter's colour codes start with ESC
    .replace(/\u001b\[[0-9;]*m/g, "")
    .split("\n")
    .find((l) => l.trim() !== "") ?? "";
try {
  const v = JSON.parse(readFileSync(`${out}/vitest.json`, "utf8"));
  totals.passed += v.numPassedTests;
  totals.failed += v.numFailedTests;
  totals.skipped += v.numPendingTests + v.numTodoTests;
  for (const file of v.testResults ?? []) {
    for (const t of file.assertionResults ?? []) {
      const name = `${path.relative(".", file.name)} › ${t.fullName} (${Math.round((t.duration ?? 0) / 1000)} s) — ${firstLine(t.failureMessages?.[0])}`;
      if (t.status === "failed") failures.push(name);
      // A test that passed only on CI's second run keeps the first run's failure message.
      else if (t.status === "passed" && (t.failureMessages ?? []).length > 0) flaky.push(name);
    }
    if (file.status === "failed" && (file.assertionResults ?? []).length === 0)
      failures.push(`${path.relative(".", file.name)} — ${firstLine(file.message)}`);
  }
} catch {
  totals.failed += 1;
}
try {
  const p = JSON.parse(readFileSync(`${out}/playwright.json`, "utf8"));
  totals.passed += p.stats.expected + p.stats.flaky;
  totals.failed += p.stats.unexpected;
  totals.skipped += p.stats.skipped;
  const walk = (suite) => {
    for (const spec of suite.specs ?? [])
      for (const t of spec.tests ?? []) {
        const skip = (t.annotations ?? []).find((a) => a.type === "skip");
        if (skip) console.log(`skipped: ${spec.title} — ${skip.description ?? "no reason given"}`);
        if (t.status === "unexpected" || t.status === "flaky") {
          const error = t.results?.find((r) => r.error)?.error?.message;
          (t.status === "flaky" ? flaky : failures).push(
            `${spec.file}:${spec.line} › ${spec.title} — ${firstLine(error)}`,
          );
        }
      }
    for (const s of suite.suites ?? []) walk(s);
  };
  for (const s of p.suites ?? []) walk(s);
} catch {
  totals.failed += 1;
}
for (const f of flaky) console.log(`flaky (failed, then passed on CI's second run): ${f}`);
for (const f of failures) console.log(`failed: ${f}`);
console.log(`\nlint: ${lintStatus === 0 ? "clean" : "failed (the problems are listed above)"}`);
console.log(
  `${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped${flaky.length ? `, ${flaky.length} of the passed flaky` : ""}`,
);
process.exit(lintStatus !== 0 || unitStatus !== 0 || e2eStatus !== 0 || totals.failed > 0 ? 1 : 0);
