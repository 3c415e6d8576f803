import { defineConfig } from "vitest/config";

// Three projects: pure unit tests beside the code, API tests against a real PostgreSQL and a real
// HTTP/WebSocket server, and browser journeys against the built app.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["api/src/**/*.test.ts", "prisma/**/*.test.ts"],
        },
      },
      {
        test: {
          name: "api",
          include: ["tests/api/**/*.test.ts"],
          globalSetup: ["tests/setup/global-db.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // Two cores: two files at a time keeps the database and the CPU busy without thrashing.
          maxWorkers: 2,
        },
      },
      {
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
