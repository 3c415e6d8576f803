import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

// graphql 16 ships CJS ("main") and ESM ("module") builds without an "exports" map: Vite would give our
// sources the ESM build while yoga and Pothos, loaded by Node, get the CJS one. Two GraphQLError classes
// then make yoga mask every deliberate error (FORBIDDEN, BAD_USER_INPUT) as "Unexpected error.".
// Pin the one build Node uses, as in production.
const graphqlCjs = createRequire(import.meta.url).resolve("graphql");
const resolve = { alias: [{ find: /^graphql$/, replacement: graphqlCjs }] };

// Three projects: pure unit tests beside the code, API tests against a real PostgreSQL and a real
// HTTP/WebSocket server, and browser journeys against the built app.
export default defineConfig({
  test: {
    projects: [
      {
        resolve,
        test: {
          name: "unit",
          include: ["api/src/**/*.test.ts", "prisma/**/*.test.ts", "web/src/**/*.test.ts"],
          // Projects run one after another (unit, then API, then browser): they differ in parallelism,
          // and on two cores they would only slow each other down.
          sequence: { groupOrder: 0 },
        },
      },
      {
        resolve,
        test: {
          name: "api",
          include: ["tests/api/**/*.test.ts"],
          globalSetup: ["tests/setup/global-db.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // Two cores: two files at a time keeps the database and the CPU busy without thrashing.
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
      {
        resolve,
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          // One database with the demo world for the run; each file starts its own app and browser on it.
          globalSetup: ["tests/e2e/helpers/global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
