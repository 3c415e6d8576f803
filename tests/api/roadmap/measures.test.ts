// Keeping a roadmap: measures created, changed, reported, commented, cancelled and reordered — with
// validation, access for every role and a history of every change.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nextEvents, startServer, type TestServer } from "../../testkit/server.ts";
import { gid } from "../../testkit/seed.ts";
import { codeOf, roadmapWorld, type RoadmapWorld } from "./helpers.ts";

let s: TestServer;
let rw: RoadmapWorld;
beforeAll(async () => {
  s = await startServer();
  rw = await roadmapWorld(s);
});
afterAll(() => s.stop());

const MEASURE = `id title startDate dueDate periodLabel responsible status revision targetValue actualValue indicatorUnit completedAt cancelReason
  riskFactor { number } evidence { url note addedByName } comments { body authorName }
  history { action actorName before after reason } viewerCanEdit viewerCanReport viewerCanComment`;
const result = (name: string, success: string) =>
  `${name} { __typename ... on ${success} { data { ${MEASURE} } } ... on Error { message code } ... on MeasureInvalidError { problems { field message } } }`;

const CREATE = `mutation($input: CreateMeasureInput!) { ${result("createMeasure(input: $input)", "MutationCreateMeasureSuccess")} }`;
const UPDATE = `mutation($input: UpdateMeasureInput!) { ${result("updateMeasure(input: $input)", "MutationUpdateMeasureSuccess")} }`;
const REPORT = `mutation($input: ReportMeasureProgressInput!) { ${result("reportMeasureProgress(input: $input)", "MutationReportMeasureProgressSuccess")} }`;
const CANCEL = `mutation($id: ID!, $reason: String!) { ${result("cancelMeasure(id: $id, reason: $reason)", "MutationCancelMeasureSuccess")} }`;
const COMMENT = `mutation($id: ID!, $body: String!) { ${result("commentMeasure(id: $id, body: $body)", "MutationCommentMeasureSuccess")} }`;
const EVIDENCE = `mutation($id: ID!, $url: String, $note: String) { ${result("addMeasureEvidence(measureId: $id, url: $url, note: $note)", "MutationAddMeasureEvidenceSuccess")} }`;
const REORDER = `mutation($r: ID!, $ids: [ID!]!) { reorderMeasures(roadmapId: $r, measureIds: $ids) {
  __typename ... on MutationReorderMeasuresSuccess { data { measures(first: 50) { edges { node { title position } } } } } ... on Error { code message } } }`;
const ROADMAP = `query($p: ID) { roadmap(participationId: $p) { id title viewerCanEdit viewerCanReport viewerCanComment
  measures(first: 50) { totalCount edges { node { title position status } } } } }`;

const p = () => gid("Participation", rw.w.participationId);
const plan = (extra: Record<string, unknown> = {}) => ({
  participationId: p(),
  title: "Проведение педагогического совета по результатам диагностики",
  startDate: "2026-09-01",
  dueDate: "2026-09-30",
  responsible: ["Директор", "Заместитель директора по УВР"],
  riskFactorId: gid("RiskFactor", rw.factor(3)),
  indicatorName: "Доля педагогов, прошедших обучение",
  indicatorUnit: "%",
  baselineValue: "20",
  targetValue: "80",
  ...extra,
});
const create = async (extra: Record<string, unknown> = {}, token = rw.t.school) => s.gql(CREATE, { input: plan(extra) }, { token });
const measureCount = () => s.db.measure.count({ where: { roadmap: { participationId: rw.w.participationId } } });

describe("creating measures", () => {
  it("the school adds a measure; its roadmap appears with it, and the history records the creation", async () => {
    const r = await create();
    const m = r.data.createMeasure.data;
    expect(m).toMatchObject({
      title: "Проведение педагогического совета по результатам диагностики",
      startDate: "2026-09-01",
      dueDate: "2026-09-30",
      responsible: ["Директор", "Заместитель директора по УВР"],
      status: "PLANNED",
      revision: 0,
      targetValue: "80",
      riskFactor: { number: 3 },
      viewerCanEdit: true,
    });
    expect(m.history).toEqual([expect.objectContaining({ action: "measure.create", actorName: expect.stringMatching(/^Тест SCHOOL/) })]);
    const roadmap = (await s.gql(ROADMAP, { p: p() }, { token: rw.t.school })).data.roadmap;
    expect(roadmap.title).toMatch(/^Дорожная карта МКОУ «Тест .+» на 2026 год$/);
    expect(roadmap.measures.totalCount).toBe(1);
  });

  it("a measure with only a period such as «в течение всего периода» is accepted", async () => {
    const r = await create({ title: "Организация сетевого взаимодействия", startDate: null, dueDate: null, periodLabel: "В течение всего периода", targetValue: null, baselineValue: null });
    expect(r.data.createMeasure.data).toMatchObject({ periodLabel: "В течение всего периода", dueDate: null });
  });

  it("a due date before the start is refused with a clear message and nothing is written", async () => {
    const before = await measureCount();
    const r = await create({ startDate: "2026-10-10", dueDate: "2026-10-01" });
    expect(r.data.createMeasure).toMatchObject({
      __typename: "MeasureInvalidError",
      code: "MEASURE_INVALID",
      problems: [{ field: "dueDate", message: "Срок выполнения (01.10.2026) раньше даты начала (10.10.2026)" }],
    });
    expect(await measureCount()).toBe(before);
  });

  it("a target that is not a number is refused before anything runs", async () => {
    const r = await create({ targetValue: "много" });
    expect(r.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(r.errors?.[0]?.message).toContain("Неверное число: «много»");
  });

  it("a percentage above 100 and a fractional number of people are refused", async () => {
    const pct = await create({ targetValue: "150" });
    expect(pct.data.createMeasure.problems).toEqual([{ field: "targetValue", message: "Целевое значение в процентах должно быть от 0 до 100, указано 150" }]);
    const people = await create({ indicatorUnit: "чел.", baselineValue: "3", targetValue: "2.5" });
    expect(people.data.createMeasure.problems[0].message).toBe("Целевое значение в единицах «чел.» должно быть целым неотрицательным числом, указано 2.5");
  });

  it("a measure cannot be linked to a risk the school did not choose", async () => {
    const r = await create({ riskFactorId: gid("RiskFactor", rw.factor(1)) });
    expect(r.data.createMeasure).toMatchObject({ code: "RISK_NOT_CHOSEN" });
  });

  it("an empty title is a validation error", async () => {
    const r = await create({ title: "   " });
    expect(r.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("the curator and an observer cannot add measures; another school does not even see the roadmap", async () => {
    const before = await measureCount();
    expect(codeOf(await create({}, rw.t.curator), "createMeasure")).toBe("FORBIDDEN");
    expect(codeOf(await create({}, rw.t.observer), "createMeasure")).toBe("FORBIDDEN");
    expect(codeOf(await create({}, rw.t.otherSchool), "createMeasure")).toBe("NOT_FOUND");
    expect(codeOf(await create({}, rw.t.otherMunicipal), "createMeasure")).toBe("NOT_FOUND");
    expect(await measureCount()).toBe(before);
  });

  it("the regional coordinator does not change a school's plan while the school has not asked for help", async () => {
    const before = await measureCount();
    expect(codeOf(await create({ title: "Выездное совещание регионального координатора" }, rw.t.region), "createMeasure")).toBe("FORBIDDEN");
    expect(await measureCount()).toBe(before);
  });
});

describe("changing, reporting, commenting", () => {
  let id: string;
  beforeAll(async () => {
    id = (await create({ title: "Мастер-классы для педагогов" })).data.createMeasure.data.id;
  });

  it("the school changes the due date; the history keeps before and after", async () => {
    const r = await s.gql(UPDATE, { input: { id, revision: 0, dueDate: "2026-10-15", responsible: ["Руководитель ШМО"] } }, { token: rw.t.school });
    const m = r.data.updateMeasure.data;
    expect(m).toMatchObject({ dueDate: "2026-10-15", responsible: ["Руководитель ШМО"], revision: 1 });
    expect(m.history.at(-1)).toMatchObject({
      action: "measure.update",
      before: { dueDate: "2026-09-30", responsible: ["Директор", "Заместитель директора по УВР"] },
      after: { dueDate: "2026-10-15", responsible: ["Руководитель ШМО"] },
    });
  });

  it("a change based on an old revision is refused instead of overwriting", async () => {
    const r = await s.gql(UPDATE, { input: { id, revision: 0, title: "Устаревшая правка" } }, { token: rw.t.school });
    expect(r.data.updateMeasure).toMatchObject({ code: "MEASURE_CHANGED" });
  });

  it("a change that puts the due date before the start is refused", async () => {
    const r = await s.gql(UPDATE, { input: { id, startDate: "2026-11-01" } }, { token: rw.t.school });
    expect(r.data.updateMeasure.problems[0]).toEqual({ field: "dueDate", message: "Срок выполнения (15.10.2026) раньше даты начала (01.11.2026)" });
  });

  it("the curator may not change the plan or report progress", async () => {
    expect(codeOf(await s.gql(UPDATE, { input: { id, title: "Правка куратора" } }, { token: rw.t.curator }), "updateMeasure")).toBe("FORBIDDEN");
    expect(codeOf(await s.gql(REPORT, { input: { id, actualValue: "50" } }, { token: rw.t.curator }), "reportMeasureProgress")).toBe("FORBIDDEN");
  });

  it("marking DONE without evidence or a comment is refused", async () => {
    const r = await s.gql(REPORT, { input: { id, status: "DONE", actualValue: "75" } }, { token: rw.t.school });
    expect(r.data.reportMeasureProgress).toMatchObject({ code: "EVIDENCE_REQUIRED" });
    expect((await s.db.measure.findUniqueOrThrow({ where: { id: Buffer.from(id, "base64").toString().split(":")[1]! } })).status).toBe("PLANNED");
  });

  it("DONE with a link as evidence records the actual value, the completion time and the evidence", async () => {
    const r = await s.gql(
      REPORT,
      { input: { id, status: "DONE", actualValue: "75", evidenceLinks: [{ url: "https://school.example.ru/news/master-klass", note: "Новость на сайте школы" }] } },
      { token: rw.t.school },
    );
    const m = r.data.reportMeasureProgress.data;
    expect(m).toMatchObject({ status: "DONE", actualValue: "75", evidence: [{ url: "https://school.example.ru/news/master-klass", note: "Новость на сайте школы" }] });
    expect(m.completedAt).toBeTruthy();
    expect(m.history.at(-1)).toMatchObject({ action: "measure.report", before: { status: "PLANNED", actualValue: null }, after: { status: "DONE", actualValue: "75" } });
  });

  it("DONE without evidence but with a comment saying why is accepted, and the comment notifies the curator", async () => {
    const other = (await create({ title: "Родительское собрание" })).data.createMeasure.data.id;
    const r = await s.gql(REPORT, { input: { id: other, status: "DONE", comment: "Фотографий нет: собрание прошло онлайн" } }, { token: rw.t.school });
    expect(r.data.reportMeasureProgress.data).toMatchObject({ status: "DONE", comments: [{ body: "Фотографий нет: собрание прошло онлайн" }] });
    const note = await s.db.notification.findFirst({ where: { recipientId: rw.w.users.curator.id, kind: "MEASURE_COMMENTED" }, orderBy: { id: "desc" } });
    expect(note?.title).toMatch(/прокомментировал\(а\) мероприятие «Родительское собрание»$/);
  });

  it("the curator comments and the school is notified; the municipal coordinator may comment too", async () => {
    const r = await s.gql(COMMENT, { id, body: "Приложите, пожалуйста, программу мастер-классов" }, { token: rw.t.curator });
    expect(r.data.commentMeasure.data.comments.at(-1)).toMatchObject({ body: "Приложите, пожалуйста, программу мастер-классов", authorName: expect.stringMatching(/^Тест CURATOR/) });
    expect(r.data.commentMeasure.data).toMatchObject({ viewerCanEdit: false, viewerCanReport: false, viewerCanComment: true });
    const note = await s.db.notification.findFirst({ where: { recipientId: rw.w.users.school.id, kind: "MEASURE_COMMENTED" }, orderBy: { id: "desc" } });
    expect(note?.payload).toMatchObject({ measureId: id });
    const m = await s.gql(COMMENT, { id, body: "Согласовано с комитетом образования" }, { token: rw.t.municipal });
    expect(m.data.commentMeasure.__typename).toBe("MutationCommentMeasureSuccess");
  });

  it("an observer and another school's curator may not comment", async () => {
    expect(codeOf(await s.gql(COMMENT, { id, body: "?" }, { token: rw.t.observer }), "commentMeasure")).toBe("FORBIDDEN");
    expect(codeOf(await s.gql(COMMENT, { id, body: "?" }, { token: rw.t.otherCurator }), "commentMeasure")).toBe("NOT_FOUND");
  });

  it("evidence links must be http(s) and of a sane length", async () => {
    for (const url of ["javascript:alert(1)", `https://example.ru/${"a".repeat(2100)}`]) {
      const r = await s.gql(EVIDENCE, { id, url }, { token: rw.t.school });
      expect(r.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    }
    const ok = await s.gql(EVIDENCE, { id, url: "https://disk.example.ru/programma.pdf", note: "Программа" }, { token: rw.t.school });
    expect(ok.data.addMeasureEvidence.data.evidence).toHaveLength(2);
    expect(codeOf(await s.gql(EVIDENCE, { id, url: "https://example.ru/x" }, { token: rw.t.curator }), "addMeasureEvidence")).toBe("FORBIDDEN");
  });
});

describe("cancelling and ordering", () => {
  it("cancelling needs a reason; a cancelled measure keeps its reason and can no longer change", async () => {
    const id = (await create({ title: "Экскурсия в технопарк" })).data.createMeasure.data.id;
    expect((await s.gql(CANCEL, { id, reason: "  " }, { token: rw.t.school })).errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(codeOf(await s.gql(CANCEL, { id, reason: "Нет транспорта" }, { token: rw.t.curator }), "cancelMeasure")).toBe("FORBIDDEN");
    const r = await s.gql(CANCEL, { id, reason: "Технопарк закрыт на ремонт" }, { token: rw.t.school });
    expect(r.data.cancelMeasure.data).toMatchObject({ status: "CANCELLED", cancelReason: "Технопарк закрыт на ремонт", viewerCanEdit: false });
    expect(r.data.cancelMeasure.data.history.at(-1)).toMatchObject({ action: "measure.cancel", reason: "Технопарк закрыт на ремонт" });
    const again = await s.gql(UPDATE, { input: { id, title: "Другая экскурсия" } }, { token: rw.t.school });
    expect(again.data.updateMeasure).toMatchObject({ code: "MEASURE_CANCELLED" });
  });

  it("the school reorders its measures; a list that misses one is refused; the curator may not reorder", async () => {
    const roadmap = (await s.gql(ROADMAP, { p: p() }, { token: rw.t.school })).data.roadmap;
    const ids: string[] = (await s.db.measure.findMany({ where: { roadmap: { participationId: rw.w.participationId } }, orderBy: { position: "asc" }, select: { id: true } })).map((m) =>
      gid("Measure", m.id),
    );
    const reversed = [...ids].reverse();
    expect(codeOf(await s.gql(REORDER, { r: roadmap.id, ids: reversed }, { token: rw.t.curator }), "reorderMeasures")).toBe("FORBIDDEN");
    expect((await s.gql(REORDER, { r: roadmap.id, ids: reversed.slice(1) }, { token: rw.t.school })).data.reorderMeasures.code).toBe("REORDER_MISMATCH");
    const r = await s.gql(REORDER, { r: roadmap.id, ids: reversed }, { token: rw.t.school });
    const edges = r.data.reorderMeasures.data.measures.edges;
    expect(edges.map((e: any) => e.node.position)).toEqual(ids.map((_, i) => i + 1));
    expect(edges[0].node.title).toBe("Экскурсия в технопарк");
  });
});

describe("who sees the roadmap", () => {
  it("the curator and the observer read it without edit rights; another school and another curator do not see it", async () => {
    const curator = (await s.gql(ROADMAP, { p: p() }, { token: rw.t.curator })).data.roadmap;
    expect(curator).toMatchObject({ viewerCanEdit: false, viewerCanReport: false, viewerCanComment: true });
    const observer = (await s.gql(ROADMAP, { p: p() }, { token: rw.t.observer })).data.roadmap;
    expect(observer).toMatchObject({ viewerCanEdit: false, viewerCanReport: false, viewerCanComment: false });
    expect(observer.measures.totalCount).toBeGreaterThan(3);
    expect((await s.gql(ROADMAP, { p: p() }, { token: rw.t.otherSchool })).data.roadmap).toBeNull();
    expect((await s.gql(ROADMAP, { p: p() }, { token: rw.t.otherCurator })).data.roadmap).toBeNull();
  });
});

describe("live", () => {
  it("the curator watching the roadmap sees a measure the school adds, as it is added", async () => {
    const roadmap = (await s.gql(ROADMAP, { p: p() }, { token: rw.t.school })).data.roadmap;
    const events = nextEvents(s.ws(rw.t.curator), `subscription { roadmapUpdated(id: "${roadmap.id}") { measures(first: 100) { totalCount } progress { measuresTotal } } }`, 1, 10_000);
    await new Promise((r) => setTimeout(r, 300)); // let the subscription register
    await create({ title: "Круглый стол с родителями" });
    const [e] = await events;
    expect(e!.data.roadmapUpdated.measures.totalCount).toBe(roadmap.measures.totalCount + 1);
  });

  it("another school cannot watch it", async () => {
    const roadmap = (await s.gql(ROADMAP, { p: p() }, { token: rw.t.school })).data.roadmap;
    const [e] = await nextEvents(s.ws(rw.t.otherSchool), `subscription { roadmapUpdated(id: "${roadmap.id}") { title } }`, 1, 5_000);
    expect((e!.errors as any)?.[0]?.extensions?.code ?? (e as any)).toBe("FORBIDDEN");
  });
});

describe("the municipal roadmap", () => {
  const MUNI = `query($m: ID!, $y: Int!) { roadmap(municipalityId: $m, year: $y) { title viewerCanEdit measures(first: 10) { totalCount } } }`;
  const muni = (extra: Record<string, unknown> = {}) => ({
    municipalityId: gid("Municipality", rw.w.municipalityId),
    year: 2026,
    title: "Собеседование с руководителями школ проекта «500+» по формированию дорожной карты",
    periodLabel: "Январь",
    dueDate: "2026-01-31",
    indicatorName: "Проведено собеседование с руководителями общеобразовательных организаций-участников проекта «500+»",
    ...extra,
  });

  it("the municipal coordinator keeps it; the region's coordinator reads it but may not edit it; the school and a neighbour coordinator do not see it", async () => {
    const r = await s.gql(CREATE, { input: muni() }, { token: rw.t.municipal });
    expect(r.data.createMeasure.data).toMatchObject({ periodLabel: "Январь", viewerCanEdit: true });
    expect(codeOf(await s.gql(CREATE, { input: muni() }, { token: rw.t.region }), "createMeasure")).toBe("FORBIDDEN");
    expect(codeOf(await s.gql(CREATE, { input: muni() }, { token: rw.t.school }), "createMeasure")).toBe("NOT_FOUND");
    expect(codeOf(await s.gql(CREATE, { input: muni() }, { token: rw.t.otherMunicipal }), "createMeasure")).toBe("NOT_FOUND");
    expect((await s.gql(MUNI, { m: gid("Municipality", rw.w.municipalityId), y: 2026 }, { token: rw.t.school })).data.roadmap).toBeNull();
    const seen = (await s.gql(MUNI, { m: gid("Municipality", rw.w.municipalityId), y: 2026 }, { token: rw.t.region })).data.roadmap;
    expect(seen).toMatchObject({ viewerCanEdit: false, measures: { totalCount: 1 } });
    expect(seen.title).toMatch(/^Муниципальная дорожная карта: Тестовый район .+, 2026 год$/);
    expect((await s.gql(MUNI, { m: gid("Municipality", rw.w.municipalityId), y: 2026 }, { token: rw.t.otherMunicipal })).data.roadmap).toBeNull();
  });

  it("a risk factor of the year may be linked without a school's choice", async () => {
    const r = await s.gql(CREATE, { input: muni({ riskFactorId: gid("RiskFactor", rw.factor(1)) }) }, { token: rw.t.municipal });
    expect(r.data.createMeasure.data.riskFactor).toEqual({ number: 1 });
  });
});
