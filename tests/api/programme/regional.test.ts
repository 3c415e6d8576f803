// Regional programmes: a region's coordinator opens its own twin of «500+», opens its years, sets their
// deadlines and risk factors, and names participants of its own region only; people of other regions do
// not see it; operations that name a year by its number alone keep meaning «500+». Each test here works
// in regions of its own (codes 33 and 34) under a programme name of its own, beside the demo world.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../../testkit/server.ts";
import { gid, TEST_PASSWORD } from "../../testkit/seed.ts";
import { addUser } from "../../testkit/people.ts";

let s: TestServer;
let federal: string;
let own: string;
let other: string;
let ownRegion: string;
let ownSchool: string;
let otherSchool: string;
const short = `Т${randomUUID().slice(0, 4)}+`;
const codeOf = (r: { errors?: { extensions?: { code?: string } }[] }) => r.errors?.[0]?.extensions?.code;

beforeAll(async () => {
  s = await startServer();
  const [a, b] = await Promise.all([33, 34].map((code) => s.db.region.findUniqueOrThrow({ where: { code } })));
  ownRegion = a!.id;
  const school = async (regionId: string) => {
    const t = randomUUID().slice(0, 8);
    const m = await s.db.municipality.create({ data: { regionId, name: `Район программ ${t}` } });
    return (await s.db.school.create({ data: { municipalityId: m.id, fullName: `Школа программ ${t}`, shortName: `МОУ «Программа ${t}»` } })).id;
  };
  ownSchool = await school(a!.id);
  otherSchool = await school(b!.id);
  federal = await s.signIn((await addUser(s.db, "FEDERAL_COORDINATOR")).email, TEST_PASSWORD);
  own = await s.signIn((await addUser(s.db, "REGIONAL_COORDINATOR", { regionId: a!.id })).email, TEST_PASSWORD);
  other = await s.signIn((await addUser(s.db, "REGIONAL_COORDINATOR", { regionId: b!.id })).email, TEST_PASSWORD);
});
afterAll(() => s.stop());

const CREATE_PROGRAMME = `mutation($n: String!, $s: String!) { createProgramme(name: $n, shortName: $s, description: "Проект субъекта") {
  __typename ... on Error { code message } ... on MutationCreateProgrammeSuccess { data { id shortName isFederal viewerCanManage region { code } } } } }`;
const CREATE_YEAR = `mutation($y: Int!, $p: ID, $s: ProgrammeYearSettingsInput) { createProgrammeYear(year: $y, programmeId: $p, settings: $s) {
  __typename ... on Error { code message } ... on MutationCreateProgrammeYearSuccess { data { id year title viewerCanManage conceptDocumentsDue programme { shortName } } } } }`;
const ADD = `mutation($i: AddParticipantsInput!) { addParticipants(input: $i) {
  __typename ... on Error { code message } ... on MutationAddParticipantsSuccess { data { added { id programmeYear { title } school { id } } } } } }`;
const YEARS = `{ programmeYears { title programme { shortName } } }`;

describe("regional programmes", () => {
  let programmeId: string;
  let yearId: string;

  it("a regional coordinator opens its region's programme and a 2026 year of it; the federal list stays as it was", async () => {
    const p = await s.gql(CREATE_PROGRAMME, { n: "Региональный проект программ", s: short }, { token: own });
    expect(p.data?.createProgramme?.data, JSON.stringify(p)).toMatchObject({ shortName: short, isFederal: false, viewerCanManage: true, region: { code: 33 } });
    programmeId = p.data!.createProgramme.data.id;
    const taken = await s.gql(CREATE_PROGRAMME, { n: "Второй", s: short }, { token: own });
    expect(taken.data?.createProgramme).toMatchObject({ code: "PROGRAMME_NAME_TAKEN" });

    const y = await s.gql(CREATE_YEAR, { y: 2026, p: programmeId, s: { conceptDocumentsDue: "2026-05-15" } }, { token: own });
    expect(y.data?.createProgrammeYear?.data, JSON.stringify(y)).toMatchObject({
      year: 2026,
      title: `${short} 2026`,
      viewerCanManage: true,
      conceptDocumentsDue: "2026-05-15",
      programme: { shortName: short },
    });
    yearId = y.data!.createProgrammeYear.data.id;
    // Same number, another programme: no clash with «500+ 2026»; the same programme twice is refused.
    const again = await s.gql(CREATE_YEAR, { y: 2026, p: programmeId, s: { conceptDocumentsDue: "2026-05-15" } }, { token: own });
    expect(again.data?.createProgrammeYear).toMatchObject({ code: "YEAR_EXISTS" });
    // Without a programme a year still means «500+», which only the federal coordinator runs.
    const federalYear = await s.gql(CREATE_YEAR, { y: 2027, s: { conceptDocumentsDue: "2027-04-30" } }, { token: own });
    expect(codeOf(federalYear)).toBe("FORBIDDEN");

    const years = (await s.gql(YEARS, {}, { token: own })).data!.programmeYears.map((x: any) => x.title);
    // Newest first, «500+» first within a year: the current year of «500+» stays the first of the list.
    expect(years.indexOf("500+ 2026")).toBe(0);
    expect(years).toContain(`${short} 2026`);
  });

  it("runs the year: settings with a reason, its own risk-factor list; another region can do none of it", async () => {
    const upd = await s.gql(
      `mutation($id: ID!) { updateProgrammeYear(id: $id, settings: { reviewWaitDays: 3, coordinatorsMayReview: true }, reason: "Приказ субъекта") { __typename ... on MutationUpdateProgrammeYearSuccess { data { reviewWaitDays coordinatorsMayReview history { action reason } } } } }`,
      { id: yearId },
      { token: own },
    );
    expect(upd.data?.updateProgrammeYear?.data, JSON.stringify(upd)).toMatchObject({
      reviewWaitDays: 3,
      coordinatorsMayReview: true,
      history: expect.arrayContaining([expect.objectContaining({ action: "programmeYear.update", reason: "Приказ субъекта" })]),
    });
    const save = `mutation($y: ID!) { saveRiskFactor(programmeYearId: $y, number: 1, title: "Низкий уровень оснащения школы") { __typename ... on MutationSaveRiskFactorSuccess { data { number } } } }`;
    expect((await s.gql(save, { y: yearId }, { token: own })).data?.saveRiskFactor?.data).toEqual({ number: 1 });
    const factors = await s.gql(`query($p: ID!) { riskFactors(year: 2026, programmeId: $p) { number title } }`, { p: programmeId }, { token: own });
    expect(factors.data?.riskFactors).toEqual([{ number: 1, title: "Низкий уровень оснащения школы" }]);
    // The year number alone still lists the federal factors.
    const federalFactors = await s.gql(`{ riskFactors(year: 2026) { number } }`, {}, { token: own });
    expect(federalFactors.data?.riskFactors).toHaveLength(10);

    // Another region: the programme and its years do not exist for it.
    expect(codeOf(await s.gql(save, { y: yearId }, { token: other }))).toBe("NOT_FOUND");
    const otherYears = (await s.gql(YEARS, {}, { token: other })).data!.programmeYears.map((x: any) => x.title);
    expect(otherYears).not.toContain(`${short} 2026`);
    expect(otherYears).toContain("500+ 2026");
    const node = await s.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: programmeId }, { token: other });
    expect(node.data?.node ?? null).toBeNull();
    const programmes = await s.gql(`{ programmes { shortName } }`, {}, { token: other });
    expect(programmes.data?.programmes.map((p: any) => p.shortName)).not.toContain(short);
    expect((await s.gql(`query($p: ID!) { riskFactors(year: 2026, programmeId: $p) { number } }`, { p: programmeId }, { token: other })).data?.riskFactors).toEqual([]);
    // The federal level sees and may run every programme.
    const fed = await s.gql(`{ programmes { shortName viewerCanManage } }`, {}, { token: federal });
    expect(fed.data?.programmes).toEqual(expect.arrayContaining([{ shortName: short, viewerCanManage: true }]));
  });

  it("takes participants of its own region only, and lists them under its own name", async () => {
    const input = (schoolId: string) => ({ year: 2026, programmeId, schoolIds: [gid("School", schoolId)], decreeNumber: "77", decreeDate: "2026-01-20" });
    const ok = await s.gql(ADD, { i: input(ownSchool) }, { token: own });
    expect(ok.data?.addParticipants?.data?.added, JSON.stringify(ok)).toEqual([{ id: expect.any(String), programmeYear: { title: `${short} 2026` }, school: { id: gid("School", ownSchool) } }]);
    // Even the federal coordinator cannot put another region's school into it.
    const stranger = await s.gql(ADD, { i: input(otherSchool) }, { token: federal });
    expect(stranger.data?.addParticipants, JSON.stringify(stranger)).toMatchObject({ code: "PROGRAMME_REGION_MISMATCH" });
    // The other region's coordinator does not find the programme's year at all.
    expect(codeOf(await s.gql(ADD, { i: input(otherSchool) }, { token: other }))).toBe("NOT_FOUND");

    const list = `query($p: ID) { participations(filter: { year: 2026, programmeId: $p, regionId: "${gid("Region", ownRegion)}" }, first: 50) { totalCount edges { node { programmeYear { title } } } } }`;
    const mine = await s.gql(list, { p: programmeId }, { token: own });
    expect(mine.data?.participations.edges.map((e: any) => e.node.programmeYear.title)).toEqual([`${short} 2026`]);
    const federalOnly = (await s.db.programme.findFirstOrThrow({ where: { regionId: null } })).id;
    const inFederal = await s.gql(list, { p: gid("Programme", federalOnly) }, { token: own });
    expect(inFederal.data?.participations.totalCount).toBe(0);
  });

  it("the demo world: Рязанская область runs «62+ 2026» with its schools; Забайкальский край does not see it", async () => {
    const r62 = await s.signIn("region62@demo.medk.ru");
    const r75 = await s.signIn("region75@demo.medk.ru");
    const years62 = (await s.gql(YEARS, {}, { token: r62 })).data!.programmeYears.map((x: any) => x.title);
    expect(years62.slice(0, 2), JSON.stringify(years62)).toEqual(["500+ 2026", "62+ 2026"]);
    const years75 = (await s.gql(YEARS, {}, { token: r75 })).data!.programmeYears.map((x: any) => x.title);
    expect(years75).not.toContain("62+ 2026");
    const p62 = await s.db.programme.findUniqueOrThrow({ where: { shortName: "62+" } });
    const list = `query($p: ID) { participations(filter: { year: 2026, programmeId: $p }, first: 50) { edges { node { school { shortName } roadmap: programmeYear { title } } } } }`;
    const schools = (await s.gql(list, { p: gid("Programme", p62.id) }, { token: r62 })).data!.participations.edges.map((e: any) => e.node.school.shortName);
    expect(schools.length).toBeGreaterThanOrEqual(3);
    expect((await s.gql(list, { p: gid("Programme", p62.id) }, { token: r75 })).data!.participations.edges).toEqual([]);
  });
});
