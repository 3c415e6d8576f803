// Region scoring: criteria and zones as data the federal coordinator edits, and scores computed from them
// on the hand-built world (region 83, 2023), where the shares are known.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../../testkit/server.ts";
import { buildReportWorld, YEAR } from "./world.ts";

let s: TestServer;
const t: Record<string, string> = {};

const UPSERT = `mutation($i: UpsertScoringCriterionInput!) { upsertScoringCriterion(input: $i) {
  __typename ... on MutationUpsertScoringCriterionSuccess { data { id code threshold points metric } } ... on DomainError { code message } } }`;
const ZONES = `mutation($y: Int!, $z: [ScoringZoneInput!]!) { setScoringZones(year: $y, zones: $z) {
  __typename ... on MutationSetScoringZonesSuccess { data { color minPoints title } } ... on DomainError { code } } }`;
const SCORES = `query { regionScores(years: [${YEAR}], regionCodes: [83]) { totalCount edges { node {
  region { code } year points maxPoints zone summary savedPoints criteria { code value met points maxPoints explanation } } } } }`;

const criterion = (code: string, metric: string, threshold: number, points: number, title = `Критерий ${code}`) => ({
  i: { year: YEAR, code, title, metric, threshold, points },
});

beforeAll(async () => {
  s = await startServer();
  // The region's schools and figures the scores are computed from.
  await buildReportWorld(s.db, 83);
  t.fed = await s.signIn("fioco@demo.medk.ru");
  t.region = await s.signIn("region75@demo.medk.ru");
});
afterAll(async () => {
  const year = await s.db.programmeYear.findFirstOrThrow({ where: { year: YEAR, programme: { regionId: null } } });
  await s.db.scoringCriterion.deleteMany({ where: { programmeYearId: year.id } });
  await s.db.scoringZone.deleteMany({ where: { programmeYearId: year.id } });
  await s.db.regionScore.deleteMany({ where: { programmeYearId: year.id } });
  await s?.stop();
});

describe("scoring a region", () => {
  it("the federal coordinator sets criteria and zones; the score shows which criterion gave which point", async () => {
    const docs = await s.gql(UPSERT, criterion("DOCS_APPROVED", "SHARE_DOCUMENTS_APPROVED", 0.3, 2, "Доля принятых документов не ниже 30 %"), { token: t.fed });
    expect(docs.data.upsertScoringCriterion).toMatchObject({ __typename: "MutationUpsertScoringCriterionSuccess", data: { code: "DOCS_APPROVED", threshold: 0.3, points: 2 } });
    await s.gql(UPSERT, criterion("CURATORS", "SHARE_PARTICIPATIONS_WITH_CURATOR", 0.9, 1), { token: t.fed });
    const zones = await s.gql(
      ZONES,
      {
        y: YEAR,
        z: [
          { color: "GREEN", minPoints: 3 },
          { color: "YELLOW", minPoints: 2 },
          { color: "RED", minPoints: 0 },
        ],
      },
      { token: t.fed },
    );
    expect(zones.data.setScoringZones.data.map((z: any) => z.title)).toEqual(["зелёная зона", "жёлтая зона", "красная зона"]);

    const r = await s.gql(SCORES, {}, { token: t.fed });
    expect(r.errors).toBeUndefined();
    // The withdrawn school (P3) does not count: approved 2 of 6 owed, a curator at 1 of 2 schools.
    expect(r.data.regionScores.edges.map((e: any) => e.node)).toEqual([
      {
        region: { code: 83 },
        year: 2023,
        points: 2,
        maxPoints: 3,
        zone: "YELLOW",
        summary: "2 из 3 баллов, жёлтая зона",
        savedPoints: null,
        criteria: [
          { code: "CURATORS", value: 0.5, met: false, points: 0, maxPoints: 1, explanation: "50 % < 90 % — 0 баллов" },
          { code: "DOCS_APPROVED", value: 0.3333, met: true, points: 2, maxPoints: 2, explanation: "33,3 % ≥ 30 % — 2 балла" },
        ],
      },
    ]);
  });

  it("changing a threshold changes the score; the change is in the audit log", async () => {
    const r = await s.gql(UPSERT, criterion("DOCS_APPROVED", "SHARE_DOCUMENTS_APPROVED", 0.4, 2), { token: t.fed });
    const id = r.data.upsertScoringCriterion.data.id;
    const score = (await s.gql(SCORES, {}, { token: t.fed })).data.regionScores.edges[0].node;
    expect(score.summary).toBe("0 из 3 баллов, красная зона");
    const events = await s.db.auditEvent.findMany({
      where: { entityType: "ScoringCriterion", entityId: Buffer.from(id, "base64").toString().split(":")[1] },
      orderBy: { id: "asc" },
    });
    expect(events.map((e) => e.action)).toEqual(["scoring.criterion.create", "scoring.criterion.update"]);
    expect((events[1]!.before as any).threshold).toBe(0.3);
    expect((events[1]!.after as any).threshold).toBe(0.4);
  });

  it("saving the scores stores a snapshot that later reports compare with", async () => {
    const saved = await s.gql(`mutation { saveRegionScores(year: ${YEAR}) { ... on MutationSaveRegionScoresSuccess { data } } }`, {}, { token: t.fed });
    expect(saved.data.saveRegionScores.data).toBeGreaterThanOrEqual(1);
    const score = (await s.gql(SCORES, {}, { token: t.fed })).data.regionScores.edges[0].node;
    expect(score.savedPoints).toBe(score.points);
  });

  it("last year's stored scores of the demo regions are there for comparison", async () => {
    const r = await s.gql(`{ regionScores(years: [2022], regionCodes: [75]) { edges { node { savedPoints maxPoints } } } }`, {}, { token: t.fed });
    expect(r.data.regionScores.edges[0].node.savedPoints).toBe(6);
  });

  it("deleting a criterion removes its points", async () => {
    const list = await s.gql(`{ scoringCriteria(year: ${YEAR}) { id code } }`, {}, { token: t.fed });
    const cur = list.data.scoringCriteria.find((c: any) => c.code === "CURATORS");
    const del = await s.gql(`mutation($id: ID!) { deleteScoringCriterion(id: $id) { ... on MutationDeleteScoringCriterionSuccess { data } } }`, { id: cur.id }, { token: t.fed });
    expect(del.data.deleteScoringCriterion.data).toBe(cur.id);
    const score = (await s.gql(SCORES, {}, { token: t.fed })).data.regionScores.edges[0].node;
    expect(score.criteria.map((c: any) => c.code)).toEqual(["DOCS_APPROVED"]);
    expect(score.maxPoints).toBe(2);
  });
});

describe("who may edit the scoring", () => {
  it("a regional coordinator may not add, change or delete criteria, set zones or save scores", async () => {
    const before = await s.db.scoringCriterion.count();
    const up = await s.gql(UPSERT, criterion("MINE", "SHARE_DOCUMENTS_APPROVED", 0.1, 5), { token: t.region });
    expect(up.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const zones = await s.gql(ZONES, { y: YEAR, z: [{ color: "GREEN", minPoints: 0 }] }, { token: t.region });
    expect(zones.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const save = await s.gql(`mutation { saveRegionScores(year: ${YEAR}) { __typename } }`, {}, { token: t.region });
    expect(save.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const some = (await s.gql(`{ scoringCriteria(year: 2026) { id } }`, {}, { token: t.region })).data.scoringCriteria[0].id;
    const del = await s.gql(`mutation($id: ID!) { deleteScoringCriterion(id: $id) { __typename } }`, { id: some }, { token: t.region });
    expect(del.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(await s.db.scoringCriterion.count()).toBe(before);
    const zoneCount = await s.db.scoringZone.count({ where: { programmeYear: { year: YEAR } } });
    expect(zoneCount).toBe(3);
  });

  it("refuses zones without a zero threshold, a share above 1 and an unknown year, with clear messages", async () => {
    const zones = await s.gql(ZONES, { y: YEAR, z: [{ color: "GREEN", minPoints: 3 }] }, { token: t.fed });
    expect(zones.errors?.[0]?.message).toContain("начинаться с 0 баллов");
    const share = await s.gql(UPSERT, criterion("BAD", "SHARE_DOCUMENTS_APPROVED", 1.5, 1), { token: t.fed });
    expect(share.errors?.[0]?.message).toContain("доля от 0 до 1");
    const year = await s.gql(UPSERT, { i: { ...criterion("LATER", "SHARE_DOCUMENTS_APPROVED", 0.5, 1).i, year: 2099 } }, { token: t.fed });
    expect(year.data.upsertScoringCriterion).toEqual({ __typename: "DomainError", code: "PROGRAMME_YEAR_NOT_FOUND", message: "Год проекта 2099 не найден" });
  });
});
