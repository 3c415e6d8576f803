// A national school registry through the real API: 40,000 schools of 85 regions in ~2,400 municipalities,
// as .xlsx and as .csv, uploaded by the federal coordinator over multipart HTTP to a real server on a
// fresh embedded PostgreSQL. Measures the preview (read + judge + store every row), the apply (one
// transaction) and the re-import of the same file as .csv (every row unchanged), with the process's peak
// RSS; then shows that a file over the limit is refused with a clear message.
//
//   node --expose-gc --import tsx bench/registry-import.ts [rows, default 40000]
//
// Targets on the 2-core machine: preview < 30 s, apply < 60 s.
import { hash } from "@node-rs/argon2";
import ExcelJS from "exceljs";
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { innWithCheck, ogrnWithCheck } from "../api/src/modules/registry/checksums.ts";
import { PROGRAMME_REGIONS } from "../prisma/seed/regions.ts";

const ROWS = Number(process.argv[2] ?? 40_000);
const MUNICIPALITIES = 2400;
const PASSWORD = "bench-password-123";
const TARGET = { preview: 30, apply: 60 };

const root = mkdtempSync(join(tmpdir(), "medk-bench-registry-"));
chmodSync(root, 0o755);
process.env.MEDK_STORAGE_DIR = join(root, "files");

const { startEmbeddedPostgres } = await import("../api/src/db/embedded-pg.ts");
const { migrate } = await import("../api/src/db/bootstrap.ts");
const { createPrisma } = await import("../api/src/db.ts");
const { buildApp } = await import("../api/src/app.ts");

let peak = 0;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 25);
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} МБ`;
const secs = (ms: number) => (ms / 1000).toFixed(1);

const pg = await startEmbeddedPostgres({ dataDir: join(root, "pg"), persistent: false });
const db = createPrisma(pg.url, { poolSize: 5 });
const app = buildApp({ db, web: false });
try {
  await migrate(pg.url);
  // ---- the country: regions, municipalities, a federal coordinator
  await db.region.createMany({ data: PROGRAMME_REGIONS.map((r) => ({ code: r.code, name: r.name, timeZone: r.timeZone })) });
  const regions = await db.region.findMany({ orderBy: { code: "asc" } });
  const munis: { regionCode: number; name: string }[] = [];
  for (let i = 0; i < MUNICIPALITIES; i++) {
    const r = regions[i % regions.length]!;
    munis.push({ regionCode: r.code, name: `Муниципальный район № ${Math.floor(i / regions.length) + 1} (${r.code})` });
  }
  const regionId = new Map(regions.map((r) => [r.code, r.id]));
  await db.municipality.createMany({ data: munis.map((m) => ({ regionId: regionId.get(m.regionCode)!, name: m.name })) });
  await db.user.create({ data: { email: "fed@bench.medk.ru", fullName: "Федеральный координатор", passwordHash: await hash(PASSWORD), roles: { create: { role: "FEDERAL_COORDINATOR" } } } });

  // ---- the registry file, as a ministry would send it
  const header = ["Код субъекта", "Муниципальное образование", "Полное наименование", "Краткое наименование", "ИНН", "ОГРН", "Адрес", "Школа кураторов"];
  const row = (i: number) => {
    const m = munis[i % munis.length]!;
    const n = String(i + 1);
    return [
      String(m.regionCode),
      m.name,
      `Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № ${n}» ${m.name}`,
      `МБОУ СОШ № ${n}`,
      innWithCheck(String(100_000_000 + i)),
      ogrnWithCheck(String(102_000_000_000 + i)),
      `${m.name}, ул. Школьная, д. ${(i % 97) + 1}`,
      i % 10 === 0 ? "да" : "нет",
    ];
  };
  const xlsxPath = join(root, "реестр.xlsx");
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: xlsxPath, useSharedStrings: false, useStyles: false });
  const ws = wb.addWorksheet("Реестр");
  ws.addRow(header).commit();
  for (let i = 0; i < ROWS; i++) ws.addRow(row(i)).commit();
  ws.commit();
  await wb.commit();
  const csvPath = join(root, "реестр.csv");
  writeFileSync(csvPath, "\uFEFF" + [header, ...Array.from({ length: ROWS }, (_, i) => row(i))].map((r) => r.join(";")).join("\r\n") + "\r\n");
  console.log(`file: ${ROWS} rows, .xlsx ${mb(statSync(xlsxPath).size)}, .csv ${mb(statSync(csvPath).size)}`);

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
  const token =
    (await gql("mutation($e: String!, $p: String!){ signIn(email: $e, password: $p){ token } }", { e: "fed@bench.medk.ru", p: PASSWORD })).signIn?.token ??
    (await gql("mutation($e: String!, $p: String!){ signIn(email: $e, password: $p){ token } }", { e: "fed@bench.medk.ru", p: PASSWORD })).data.signIn.token;
  const PREVIEW = `mutation($input: PreviewRegistryImportInput!){ previewRegistryImport(input: $input){ __typename
    ... on Error { code message } ... on MutationPreviewRegistryImportSuccess { data { id newCount changedCount unchangedCount rejectedCount } } } }`;
  const upload = async (name: string, bytes: Uint8Array) => {
    const form = new FormData();
    form.set("operations", JSON.stringify({ query: PREVIEW, variables: { input: { kind: "SCHOOLS", file: null } } }));
    form.set("map", JSON.stringify({ "0": ["variables.input.file"] }));
    form.set("0", new Blob([new Uint8Array(bytes)]), name);
    const res = await fetch(`${url}/graphql`, { method: "POST", headers: { "x-graphql-yoga-csrf": "1", authorization: `Bearer ${token}` }, body: form });
    const text = await res.text();
    try {
      return { status: res.status, body: JSON.parse(text) };
    } catch {
      return { status: res.status, body: { errors: [{ message: text }] } };
    }
  };
  /** Runs `f` and reports its time and the highest RSS seen while it ran. */
  const timed = async <T>(f: () => Promise<T>) => {
    globalThis.gc?.();
    peak = process.memoryUsage().rss;
    const t0 = performance.now();
    const v = await f();
    const ms = performance.now() - t0;
    const phasePeak = Math.max(peak, process.memoryUsage().rss);
    return { v, ms, peak: phasePeak };
  };

  const before = process.memoryUsage().rss;
  const p = await timed(() => upload("реестр.xlsx", readFileSync(xlsxPath)));
  const pd = p.v.body.data?.previewRegistryImport?.data;
  if (!pd) throw new Error(`preview failed: ${JSON.stringify(p.v.body)}`);
  console.log(`preview .xlsx: ${secs(p.ms)} s — new ${pd.newCount}, changed ${pd.changedCount}, unchanged ${pd.unchangedCount}, rejected ${pd.rejectedCount}; peak RSS ${mb(p.peak)}`);

  for (const r of await db.registryImportRow.findMany({ where: { importId: pd.id, outcome: "REJECTED" }, take: 3, orderBy: { rowNumber: "asc" } }))
    console.log(`  rejected row ${r.rowNumber}: ${JSON.stringify(r.problems)}`);

  const a = await timed(() => gql("mutation($id: ID!){ applyRegistryImport(id: $id){ __typename ... on Error { code message } } }", { id: pd.id }, token));
  if (a.v.data?.applyRegistryImport?.__typename !== "MutationApplyRegistryImportSuccess") throw new Error(`apply failed: ${JSON.stringify(a.v)}`);
  const schools = await db.school.count();
  console.log(`apply: ${secs(a.ms)} s — ${schools} schools in the registry; peak RSS ${mb(a.peak)}`);

  const again = await timed(() => upload("реестр.csv", readFileSync(csvPath)));
  const ad = again.v.body.data?.previewRegistryImport?.data;
  if (ad)
    for (const r of await db.registryImportRow.findMany({ where: { importId: ad.id, outcome: { in: ["REJECTED", "CHANGED", "NEW"] } }, take: 3, orderBy: { rowNumber: "asc" } }))
      console.log(`  row ${r.rowNumber} ${r.outcome}: ${JSON.stringify(r.problems ?? r.changes ?? r.data)}`);
  console.log(
    `re-import as .csv (preview): ${secs(again.ms)} s — new ${ad?.newCount}, changed ${ad?.changedCount}, unchanged ${ad?.unchangedCount}, rejected ${ad?.rejectedCount}; peak RSS ${mb(again.peak)}`,
  );

  const big = await upload("огромный.csv", new Uint8Array(26 * 1024 * 1024).fill(0x41));
  console.log(`26 МБ file: HTTP ${big.status}, «${big.body.errors?.[0]?.message}»`);

  clearInterval(sampler);
  console.log(`RSS before the first upload ${mb(before)}; process maxRSS ${mb(process.resourceUsage().maxRSS * 1024)} (server, database client and this script in one process)`);
  const ok = p.ms / 1000 < TARGET.preview && a.ms / 1000 < TARGET.apply && ad?.unchangedCount === ROWS && big.status === 413;
  console.log(ok ? `OK: preview < ${TARGET.preview} s, apply < ${TARGET.apply} s, re-import changes nothing, oversize refused` : "NOT MET: see the figures above");
  process.exitCode = ok ? 0 : 1;
} finally {
  clearInterval(sampler);
  await app.stop().catch(() => {});
  await db.$disconnect().catch(() => {});
  await pg.stop();
  rmSync(root, { recursive: true, force: true });
}
