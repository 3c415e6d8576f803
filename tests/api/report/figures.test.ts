// Report figures on the hand-built world of world.ts, where every number is known in advance.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../../testkit/server.ts";
import { gid } from "../../testkit/seed.ts";
import { buildReportWorld, YEAR, type ReportWorld } from "./world.ts";

let s: TestServer;
let w: ReportWorld;
let fed: string;

beforeAll(async () => {
  s = await startServer();
  w = await buildReportWorld(s.db, 87);
  fed = await s.signIn("fioco@demo.medk.ru");
});
afterAll(() => s?.stop());

const DOCUMENTS = `owed missing draft submitted awaitingReview approved returned overdue approvedShare decisions approvals returns medianDaysToDecision`;
const MEASURES = `schoolsWithRoadmap measures planned inProgress done cancelled dueSoFar doneOnTime overdue progress withIndicator indicatorsReported indicatorsAttained indicatorAttainment`;

async function rows(query: string, vars: Record<string, unknown>) {
  const r = await s.gql(query, vars, { token: fed });
  expect(r.errors).toBeUndefined();
  const field = Object.values(r.data!)[0] as { totalCount: number; edges: { node: any }[] };
  return field;
}

describe("monitoring figures", () => {
  it("counts a municipality's participants, documents and measures exactly as the hand-built world holds them", async () => {
    const r = await rows(
      `query($f: ReportFilter!) { reportMonitoring(filter: $f, groupBy: MUNICIPALITY) { totalCount edges { node {
        groupName year region { code } municipality { name }
        participants participating leftLowResults withdrawn withCurator profilesVerified inactive
        documents { ${DOCUMENTS} } measures { ${MEASURES} } } } } }`,
      { f: { year: YEAR, municipalityIds: [gid("Municipality", w.m1)] } },
    );
    expect(r.totalCount).toBe(1);
    const n = r.edges[0]!.node;
    expect(n).toMatchObject({ year: 2023, region: { code: 87 }, participants: 2, participating: 1, leftLowResults: 1, withdrawn: 0, withCurator: 1, profilesVerified: 1, inactive: 1 });
    expect(n.municipality.name).toBe(n.groupName);
    expect(n.documents).toEqual({
      owed: 6,
      missing: 1,
      draft: 1,
      submitted: 4,
      awaitingReview: 1,
      approved: 2,
      returned: 1,
      overdue: 3,
      approvedShare: 0.3333,
      decisions: 4,
      approvals: 2,
      returns: 2,
      medianDaysToDecision: 3,
    });
    expect(n.measures).toEqual({
      schoolsWithRoadmap: 2,
      measures: 5,
      planned: 2,
      inProgress: 1,
      done: 2,
      cancelled: 1,
      dueSoFar: 4,
      doneOnTime: 1,
      overdue: 2,
      progress: 0.25,
      withIndicator: 3,
      indicatorsReported: 2,
      indicatorsAttained: 1,
      indicatorAttainment: 0.5,
    });
  });

  it("counts roadmaps submitted, approved, returned and overdue against the year's roadmapDue, like the documents", async () => {
    const ROADMAPS = "roadmapsSubmitted roadmapsAwaitingReview roadmapsApproved roadmapsReturned roadmapsOverdue";
    const due = (await s.db.programmeYear.findFirstOrThrow({ where: { year: YEAR, programme: { regionId: null } } })).roadmapDue!;
    expect(due.toISOString().slice(0, 10) < "2023-12-31").toBe(true);
    const m1 = await rows(`query($f: ReportFilter!) { reportMonitoring(filter: $f, groupBy: MUNICIPALITY) { edges { node { measures { ${ROADMAPS} } } } } }`, {
      f: { year: YEAR, municipalityIds: [gid("Municipality", w.m1)] },
    });
    // P1 approved once (a draft again after a change: still met), P2 returned and overdue.
    expect(m1.edges[0]!.node.measures).toEqual({ roadmapsSubmitted: 2, roadmapsAwaitingReview: 0, roadmapsApproved: 1, roadmapsReturned: 1, roadmapsOverdue: 1 });
    const total = await rows(`query($f: ReportFilter!) { reportMeasures(filter: $f, groupBy: ALL) { edges { node { participants ${ROADMAPS} } } } }`, { f: { year: YEAR, regionCodes: [87] } });
    // P3 has no roadmap at all: overdue too.
    expect(total.edges[0]!.node).toEqual({ participants: 3, roadmapsSubmitted: 2, roadmapsAwaitingReview: 0, roadmapsApproved: 1, roadmapsReturned: 1, roadmapsOverdue: 2 });
    // Sent for review now: on review meets the deadline, as in the deadline scan.
    const r2 = await s.db.roadmap.findFirstOrThrow({ where: { participationId: w.p2 } });
    await s.db.roadmap.update({ where: { id: r2.id }, data: { status: "SUBMITTED" } });
    try {
      const after = await rows(
        `query($f: ReportFilter!) { reportMeasures(filter: $f, groupBy: ALL) { edges { node { ${ROADMAPS} } } } }`,
        // Other arguments than above: a country-wide viewer's reports are cached for a minute.
        { f: { year: YEAR, regionCodes: [87], municipalityIds: [gid("Municipality", w.m1), gid("Municipality", w.m2)] } },
      );
      expect(after.edges[0]!.node).toMatchObject({ roadmapsAwaitingReview: 1, roadmapsReturned: 0, roadmapsOverdue: 1 });
    } finally {
      await s.db.roadmap.update({ where: { id: r2.id }, data: { status: "RETURNED" } });
    }
  });

  it("a measure completed on its due day in UTC but after midnight in Anadyr is not done on time", async () => {
    const r = await rows(`query($f: ReportFilter!) { reportMeasures(filter: $f, groupBy: SCHOOL) { edges { node { school { shortName } measures dueSoFar doneOnTime progress } } } }`, {
      f: { year: YEAR, schoolIds: [gid("School", w.s1)], from: "2023-05-01", to: "2023-05-31" },
    });
    expect(r.edges.map((e) => e.node)).toEqual([{ school: expect.any(Object), measures: 2, dueSoFar: 2, doneOnTime: 1, progress: 0.5 }]);
  });

  it("a period limits decisions to those taken in it and measures to those due in it, while document statuses stay current", async () => {
    const r = await rows(
      `query($f: ReportFilter!) { reportMonitoring(filter: $f, groupBy: MUNICIPALITY) { edges { node {
        documents { owed approved decisions approvals returns medianDaysToDecision } measures { measures dueSoFar } } } } }`,
      { f: { year: YEAR, municipalityIds: [gid("Municipality", w.m1)], from: "2023-03-01", to: "2023-03-31" } },
    );
    expect(r.edges[0]!.node).toEqual({
      documents: { owed: 6, approved: 2, decisions: 2, approvals: 1, returns: 1, medianDaysToDecision: 3 },
      measures: { measures: 0, dueSoFar: 0 },
    });
  });

  it("groups by region, by school and into one total row with the same sums", async () => {
    const f = { year: YEAR, regionCodes: [87] };
    const total = await rows(`query($f: ReportFilter!) { reportDocuments(filter: $f, groupBy: ALL) { edges { node { groupName region { code } participants owed overdue } } } }`, { f });
    expect(total.edges.map((e) => e.node)).toEqual([{ groupName: "Итого", region: null, participants: 3, owed: 8, overdue: 5 }]);
    const region = await rows(`query($f: ReportFilter!) { reportDocuments(filter: $f, groupBy: REGION) { edges { node { region { code name } participants owed overdue } } } }`, { f });
    expect(region.edges.map((e) => e.node)).toEqual([{ region: { code: 87, name: "Чукотский автономный округ" }, participants: 3, owed: 8, overdue: 5 }]);
    const schools = await rows(
      `query($f: ReportFilter!) { reportDocuments(filter: $f, groupBy: SCHOOL) { totalCount edges { node { school { id } municipality { id } participants owed overdue } } } }`,
      { f },
    );
    const bySchool = Object.fromEntries(schools.edges.map((e) => [e.node.school.id, e.node]));
    expect(bySchool[gid("School", w.s1)]).toMatchObject({ municipality: { id: gid("Municipality", w.m1) }, owed: 4, overdue: 2 });
    expect(bySchool[gid("School", w.s2)]).toMatchObject({ owed: 2, overdue: 1 });
    expect(bySchool[gid("School", w.s3)]).toMatchObject({ municipality: { id: gid("Municipality", w.m2) }, owed: 2, overdue: 2 });
  });

  it("groups by curator: a curator's schools together, schools without a curator in a last row of their own", async () => {
    const r = await rows(`query($f: ReportFilter!) { reportMonitoring(filter: $f, groupBy: CURATOR) { edges { node { groupName curator { id } participants withCurator } } } }`, {
      f: { year: YEAR, regionCodes: [87] },
    });
    expect(r.edges.map((e) => e.node)).toEqual([
      { groupName: expect.stringContaining("CURATOR"), curator: { id: gid("User", w.curatorId) }, participants: 2, withCurator: 2 },
      { groupName: "Без куратора", curator: null, participants: 1, withCurator: 0 },
    ]);
  });

  it("filters by participation status and by a risk factor chosen for work", async () => {
    const left = await rows(`query($f: ReportFilter!) { reportMonitoring(filter: $f, groupBy: SCHOOL) { edges { node { school { id } leftLowResults } } } }`, {
      f: { year: YEAR, regionCodes: [87], participationStatuses: ["LEFT_LOW_RESULTS"] },
    });
    expect(left.edges.map((e) => e.node)).toEqual([{ school: { id: gid("School", w.s2) }, leftLowResults: 1 }]);
    // Factor 1 is chosen by P1 only (P3 has it in its profile but did not choose it); measures keep to factor 1.
    const chose = await rows(`query($f: ReportFilter!) { reportMeasures(filter: $f, groupBy: SCHOOL) { edges { node { school { id } measures done } } } }`, {
      f: { year: YEAR, regionCodes: [87], riskFactorNumbers: [1] },
    });
    expect(chose.edges.map((e) => e.node)).toEqual([{ school: { id: gid("School", w.s1) }, measures: 1, done: 1 }]);
  });

  it("lists schools inactive for at least N days", async () => {
    const r = await rows(`query($f: ReportFilter!) { reportMonitoring(filter: $f, groupBy: SCHOOL, inactiveDays: 3) { edges { node { school { id } inactive lastActivityAt } } } }`, {
      f: { year: YEAR, regionCodes: [87], inactiveForDays: 30 },
    });
    expect(r.edges.map((e) => e.node.school.id)).toEqual([gid("School", w.s1)]);
    expect(r.edges[0]!.node.inactive).toBe(1);
  });
});

describe("risks", () => {
  it("shows each factor's significance distribution and how often it is chosen, over the schools with a profile", async () => {
    const r = await rows(
      `query($f: ReportFilter!) { reportRisks(filter: $f, groupBy: REGION) { totalCount edges { node {
        factorNumber riskFactor { number } profiles schools high medium low chosen chosenShare highShare } } } }`,
      { f: { year: YEAR, regionCodes: [87] } },
    );
    expect(r.edges.map((e) => e.node)).toEqual([
      { factorNumber: 1, riskFactor: { number: 1 }, profiles: 2, schools: 2, high: 2, medium: 0, low: 0, chosen: 1, chosenShare: 0.5, highShare: 1 },
      { factorNumber: 2, riskFactor: { number: 2 }, profiles: 2, schools: 1, high: 0, medium: 1, low: 0, chosen: 1, chosenShare: 0.5, highShare: 0 },
      { factorNumber: 3, riskFactor: { number: 3 }, profiles: 2, schools: 1, high: 0, medium: 0, low: 1, chosen: 0, chosenShare: 0, highShare: 0 },
    ]);
  });

  it("orders factors by how often they are chosen and keeps to the significances asked for", async () => {
    const r = await rows(`query($f: ReportFilter!) { reportRisks(filter: $f, groupBy: ALL, orderBy: { field: CHOSEN, direction: DESC }) { edges { node { factorNumber chosen } } } }`, {
      f: { year: YEAR, regionCodes: [87], significances: ["HIGH", "MEDIUM"] },
    });
    expect(r.edges.map((e) => e.node)).toEqual([
      { factorNumber: 1, chosen: 1 },
      { factorNumber: 2, chosen: 1 },
    ]);
  });
});

describe("drill-down to documents and measures", () => {
  it("lists a school's owed documents with their state, deadline in the region's time and overdue flag", async () => {
    const r = await rows(`query($f: ReportFilter!) { reportDocumentList(filter: $f) { totalCount edges { node { kind riskFactorNumber state overdue deadline waitingDays document { id } } } } }`, {
      f: { year: YEAR, schoolIds: [gid("School", w.s1)] },
    });
    expect(r.totalCount).toBe(4);
    expect(r.edges.map(({ node: { kind, riskFactorNumber, state, overdue } }) => [kind, riskFactorNumber, state, overdue])).toEqual([
      ["CONCEPT", null, "APPROVED", false],
      ["MEDIUM_TERM_PROGRAMME", null, "RETURNED", true],
      ["ANTI_RISK_PROGRAMME", 1, "SUBMITTED", false],
      ["ANTI_RISK_PROGRAMME", 2, "MISSING", true],
    ]);
    // 30 April 2023 ends at midnight in Anadyr (UTC+12).
    expect(r.edges[0]!.node.deadline).toBe("2023-04-30T12:00:00.000Z");
    expect(r.edges[2]!.node.waitingDays).toBeGreaterThan(1000);
    expect(r.edges[3]!.node.document).toBeNull();
    expect(r.edges[0]!.node.document.id).toMatch(/^[A-Za-z0-9+/=]+$/);
  });

  it("lists overdue measures of a municipality, earliest due first", async () => {
    const r = await rows(`query($f: ReportFilter!) { reportMeasureList(filter: $f, orderBy: { field: DUE_DATE }) { totalCount edges { node { schoolName status dueDate overdue attainment } } } }`, {
      f: { year: YEAR, municipalityIds: [gid("Municipality", w.m1)], overdueOnly: true },
    });
    expect(r.edges.map((e) => [e.node.status, e.node.dueDate, e.node.overdue, e.node.attainment])).toEqual([
      ["IN_PROGRESS", "2023-06-01", true, 0],
      ["PLANNED", "2023-09-01", true, null],
    ]);
  });
});

describe("row lists", () => {
  it("pages with cursors over a stable order, with the total of all pages", async () => {
    const q = `query($f: ReportFilter!, $after: String) { reportDocuments(filter: $f, groupBy: SCHOOL, first: 2, after: $after,
      orderBy: { field: OVERDUE, direction: DESC }) { totalCount pageInfo { hasNextPage endCursor } edges { node { school { id } overdue } } } }`;
    const f = { year: YEAR, regionCodes: [87] };
    const one = (await s.gql(q, { f }, { token: fed })).data.reportDocuments;
    expect(one.totalCount).toBe(3);
    expect(one.pageInfo.hasNextPage).toBe(true);
    const two = (await s.gql(q, { f, after: one.pageInfo.endCursor }, { token: fed })).data.reportDocuments;
    expect(two.pageInfo.hasNextPage).toBe(false);
    const all = [...one.edges, ...two.edges].map((e: any) => e.node);
    expect(all.map((n: any) => n.overdue)).toEqual([2, 2, 1]);
    expect(new Set(all.map((n: any) => n.school.id)).size).toBe(3);
    expect(all[2].school.id).toBe(gid("School", w.s2));
  });

  it("refuses a page larger than 500 rows and a filter without a year, with clear messages", async () => {
    const big = await s.gql(`{ reportMonitoring(filter: { year: 2023 }, first: 501) { totalCount } }`, {}, { token: fed });
    expect(big.errors?.[0]).toMatchObject({ message: expect.stringContaining("Не больше 500 строк"), extensions: { code: "BAD_USER_INPUT" } });
    const noYear = await s.gql(`{ reportMonitoring(filter: { regionCodes: [87] }) { totalCount } }`, {}, { token: fed });
    expect(noYear.errors?.[0]?.message).toContain("Укажите год проекта");
  });
});
