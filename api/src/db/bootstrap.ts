// Getting a database ready: the external one from DATABASE_URL or the embedded PostgreSQL in the data
// folder, migrations applied, the demo world loaded on first start.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { config, env } from "../config.ts";
import type { DB } from "../db.ts";
import { startEmbeddedPostgres } from "./embedded-pg.ts";

const root = fileURLToPath(new URL("../../../", import.meta.url));

export interface Database {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

/** DATABASE_URL when set; otherwise the embedded PostgreSQL 17 keeping its data in `<data>/pg`. */
export async function openDatabase(): Promise<Database> {
  const external = env.databaseUrl();
  if (external) return { url: external, embedded: false, stop: async () => {} };
  const port = env.embeddedPgPort();
  const pg = await startEmbeddedPostgres({ dataDir: `${config.dataDir}/pg`, port });
  return { url: pg.url, embedded: true, stop: pg.stop };
}

/** Applies pending migrations with the Prisma CLI (wasm schema engine, offline). */
export async function migrate(url: string): Promise<void> {
  const bin = `${root}node_modules/.bin/prisma`;
  if (!existsSync(bin)) throw new Error(`Prisma CLI not found at ${bin}: run pnpm install`);
  await promisify(execFile)(bin, ["migrate", "deploy"], { cwd: root, env: env.forChild({ DATABASE_URL: url }) });
}

/** Loads the demo world when the database holds no programme year yet. Returns whether it did. */
export async function seedIfEmpty(db: DB): Promise<boolean> {
  if ((await db.programmeYear.count()) > 0) return false;
  const { seedDemo } = await import("../../../prisma/seed/demo.ts");
  await seedDemo(db);
  return true;
}
