import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: [
      "contract/**/*.test.ts",
      "db/**/*.test.ts",
      "electron/**/*.test.ts",
      "scripts/**/*.test.ts",
      "build/**/*.test.ts",
      "renderer/**/*.test.ts",
      "hq/**/*.test.ts",
    ],
    environment: "node",
    // A guard against a hang, not a speed target (those are bench/'s ratios): generous enough for
    // a test that builds a busy year's database on a CI machine's two busy cores.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: "forks",
    // Two test files at a time on CI's two cores, where Vitest's default (cores - 1) runs one: most files wait
    // on fsync, worker threads, child processes or PostgreSQL for much of their time, which the other file uses.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // On CI a failed test runs once more; one that passes then still counts, and npm test's closing
    // lines name it as flaky with its first failure, so a flake is seen and mended, never hidden.
    retry: process.env.CI ? 1 : 0,
  },
});
