// The positive-practices bank over real HTTP: a school submits a practice linked to its roadmap measure;
// the region's coordinator returns it with a comment (the school is notified), the school resubmits, the
// coordinator publishes it; another school finds it by risk factor and words and copies it into its own
// roadmap as draft measures (through the roadmap's measure creation and its access rule); who may do what.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addUser } from "../../testkit/people.ts";
import { gid, seedWorld, TEST_PASSWORD, type World } from "../../testkit/seed.ts";
import { startServer, type TestServer } from "../../testkit/server.ts";

let s: TestServer;
let w: World;
let other: World;
let far: World;
let t: Record<"school" | "curator" | "regional" | "farRegional" | "otherSchool" | "farSchool", string>;
let measureId: string;
let factorId: string;
const TAG = `p${Date.now().toString(36)}`;

const P = `id status statusLabel title result viewerCanReview viewerCanResubmit measureTitles reviews { decision comment }`;
const res = (f: string, data = P) => `__typename ... on DomainError { code message } ... on Mutation${f[0]!.toUpperCase()}${f.slice(1)}Success { data ${data ? `{ ${data} }` : ""} }`;
const SUBMIT = `mutation($s: ID!, $i: PracticeInput!) { submitPractice(schoolId: $s, input: $i) { ${res("submitPractice")} } }`;
const RESUBMIT = `mutation($id: ID!, $i: PracticeInput!) { resubmitPractice(id: $id, input: $i) { ${res("resubmitPractice")} } }`;
const PUBLISH = `mutation($id: ID!) { publishPractice(id: $id) { ${res("publishPractice")} } }`;
const RETURN = `mutation($id: ID!, $c: String!) { returnPractice(id: $id, comment: $c) { ${res("returnPractice")} } }`;
const COPY = `mutation($id: ID!, $p: ID!) { copyPracticeToRoadmap(id: $id, participationId: $p) { ${res("copyPracticeToRoadmap", "")} } }`;

beforeAll(async () => {
  s = await startServer();
  w = await seedWorld(s.db, { regionCode: 75 });
  other = await seedWorld(s.db, { regionCode: 75 });
  far = await seedWorld(s.db, { regionCode: 62 });
  const regional = await addUser(s.db, "REGIONAL_COORDINATOR", { regionId: w.regionId });
  const farRegional = await addUser(s.db, "REGIONAL_COORDINATOR", { regionId: far.regionId });
  const year = await s.db.programmeYear.findUniqueOrThrow({ where: { id: w.programmeYearId }, include: { riskFactors: { where: { number: 9 } } } });
  factorId = year.riskFactors[0]!.id;
  const roadmap = await s.db.roadmap.create({ data: { participationId: w.participationId, programmeYearId: w.programmeYearId, title: `Дорожная карта ${TAG}` } });
  measureId = (
    await s.db.measure.create({
      data: { roadmapId: roadmap.id, title: `Родительский клуб ${TAG}`, position: 1, indicatorName: "Доля родителей на собраниях", indicatorUnit: "%", targetValue: "60", riskFactorId: factorId },
    })
  ).id;
  t = {
    school: await s.signIn(w.users.school.email, TEST_PASSWORD),
    curator: await s.signIn(w.users.curator.email, TEST_PASSWORD),
    regional: await s.signIn(regional.email, TEST_PASSWORD),
    farRegional: await s.signIn(farRegional.email, TEST_PASSWORD),
    otherSchool: await s.signIn(other.users.school.email, TEST_PASSWORD),
    farSchool: await s.signIn(far.users.school.email, TEST_PASSWORD),
  };
}, 60_000);
afterAll(() => s.stop());

const input = (extra: Record<string, unknown> = {}) => ({
  title: `Родительский клуб в сельской школе ${TAG}`,
  description: "Ежемесячные встречи родителей, учителей и психолога.",
  result: "Посещаемость собраний выросла с 33 % до 66 %.",
  riskFactorId: gid("RiskFactor", factorId),
  measureIds: [gid("Measure", measureId)],
  ...extra,
});

describe("the practices bank", () => {
  it("submit → returned with a comment → resubmitted → published; found by another school and copied into its roadmap", async () => {
    expect((await s.gql(SUBMIT, { s: gid("School", w.schoolId), i: input() }, { token: t.otherSchool })).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const sub = (await s.gql(SUBMIT, { s: gid("School", w.schoolId), i: input() }, { token: t.school })).data.submitPractice.data;
    expect([sub.status, sub.statusLabel, sub.measureTitles]).toEqual(["SUBMITTED", "на проверке", [`Родительский клуб ${TAG}`]]);
    const note = await s.db.notification.findFirst({ where: { kind: "PRACTICE_SUBMITTED", payload: { path: ["practiceId"], equals: sub.id } } });
    expect(note?.title).toContain("предлагает практику");

    // not yet in the bank; invisible to a far school
    const search = (token: string, text: string, extra: Record<string, unknown> = {}) =>
      s.gql(`query($t: String, $f: Int) { practices(text: $t, riskFactor: $f) { total practices { id } } }`, { t: text, ...extra }, { token });
    expect((await search(t.otherSchool, TAG)).data.practices.total).toBe(0);
    expect((await s.gql(`query($id: ID!) { practice(id: $id) { id } }`, { id: sub.id }, { token: t.farSchool })).data.practice).toBeNull();

    // the far region may not decide; the school may not either; a return needs a comment
    expect((await s.gql(PUBLISH, { id: sub.id }, { token: t.farRegional })).errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    expect((await s.gql(PUBLISH, { id: sub.id }, { token: t.school })).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(JSON.stringify(await s.gql(RETURN, { id: sub.id, c: "  " }, { token: t.regional }))).toContain("Напишите, что доработать");
    const ret = (await s.gql(RETURN, { id: sub.id, c: "Добавьте цифры по посещаемости за год" }, { token: t.regional })).data.returnPractice.data;
    expect([ret.status, ret.reviews]).toEqual(["RETURNED", [{ decision: "RETURNED", comment: "Добавьте цифры по посещаемости за год" }]]);
    expect((await s.db.notification.findFirst({ where: { recipientId: w.users.school.id, kind: "PRACTICE_RETURNED" } }))?.title).toContain("возвращена на доработку");
    expect((await s.gql(PUBLISH, { id: sub.id }, { token: t.regional })).data.publishPractice.code).toBe("NOT_SUBMITTED");

    // the curator resubmits for the school
    const again = (await s.gql(RESUBMIT, { id: sub.id, i: input({ result: "Посещаемость выросла с 33 % до 66 % за учебный год." }) }, { token: t.curator })).data.resubmitPractice.data;
    expect([again.status, again.result]).toEqual(["SUBMITTED", "Посещаемость выросла с 33 % до 66 % за учебный год."]);
    const pub = (await s.gql(PUBLISH, { id: sub.id }, { token: t.regional })).data.publishPractice.data;
    expect([pub.status, pub.reviews.map((r: any) => r.decision)]).toEqual(["PUBLISHED", ["PUBLISHED", "RETURNED"]]);

    // another school finds it by word forms and risk factor 9, and copies it into its roadmap
    const found = (await search(t.otherSchool, `родительского клуба ${TAG}`, { f: 9 })).data.practices;
    expect(found.practices.map((p: any) => p.id)).toEqual([sub.id]);
    expect((await search(t.otherSchool, TAG, { f: 3 })).data.practices.total).toBe(0);
    expect((await s.gql(COPY, { id: sub.id, p: gid("Participation", other.participationId) }, { token: t.farSchool })).errors?.[0]?.extensions?.code).toBeTruthy();
    const copied = await s.gql(COPY, { id: sub.id, p: gid("Participation", other.participationId) }, { token: t.otherSchool });
    expect(copied.data.copyPracticeToRoadmap.data, JSON.stringify(copied)).toBe(1);
    const m = await s.db.measure.findFirstOrThrow({ where: { roadmap: { participationId: other.participationId }, title: `Родительский клуб ${TAG}` }, include: { riskFactor: true } });
    // the other school has not chosen factor 9 in its profile: the draft goes in without a factor
    expect([m.indicatorName, m.riskFactor?.number ?? null, m.periodLabel, m.description]).toEqual([
      "Доля родителей на собраниях",
      null,
      "срок уточняется",
      `Из банка практик: «Родительский клуб в сельской школе ${TAG}»`,
    ]);
    const actions = (await s.db.auditEvent.findMany({ where: { entityType: "Practice", entityId: Buffer.from(sub.id, "base64").toString().split(":")[1] }, orderBy: { id: "asc" } })).map(
      (a) => a.action,
    );
    expect(actions).toEqual(["practice.submitted", "practice.returned", "practice.resubmitted", "practice.published"]);
  });
});
