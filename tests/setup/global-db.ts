// One database for the API test run: a fresh embedded PostgreSQL 17 (default) or the server named by
// DATABASE_URL (CI's second run on Debian's PostgreSQL 15). Migrations applied, demo world loaded;
// each test file then builds its own world beside it through tests/testkit.
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmbeddedPostgres } from "../../api/src/db/embedded-pg.ts";
import { migrate } from "../../api/src/db/bootstrap.ts";
import { createPrisma } from "../../api/src/db.ts";
import { seedDemo } from "../../prisma/seed/demo.ts";
import { cloneDatabase } from "../testkit/database.ts";

export default async function setup() {
  const t0 = Date.now();
  let url = process.env.DATABASE_URL;
  let stop = async () => {};
  if (!url) {
    const dir = mkdtempSync(join(tmpdir(), "medk-test-pg-"));
    chmodSync(dir, 0o755);
    const pg = await startEmbeddedPostgres({ dataDir: join(dir, "data"), persistent: false });
    url = pg.url;
    stop = async () => {
      await pg.stop();
      rmSync(dir, { recursive: true, force: true });
    };
  }
  await migrate(url);
  const db = createPrisma(url, { poolSize: 2 });
  await seedDemo(db);
  await db.$disconnect();
  // A frozen copy of the fresh world that no session uses, for files that need a database of their own
  // (tests/testkit/database.ts): the run's database is always in use by other files, so it cannot be copied.
  const template = await cloneDatabase(url, "tpl");
  process.env.DATABASE_URL = url; // inherited by the test workers
  process.env.MEDK_TEST_TEMPLATE_URL = template.url;
  console.log(`[tests] database ready in ${Date.now() - t0} ms`);
  return async () => {
    await template.drop().catch(() => {});
    await stop();
  };
}
