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
    testTimeout: 30_000,
    pool: "forks",
  },
});
