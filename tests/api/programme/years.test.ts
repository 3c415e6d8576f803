// Programme years run by the federal coordinator: open a year or copy the last one (settings, deadlines,
// alert days, review rule, risk-factor list), edit that year's list, change settings with a reason kept in
// history, and delete only a year without participants. Years here lie before the demo's current year,
// so the "current year" other files read stays 2026.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../../testkit/server.ts";
import { gid, TEST_PASSWORD } from "../../testkit/seed.ts";
import { addUser } from "../../testkit/people.ts";

let s: TestServer;
let federal: string;
let regional: string;

beforeAll(async () => {
  s = await startServer();
  federal = await s.signIn((await addUser(s.db, "FEDERAL_COORDINATOR")).email, TEST_PASSWORD);
  const r = await s.db.region.findUniqueOrThrow({ where: { code: 38 } });
  regional = await s.signIn((await addUser(s.db, "REGIONAL_COORDINATOR", { regionId: r.id })).email, TEST_PASSWORD);
  await s.db.programmeYear.deleteMany({ where: { year: { in: [2024, 2025] }, participations: { none: {} } } });
});
afterAll(() => s.stop());

const Y = `id year title conceptDocumentsDue roadmapDue measureDueSoonDays documentsDueSoonDays reviewWaitDays coordinatorsMayReview roadmapAssistedEditing participantCount viewerCanManage riskFactors { id number title }`;
const op = (name: string, params: string, args: string, data = Y) =>
  `mutation(${params}) { ${name}(${args}) { __typename ... on Error { code message } ... on Mutation${name[0]!.toUpperCase()}${name.slice(1)}Success { data { ${data} } } } }`;
const CREATE = op("createProgrammeYear", "$y: Int!, $from: Int, $s: ProgrammeYearSettingsInput", "year: $y, copyFrom: $from, settings: $s");
const UPDATE = op("updateProgrammeYear", "$id: ID!, $s: ProgrammeYearSettingsInput!, $r: String!", "id: $id, settings: $s, reason: $r", `${Y} history { action reason before after }`);
const DELETE = op("deleteProgrammeYear", "$id: ID!", "id: $id", "");
const SAVE = op("saveRiskFactor", "$y: ID!, $n: Int!, $t: String!", "programmeYearId: $y, number: $n, title: $t", "id number title");
const REMOVE = op("removeRiskFactor", "$id: ID!", "id: $id", "");
const deleteOp = (q: string) =>
  q
    .replace(" ... on MutationDeleteProgrammeYearSuccess { data {  } }", " ... on MutationDeleteProgrammeYearSuccess { data }")
    .replace(" ... on MutationRemoveRiskFactorSuccess { data {  } }", " ... on MutationRemoveRiskFactorSuccess { data }");

describe("programme years", () => {
  let copy: any;

  it("copies the last year: settings, deadlines moved by a year, alert days, review rule and the risk-factor list", async () => {
    const src = await s.db.programmeYear.findFirstOrThrow({ where: { year: 2026, programme: { regionId: null } }, include: { riskFactors: { orderBy: { number: "asc" } } } });
    const denied = await s.gql(CREATE, { y: 2025, from: 2026 }, { token: regional });
    expect(denied.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const r = await s.gql(CREATE, { y: 2025, from: 2026 }, { token: federal });
    copy = r.data.createProgrammeYear.data;
    expect(copy, JSON.stringify(r)).toMatchObject({
      year: 2025,
      title: "500+ 2025",
      measureDueSoonDays: src.measureDueSoonDays,
      documentsDueSoonDays: src.documentsDueSoonDays,
      reviewWaitDays: src.reviewWaitDays,
      coordinatorsMayReview: src.coordinatorsMayReview,
      participantCount: 0,
      viewerCanManage: true,
    });
    // Deadlines move by the difference of years (the demo's 2026 deadline may lie in the next calendar year).
    const shifted = new Date(src.conceptDocumentsDue);
    shifted.setUTCFullYear(shifted.getUTCFullYear() - 1);
    expect(copy.conceptDocumentsDue).toBe(shifted.toISOString().slice(0, 10));
    expect(copy.riskFactors.map((f: any) => [f.number, f.title])).toEqual(src.riskFactors.map((f) => [f.number, f.title]));
    expect(await s.db.significanceRule.count({ where: { programmeYearId: Buffer.from(copy.id, "base64").toString().split(":")[1] } })).toBe(
      await s.db.significanceRule.count({ where: { programmeYearId: src.id } }),
    );
    const again = await s.gql(CREATE, { y: 2025, from: 2026 }, { token: federal });
    expect(again.data.createProgrammeYear).toMatchObject({ code: "YEAR_EXISTS", message: "2025 год проекта уже открыт" });
  });

  it("edits the copied year's risk-factor list without touching the source year", async () => {
    const renamed = await s.gql(SAVE, { y: copy.id, n: 6, t: "Высокая доля обучающихся с ОВЗ" }, { token: federal });
    expect(renamed.data.saveRiskFactor.data).toMatchObject({ number: 6, title: "Высокая доля обучающихся с ОВЗ" });
    const added = await s.gql(SAVE, { y: copy.id, n: 11, t: "Низкая цифровая грамотность" }, { token: federal });
    expect(added.data.saveRiskFactor.data.number).toBe(11);
    expect((await s.gql(SAVE, { y: copy.id, n: 12, t: "x" }, { token: regional })).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const blank = await s.gql(SAVE, { y: copy.id, n: 12, t: "  " }, { token: federal });
    expect(blank.errors?.[0]?.message).toBe("Наименование: не заполнено");
    expect(deleteOp(REMOVE)).toContain("data }");
    const removed = await s.gql(deleteOp(REMOVE), { id: added.data.saveRiskFactor.data.id }, { token: federal });
    expect(removed.data.removeRiskFactor.data).toBe(true);
    const src = await s.db.riskFactor.findFirstOrThrow({ where: { programmeYear: { year: 2026, programme: { regionId: null } }, number: 6 } });
    expect(src.title).toBe("Высокая доля обучающихся с рисками учебной неуспешности");
  });

  it("changes deadlines with a reason kept in history", async () => {
    const noReason = await s.gql(UPDATE, { id: copy.id, s: { roadmapDue: "2025-06-30" }, r: "" }, { token: federal });
    expect(noReason.errors?.[0]?.message).toBe("Причина: не заполнено");
    const r = await s.gql(UPDATE, { id: copy.id, s: { roadmapDue: "2025-06-30", measureDueSoonDays: 10 }, r: "Письмо Минпросвещения о переносе сроков" }, { token: federal });
    const d = r.data.updateProgrammeYear.data;
    expect([d.roadmapDue, d.measureDueSoonDays]).toEqual(["2025-06-30", 10]);
    const last = d.history.at(-1);
    expect(last).toMatchObject({ action: "programmeYear.update", reason: "Письмо Минпросвещения о переносе сроков", after: { measureDueSoonDays: 10 } });
    expect(last.before.measureDueSoonDays).toBe(copy.measureDueSoonDays);
    expect(d.history[0].action).toBe("programmeYear.copy");
    expect((await s.gql(UPDATE, { id: copy.id, s: { measureDueSoonDays: 3 }, r: "x" }, { token: regional })).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("a year with participants cannot be deleted; an empty one can", async () => {
    const fresh = await s.gql(CREATE, { y: 2024 }, { token: federal });
    expect(fresh.data.createProgrammeYear).toMatchObject({ code: "DEADLINE_REQUIRED", message: "Укажите срок концептуальных документов" });
    const id = copy.id;
    const yearId = Buffer.from(id, "base64").toString().split(":")[1]!;
    const school = await s.db.school.findFirstOrThrow({ where: { participations: { some: {} } } });
    const p = await s.db.participation.create({ data: { schoolId: school.id, programmeYearId: yearId } });
    const refused = await s.gql(deleteOp(DELETE), { id }, { token: federal });
    expect(refused.data.deleteProgrammeYear).toMatchObject({ code: "YEAR_IN_USE", message: "Год нельзя удалить: в нём 1 школ-участников" });
    await s.db.participation.delete({ where: { id: p.id } });
    expect((await s.gql(deleteOp(DELETE), { id }, { token: regional })).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const ok = await s.gql(deleteOp(DELETE), { id }, { token: federal });
    expect(ok.data.deleteProgrammeYear.data).toBe(true);
    expect(await s.db.programmeYear.count({ where: { year: 2025 } })).toBe(0);
    expect(await s.db.auditEvent.count({ where: { action: "programmeYear.delete", entityId: yearId } })).toBe(1);
    void gid;
  });
});
