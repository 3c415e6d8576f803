// Who sees which figures, and exports that equal the screen and re-check access on download.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../../testkit/server.ts";
import { gid, TEST_PASSWORD } from "../../testkit/seed.ts";
import { buildReportWorld, regionalCoordinator, YEAR, type ReportWorld } from "./world.ts";

let s: TestServer;
let a: ReportWorld; // region 79
let b: ReportWorld; // region 49
const t: Record<string, string> = {};

beforeAll(async () => {
  s = await startServer();
  [a, b] = [await buildReportWorld(s.db, 79), await buildReportWorld(s.db, 49)];
  t.fed = await s.signIn("fioco@demo.medk.ru");
  t.region75 = await s.signIn("region75@demo.medk.ru");
  t.regionA = await s.signIn(await regionalCoordinator(s.db, a.regionId), TEST_PASSWORD);
  t.municipalA = await s.signIn(a.users.municipal.email, TEST_PASSWORD);
  t.curatorA = await s.signIn(a.users.curator.email, TEST_PASSWORD);
  t.schoolA = await s.signIn(a.users.school.email, TEST_PASSWORD);
});
afterAll(() => s?.stop());

const BY_REGION = `query($f: ReportFilter!) { reportMonitoring(filter: $f, groupBy: REGION) { totalCount edges { node { region { code } participants documents { owed } } } } }`;
const regions = async (token: string, f: Record<string, unknown>) => {
  const r = await s.gql(BY_REGION, { f: { year: YEAR, ...f } }, { token });
  expect(r.errors).toBeUndefined();
  return r.data.reportMonitoring.edges.map((e: any) => e.node);
};

describe("scope of reports", () => {
  it("a regional coordinator's report holds only its own region, even when it asks for another one", async () => {
    expect(await regions(t.regionA!, {})).toEqual([{ region: { code: 79 }, participants: 3, documents: { owed: 8 } }]);
    expect(await regions(t.regionA!, { regionIds: [gid("Region", b.regionId)] })).toEqual([]);
    expect(await regions(t.regionA!, { regionCodes: [49] })).toEqual([]);
    expect(await regions(t.regionA!, { schoolIds: [gid("School", b.s1)] })).toEqual([]);
    expect(await regions(t.regionA!, { regionCodes: [49, 79] })).toEqual([{ region: { code: 79 }, participants: 3, documents: { owed: 8 } }]);
  });

  it("the demo coordinator of Забайкальский край gets nothing of Рязанская область", async () => {
    expect(await regions(t.region75!, { regionCodes: [62] })).toEqual([]);
    const r = await s.gql(BY_REGION, { f: { year: 2026 } }, { token: t.region75 });
    expect(r.data.reportMonitoring.edges.map((e: any) => e.node.region.code)).toEqual([75]);
  });

  it("the federal coordinator sees both regions", async () => {
    expect((await regions(t.fed!, { regionCodes: [49, 79] })).map((n: any) => n.region.code)).toEqual([49, 79]);
  });

  it("a municipal coordinator's region row counts only its own municipality", async () => {
    expect(await regions(t.municipalA!, {})).toEqual([{ region: { code: 79 }, participants: 2, documents: { owed: 6 } }]);
  });

  it("a curator sees the schools it curates, a school only itself", async () => {
    const q = `query($f: ReportFilter!) { reportDocuments(filter: $f, groupBy: SCHOOL) { edges { node { school { id } owed } } } }`;
    const curator = await s.gql(q, { f: { year: YEAR } }, { token: t.curatorA });
    expect(curator.data.reportDocuments.edges.map((e: any) => e.node.school.id).sort()).toEqual([gid("School", a.s1), gid("School", a.s3)].sort());
    const school = await s.gql(q, { f: { year: YEAR } }, { token: t.schoolA });
    expect(school.data.reportDocuments.edges.map((e: any) => e.node)).toEqual([{ school: { id: gid("School", a.s1) }, owed: 4 }]);
  });

  it("a regional coordinator grouping by curator gets the curator objects of its region in one page", async () => {
    const r = await s.gql(
      `query($f: ReportFilter!) { reportMonitoring(filter: $f, groupBy: CURATOR) { edges { node { curator { id fullName } participants } } } }`,
      { f: { year: YEAR } },
      { token: t.regionA },
    );
    expect(r.errors).toBeUndefined();
    expect(r.data.reportMonitoring.edges.map((e: any) => e.node.curator?.id ?? null)).toEqual([gid("User", a.curatorId), null]);
  });

  it("region scores go to whoever covers the region: the regional coordinator its own, a municipal coordinator none", async () => {
    const q = `query($c: [Int!]) { regionScores(years: [2023], regionCodes: $c) { totalCount edges { node { region { code } } } } }`;
    const own = await s.gql(q, {}, { token: t.regionA });
    expect(own.data.regionScores.edges.map((e: any) => e.node.region.code)).toEqual([79]);
    const other = await s.gql(q, { c: [49] }, { token: t.regionA });
    expect(other.data.regionScores.totalCount).toBe(0);
    const municipal = await s.gql(q, {}, { token: t.municipalA });
    expect(municipal.data.regionScores.totalCount).toBe(0);
  });

  it("a signed-out request is refused", async () => {
    const r = await s.gql(BY_REGION, { f: { year: YEAR } });
    expect(r.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });
});

// ---------------------------------------------------------------- exports

const exportUrl = async (token: string, args: string) => {
  const r = await s.gql(`query($f: ReportFilter!) { reportExportUrl(${args}, filter: $f) }`, { f: { year: YEAR, regionCodes: [79, 49] } }, { token });
  expect(r.errors).toBeUndefined();
  return r.data.reportExportUrl as string;
};
const download = (path: string, token?: string) => fetch(s.url + path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
const csvRows = (text: string) =>
  text
    .replace(/^\uFEFF/, "")
    .trim()
    .split("\r\n")
    .map((l) => l.split(";"));

describe("exports", () => {
  it("a CSV export holds exactly the rows and figures of the same report on screen", async () => {
    const screen = await s.gql(
      `query($f: ReportFilter!) { reportDocuments(filter: $f, groupBy: SCHOOL, first: 500) { edges { node { groupName year participants owed missing draft submitted awaitingReview approved returned overdue approvedShare decisions approvals returns medianDaysToDecision } } } }`,
      { f: { year: YEAR, regionCodes: [79, 49] } },
      { token: t.fed },
    );
    const path = await exportUrl(t.fed!, "report: DOCUMENTS, format: CSV, groupBy: [SCHOOL]");
    expect(path).toMatch(/^\/files\/reports\/documents\.csv\?q=/);
    const res = await download(path, t.fed);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    expect(decodeURIComponent(res.headers.get("content-disposition")!)).toContain("Концептуальные документы");
    const [header, ...body] = csvRows(await res.text());
    expect(header!.slice(0, 5)).toEqual(["Субъект РФ", "Муниципалитет", "Школа", "Год", "Школ-участников"]);
    const num = (v: string) => (v === "" ? null : Number(v.replace(",", ".")));
    const exported = body.map((cells) => [cells[2], ...cells.slice(3).map(num)]);
    const shown = screen.data.reportDocuments.edges.map(({ node: n }: any) => [
      n.groupName,
      n.year,
      n.participants,
      n.owed,
      n.missing,
      n.draft,
      n.submitted,
      n.awaitingReview,
      n.approved,
      n.returned,
      n.overdue,
      n.approvedShare,
      n.decisions,
      n.approvals,
      n.returns,
      n.medianDaysToDecision,
    ]);
    expect(exported).toEqual(shown);
    expect(exported).toHaveLength(6);
  });

  it("an XLSX export has a sheet per grouping, the filter written at the top and the screen's figures", async () => {
    const path = await exportUrl(t.fed!, "report: MONITORING, format: XLSX, groupBy: [REGION, MUNICIPALITY, SCHOOL]");
    const res = await download(path, t.fed);
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Субъекты", "Муниципалитеты", "Школы"]);
    const sheet = wb.getWorksheet("Субъекты")!;
    const cells: unknown[][] = [];
    sheet.eachRow((row) => cells.push((row.values as unknown[]).slice(1)));
    expect(cells[0]![0]).toBe("Мониторинг — по субъектам РФ");
    expect(cells).toContainEqual(["Годы проекта", "2023"]);
    expect(cells).toContainEqual(["Субъекты РФ", "Магаданская область; Еврейская автономная область"]);
    const headerAt = cells.findIndex((r) => r[0] === "Код");
    expect(cells[headerAt]!.slice(0, 4)).toEqual(["Код", "Субъект РФ", "Год", "Школ-участников"]);
    const data = cells.slice(headerAt + 1).map((r) => r.slice(0, 4));
    expect(data).toEqual([
      [49, "Магаданская область", 2023, 3],
      [79, "Еврейская автономная область", 2023, 3],
    ]);
    let headerRow = 0;
    sheet.eachRow((row, n) => row.getCell(1).value === "Код" && (headerRow = n));
    const shareColumn = (cells[headerAt] as string[]).indexOf("Документы: Доля принятых") + 1;
    const first = sheet.getRow(headerRow + 1).getCell(shareColumn);
    expect([first.value, first.numFmt]).toEqual([0.25, "0.0%"]);
  });

  it("the download re-runs the report with the downloader's reach: a federal URL gives a regional coordinator nothing of another region", async () => {
    const path = await exportUrl(t.fed!, "report: MONITORING, format: CSV, groupBy: [REGION]");
    const fed = csvRows(await (await download(path, t.fed)).text());
    expect(fed).toHaveLength(3);
    const regional = csvRows(await (await download(path, t.regionA)).text());
    expect(regional.slice(1).map((r) => r[1])).toEqual(["Еврейская автономная область"]);
    const other = csvRows(await (await download(path, t.region75)).text());
    expect(other).toHaveLength(1);
  });

  it("an export names the viewer's territory and gives times in its region's time zone, as the screen does", async () => {
    const r = await s.gql(`query($f: ReportFilter!) { reportExportUrl(report: DOCUMENT_LIST, format: XLSX, filter: $f) }`, { f: { year: YEAR } }, { token: t.region75 });
    const res = await download(r.data.reportExportUrl, t.region75);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const cells: unknown[][] = [];
    wb.worksheets[0]!.eachRow((row) => cells.push((row.values as unknown[]).slice(1)));
    expect(cells).toContainEqual(["Территория", "Забайкальский край"]);
    const made = cells.find((c) => c[0] === "Сформирован")![1] as string;
    expect(made).toMatch(/\(время региона, UTC\+9\)$/);
    const header = cells.find((c) => c.includes("Школа"))! as string[];
    expect(header.some((h) => h.endsWith("(время региона, UTC+9)"))).toBe(true);
    expect(header.some((h) => h.includes("МСК"))).toBe(false);
    // The federal coordinator reads the whole country: Moscow time, «Все субъекты РФ».
    const f = await s.gql(`query($f: ReportFilter!) { reportExportUrl(report: DOCUMENT_LIST, format: CSV, filter: $f) }`, { f: { year: YEAR } }, { token: t.fed });
    const [csvHeader] = csvRows(await (await download(f.data.reportExportUrl, t.fed)).text());
    expect(csvHeader!.some((h) => h.endsWith("(МСК)"))).toBe(true);
  });

  it("every role can export what it sees", async () => {
    for (const role of ["fed", "region75", "regionA", "municipalA", "curatorA", "schoolA"]) {
      const path = await exportUrl(t[role]!, "report: MEASURE_LIST, format: XLSX");
      const res = await download(path, t[role]);
      expect(res.status, role).toBe(200);
    }
  });

  it("a download without credentials, with a broken link or of an unknown report is refused", async () => {
    const path = await exportUrl(t.fed!, "report: RISKS, format: CSV");
    expect((await download(path)).status).toBe(401);
    const broken = await download(path.replace(/q=.*/, "q=bm9uc2Vuc2U"), t.fed);
    expect(broken.status).toBe(400);
    expect(await broken.text()).toContain("повреждена");
    expect((await download("/files/reports/salaries.csv?q=x", t.fed)).status).toBe(404);
  });

  it("«как на экране» exports the screen's figures in its order under its labels; «все показатели» every figure", async () => {
    const columns = [
      { figure: "documents.overdue", label: "Документов просрочено" },
      { figure: "participants", label: "Школ-участников" },
      { figure: "measures.progress", label: "Прогресс дорожных карт" },
      { figure: "consultation.asked", label: "Вопросов задано" },
    ];
    const urlOf = async (groupBy: string, cols: unknown) => {
      const r = await s.gql(
        `query($f: ReportFilter!, $c: [ReportExportColumn!]) { reportExportUrl(report: MONITORING, format: CSV, groupBy: [${groupBy}], filter: $f, columns: $c) }`,
        { f: { year: YEAR, regionCodes: [79, 49] }, c: cols },
        { token: t.fed },
      );
      expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
      return r.data.reportExportUrl as string;
    };
    const [screenHeader, ...screenRows] = csvRows(await (await download(await urlOf("REGION", columns), t.fed)).text());
    expect(screenHeader).toEqual(["Код", "Субъект РФ", "Год", ...columns.map((c) => c.label)]);
    const [allHeader, ...allRows] = csvRows(await (await download(await urlOf("REGION", null), t.fed)).text());
    expect(allHeader!.length).toBeGreaterThan(30);
    expect(screenRows.length).toBe(allRows.length);
    // The same figure has the same value in both files.
    const at = (header: string[], name: string) => header.indexOf(name);
    for (let i = 0; i < allRows.length; i++) {
      expect(screenRows[i]![3]).toBe(allRows[i]![at(allHeader!, "Документы: Просрочено")]);
      expect(screenRows[i]![4]).toBe(allRows[i]![at(allHeader!, "Школ-участников")]);
    }
    // The consultation line has no figures per school: its column drops out there, as on screen.
    const [schoolHeader] = csvRows(await (await download(await urlOf("SCHOOL", columns), t.fed)).text());
    expect(schoolHeader!.slice(-3)).toEqual(["Документов просрочено", "Школ-участников", "Прогресс дорожных карт"]);
    // A figure the report does not have, or the same one twice, is refused with a clear message.
    const bad = await s.gql(
      `query($f: ReportFilter!) { reportExportUrl(report: DOCUMENTS, format: CSV, filter: $f, columns: [{ figure: "measures.done", label: "Выполнено" }]) }`,
      { f: { year: YEAR } },
      { token: t.fed },
    );
    expect(bad.errors?.[0]?.message).toBe("Показателя measures.done нет в отчёте «Концептуальные документы»");
    const twice = await s.gql(
      `query($f: ReportFilter!) { reportExportUrl(report: DOCUMENTS, format: CSV, filter: $f, columns: [{ figure: "owed", label: "А" }, { figure: "owed", label: "Б" }]) }`,
      { f: { year: YEAR } },
      { token: t.fed },
    );
    expect(twice.errors?.[0]?.message).toBe("Показатель owed назван дважды");
  });

  it("an export ordered by a field the report does not have is refused with the report named", async () => {
    const r = await s.gql(`query($f: ReportFilter!) { reportExportUrl(report: RISKS, format: CSV, filter: $f, orderBy: { field: "DOCUMENTS_OVERDUE" }) }`, { f: { year: YEAR } }, { token: t.fed });
    expect(r.errors?.[0]?.message).toContain("Факторы риска");
  });
});

describe("freshness", () => {
  it("country-wide reports are reused for a minute; a region's report shows a change at once", async () => {
    // An hour-long period in this test, so that the period cannot end between the two questions.
    const period = process.env.REPORT_CACHE_SECONDS;
    process.env.REPORT_CACHE_SECONDS = "3600";
    const q = `query($f: ReportFilter!) { reportMeasures(filter: $f, groupBy: REGION) { edges { node { measures } } } }`;
    const f = { f: { year: YEAR, regionCodes: [79] } };
    const before = { fed: (await s.gql(q, f, { token: t.fed })).data, regional: (await s.gql(q, f, { token: t.regionA })).data };
    const roadmap = await s.db.roadmap.findUniqueOrThrow({ where: { participationId: a.p2 } });
    const m = await s.db.measure.create({ data: { roadmapId: roadmap.id, position: 99, title: "Добавлено только что", responsible: [] } });
    try {
      const fed = (await s.gql(q, f, { token: t.fed })).data;
      const regional = (await s.gql(q, f, { token: t.regionA })).data;
      expect(fed).toEqual(before.fed);
      expect(regional.reportMeasures.edges[0].node.measures).toBe(before.regional.reportMeasures.edges[0].node.measures + 1);
    } finally {
      await s.db.measure.delete({ where: { id: m.id } });
      if (period === undefined) delete process.env.REPORT_CACHE_SECONDS;
      else process.env.REPORT_CACHE_SECONDS = period;
    }
  });
});
