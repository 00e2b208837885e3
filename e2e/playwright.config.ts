import { defineConfig } from "@playwright/test";

export default defineConfig({
  testDir: ".",
  testMatch: /.*\.spec\.ts$/,
  fullyParallel: false,
  // Two spec files at a time, as Vitest runs two test files: each worker has its own Chromium and its own demo spa
  // (fixtures.ts), and much of an e2e test is waiting on timers, paints and the worker threads, which the other uses.
  workers: 2,
  // As in vitest.config.ts: one more run on CI, and npm test names every test that needed it.
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  // How long an expectation waits for the page: a restore, an export or a report runs in the model's threads, and with
  // two workers on two busy cores took over 5 s at load 10. Speed is measured by `npm run bench`, never here.
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  outputDir: "../test-results",
});
