// Curator verification of measures reported done: «ожидает подтверждения» until the school's curator
// confirms it or returns it with a comment (back to «в работе»); the school is notified; only the
// reviewer decides; a new completion waits again.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../../testkit/server.ts";
import { gid } from "../../testkit/seed.ts";
import { codeOf, roadmapWorld, type RoadmapWorld } from "./helpers.ts";

let s: TestServer;
let rw: RoadmapWorld;
beforeAll(async () => {
  s = await startServer();
  rw = await roadmapWorld(s);
});
afterAll(() => s.stop());

const MEASURE = "id status verification confirmedAt confirmedByName returnComment viewerCanVerify comments { body } history { action reason }";
const out = (name: string, success: string) => `${name} { __typename ... on ${success} { data { ${MEASURE} } } ... on Error { message code } }`;
const CONFIRM = `mutation($id: ID!, $comment: String) { ${out("confirmMeasure(id: $id, comment: $comment)", "MutationConfirmMeasureSuccess")} }`;
const RETURN = `mutation($id: ID!, $comment: String!) { ${out("returnMeasure(id: $id, comment: $comment)", "MutationReturnMeasureSuccess")} }`;
const CREATE = `mutation($input: CreateMeasureInput!) { createMeasure(input: $input) { __typename ... on MutationCreateMeasureSuccess { data { id } } ... on Error { message } } }`;
const REPORT = `mutation($input: ReportMeasureProgressInput!) { reportMeasureProgress(input: $input) { __typename ... on MutationReportMeasureProgressSuccess { data { ${MEASURE} } } ... on Error { message code } } }`;
const MEASURE_Q = `query($id: ID!) { node(id: $id) { ... on Measure { ${MEASURE} } } }`;

/** A measure of the world's school roadmap, reported done with a link as evidence. */
async function doneMeasure(title: string) {
  const c = await s.gql(CREATE, { input: { participationId: gid("Participation", rw.w.participationId), title, dueDate: "2026-10-30", responsible: ["Директор"] } }, { token: rw.t.school });
  expect(c.data?.createMeasure?.data, JSON.stringify(c)).toBeTruthy();
  const id = c.data.createMeasure.data.id as string;
  const r = await s.gql(REPORT, { input: { id, status: "DONE", evidenceLinks: [{ url: "https://school.example.ru/news/1", note: "Новость на сайте" }] } }, { token: rw.t.school });
  expect(r.data?.reportMeasureProgress?.data, JSON.stringify(r)).toMatchObject({ status: "DONE", verification: "PENDING", viewerCanVerify: false });
  return id;
}

describe("verifying measures reported done", () => {
  it("the curator sees it waiting and confirms it; the school is notified and the history keeps it", async () => {
    const id = await doneMeasure("Педсовет по итогам диагностики");
    expect((await s.gql(MEASURE_Q, { id }, { token: rw.t.curator })).data.node).toMatchObject({ verification: "PENDING", viewerCanVerify: true });
    const r = await s.gql(CONFIRM, { id }, { token: rw.t.curator });
    expect(r.data.confirmMeasure.data).toMatchObject({ status: "DONE", verification: "CONFIRMED", viewerCanVerify: false });
    expect(r.data.confirmMeasure.data.confirmedByName).toBeTruthy();
    expect(r.data.confirmMeasure.data.history.at(-1).action).toBe("measure.confirm");
    const note = await s.db.notification.findFirst({ where: { recipientId: rw.w.users.school.id, kind: "MEASURE_CONFIRMED" }, orderBy: { id: "desc" } });
    expect(note?.title).toContain("подтвердил(а) выполнение мероприятия «Педсовет по итогам диагностики»");
    // Confirmed once: a second decision is refused in words.
    const again = await s.gql(RETURN, { id, comment: "Передумал" }, { token: rw.t.curator });
    expect(again.data.returnMeasure).toMatchObject({ __typename: "DomainError", code: "MEASURE_CONFIRMED" });
  });

  it("the curator returns it with a comment: back to «в работе», the comment shown, the school notified", async () => {
    const id = await doneMeasure("Открытые уроки");
    const noComment = await s.gql(RETURN, { id, comment: "  " }, { token: rw.t.curator });
    expect(JSON.stringify(noComment)).toContain("Комментарий пустой");
    const r = await s.gql(RETURN, { id, comment: "Приложите протокол: по ссылке только анонс" }, { token: rw.t.curator });
    expect(r.data.returnMeasure.data).toMatchObject({
      status: "IN_PROGRESS",
      verification: "RETURNED",
      returnComment: "Приложите протокол: по ссылке только анонс",
      comments: [{ body: "Приложите протокол: по ссылке только анонс" }],
    });
    expect(r.data.returnMeasure.data.history.at(-1)).toEqual({ action: "measure.return", reason: "Приложите протокол: по ссылке только анонс" });
    const note = await s.db.notification.findFirst({ where: { recipientId: rw.w.users.school.id, kind: "MEASURE_RETURNED" }, orderBy: { id: "desc" } });
    expect(note?.title).toContain("на доработку: Приложите протокол");
    // Reported done again, it waits for confirmation again and the return is over.
    const again = await s.gql(REPORT, { input: { id, status: "DONE", comment: "Протокол приложен" } }, { token: rw.t.school });
    expect(again.data.reportMeasureProgress.data).toMatchObject({ verification: "PENDING", returnComment: null });
  });

  it("the school, the municipal coordinator and another school's curator cannot decide, and nothing changes", async () => {
    const id = await doneMeasure("Методический день");
    for (const role of ["school", "municipal", "otherCurator"] as const) {
      const c = await s.gql(CONFIRM, { id }, { token: rw.t[role] });
      expect(codeOf(c, "confirmMeasure"), role).toMatch(/FORBIDDEN|NOT_FOUND/);
      const r = await s.gql(RETURN, { id, comment: "Нет" }, { token: rw.t[role] });
      expect(codeOf(r, "returnMeasure"), role).toMatch(/FORBIDDEN|NOT_FOUND/);
    }
    const m = await s.db.measure.findUniqueOrThrow({ where: { id: Buffer.from(id, "base64").toString().split(":")[1]! } });
    expect(m).toMatchObject({ status: "DONE", confirmedAt: null, returnedAt: null });
  });

  it("a measure not reported done cannot be confirmed", async () => {
    const c = await s.gql(
      CREATE,
      { input: { participationId: gid("Participation", rw.w.participationId), title: "Ещё не сделано", dueDate: "2026-11-30", responsible: ["Директор"] } },
      { token: rw.t.school },
    );
    const r = await s.gql(CONFIRM, { id: c.data.createMeasure.data.id }, { token: rw.t.curator });
    expect(r.data.confirmMeasure).toMatchObject({ __typename: "DomainError", code: "MEASURE_NOT_DONE" });
  });
});

describe("reports", () => {
  it("count measures done as confirmed by the curator and as awaiting confirmation", async () => {
    const year = (await s.db.programmeYear.findUniqueOrThrow({ where: { id: rw.w.programmeYearId } })).year;
    const r = await s.gql(
      `query($f: ReportFilter!) { reportMonitoring(filter: $f, groupBy: MUNICIPALITY) { edges { node { measures { done doneConfirmed doneAwaitingConfirmation } } } } }`,
      { f: { year, municipalityIds: [gid("Municipality", rw.w.municipalityId)] } },
      { token: rw.t.municipal },
    );
    expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    const m = r.data.reportMonitoring.edges[0].node.measures;
    // Confirmed: «Педсовет по итогам диагностики»; waiting: «Открытые уроки» (done again) and «Методический день».
    expect(m).toEqual({ done: 3, doneConfirmed: 1, doneAwaitingConfirmation: 2 });
  });
});
