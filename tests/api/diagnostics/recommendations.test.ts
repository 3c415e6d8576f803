// Recommendations per risk factor and significance: written by the federal coordinator only, shown on
// each profile entry for the entry's significance, removed by an empty text, audited.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../../testkit/server.ts";
import { gid, seedWorld, TEST_PASSWORD, type World } from "../../testkit/seed.ts";
import { addUser } from "../../testkit/people.ts";

let s: TestServer;
let w: World;
let t: Record<"federal" | "region" | "school", string>;
let factors: { id: string; number: number }[];

const SAVE = `mutation($input: SaveRiskRecommendationsInput!) { saveRiskRecommendations(input: $input) {
  __typename ... on MutationSaveRiskRecommendationsSuccess { data { number recommendations { significance text } } }
  ... on Error { message code } } }`;
const PROFILE = `query($id: ID!) { node(id: $id) { ... on Participation { riskProfile {
  entries { significance recommendation riskFactor { number } } } } } }`;

beforeAll(async () => {
  s = await startServer();
  w = await seedWorld(s.db);
  const [federal, region] = await Promise.all([addUser(s.db, "FEDERAL_COORDINATOR"), addUser(s.db, "REGIONAL_COORDINATOR", { regionId: w.regionId })]);
  const [tf, tr, ts] = await Promise.all([s.signIn(federal.email, TEST_PASSWORD), s.signIn(region.email, TEST_PASSWORD), s.signIn(w.users.school.email, TEST_PASSWORD)]);
  t = { federal: tf, region: tr, school: ts };
  factors = await s.db.riskFactor.findMany({ where: { programmeYearId: w.programmeYearId }, select: { id: true, number: true }, orderBy: { number: "asc" } });
  const profile = await s.db.riskProfile.create({ data: { participationId: w.participationId } });
  await s.db.riskProfileEntry.createMany({
    data: factors.map((f) => ({ profileId: profile.id, riskFactorId: f.id, significance: f.number === 1 ? "HIGH" : "LOW" })),
  });
});
afterAll(() => s.stop());

const input = (n: number, texts: Record<string, string | null>) => ({ input: { riskFactorId: gid("RiskFactor", factors.find((f) => f.number === n)!.id), ...texts } });
const entryOf = async (n: number, token: string) => {
  const r = await s.gql(PROFILE, { id: gid("Participation", w.participationId) }, { token });
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  return r.data.node.riskProfile.entries.find((e: { riskFactor: { number: number } }) => e.riskFactor.number === n);
};

describe("recommendations", () => {
  it("the federal coordinator writes them, and the profile shows the one for each factor's significance", async () => {
    const r = await s.gql(SAVE, input(1, { high: " Провести аудит оснащения и составить план закупок ", medium: "Проверить оснащение кабинетов" }), { token: t.federal });
    expect(r.data.saveRiskRecommendations).toEqual({
      __typename: "MutationSaveRiskRecommendationsSuccess",
      data: {
        number: 1,
        recommendations: [
          { significance: "HIGH", text: "Провести аудит оснащения и составить план закупок" },
          { significance: "MEDIUM", text: "Проверить оснащение кабинетов" },
        ],
      },
    });
    expect((await entryOf(1, t.school)).recommendation).toBe("Провести аудит оснащения и составить план закупок");
    // Factor 2 is LOW in the profile and has no LOW recommendation.
    await s.gql(SAVE, input(2, { high: "Привлечь молодых педагогов" }), { token: t.federal });
    expect((await entryOf(2, t.school)).recommendation).toBeNull();
    await s.gql(SAVE, input(2, { low: "Следить за укомплектованностью кадрами" }), { token: t.federal });
    expect((await entryOf(2, t.school)).recommendation).toBe("Следить за укомплектованностью кадрами");
    const audit = await s.db.auditEvent.findFirstOrThrow({ where: { action: "riskFactor.recommendations", entityId: factors[1]!.id }, orderBy: { id: "desc" } });
    expect(audit.after).toEqual({ factor: 2, HIGH: "Привлечь молодых педагогов", LOW: "Следить за укомплектованностью кадрами" });
  });

  it("an empty text removes a level's recommendation and leaves the others", async () => {
    await s.gql(SAVE, input(3, { high: "Текст высокой", low: "Текст низкой" }), { token: t.federal });
    const r = await s.gql(SAVE, input(3, { high: "" }), { token: t.federal });
    expect(r.data.saveRiskRecommendations.data.recommendations).toEqual([{ significance: "LOW", text: "Текст низкой" }]);
  });

  it("a regional coordinator and a school cannot write them, and nothing is written", async () => {
    for (const token of [t.region, t.school]) {
      const r = await s.gql(SAVE, input(4, { high: "Чужой текст" }), { token });
      expect(r.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    }
    expect(await s.db.riskRecommendation.count({ where: { riskFactorId: factors[3]!.id } })).toBe(0);
  });

  it("a text over 5000 characters is refused with a Russian message", async () => {
    const r = await s.gql(SAVE, input(5, { high: "а".repeat(5001) }), { token: t.federal });
    expect(JSON.stringify(r)).toContain("Рекомендация не длиннее 5000 символов");
    expect(await s.db.riskRecommendation.count({ where: { riskFactorId: factors[4]!.id } })).toBe(0);
  });
});
