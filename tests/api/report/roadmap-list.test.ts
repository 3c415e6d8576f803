// The drill-down list of school roadmaps against the year's roadmapDue, on the hand-built world of
// world.ts: the rows the overdue page lists are exactly those the figure roadmapsOverdue counts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../../testkit/server.ts";
import { gid, TEST_PASSWORD } from "../../testkit/seed.ts";
import { buildReportWorld, YEAR, type ReportWorld } from "./world.ts";

let s: TestServer;
let w: ReportWorld;
let fed: string;

beforeAll(async () => {
  s = await startServer();
  w = await buildReportWorld(s.db, 86);
  fed = await s.signIn("fioco@demo.medk.ru");
});
afterAll(() => s?.stop());

const LIST = `query($f: ReportFilter!) { reportRoadmapList(filter: $f) { totalCount edges { node {
  school { id } schoolName year roadmapId status approved deadline overdue } } } }`;

const schoolOf = (n: { school: { id: string } }) => n.school.id;

describe("reportRoadmapList", () => {
  it("lists every participation's roadmap with its state and the end of the roadmap due day in the region", async () => {
    const r = await s.gql(LIST, { f: { year: YEAR, regionCodes: [86] } }, { token: fed });
    expect(r.errors).toBeUndefined();
    const rows = r.data.reportRoadmapList.edges.map((e: any) => e.node);
    expect(r.data.reportRoadmapList.totalCount).toBe(3);
    const by = new Map(rows.map((n: any) => [schoolOf(n), n]));
    // Roadmaps due 31 May 2023 in region 86 (Asia/Yekaterinburg, UTC+5): the day ends at 31 May 19:00Z.
    expect(by.get(gid("School", w.s1))).toMatchObject({ status: "DRAFT", approved: true, overdue: false, deadline: "2023-05-31T19:00:00.000Z" });
    expect(by.get(gid("School", w.s2))).toMatchObject({ status: "RETURNED", approved: false, overdue: true });
    expect(by.get(gid("School", w.s3))).toMatchObject({ status: null, roadmapId: null, approved: false, overdue: true });
  });

  it("keeps only the overdue roadmaps with overdueOnly, as many as the figure roadmapsOverdue counts", async () => {
    const f = { year: YEAR, regionCodes: [86], overdueOnly: true };
    const r = await s.gql(LIST, { f }, { token: fed });
    expect(r.errors).toBeUndefined();
    const ids = r.data.reportRoadmapList.edges.map((e: any) => schoolOf(e.node)).sort();
    expect(ids).toEqual([gid("School", w.s2), gid("School", w.s3)].sort());
    const fig = await s.gql(`query($f: ReportFilter!) { reportMeasures(filter: $f, groupBy: ALL) { edges { node { roadmapsOverdue } } } }`, { f: { year: YEAR, regionCodes: [86] } }, { token: fed });
    expect(fig.data.reportMeasures.edges[0].node.roadmapsOverdue).toBe(r.data.reportRoadmapList.totalCount);
  });

  it("shows a school's staff only its own school and refuses anonymous readers", async () => {
    const staff = await s.signIn(w.users.school.email, TEST_PASSWORD);
    const own = await s.gql(LIST, { f: { year: YEAR } }, { token: staff });
    expect(own.errors).toBeUndefined();
    expect(own.data.reportRoadmapList.edges.map((e: any) => schoolOf(e.node))).toEqual([gid("School", w.s1)]);
    const anon = await s.gql(LIST, { f: { year: YEAR } });
    expect(anon.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });
});
