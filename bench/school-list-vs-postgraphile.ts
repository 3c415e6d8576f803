// The 500-school list against a generic PostgreSQL-to-GraphQL engine, on the same database in one run:
//
//   DATABASE_URL=… npx tsx bench/school-list-vs-postgraphile.ts [--seconds 10] [--connections 8] [--rounds 2]
//                                                                [--year 2023] [--size 500]
//
// Without DATABASE_URL a throwaway embedded PostgreSQL is started and the national data set generated in
// it (≈1.5 min); with it, the database must hold that set already (`tsx bench/seed-national.ts`).
//
// МЭДК (bench/report-server.ts) and PostGraphile 4 (bench/postgraphile-server.ts) each run in their own
// process with a pool of 10 connections. Both answer the same question — the first `size` schools taking
// part in `year`, by short name, each with its municipality, region, every participation (year, status)
// and the curators of each — МЭДК as the federal coordinator (reach: everything, so its access filters
// cost what they cost for the widest viewer), PostGraphile as the database owner with no access checks.
// The script first checks that both return the same schools with the same nested rows, counts the SQL
// statements of one request at two page sizes, then measures latency p50/p95/p99 and requests/s with one
// client and with `connections` concurrent clients. Each load level runs in `rounds` alternating slices
// (A B, B A, …) so that a change in the machine's load hits both engines alike; ratios are МЭДК ÷ PostGraphile.
import { fork, type ChildProcess } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { createPrisma } from "../api/src/db.ts";
import { createSession } from "../api/src/auth/session.ts";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const SECONDS = arg("seconds", 10);
const CONNECTIONS = arg("connections", 8);
const ROUNDS = Math.max(1, arg("rounds", 2));
const YEAR = arg("year", 2023);
const SIZE = arg("size", 500);
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(" ");
const loadAtStart = load();

// ---------------------------------------------------------------- the database

let url = process.env.DATABASE_URL;
let cleanup = async () => {};
if (!url) {
  const { startEmbeddedPostgres } = await import("../api/src/db/embedded-pg.ts");
  const { migrate } = await import("../api/src/db/bootstrap.ts");
  const { seedNational } = await import("../prisma/seed/national.ts");
  const root = mkdtempSync(join(tmpdir(), "medk-list-bench-"));
  chmodSync(root, 0o755);
  const pg = await startEmbeddedPostgres({ dataDir: join(root, "pg"), persistent: false });
  url = pg.url;
  await migrate(url);
  const { rows, ms } = await seedNational(url);
  console.log(`national data set generated: ${rows} rows in ${(ms / 1000).toFixed(0)} s`);
  cleanup = async () => {
    await pg.stop();
    rmSync(root, { recursive: true, force: true });
  };
}

const db = createPrisma(url, { poolSize: 2 });
const counts = {
  schools: await db.school.count(),
  participants: await db.participation.count({ where: { programmeYear: { year: YEAR } } }),
  participations: await db.participation.count(),
  curatorships: await db.curatorAssignment.count(),
};
if (counts.participants < SIZE) throw new Error(`year ${YEAR} has ${counts.participants} participants, fewer than --size ${SIZE}: seed the national data set`);
// The federal coordinator МЭДК answers as (its own domain: the national seed skips when its users exist).
const email = "federal@bench.medk.test";
const federal =
  (await db.user.findUnique({ where: { email } })) ?? (await db.user.create({ data: { email, fullName: "Федеральный координатор стенда", roles: { create: { role: "FEDERAL_COORDINATOR" } } } }));
const { token } = await createSession(db, federal.id);

// ---------------------------------------------------------------- the two servers

interface Engine {
  name: string;
  proc: ChildProcess;
  base: string;
  query: string;
  headers: Record<string, string>;
  /** The schools of a response, normalised to compare the two engines. */
  rows(data: any): unknown[];
}

async function start(script: string) {
  const proc = fork(new URL(script, import.meta.url).pathname, [], {
    execArgv: ["--import", "tsx"],
    env: { ...process.env, DATABASE_URL: url, NODE_ENV: "production", REPORT_CACHE_SECONDS: "0" },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const { port } = await new Promise<{ port: number }>((resolve) => proc.once("message", (m) => resolve(m as { port: number })));
  return { proc, base: `http://127.0.0.1:${port}` };
}

type School = { shortName: string; municipality: string; region: number; participations: { year: number; status: string; curators: string[] }[] };
const normal = (s: School) => ({
  ...s,
  participations: s.participations.map((p) => ({ ...p, curators: [...p.curators].sort() })).sort((a, b) => b.year - a.year),
});

const medk: Engine = {
  name: "МЭДК",
  ...(await start("./report-server.ts")),
  headers: { authorization: `Bearer ${token}` },
  query: `query($y: Int!, $n: Int) { schools(first: $n, filter: { programmeYear: $y }) { totalCount edges { node {
    id shortName municipality { name region { code name } }
    participations { status programmeYear { year } curators { curator { fullName } } } } } } }`,
  rows: (d) =>
    d.schools.edges.map(({ node: s }: any) =>
      normal({
        shortName: s.shortName,
        municipality: s.municipality.name,
        region: s.municipality.region.code,
        participations: s.participations.map((p: any) => ({ year: p.programmeYear.year, status: p.status, curators: p.curators.map((c: any) => c.curator.fullName) })),
      }),
    ),
};
const postgraphile: Engine = {
  name: "PostGraphile",
  ...(await start("./postgraphile-server.ts")),
  headers: {},
  query: `query($y: Int!, $n: Int) { allSchools(first: $n, orderBy: [SHORT_NAME_ASC, ID_ASC],
    filter: { participationsBySchoolId: { some: { programmeYearByProgrammeYearId: { year: { equalTo: $y } } } } }) {
    totalCount edges { node {
      id shortName municipalityByMunicipalityId { name regionByRegionId { code name } }
      participationsBySchoolId { nodes { status programmeYearByProgrammeYearId { year }
        curatorAssignmentsByParticipationId { nodes { userByCuratorId { fullName } } } } } } } } }`,
  rows: (d) =>
    d.allSchools.edges.map(({ node: s }: any) =>
      normal({
        shortName: s.shortName,
        municipality: s.municipalityByMunicipalityId.name,
        region: s.municipalityByMunicipalityId.regionByRegionId.code,
        participations: s.participationsBySchoolId.nodes.map((p: any) => ({
          year: p.programmeYearByProgrammeYearId.year,
          status: p.status,
          curators: p.curatorAssignmentsByParticipationId.nodes.map((c: any) => c.userByCuratorId.fullName),
        })),
      }),
    ),
};
const engines = [medk, postgraphile];

async function gql(e: Engine, n = SIZE) {
  const res = await fetch(`${e.base}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...e.headers },
    body: JSON.stringify({ query: e.query, variables: { y: YEAR, n } }),
  });
  const text = await res.text();
  const body = JSON.parse(text) as { data?: any; errors?: { message: string }[] };
  if (body.errors || !body.data) throw new Error(`${e.name}: ${JSON.stringify(body.errors)}`);
  return { data: body.data, bytes: text.length };
}

const ask = <T>(proc: ChildProcess, msg: object) =>
  new Promise<T>((resolve) => {
    proc.once("message", (m) => resolve(m as T));
    proc.send(msg);
  });
async function statementsOf(e: Engine, n: number) {
  await ask(e.proc, { cmd: "reset" });
  await gql(e, n);
  return ask<{ count: number; statements: string[] }>(e.proc, { cmd: "count" });
}

// ---------------------------------------------------------------- measuring

type Result = { n: number; rps: number; p50: number; p95: number; p99: number; cpu: number };
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

/** `connections` clients asking `e` back to back for `seconds`; the request times and the elapsed time. */
async function hammer(e: Engine, connections: number, seconds: number) {
  const times: number[] = [];
  const until = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < until) {
        const t0 = performance.now();
        await gql(e);
        times.push(performance.now() - t0);
      }
    }),
  );
  return { times, elapsed: (performance.now() - started) / 1000 };
}

const cpuOf = async (e: Engine) => {
  const u = await ask<{ user: number; system: number }>(e.proc, { cmd: "cpu" });
  return (u.user + u.system) / 1000;
};

/**
 * Both engines at one load level, in alternating slices; the pooled figures of each, with the CPU time
 * its server process spent per request (its own JavaScript; PostgreSQL's share is not in it).
 */
async function measure(connections: number): Promise<Map<Engine, Result>> {
  const acc = new Map(engines.map((e) => [e, { times: [] as number[], elapsed: 0, cpu: 0 }]));
  for (let r = 0; r < ROUNDS; r++) {
    for (const e of r % 2 ? [...engines].reverse() : engines) {
      const cpu = await cpuOf(e);
      const { times, elapsed } = await hammer(e, connections, SECONDS / ROUNDS);
      const a = acc.get(e)!;
      a.cpu += (await cpuOf(e)) - cpu;
      a.times.push(...times);
      a.elapsed += elapsed;
    }
  }
  return new Map(
    [...acc].map(([e, { times, elapsed, cpu }]) => {
      times.sort((a, b) => a - b);
      return [e, { n: times.length, rps: times.length / elapsed, p50: pct(times, 50), p95: pct(times, 95), p99: pct(times, 99), cpu: cpu / times.length }];
    }),
  );
}

const f1 = (x: number) => x.toFixed(1);
const row = (label: string, r: Result) =>
  `    ${label.padEnd(26)} p50 ${f1(r.p50).padStart(6)} ms · p95 ${f1(r.p95).padStart(6)} ms · p99 ${f1(r.p99).padStart(6)} ms · ${f1(r.rps).padStart(6)} req/s (${r.n}) · server CPU ${f1(r.cpu).padStart(5)} ms/req`;

console.log(`school list: МЭДК vs PostGraphile 4 — ${new Date().toISOString()}`);
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB RAM, load average at start ${loadAtStart} (shared with other work)`);
console.log(`node ${process.version}; both servers: own process, pool of 10 connections, NODE_ENV=production`);
console.log(`data: ${counts.schools} schools, ${counts.participants} taking part in ${YEAR}, ${counts.participations} participations and ${counts.curatorships} curatorships in all years`);
console.log(`request: the first ${SIZE} schools of ${YEAR} by short name with municipality, region, participations (year, status) and their curators; totalCount\n`);

// Same answer first: otherwise the timing compares different work.
const [a, b] = [await gql(medk), await gql(postgraphile)];
const same = JSON.stringify(medk.rows(a.data)) === JSON.stringify(postgraphile.rows(b.data));
const nested = (rows: any[]) => rows.reduce((n, s) => n + s.participations.length + s.participations.reduce((m: number, p: any) => m + p.curators.length, 0), 0);
console.log(
  `same answer: ${same ? "yes" : "NO"} — ${medk.rows(a.data).length} schools, ${nested(medk.rows(a.data))} nested participations and curators; ` +
    `totalCount ${a.data.schools.totalCount} / ${b.data.allSchools.totalCount}; response ${(a.bytes / 1024).toFixed(0)} KiB / ${(b.bytes / 1024).toFixed(0)} KiB`,
);
if (!same) throw new Error("the two engines answered differently: fix the queries before timing them");

for (const e of engines) {
  for (let i = 0; i < 30; i++) await gql(e);
  const big = await statementsOf(e, SIZE);
  const small = await statementsOf(e, Math.max(1, Math.round(SIZE / 10)));
  console.log(`${e.name.padEnd(12)} SQL statements per request: ${big.count} at ${SIZE} rows, ${small.count} at ${Math.max(1, Math.round(SIZE / 10))} (${big.statements.join(" · ")})`);
}
console.log("");

for (const connections of [1, CONNECTIONS]) {
  const m = await measure(connections);
  const [x, y] = [m.get(medk)!, m.get(postgraphile)!];
  console.log(`${connections} client${connections > 1 ? "s" : ""} (${SECONDS} s each, ${ROUNDS} alternating slices)`);
  console.log(row("МЭДК", x));
  console.log(row("PostGraphile", y));
  console.log(
    `    МЭДК ÷ PostGraphile:       p50 ×${(x.p50 / y.p50).toFixed(2)} · p95 ×${(x.p95 / y.p95).toFixed(2)} · p99 ×${(x.p99 / y.p99).toFixed(2)} · req/s ×${(x.rps / y.rps).toFixed(2)} · server CPU ×${(x.cpu / y.cpu).toFixed(2)} (below 1 is better, except req/s)\n`,
  );
}
console.log(`load average at end ${load()} — 2 cores, shared with other work`);

for (const e of engines) {
  e.proc.send({ cmd: "stop" });
  await new Promise((resolve) => e.proc.once("exit", resolve));
}
await db.session.deleteMany({ where: { userId: federal.id } });
await db.$disconnect();
await cleanup();
