// Benchmark of the national-scale generator: `tsx bench/seed-national.ts`.
// With DATABASE_URL it migrates and fills that database (give it a fresh one); without, it starts a
// throwaway embedded PostgreSQL in a temp dir and removes it afterwards.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmbeddedPostgres, type EmbeddedDb } from "../api/src/db/embedded-pg.ts";
import { seedNational } from "../prisma/seed/national.ts";

let embedded: EmbeddedDb | undefined;
let tempDir: string | undefined;
let url = process.env.DATABASE_URL;
if (!url) {
  tempDir = mkdtempSync(join(tmpdir(), "medk-bench-"));
  embedded = await startEmbeddedPostgres({ dataDir: join(tempDir, "pg"), persistent: false });
  url = embedded.url;
  console.log(`embedded PostgreSQL in ${tempDir}`);
}

try {
  const t0 = performance.now();
  execFileSync("node_modules/.bin/prisma", ["migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: url },
    stdio: "ignore",
  });
  console.log(`migrations applied in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const { rows, ms } = await seedNational(url, { onProgress: (msg) => console.log(msg) });
  if (rows === 0) console.log("the database already held the national data set: nothing measured");
  else {
    const s = ms / 1000;
    console.log(`seed-national: ${rows} rows in ${s.toFixed(1)} s — ${Math.round(rows / s)} rows/s`);
  }
} finally {
  await embedded?.stop();
  if (tempDir) rmSync(tempDir, { recursive: true, force: true });
}
