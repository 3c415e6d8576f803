// Report benchmark on the national-scale data: `DATABASE_URL=… tsx bench/report-bench.ts [--seconds 10]
// [--connections 8] [--year 2023]`; `REPORT_CACHE_SECONDS=0` measures country-wide reports uncached. Seed the database first (`tsx bench/seed-national.ts`, DATABASE_URL pointing at it).
//
// For each scenario — the federal dashboard, one region's report, one municipality's drill-down, a
// 500-row school list with nested curator/municipality/status — it prints:
//   · SQL statements of one request (counted in the server process), also at a smaller page size;
//   · latency p50/p95/p99 and requests/s: sequentially and under `connections` concurrent clients;
//   · for the reports, the same aggregation SQL run directly on PostgreSQL (pg, same concurrency), so the
//     GraphQL overhead shows as a ratio.
// The server runs in a child process (bench/report-server.ts); a small keep-alive fetch loop is the load
// generator (autocannon is not a dependency of the project).
//
// Figure reports are measured twice in the same run: with the stored per-participation figures
// (report/sql/stored.ts, refreshed by the bench first, as the report job does) and with the reference
// sections (STORED_REPORT_FIGURES=0, switched in the server over IPC); the ratios are printed.
// The national data set has no federal coordinator: the bench adds one (bench.fioco@national.medk.test).
import { fork, type ChildProcess } from "node:child_process";
import { cpus, loadavg, totalmem } from "node:os";
import { hash } from "@node-rs/argon2";
import pg from "pg";
import { DEMO_PASSWORD } from "../prisma/seed/demo/accounts.ts";
import { createPrisma } from "../api/src/db.ts";
import { loadViewer } from "../api/src/auth/viewer.ts";
import { figureReportSql, emptyFilter, measureListSql } from "../api/src/modules/report/sql.ts";
import { refreshStoredFigures } from "../api/src/modules/report/sql/stored.ts";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const SECONDS = arg("seconds", 10);
const CONNECTIONS = arg("connections", 8);
const YEAR = arg("year", 2023);
/** `--only 1,2`: run only these scenarios (1-based). */
const ONLY = process.argv.includes("--only") ? process.argv[process.argv.indexOf("--only") + 1]!.split(",").map(Number) : null;
const url = process.env.DATABASE_URL;
if (!url) throw new Error("DATABASE_URL is not set (a database seeded with bench/seed-national.ts)");

// ---------------------------------------------------------------- the server and its statement counter

const server: ChildProcess = fork(new URL("./report-server.ts", import.meta.url).pathname, [], {
  execArgv: ["--import", "tsx"],
  env: { ...process.env, NODE_ENV: "production" },
  stdio: ["ignore", "inherit", "inherit", "ipc"],
});
const ask = <T>(msg: object) =>
  new Promise<T>((resolve) => {
    server.once("message", (m) => resolve(m as T));
    server.send(msg);
  });
const { port } = await new Promise<{ port: number }>((resolve) => server.once("message", (m) => resolve(m as { port: number })));
const base = `http://127.0.0.1:${port}`;

async function gql(query: string, variables: Record<string, unknown>, token?: string) {
  const res = await fetch(`${base}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: any; errors?: { message: string }[] };
  if (body.errors) throw new Error(`${body.errors[0]!.message}`);
  return body.data;
}

const signIn = async (email: string) => (await gql(`mutation($e: String!) { signIn(email: $e, password: "demo-password") { token } }`, { e: email })).signIn.token as string;

// ---------------------------------------------------------------- the data the scenarios use

const db = createPrisma(url, { poolSize: 4 });
const counts = {
  regions: await db.region.count(),
  municipalities: await db.municipality.count(),
  schools: await db.school.count(),
  participations: await db.participation.count({ where: { programmeYear: { year: YEAR } } }),
  documents: await db.document.count(),
  measures: await db.measure.count(),
};
// The heaviest region and, in it, the heaviest municipality of the year: the worst case of each level.
const [region] = await db.$queryRaw<{ id: string; code: number; n: number }[]>`
  SELECT r.id, r.code, count(*)::int AS n FROM "Participation" p JOIN "ProgrammeYear" py ON py.id = p."programmeYearId"
  JOIN "School" s ON s.id = p."schoolId" JOIN "Municipality" m ON m.id = s."municipalityId" JOIN "Region" r ON r.id = m."regionId"
  WHERE py.year = ${YEAR} GROUP BY r.id, r.code ORDER BY n DESC, r.code LIMIT 1`;
const [municipality] = await db.$queryRaw<{ id: string; name: string; n: number }[]>`
  SELECT m.id, m.name, count(*)::int AS n FROM "Participation" p JOIN "ProgrammeYear" py ON py.id = p."programmeYearId"
  JOIN "School" s ON s.id = p."schoolId" JOIN "Municipality" m ON m.id = s."municipalityId"
  WHERE py.year = ${YEAR} AND m."regionId" = ${region!.id}::uuid GROUP BY m.id, m.name ORDER BY n DESC, m.name LIMIT 1`;
const regionEmail = `region.${region!.code}@national.medk.test`;
const gidOf = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString("base64");

// The national data set has regional coordinators but no federal one (the demo world's fioco@demo.medk.ru
// is there only when the demo world was seeded too): the bench adds its own federal coordinator when needed.
const FED_EMAIL = "bench.fioco@national.medk.test";
const fedEmail = (await db.user.findUnique({ where: { email: "fioco@demo.medk.ru" } })) ? "fioco@demo.medk.ru" : FED_EMAIL;
if (fedEmail === FED_EMAIL && !(await db.user.findUnique({ where: { email: FED_EMAIL } })))
  await db.user.create({
    data: { email: FED_EMAIL, fullName: "Федеральный координатор (бенчмарк)", passwordHash: await hash(DEMO_PASSWORD), roles: { create: { role: "FEDERAL_COORDINATOR" } } },
  });

const tokens = { fed: await signIn(fedEmail), region: await signIn(regionEmail) };

const FIGURES = `participants withCurator profilesVerified inactive
  documents { owed submitted approved returned overdue approvedShare medianDaysToDecision }
  measures { measures dueSoFar doneOnTime overdue progress indicatorAttainment }`;

interface Scenario {
  name: string;
  token: string;
  query: string;
  variables: Record<string, unknown>;
  /** The same request at a smaller page, to show the statement count does not grow with the page. */
  small?: Record<string, unknown>;
  /** The aggregation SQL of the request (its report statements, run one after another) for the direct PostgreSQL run. */
  sql?: { text: string; values: unknown[] }[];
  /** The same statements with the reference sections instead of the stored figures. */
  reference?: { text: string; values: unknown[] }[];
}

const reach = async (email: string) => {
  const u = await db.user.findUniqueOrThrow({ where: { email } });
  return (await loadViewer(db, { id: "bench", userId: u.id, expiresAt: new Date(Date.now() + 3600_000) }))!.read;
};
/** Builds report SQL with the stored figures on or off (the switch is read when the SQL is built). */
const withStored = <T>(stored: boolean, build: () => T): T => {
  const before = process.env.STORED_REPORT_FIGURES;
  process.env.STORED_REPORT_FIGURES = stored ? "1" : "0";
  try {
    return build();
  } finally {
    if (before === undefined) delete process.env.STORED_REPORT_FIGURES;
    else process.env.STORED_REPORT_FIGURES = before;
  }
};
const directSql = async (email: string, groupBy: "REGION" | "MUNICIPALITY" | "SCHOOL", extra: Partial<ReturnType<typeof emptyFilter>> = {}, limit = 100, stored = true) => {
  const r = await reach(email);
  const q = withStored(stored, () =>
    figureReportSql(
      { kind: "MONITORING", filter: { ...emptyFilter([YEAR]), ...extra }, groupBy, order: { column: "group", desc: false }, page: { offset: 0, limit }, inactiveDays: 30 },
      { db, reach: r, now: new Date(), cacheMs: 0 },
    ),
  );
  return { text: q.text, values: q.values };
};
const directListSql = async (email: string, extra: Partial<ReturnType<typeof emptyFilter>>, limit = 100) => {
  const q = measureListSql(
    { filter: { ...emptyFilter([YEAR]), ...extra }, order: { column: "group", desc: false }, page: { offset: 0, limit } },
    { db, reach: await reach(email), now: new Date(), cacheMs: 0 },
  );
  return { text: q.text, values: q.values };
};

const scenarios: Scenario[] = [
  {
    name: "federal dashboard (85 regions)",
    token: tokens.fed,
    query: `query($y: Int!, $n: Int) { reportMonitoring(filter: { year: $y }, groupBy: REGION, first: $n) { totalCount edges { node { region { code name } ${FIGURES} } } } }`,
    variables: { y: YEAR, n: 100 },
    small: { y: YEAR, n: 10 },
    sql: [await directSql(fedEmail, "REGION")],
    reference: [await directSql(fedEmail, "REGION", {}, 100, false)],
  },
  {
    name: `one region's report (${region!.code}, ${region!.n} schools, by municipality)`,
    token: tokens.region,
    query: `query($y: Int!, $n: Int) { reportMonitoring(filter: { year: $y }, groupBy: MUNICIPALITY, first: $n) { totalCount edges { node { municipality { name } ${FIGURES} } } } }`,
    variables: { y: YEAR, n: 100 },
    small: { y: YEAR, n: 5 },
    sql: [await directSql(regionEmail, "MUNICIPALITY")],
    reference: [await directSql(regionEmail, "MUNICIPALITY", {}, 100, false)],
  },
  {
    name: `one municipality's drill-down (${municipality!.n} schools: by school + overdue measures)`,
    token: tokens.region,
    query: `query($y: Int!, $m: ID!, $n: Int) {
      reportMonitoring(filter: { year: $y, municipalityIds: [$m] }, groupBy: SCHOOL, first: $n) { totalCount edges { node { school { shortName } ${FIGURES} } } }
      reportMeasureList(filter: { year: $y, municipalityIds: [$m], overdueOnly: true }, first: $n) { totalCount edges { node { schoolName title dueDate status } } } }`,
    variables: { y: YEAR, m: gidOf("Municipality", municipality!.id), n: 100 },
    small: { y: YEAR, m: gidOf("Municipality", municipality!.id), n: 5 },
    sql: [await directSql(regionEmail, "SCHOOL", { municipalityIds: [municipality!.id] }), await directListSql(regionEmail, { municipalityIds: [municipality!.id], overdueOnly: true })],
    reference: [
      await directSql(regionEmail, "SCHOOL", { municipalityIds: [municipality!.id] }, 100, false),
      await directListSql(regionEmail, { municipalityIds: [municipality!.id], overdueOnly: true }),
    ],
  },
  {
    name: "school list, 500 rows with municipality, region, curators, status",
    token: tokens.fed,
    query: `query($y: Int!, $n: Int) { schools(first: $n, filter: { programmeYear: $y }) { totalCount edges { node {
      id shortName municipality { name region { code name } }
      participations { status programmeYear { year } curators { curator { fullName } } } } } } }`,
    variables: { y: YEAR, n: 500 },
    small: { y: YEAR, n: 50 },
  },
];

// ---------------------------------------------------------------- measuring

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function load(run: () => Promise<unknown>, connections: number, seconds: number) {
  const times: number[] = [];
  const until = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < until) {
        const t0 = performance.now();
        await run();
        times.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  return { n: times.length, rps: times.length / elapsed, p50: pct(times, 50), p95: pct(times, 95), p99: pct(times, 99) };
}

async function statementsOf(s: Scenario, variables: Record<string, unknown>) {
  await ask({ cmd: "reset" });
  await gql(s.query, variables, s.token);
  return ask<{ count: number; statements: string[] }>({ cmd: "count" });
}

const f1 = (x: number) => x.toFixed(1);
const row = (label: string, r: { n: number; rps: number; p50: number; p95: number; p99: number }) =>
  `    ${label.padEnd(34)} p50 ${f1(r.p50).padStart(6)} ms · p95 ${f1(r.p95).padStart(6)} ms · p99 ${f1(r.p99).padStart(6)} ms · ${f1(r.rps).padStart(6)} req/s (${r.n})`;

// The report job's work, done once before measuring (it runs every minute in the server).
const refreshStarted = performance.now();
const refreshed = await refreshStoredFigures(db);
const refreshMs = performance.now() - refreshStarted;

const pool = new pg.Pool({ connectionString: url, max: CONNECTIONS });
const pgVersion = (await pool.query("SHOW server_version")).rows[0].server_version;
const size = (await pool.query("SELECT pg_size_pretty(pg_database_size(current_database())) AS s")).rows[0].s;

console.log(`МЭДК report benchmark — ${new Date().toISOString()}`);
console.log(
  `machine: ${cpus().length} × ${cpus()[0]?.model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB RAM, load average ${loadavg()
    .map((x) => x.toFixed(2))
    .join(" ")} (shared with other work)`,
);
console.log(`node ${process.version}, PostgreSQL ${pgVersion}, database ${size}; server pool 10 connections, NODE_ENV=production`);
console.log(
  `data (year ${YEAR}): ${counts.regions} regions, ${counts.municipalities} municipalities, ${counts.schools} schools, ${counts.participations} participations; ` +
    `${counts.documents} documents, ${counts.measures} measures in all years`,
);
console.log(`stored figures: ${refreshed} participations refreshed in ${(refreshMs / 1000).toFixed(1)} s before measuring (load average now ${loadavg()[0]!.toFixed(2)})`);
console.log(`load: ${CONNECTIONS} concurrent connections for ${SECONDS} s per run, after 20 warm-up requests`);
console.log(`country-wide report cache: REPORT_CACHE_SECONDS=${process.env.REPORT_CACHE_SECONDS ?? 60} (0 = every request runs its SQL)\n`);

for (const [i0, s] of scenarios.entries()) {
  if (ONLY && !ONLY.includes(i0 + 1)) continue;
  for (let i = 0; i < 20; i++) await gql(s.query, s.variables, s.token);
  const st = await statementsOf(s, s.variables);
  const small = s.small ? await statementsOf(s, s.small) : null;
  console.log(`${s.name}`);
  console.log(`    SQL statements per request: ${st.count} (${st.statements.join(" · ")})${small ? `; at a smaller page: ${small.count}` : ""}`);
  const one = await load(() => gql(s.query, s.variables, s.token), 1, Math.min(5, SECONDS));
  console.log(row("GraphQL, 1 client", one));
  const many = await load(() => gql(s.query, s.variables, s.token), CONNECTIONS, SECONDS);
  console.log(row(`GraphQL, ${CONNECTIONS} clients`, many));
  const direct = async (statements: { text: string; values: unknown[] }[], label: string) => {
    const runSql = async () => {
      for (const q of statements) await pool.query(q.text, q.values);
    };
    const d1 = await load(runSql, 1, Math.min(5, SECONDS));
    console.log(row(`${label}SQL on PostgreSQL, 1 client`, d1));
    const dN = await load(runSql, CONNECTIONS, SECONDS);
    console.log(row(`${label}SQL on PostgreSQL, ${CONNECTIONS} clients`, dN));
    return { d1, dN };
  };
  if (s.sql) {
    const { d1, dN } = await direct(s.sql, "same ");
    console.log(`    GraphQL / SQL: p50 ×${(one.p50 / d1.p50).toFixed(2)} (1 client), p95 ×${(many.p95 / dN.p95).toFixed(2)} (${CONNECTIONS} clients)`);
    if (s.reference) {
      // The same request with the reference sections (what the reports ran before the stored figures).
      await ask({ cmd: "env", key: "STORED_REPORT_FIGURES", value: "0" });
      for (let i = 0; i < 2; i++) await gql(s.query, s.variables, s.token);
      const refOne = await load(() => gql(s.query, s.variables, s.token), 1, Math.min(5, SECONDS));
      console.log(row("reference: GraphQL, 1 client", refOne));
      const refMany = await load(() => gql(s.query, s.variables, s.token), CONNECTIONS, SECONDS);
      console.log(row(`reference: GraphQL, ${CONNECTIONS} clients`, refMany));
      await ask({ cmd: "env", key: "STORED_REPORT_FIGURES", value: "1" });
      const ref = await direct(s.reference, "reference: ");
      console.log(
        `    reference / stored: GraphQL p50 ×${(refOne.p50 / one.p50).toFixed(1)}, p95 ×${(refOne.p95 / one.p95).toFixed(1)} (1 client), ` +
          `p95 ×${(refMany.p95 / many.p95).toFixed(1)} (${CONNECTIONS} clients); SQL p50 ×${(ref.d1.p50 / d1.p50).toFixed(1)} (1 client), p95 ×${(ref.dN.p95 / dN.p95).toFixed(1)} (${CONNECTIONS} clients)`,
      );
    }
  }
  console.log(
    `    load average after: ${loadavg()
      .map((x) => x.toFixed(2))
      .join(" ")}`,
  );
  console.log("");
}

server.send({ cmd: "stop" });
await new Promise((resolve) => server.once("exit", resolve));
await pool.end();
await db.$disconnect();
