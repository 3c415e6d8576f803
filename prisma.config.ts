import { defineConfig } from "prisma/config";
import { migrateAdapter } from "./prisma/migrate-adapter.ts";

// With a config file the CLI does not read .env itself.
try {
  process.loadEnvFile();
} catch {
  // No .env file: the environment alone configures the CLI.
}
// `url = env("DATABASE_URL")` must resolve even for `prisma generate`, or Prisma 6 falls back to the
// native query engine and tries to download it (impossible offline).
process.env.DATABASE_URL ??= "postgresql://postgres:postgres@127.0.0.1:5432/medk";

export default defineConfig({
  experimental: { adapter: true },
  // The wasm schema engine bundled in the prisma package: no binary download.
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  adapter: async () => migrateAdapter(process.env.DATABASE_URL!),
});
