// Risk profiles: loaded as data, confirmed by the school, the curator and the municipal coordinator,
// risks chosen together, changes after verification recorded with who and why.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../../testkit/server.ts";
import { gid, seedWorld, TEST_PASSWORD, type World } from "../../testkit/seed.ts";
import { addUser } from "../../testkit/people.ts";

let s: TestServer;
let w: World;
let other: World;
let t: Record<"school" | "curator" | "municipal" | "region" | "observer" | "otherCurator" | "otherSchool", string>;
let factors: { id: string; number: number }[];

const PROFILE = `
  id verified verifiedAt missingParties viewerCanConfirmAs viewerCanEdit
  entries { significance explanation chosen riskFactor { number } }
  confirmations { party confirmedByName }
  history { action actorName reason before after }`;

const LOAD = `mutation($input: LoadRiskProfileInput!) { loadRiskProfile(input: $input) {
  __typename ... on MutationLoadRiskProfileSuccess { data { ${PROFILE} } } ... on Error { message code } } }`;
const CONFIRM = `mutation($p: ID!, $as: ConfirmingParty) { confirmRiskProfile(participationId: $p, as: $as) {
  __typename ... on MutationConfirmRiskProfileSuccess { data { ${PROFILE} } } ... on Error { message code } } }`;
const CHOOSE = `mutation($p: ID!, $ids: [ID!]!, $reason: String) { setRiskChoice(participationId: $p, riskFactorIds: $ids, reason: $reason) {
  __typename ... on MutationSetRiskChoiceSuccess { data { ${PROFILE} } } ... on Error { message code } } }`;
const SIGNIFICANCE = `mutation($input: UpdateRiskSignificanceInput!) { updateRiskSignificance(input: $input) {
  __typename ... on MutationUpdateRiskSignificanceSuccess { data { ${PROFILE} } } ... on Error { message code } } }`;

const level = (n: number) => (n % 3 === 0 ? "HIGH" : n % 3 === 1 ? "MEDIUM" : "LOW");
const fullProfile = (participationId: string, skip?: number) => ({
  input: {
    participationId: gid("Participation", participationId),
    entries: factors.filter((f) => f.number !== skip).map((f) => ({ riskFactorId: gid("RiskFactor", f.id), significance: level(f.number), explanation: `Показатель ${f.number}: 0,${f.number}` })),
  },
});

beforeAll(async () => {
  s = await startServer();
  [w, other] = await Promise.all([seedWorld(s.db), seedWorld(s.db)]);
  const [region, observer] = await Promise.all([addUser(s.db, "REGIONAL_COORDINATOR", { regionId: w.regionId }), addUser(s.db, "OBSERVER", { municipalityId: w.municipalityId })]);
  const emails = { ...w.users, region, observer, otherCurator: other.users.curator, otherSchool: other.users.school };
  const tokens = await Promise.all(Object.values(emails).map((u) => s.signIn(u.email, TEST_PASSWORD)));
  t = Object.fromEntries(Object.keys(emails).map((k, i) => [k, tokens[i]])) as typeof t;
  factors = await s.db.riskFactor.findMany({ where: { programmeYearId: w.programmeYearId }, select: { id: true, number: true }, orderBy: { number: "asc" } });
});
afterAll(() => s.stop());

const p = () => gid("Participation", w.participationId);
const factorId = (n: number) => gid("RiskFactor", factors.find((f) => f.number === n)!.id);

describe("loading a profile", () => {
  it("a school cannot load its own profile", async () => {
    const r = await s.gql(LOAD, fullProfile(w.participationId), { token: t.school });
    expect(r.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(await s.db.riskProfile.count({ where: { participationId: w.participationId } })).toBe(0);
  });

  it("a profile missing a factor of the year is refused with the factor's number", async () => {
    const r = await s.gql(LOAD, fullProfile(w.participationId, 7), { token: t.region });
    expect(r.data.loadRiskProfile).toEqual({ __typename: "DomainError", code: "UNKNOWN_RISK_FACTOR", message: "В профиле нет факторов риска № 7 года проекта" });
  });

  it("the regional coordinator loads every factor with its significance and explanation, unverified", async () => {
    const r = await s.gql(LOAD, fullProfile(w.participationId), { token: t.region });
    const profile = r.data.loadRiskProfile.data;
    expect(profile.verified).toBe(false);
    expect(profile.entries.map((e: any) => e.riskFactor.number)).toEqual(factors.map((f) => f.number));
    expect(profile.entries[2]).toEqual({ significance: "HIGH", explanation: "Показатель 3: 0,3", chosen: false, riskFactor: { number: 3 } });
    expect(profile.missingParties).toEqual(["SCHOOL", "CURATOR", "MUNICIPALITY"]);
    expect(profile.history.map((h: any) => h.action)).toEqual(["riskProfile.load"]);
  });

  it("the profile is readable through the participation by its curator, not by another school's curator", async () => {
    const q = `query($id: ID!) { node(id: $id) { ... on Participation { riskProfile { verified entries { significance } } } } }`;
    const mine = await s.gql(q, { id: p() }, { token: t.curator });
    expect(mine.data.node.riskProfile.entries).toHaveLength(factors.length);
    const foreign = await s.gql(q, { id: p() }, { token: t.otherCurator });
    expect(foreign.data?.node?.riskProfile ?? null).toBeNull();
    expect(foreign.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});

describe("choosing risks and confirming", () => {
  it("a confirmation before any risk is chosen is refused", async () => {
    const r = await s.gql(CONFIRM, { p: p() }, { token: t.school });
    expect(r.data.confirmRiskProfile).toMatchObject({ __typename: "DomainError", code: "NO_RISK_CHOSEN" });
  });

  it("choosing no risk at all is a validation error", async () => {
    const r = await s.gql(CHOOSE, { p: p(), ids: [] }, { token: t.school });
    expect(r.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(r.errors?.[0]?.message).toContain("Выберите хотя бы один фактор риска");
  });

  it("an observer and another school's curator may neither choose nor confirm", async () => {
    for (const token of [t.observer, t.otherCurator]) {
      expect((await s.gql(CHOOSE, { p: p(), ids: [factorId(3)] }, { token })).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
      expect((await s.gql(CONFIRM, { p: p() }, { token })).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    }
  });

  it("the school chooses two risks; the choice is recorded in the history", async () => {
    const r = await s.gql(CHOOSE, { p: p(), ids: [factorId(3), factorId(6)] }, { token: t.school });
    const profile = r.data.setRiskChoice.data;
    expect(profile.entries.filter((e: any) => e.chosen).map((e: any) => e.riskFactor.number)).toEqual([3, 6]);
    expect(profile.history.at(-1)).toMatchObject({ action: "riskProfile.choose", before: { chosen: [] }, after: { chosen: [3, 6] } });
  });

  it("the regional coordinator is not a party of the verification", async () => {
    const r = await s.gql(CONFIRM, { p: p() }, { token: t.region });
    expect(r.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("school, curator and municipal coordinator confirm; the third makes it «верифицирован» and the others are notified", async () => {
    const school = await s.gql(CONFIRM, { p: p() }, { token: t.school });
    expect(school.data.confirmRiskProfile.data).toMatchObject({ verified: false, missingParties: ["CURATOR", "MUNICIPALITY"], viewerCanConfirmAs: [] });
    const curator = await s.gql(CONFIRM, { p: p() }, { token: t.curator });
    expect(curator.data.confirmRiskProfile.data).toMatchObject({ verified: false, missingParties: ["MUNICIPALITY"] });
    const municipal = await s.gql(CONFIRM, { p: p(), as: "MUNICIPALITY" }, { token: t.municipal });
    const profile = municipal.data.confirmRiskProfile.data;
    expect(profile.verified).toBe(true);
    expect(profile.verifiedAt).toBeTruthy();
    expect(profile.confirmations.map((c: any) => c.party)).toEqual(["SCHOOL", "CURATOR", "MUNICIPALITY"]);
    expect(profile.confirmations[1].confirmedByName).toMatch(/^Тест CURATOR/);

    const notes = await s.db.notification.findMany({ where: { recipientId: w.users.school.id, kind: "PROFILE_CONFIRMED" }, orderBy: { id: "asc" } });
    expect(notes.map((n) => n.title)).toEqual([
      "Рисковый профиль школы подтвердил(а) куратор; ожидаются подтверждения: муниципальный координатор",
      "Рисковый профиль школы верифицирован: его подтвердили школа, куратор и муниципальный координатор",
    ]);
    // Nobody is told about their own confirmation.
    expect(await s.db.notification.count({ where: { recipientId: w.users.municipal.id, kind: "PROFILE_CONFIRMED", payload: { path: ["verified"], equals: true } } })).toBe(0);
  });

  it("a curator cannot confirm as the municipality", async () => {
    const r = await s.gql(CONFIRM, { p: p(), as: "MUNICIPALITY" }, { token: t.curator });
    expect(r.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});

describe("changes after verification", () => {
  it("changing a significance without a reason is refused and nothing changes", async () => {
    const r = await s.gql(SIGNIFICANCE, { input: { participationId: p(), riskFactorId: factorId(5), significance: "HIGH" } }, { token: t.curator });
    expect(r.data.updateRiskSignificance).toMatchObject({ __typename: "DomainError", code: "REASON_REQUIRED" });
    const entry = await s.db.riskProfileEntry.findFirstOrThrow({ where: { profile: { participationId: w.participationId }, riskFactor: { number: 5 } } });
    expect(entry.significance).toBe(level(5));
  });

  it("with a reason the change is made, the profile stays verified, and the history says who and why", async () => {
    const r = await s.gql(
      SIGNIFICANCE,
      { input: { participationId: p(), riskFactorId: factorId(5), significance: "HIGH", reason: "Повторное анкетирование педагогов в марте" } },
      { token: t.curator },
    );
    const profile = r.data.updateRiskSignificance.data;
    expect(profile.verified).toBe(true);
    expect(profile.entries[4].significance).toBe("HIGH");
    expect(profile.history.at(-1)).toMatchObject({
      action: "riskProfile.significance",
      actorName: expect.stringMatching(/^Тест CURATOR/),
      reason: "Повторное анкетирование педагогов в марте",
      before: { factor: 5, significance: "LOW" },
      after: { factor: 5, significance: "HIGH" },
    });
  });

  it("re-choosing risks after verification needs a reason too", async () => {
    const bare = await s.gql(CHOOSE, { p: p(), ids: [factorId(3)] }, { token: t.municipal });
    expect(bare.data.setRiskChoice).toMatchObject({ code: "REASON_REQUIRED" });
    const withReason = await s.gql(CHOOSE, { p: p(), ids: [factorId(3)], reason: "Риск 6 снят по итогам полугодия" }, { token: t.municipal });
    expect(withReason.data.setRiskChoice.data.history.at(-1)).toMatchObject({ action: "riskProfile.choose", after: { chosen: [3] }, reason: "Риск 6 снят по итогам полугодия" });
  });

  it("a verified profile cannot be reloaded as data", async () => {
    const r = await s.gql(LOAD, fullProfile(w.participationId), { token: t.region });
    expect(r.data.loadRiskProfile).toMatchObject({ code: "PROFILE_VERIFIED" });
  });

  it("another school's account cannot change this profile", async () => {
    const r = await s.gql(SIGNIFICANCE, { input: { participationId: p(), riskFactorId: factorId(5), significance: "LOW", reason: "x" } }, { token: t.otherSchool });
    expect(r.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});
