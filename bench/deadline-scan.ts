// What one deadline scan costs on the national data set (≈450k measures, 15k participations with
// documents): the first scan at a moment inside a programme year (it writes every alert due by then),
// then the steady state every 15 minutes brings (everything already sent: the scan only proves it).
//
//   npx tsx bench/deadline-scan.ts [ISO moment, default 2023-06-15T03:00:00Z]
//
// With DATABASE_URL it uses that database (migrated and seeded with `--scale national`, or seeded
// here). Without, it keeps an embedded PostgreSQL in .data/bench-deadline on port 54331
// (BENCH_PG_PORT), seeded once and reused by later runs. Notifications the bench writes are deleted at
// the end, so every run measures the same first scan.
import { performance } from "node:perf_hooks";
import pg from "pg";
import { startEmbeddedPostgres, type EmbeddedDb } from "../api/src/db/embedded-pg.ts";
import { migrate } from "../api/src/db/bootstrap.ts";
import { createPrisma } from "../api/src/db.ts";
import { runDeadlineScan, scanStatements } from "../api/src/modules/deadline/scan.ts";
import { seedNational } from "../prisma/seed/national.ts";

const now = new Date(process.argv[2] ?? "2023-06-15T03:00:00Z");
let embedded: EmbeddedDb | undefined;
let url = process.env.DATABASE_URL;
if (!url) {
  embedded = await startEmbeddedPostgres({ dataDir: ".data/bench-deadline", port: Number(process.env.BENCH_PG_PORT ?? 54331) });
  url = embedded.url;
  console.log(`embedded PostgreSQL .data/bench-deadline on ${new URL(url).port}`);
}

const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const db = createPrisma(url, { poolSize: 2 });
const client = new pg.Client({ connectionString: url });
try {
  await migrate(url);
  const seeded = await seedNational(url, { onProgress: (m) => console.log(m) });
  if (seeded.rows) console.log(`national data set written: ${seeded.rows} rows in ${secs(seeded.ms)}`);
  await client.connect();
  await client.query("ANALYZE");
  const count = async (sql: string) => Number((await client.query(sql)).rows[0].n);
  console.log(
    `data: ${await count(`SELECT count(*) n FROM "Measure"`)} measures, ` +
      `${await count(`SELECT count(*) n FROM "Measure" WHERE status IN ('PLANNED','IN_PROGRESS')`)} open, ` +
      `${await count(`SELECT count(*) n FROM "Participation"`)} participations, ${await count(`SELECT count(*) n FROM "Document"`)} documents, ` +
      `${await count(`SELECT count(*) n FROM "Notification"`)} notifications before`,
  );
  const lastId = await count(`SELECT COALESCE(max(id), 0) n FROM "Notification"`);
  console.log(`scan at ${now.toISOString()}`);

  try {
    const first = await runDeadlineScan(db, null, now);
    const { ms, ...written } = first;
    console.log(`first scan: ${secs(ms)}, wrote ${JSON.stringify(written)}`);
    const steady: number[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await runDeadlineScan(db, null, now);
      if (Object.entries(r).some(([k, v]) => k !== "ms" && v)) throw new Error(`a repeated scan wrote alerts again: ${JSON.stringify(r)}`);
      steady.push(r.ms);
    }
    const later = await runDeadlineScan(db, null, new Date(now.getTime() + 15 * 60_000));
    console.log(`repeated scan (nothing new): ${steady.map(secs).join(", ")}; 15 minutes later: ${secs(later.ms)}`);

    // Where the time goes, as on a first scan: every statement explained in one transaction that is
    // rolled back (EXPLAIN ANALYZE runs them), after the bench's own alerts are gone again.
    const removed = await client.query(`DELETE FROM "Notification" WHERE id > $1`, [lastId]);
    console.log(`removed the ${removed.rowCount} notifications the bench wrote; the first scan explained:`);
    await client.query("BEGIN");
    try {
      for (const { name, sql } of scanStatements(now)) {
        if (name === "collector") {
          await client.query(sql.text, sql.values as unknown[]);
          continue;
        }
        const t0 = performance.now();
        const plan = await client.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${sql.text}`, sql.values as unknown[]);
        const top = plan.rows[0]["QUERY PLAN"][0];
        const rows = top.Plan.Plans?.[0]?.["Actual Rows"] ?? top.Plan["Actual Rows"];
        console.log(
          `  ${name}: ${top["Execution Time"].toFixed(0)} ms, ${rows} rows, ${top.Plan["Shared Hit Blocks"] + top.Plan["Shared Read Blocks"]} blocks (${secs(performance.now() - t0)} with planning)`,
        );
      }
    } finally {
      await client.query("ROLLBACK");
    }
  } finally {
    await client.query(`DELETE FROM "Notification" WHERE id > $1`, [lastId]);
  }
} finally {
  await client.end().catch(() => {});
  await db.$disconnect();
  await embedded?.stop();
}
