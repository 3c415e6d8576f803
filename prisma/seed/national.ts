// The national-scale data set for load and report testing: 85 regions, ~2,400 municipalities, 40,000
// schools, 5,000 participations in each of 2021–2023 with risk profiles, documents, reviews and
// roadmaps (≈450k measures), curators and coordinators. Deterministic (seeded PRNG, ids included) and
// written with batched raw inserts (see national/bulk.ts).
import { hash } from "@node-rs/argon2";
import pg from "pg";
import { DEMO_PASSWORD } from "./demo/accounts.ts";
import { Prng } from "./lib/prng.ts";
import { BulkLoader } from "./national/bulk.ts";
import { writeMunicipalRoadmaps } from "./national/municipal.ts";
import { writeDocuments, writeParticipation, writeProfile, writeRoadmap, type ParticipationContext } from "./national/participation.ts";
import { buildPeople, NATIONAL_DOMAIN } from "./national/people.ts";
import { ensureReference, NATIONAL_YEARS } from "./national/reference.ts";
import { verifyForeignKeys } from "./national/verify.ts";
import { partitionWriters, sharedWriters } from "./national/tables.ts";
import { buildTerritory, chooseParticipants } from "./national/territory.ts";

export const NATIONAL_SIZE = { municipalities: 2400, schools: 40_000, participationsPerYear: 5000 };

/**
 * Per-row foreign-key triggers cost about a third of the load. A superuser (the embedded database's
 * `postgres`) may switch them off for the session, as pg_restore does; the keys are then verified once,
 * set-based, at the end. Other roles keep the triggers.
 */
async function skipForeignKeyTriggers(c: pg.Client): Promise<boolean> {
  try {
    await c.query("SET session_replication_role = replica");
    return true;
  } catch {
    return false;
  }
}

/**
 * Generates the national data set into the database at `url` (migrated; the demo world may be there).
 * Skips, returning zero rows, when national users already exist: the data set is written once.
 */
export async function seedNational(url: string, opts: { onProgress?: (msg: string) => void; scale?: number; connections?: number } = {}): Promise<{ rows: number; ms: number }> {
  const started = performance.now();
  const say = opts.onProgress ?? (() => {});
  const scale = opts.scale ?? 1;
  const connections = opts.connections ?? 2;
  const size = {
    municipalities: Math.round(NATIONAL_SIZE.municipalities * scale),
    schools: Math.round(NATIONAL_SIZE.schools * scale),
    participationsPerYear: Math.round(NATIONAL_SIZE.participationsPerYear * scale),
  };
  let withoutTriggers = true;
  const connect = async () => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    // Losing the last batches in a crash is harmless here; waiting for each WAL flush is not free.
    await c.query("SET synchronous_commit = off");
    withoutTriggers &&= await skipForeignKeyTriggers(c);
    return c;
  };
  const clients = [await connect()];
  try {
    const client = clients[0]!;
    const present = await client.query(`SELECT 1 FROM "User" WHERE email LIKE $1 LIMIT 1`, [`%@${NATIONAL_DOMAIN}`]);
    if (present.rowCount) {
      say("national: data set already present, skipped");
      return { rows: 0, ms: performance.now() - started };
    }
    const ref = await ensureReference(client);
    // Parallel connections pay only without FK triggers: with them, concurrent checks lock the same
    // parent rows (risk factors, years) and PostgreSQL falls back to slow multixact locks.
    while (withoutTriggers && clients.length < connections) clients.push(await connect());

    let lastReport = performance.now();
    const inserted = () => loaders.reduce((n, l) => n + l.total, 0);
    const report = () => {
      const now = performance.now();
      if (now - lastReport < 3000) return;
      lastReport = now;
      const s = (now - started) / 1000;
      const measures = loaders.reduce((n, l) => n + (l.inserted.get("Measure") ?? 0), 0);
      say(`national: ${inserted()} rows (${measures} measures) in ${s.toFixed(0)} s, ${Math.round(inserted() / s)} rows/s`);
    };
    const loaders = clients.map((c) => new BulkLoader(c, { onInserted: report }));
    const prng = new Prng("medk-national-v1");

    const shared = sharedWriters(loaders[0]!);
    const world = buildTerritory(prng, ref.regions, size, shared);
    const participations = chooseParticipants(prng, world, NATIONAL_YEARS, size.participationsPerYear);
    const people = buildPeople(prng, world, participations, await hash(DEMO_PASSWORD), shared);
    await loaders[0]!.drain();
    say(`national: ${world.length} regions, ${size.municipalities} municipalities, ${size.schools} schools, ${participations.length} participations`);

    const contexts = loaders.map((l): ParticipationContext => ({
      prng,
      w: partitionWriters(l),
      people,
      factors: ref.factors,
      years: ref.years,
    }));
    for (const [i, p] of participations.entries()) {
      const ctx = contexts[i % contexts.length]!;
      writeParticipation(ctx, p);
      const chosen = writeProfile(ctx, p);
      writeDocuments(ctx, p, chosen);
      writeRoadmap(ctx, p, chosen);
      if (i % contexts.length === contexts.length - 1) await Promise.all(loaders.map((l) => l.ready()));
    }
    writeMunicipalRoadmaps(prng, world, ref.years, contexts[0]!.w);
    await Promise.all(loaders.map((l) => l.drain()));

    if (withoutTriggers) {
      const checked = await verifyForeignKeys(client, [...new Set(loaders.flatMap((l) => [...l.inserted.keys()]))]);
      say(`national: ${checked} foreign keys verified`);
    }
    // Fresh statistics, so the planner sees hundreds of thousands of rows and not an empty table.
    say("national: ANALYZE");
    await client.query("ANALYZE");
    const ms = performance.now() - started;
    const byTable = new Map<string, number>();
    for (const l of loaders) for (const [t, n] of l.inserted) byTable.set(t, (byTable.get(t) ?? 0) + n);
    say(`national: done — ${[...byTable].map(([t, n]) => `${t} ${n}`).join(", ")}`);
    return { rows: inserted() + ref.inserted, ms };
  } finally {
    await Promise.all(clients.map((c) => c.end()));
  }
}
