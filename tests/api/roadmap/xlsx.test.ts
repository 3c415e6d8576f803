// Roadmaps in Excel: importing the table schools and municipalities already keep (the Балейский район
// roadmap of seed 004), refusing a malformed file with the row named and nothing written, exporting a
// file that imports back.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../../testkit/server.ts";
import { gid } from "../../testkit/seed.ts";
import { pdf } from "../document/kit.ts";
import { codeOf, download, roadmapWorld, uploadGql, type RoadmapWorld } from "./helpers.ts";

let s: TestServer;
let rw: RoadmapWorld;

const IMPORT = `mutation($input: ImportRoadmapInput!) { importRoadmap(input: $input) {
  __typename
  ... on MutationImportRoadmapSuccess { data { imported roadmap { id title measures(first: 100) { totalCount edges { node {
    position title periodLabel startDate dueDate indicatorName indicatorUnit targetValue actualValue status responsible riskFactor { number }
    evidence { url } comments { body } history { action } } } } } } }
  ... on RoadmapImportError { code message problems { row message } }
  ... on Error { code message } } }`;

async function workbook(rows: (string | number | Date | null)[][], header = ["№", "Описание действий", "Сроки реализации", "Муниципальный показатель реализации"]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("План");
  ws.addRow(["План мероприятий (дорожная карта) на 2026 год"]);
  ws.addRow([]);
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const municipal = () => ({ municipalityId: gid("Municipality", rw.w.municipalityId), year: 2026, file: null });
const school = () => ({ participationId: gid("Participation", rw.w.participationId), file: null });
const importFile = (token: string, input: Record<string, unknown>, bytes: Uint8Array, name = "Дорожная карта.xlsx") => uploadGql(s, token, IMPORT, { input }, "input.file", { name, bytes });
const measureCount = () => s.db.measure.count({ where: { roadmap: { OR: [{ participationId: rw.w.participationId }, { municipalityId: rw.w.municipalityId }] } } });

beforeAll(async () => {
  s = await startServer();
  rw = await roadmapWorld(s);
});
afterAll(() => s.stop());

// The municipal roadmap of seed 004 (Балейский район), as the committee keeps it, for 2026.
const BALEY = [
  [1, "Назначение муниципального координатора.", "Декабрь", "Назначен муниципальный координатор проекта"],
  [
    2,
    "Собеседование с руководителями школ проекта «500+» по формированию дорожной карты; комплекса мероприятий поддержки образовательных организаций.",
    "Январь",
    "Проведено собеседование с руководителями общеобразовательных организаций-участников проекта «500+»",
  ],
  [
    3,
    "Анкетирование участников образовательных отношений школ-участников проекта «500+» для определения рисковых профилей",
    "Январь-февраль",
    "На сайте ФИОКО прошли анкетирование (руководители, педагоги, обучающиеся, родители)",
  ],
  [4, "Участие в региональном установочном вебинаре для школ-участников проекта", "17 января 2026", "Приняли участие 100% участников проекта"],
  [5, "Организация сетевого взаимодействия с кураторами и школами-участниками проекта", "В течение всего периода", "Создана группа в телеграмм для организации сетевого взаимодействия"],
  [6, "Разработка муниципальной дорожной карты методической помощи общеобразовательным организациям с низкими образовательными результатами обучающихся", "Март-", "Разработана дорожная карта"],
  [
    7,
    "Разработка и размещение концептуальных документов школами-участниками проекта. Взаимодействие с региональными кураторами",
    "До 30 апреля",
    "Школы-участники проекта разместили концептуальные документы",
  ],
];

describe("import", () => {
  it("imports the committee's table: periods become dates in the programme year, the text stays as written", async () => {
    const r = await importFile(rw.t.municipal, municipal(), await workbook(BALEY));
    expect(r.data.importRoadmap.__typename).toBe("MutationImportRoadmapSuccess");
    const { imported, roadmap } = r.data.importRoadmap.data;
    expect(imported).toBe(7);
    const m = roadmap.measures.edges.map((e: any) => e.node);
    expect(m.map((x: any) => [x.position, x.periodLabel, x.startDate, x.dueDate])).toEqual([
      [1, "Декабрь", "2026-12-01", "2026-12-31"],
      [2, "Январь", "2026-01-01", "2026-01-31"],
      [3, "Январь-февраль", "2026-01-01", "2026-02-28"],
      [4, "17 января 2026", null, "2026-01-17"],
      [5, "В течение всего периода", "2026-01-01", "2026-12-31"],
      [6, "Март-", null, null],
      [7, "До 30 апреля", null, "2026-04-30"],
    ]);
    expect(m[1].indicatorName).toBe("Проведено собеседование с руководителями общеобразовательных организаций-участников проекта «500+»");
    expect(m[0].history).toEqual([{ action: "measure.import" }]);
  });

  it("a malformed row is refused with its row number and column, and nothing at all is written", async () => {
    const before = await measureCount();
    const file = await workbook(
      [
        [1, "Педагогический совет", "31.02.2026", "Проведён", "", "", "", "", "", "", "много"],
        [2, "Мастер-классы", "Сентябрь", "Доля педагогов", "", "", "", "", "%", "20", "80"],
        [3, "", "Октябрь", "Показатель без мероприятия"],
      ],
      [
        "№",
        "Описание действий",
        "Сроки реализации",
        "Показатель",
        "Дата начала",
        "Срок выполнения (дата)",
        "Ответственные",
        "Фактор риска",
        "Единица измерения",
        "Базовое значение",
        "Целевое значение",
      ],
    );
    const r = await importFile(rw.t.school, school(), file);
    const e = r.data.importRoadmap;
    expect(e.__typename).toBe("RoadmapImportError");
    expect(e.code).toBe("ROADMAP_IMPORT_INVALID");
    expect(e.problems).toEqual([
      { row: 4, message: "«Сроки реализации»: неверная дата «31.02.2026»" },
      { row: 4, message: "«Целевое значение»: не число: «много»" },
      { row: 6, message: "«Описание действий»: Укажите, что будет сделано (название мероприятия)" },
    ]);
    expect(e.message).toMatch(/^Файл не импортирован, ничего не записано\. Строка 4: «Сроки реализации»: неверная дата «31\.02\.2026»; /);
    expect(await measureCount()).toBe(before);
  });

  it("a row whose due date is before its start, or a percentage above 100, is named too", async () => {
    const file = await workbook(
      [[1, "Мониторинг посещаемости", "", "Доля посещений", "10.10.2026", "01.10.2026", "", "", "%", "", "120"]],
      [
        "№",
        "Описание действий",
        "Сроки реализации",
        "Показатель",
        "Дата начала",
        "Срок выполнения (дата)",
        "Ответственные",
        "Фактор риска",
        "Единица измерения",
        "Базовое значение",
        "Целевое значение",
      ],
    );
    const r = await importFile(rw.t.school, school(), file);
    expect(r.data.importRoadmap.problems).toEqual([
      { row: 4, message: "Срок выполнения (01.10.2026) раньше даты начала (10.10.2026)" },
      { row: 4, message: "Целевое значение в процентах должно быть от 0 до 100, указано 120" },
    ]);
  });

  it("a file that is not an .xlsx workbook, or has no header row, gets a clear message", async () => {
    const notXlsx = await importFile(rw.t.school, school(), pdf(), "карта.xlsx");
    expect(notXlsx.data.importRoadmap.problems).toEqual([{ row: null, message: expect.stringMatching(/^Файл не читается как книга Excel \.xlsx/) }]);
    const noHeader = await importFile(rw.t.school, school(), await workbook([[1, "Что-то"]], ["A", "B"]));
    expect(noHeader.data.importRoadmap.problems[0].message).toBe("Не найдена строка заголовков: ожидаются столбцы «№», «Описание действий», «Сроки реализации», «Показатель»");
  });

  it("a risk the school did not choose is named by row", async () => {
    const file = await workbook([[1, "Курсы повышения квалификации", "Ноябрь", "Прошли курсы", "1"]], ["№", "Описание действий", "Сроки реализации", "Показатель", "Фактор риска"]);
    const r = await importFile(rw.t.school, school(), file);
    expect(r.data.importRoadmap.problems).toEqual([{ row: 4, message: "«Фактор риска»: фактор риска «Низкий уровень оснащения школы» не выбран школой для работы" }]);
  });

  it("the curator and another municipality's coordinator may not import", async () => {
    const file = await workbook([[1, "Совещание", "Май", "Проведено"]]);
    expect(codeOf(await importFile(rw.t.curator, school(), file), "importRoadmap")).toBe("FORBIDDEN");
    expect(codeOf(await importFile(rw.t.otherMunicipal, municipal(), file), "importRoadmap")).toBe("NOT_FOUND");
  });
});

describe("export", () => {
  it("the school's roadmap exports with «№, описание действий, сроки реализации, показатель» and imports back unchanged", async () => {
    const file = await workbook(
      [
        [1, "Педагогический совет «Анализ рискового профиля»", "Сентябрь", "Проведён педсовет", "", "", "Директор; Заместитель директора по УВР", "3", "", "", "", "", "Запланировано"],
        [
          2,
          "Мастер-классы для педагогов",
          "",
          "Доля педагогов, посетивших мастер-классы",
          "01.10.2026",
          "15.10.2026",
          "Руководитель ШМО",
          "6. Высокая доля обучающихся с рисками учебной неуспешности",
          "%",
          "20",
          "80",
          "75",
          "Выполнено",
          "https://school.example.ru/news/1",
          "Фотоотчёт на сайте",
        ],
      ],
      [
        "№",
        "Описание действий",
        "Сроки реализации",
        "Показатель",
        "Дата начала",
        "Срок выполнения (дата)",
        "Ответственные",
        "Фактор риска",
        "Единица измерения",
        "Базовое значение",
        "Целевое значение",
        "Фактическое значение",
        "Статус",
        "Подтверждения (ссылки)",
        "Комментарий",
      ],
    );
    const r = await importFile(rw.t.school, school(), file);
    const { roadmap } = r.data.importRoadmap.data;
    const imported = roadmap.measures.edges.map((e: any) => e.node);
    expect(imported[1]).toMatchObject({
      title: "Мастер-классы для педагогов",
      startDate: "2026-10-01",
      dueDate: "2026-10-15",
      responsible: ["Руководитель ШМО"],
      riskFactor: { number: 6 },
      indicatorUnit: "%",
      targetValue: "80",
      actualValue: "75",
      status: "DONE",
      evidence: [{ url: "https://school.example.ru/news/1" }],
      comments: [{ body: "Фотоотчёт на сайте" }],
    });
    expect(imported[0]).toMatchObject({ startDate: "2026-09-01", dueDate: "2026-09-30", responsible: ["Директор", "Заместитель директора по УВР"], riskFactor: { number: 3 } });

    const path = `/files/roadmaps/${Buffer.from(roadmap.id, "base64").toString().split(":")[1]}.xlsx`;
    const got = await download(s, path, rw.t.curator);
    expect(got.status).toBe(200);
    expect(got.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(got.body as unknown as ArrayBuffer);
    const header = (wb.worksheets[0]!.getRow(3).values as unknown[]).slice(1, 5);
    expect(header).toEqual(["№", "Описание действий", "Сроки реализации", "Показатель"]);

    // Back in, to the same roadmap: the same measures once more, field for field.
    const again = await importFile(rw.t.school, { roadmapId: roadmap.id, file: null }, new Uint8Array(got.body));
    const all = again.data.importRoadmap.data.roadmap.measures.edges.map((e: any) => e.node);
    const strip = ({ position, history, ...rest }: any) => rest;
    expect(all.slice(imported.length).map(strip)).toEqual(imported.map(strip));

    expect((await download(s, path, rw.t.otherSchool)).status).toBe(404);
    expect((await download(s, path)).status).toBe(401);
  });
});
