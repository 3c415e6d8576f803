// One database for the browser test run: a fresh embedded PostgreSQL 17 in a throwaway folder, migrations,
// the demo world. Each test file then starts its own app server (and browser) on it, see app.ts.
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmbeddedPostgres } from "../../../api/src/db/embedded-pg.ts";
import { migrate } from "../../../api/src/db/bootstrap.ts";
import { createPrisma } from "../../../api/src/db.ts";

export default async function setup() {
  const t0 = Date.now();
  const dir = mkdtempSync(join(tmpdir(), "medk-e2e-"));
  chmodSync(dir, 0o755);
  // Files of the demo world (document versions) go to the throwaway folder, not the repository's .data.
  const files = join(dir, "files");
  mkdirSync(files, { recursive: true });
  process.env.MEDK_STORAGE_DIR = files;

  const pg = await startEmbeddedPostgres({ dataDir: join(dir, "data"), persistent: false });
  try {
    await migrate(pg.url);
    const db = createPrisma(pg.url, { poolSize: 2 });
    const { seedDemo } = await import("../../../prisma/seed/demo.ts");
    await seedDemo(db);
    await db.$disconnect();
  } catch (e) {
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  // Inherited by the test workers.
  process.env.MEDK_E2E_DATABASE_URL = pg.url;
  console.log(`[e2e] database with the demo world ready in ${Date.now() - t0} ms`);
  return async () => {
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
