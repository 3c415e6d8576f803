// Survey results of 5,000 participating schools through the real API: every question of the year's
// significance rules for all four questionnaires (leaders, teachers, students, parents), one row per school
// and question (~165,000 rows), uploaded by the federal coordinator over multipart HTTP to a real server on a
// fresh embedded PostgreSQL with the demo world. Measures the preview (read + judge + store every row) and
// the apply (answers written and 5,000 risk profiles computed in one transaction), then the re-import of
// the same file (every row unchanged).
//
//   node --expose-gc --import tsx bench/survey-import.ts [schools, default 5000]
//
// Target on the 2-core machine: preview + apply < 60 s.
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { execSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { innWithCheck } from "../api/src/modules/registry/checksums.ts";
import { groupOfCode, RESPONDENT_GROUPS } from "../api/src/modules/diagnostics/significance.ts";

const SCHOOLS = Number(process.argv[2] ?? 5000);
const TARGET = 60;

const root = mkdtempSync(join(tmpdir(), "medk-bench-survey-"));
chmodSync(root, 0o755);
process.env.MEDK_STORAGE_DIR = join(root, "files");

const { startEmbeddedPostgres } = await import("../api/src/db/embedded-pg.ts");
const { migrate } = await import("../api/src/db/bootstrap.ts");
const { createPrisma } = await import("../api/src/db.ts");
const { buildApp } = await import("../api/src/app.ts");
const { seedDemo } = await import("../prisma/seed/demo.ts");

let peak = 0;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 25);
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} МБ`;
const secs = (ms: number) => (ms / 1000).toFixed(1);

const pg = await startEmbeddedPostgres({ dataDir: join(root, "pg"), persistent: false });
const db = createPrisma(pg.url, { poolSize: 5 });
const app = buildApp({ db, web: false });
try {
  await migrate(pg.url);
  await seedDemo(db);
  // ---- 5,000 participants of the current year, spread over the demo municipalities
  const year = await db.programmeYear.findFirstOrThrow({ where: { programme: { regionId: null } }, orderBy: { year: "desc" }, include: { significanceRules: true } });
  const munis = await db.municipality.findMany({ select: { id: true } });
  const schools = Array.from({ length: SCHOOLS }, (_, i) => ({
    municipalityId: munis[i % munis.length]!.id,
    fullName: `Муниципальное общеобразовательное учреждение «Школа № ${i + 1}»`,
    shortName: `МОУ «Школа № ${i + 1}»`,
    inn: innWithCheck(String(300_000_000 + i)),
  }));
  for (let i = 0; i < schools.length; i += 2000) await db.school.createMany({ data: schools.slice(i, i + 2000) });
  const made = await db.school.findMany({ where: { inn: { in: schools.map((s) => s.inn) } }, select: { id: true } });
  await db.participation.createMany({ data: made.map((s) => ({ schoolId: s.id, programmeYearId: year.id, decree: "приказ № bench" })) });
  const codes = [...new Set(year.significanceRules.flatMap((r) => r.questionCodes))].sort();
  const groups = new Set(codes.map((c) => groupOfCode(c)));
  console.log(`year ${year.year}: ${year.significanceRules.length} rules, ${codes.length} questions of ${groups.size} questionnaires; ${SCHOOLS} participating schools`);

  // ---- the file, as the survey platform exports it: one row per school and question
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const lines = ["ИНН;Наименование;Группа респондентов;Код вопроса;Значение"];
  for (const s of schools) for (const c of codes) lines.push(`${s.inn};${s.shortName};${RESPONDENT_GROUPS[groupOfCode(c)!].title};${c};${rnd().toFixed(2).replace(".", ",")}`);
  const bytes = new TextEncoder().encode("\uFEFF" + lines.join("\r\n") + "\r\n");
  console.log(`file: ${lines.length - 1} rows, .csv ${mb(bytes.length)}`);

  // ---- through the real API
  const { url } = await app.start(0, "127.0.0.1");
  const gql = async (query: string, variables: Record<string, unknown>, token?: string) => {
    const res = await fetch(`${url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as any;
  };
  const token = (await gql("mutation($e: String!, $p: String!){ signIn(email: $e, password: $p){ token } }", { e: "fioco@demo.medk.ru", p: "demo-password" })).data.signIn.token;
  const PREVIEW = `mutation($input: PreviewRegistryImportInput!){ previewRegistryImport(input: $input){ __typename
    ... on Error { code message } ... on MutationPreviewRegistryImportSuccess { data { id newCount changedCount unchangedCount rejectedCount } } } }`;
  const upload = async () => {
    const form = new FormData();
    form.set("operations", JSON.stringify({ query: PREVIEW, variables: { input: { kind: "SURVEY", year: year.year, file: null } } }));
    form.set("map", JSON.stringify({ "0": ["variables.input.file"] }));
    form.set("0", new Blob([bytes]), "анкетирование.csv");
    const res = await fetch(`${url}/graphql`, { method: "POST", headers: { "x-graphql-yoga-csrf": "1", authorization: `Bearer ${token}` }, body: form });
    return (await res.json()) as any;
  };
  const timed = async <T>(f: () => Promise<T>) => {
    globalThis.gc?.();
    peak = process.memoryUsage().rss;
    const t0 = performance.now();
    const v = await f();
    return { v, ms: performance.now() - t0, peak: Math.max(peak, process.memoryUsage().rss) };
  };

  const p = await timed(upload);
  const pd = p.v.data?.previewRegistryImport?.data;
  if (!pd) throw new Error(`preview failed: ${JSON.stringify(p.v)}`);
  console.log(`preview: ${secs(p.ms)} s — new ${pd.newCount}, changed ${pd.changedCount}, unchanged ${pd.unchangedCount}, rejected ${pd.rejectedCount}; peak RSS ${mb(p.peak)}`);

  const a = await timed(() =>
    gql(
      "mutation($id: ID!){ applyRegistryImport(id: $id){ __typename ... on Error { code message } ... on MutationApplyRegistryImportSuccess { data { profilesCreated profilesLevelChanged } } } }",
      { id: pd.id },
      token,
    ),
  );
  const ad = a.v.data?.applyRegistryImport;
  if (ad?.__typename !== "MutationApplyRegistryImportSuccess") throw new Error(`apply failed: ${JSON.stringify(a.v)}`);
  const levels = await db.riskProfileEntry.groupBy({ by: ["significance"], _count: true, where: { profile: { participation: { programmeYearId: year.id } } } });
  console.log(
    `apply: ${secs(a.ms)} s — ${await db.surveyAnswer.count()} answers, profiles created ${ad.data.profilesCreated}, levels ${levels.map((l) => `${l.significance} ${l._count}`).join(", ")}; notifications ${await db.notification.count({ where: { kind: "PROFILE_RECOMPUTED" } })}; peak RSS ${mb(a.peak)}`,
  );

  const again = await timed(upload);
  const gd = again.v.data?.previewRegistryImport?.data;
  console.log(`re-import preview: ${secs(again.ms)} s — new ${gd?.newCount}, changed ${gd?.changedCount}, unchanged ${gd?.unchangedCount}`);

  clearInterval(sampler);
  const total = (p.ms + a.ms) / 1000;
  console.log(`preview + apply: ${total.toFixed(1)} s; process maxRSS ${mb(process.resourceUsage().maxRSS * 1024)} (server, database client and this script in one process)`);
  console.log(`uptime: ${execSync("uptime").toString().trim()}`);
  const ok = total < TARGET && gd?.unchangedCount === lines.length - 1;
  console.log(ok ? `OK: preview + apply < ${TARGET} s, re-import changes nothing` : "NOT MET: see the figures above");
  process.exitCode = ok ? 0 : 1;
} finally {
  clearInterval(sampler);
  await app.stop().catch(() => {});
  await db.$disconnect().catch(() => {});
  await pg.stop();
  rmSync(root, { recursive: true, force: true });
}
