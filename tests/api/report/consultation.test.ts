// The consultation line as a report grouping: the monitoring report's `consultation` figures per region
// and municipality (questions asked, answered, open, passed on, median days to answer, unanswered past
// the year's questionAnswerDays) on a hand-built world, in the viewer's reach, and in the CSV export.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../../testkit/server.ts";
import { gid, TEST_PASSWORD } from "../../testkit/seed.ts";
import { addUser } from "../../testkit/people.ts";
import { buildReportWorld, regionalCoordinator, YEAR, type ReportWorld } from "./world.ts";

let s: TestServer;
let w: ReportWorld;
let t: Record<"fed" | "region" | "muni2" | "curator", string>;
const CODE = 89;

const at = (iso: string) => new Date(iso);

//   M1  Q1 answered 1 Mar → 3 Mar 2023 (2 days); Q2 passed on, answered 10 → 14 Mar (4 days);
//       Q3 new since 1 Apr 2023 (past the year's days)
//   M2  Q4 in progress, asked an hour ago (within the year's days)
beforeAll(async () => {
  s = await startServer();
  w = await buildReportWorld(s.db, CODE);
  const topic = await s.db.questionTopic.findFirstOrThrow();
  const base = { programmeYearId: w.programmeYearId, authorId: w.users.school.id, topicId: topic.id, regionId: w.regionId, body: "Вопрос" };
  const m1 = { ...base, municipalityId: w.m1, schoolId: w.s1 };
  await s.db.question.createMany({
    data: [
      { ...m1, status: "ANSWERED", createdAt: at("2023-03-01T09:00:00Z"), answeredAt: at("2023-03-03T09:00:00Z") },
      { ...m1, status: "ANSWERED", level: "FEDERAL", forwardedAt: at("2023-03-11T09:00:00Z"), createdAt: at("2023-03-10T09:00:00Z"), answeredAt: at("2023-03-14T09:00:00Z") },
      { ...m1, status: "NEW", createdAt: at("2023-04-01T09:00:00Z") },
      { ...base, municipalityId: w.m2, schoolId: w.s3, status: "IN_PROGRESS", createdAt: new Date(Date.now() - 3_600_000) },
    ],
  });
  const sign = (email: string) => s.signIn(email, TEST_PASSWORD);
  t = {
    fed: await s.signIn("fioco@demo.medk.ru"),
    region: await sign(await regionalCoordinator(s.db, w.regionId)),
    muni2: await sign((await addUser(s.db, "MUNICIPAL_COORDINATOR", { municipalityId: w.m2 })).email),
    curator: await sign(w.users.curator.email),
  };
});
afterAll(() => s?.stop());

const C = "asked answered open passedOn medianDaysToAnswer unansweredOverdue";
const report = async (token: string, groupBy: string, f: Record<string, unknown> = {}) => {
  const r = await s.gql(
    `query($f: ReportFilter!, $g: ReportGroupBy) { reportMonitoring(filter: $f, groupBy: $g) { edges { node { groupName participants consultation { ${C} } } } } }`,
    { f: { year: YEAR, regionCodes: [CODE], ...f }, g: groupBy },
    { token },
  );
  expect(r.errors).toBeUndefined();
  return r.data.reportMonitoring.edges.map((e: any) => e.node);
};

describe("consultation figures in the report builder", () => {
  it("per region: asked, answered, open, passed on, median days to answer and unanswered past the year's days, exactly", async () => {
    const [row] = await report(t.fed, "REGION");
    expect(row.consultation).toEqual({ asked: 4, answered: 2, open: 2, passedOn: 1, medianDaysToAnswer: 3, unansweredOverdue: 1 });
    // The regional coordinator sees the same for its region.
    expect((await report(t.region, "REGION"))[0].consultation).toEqual(row.consultation);
  });

  it("per municipality, ordered by the questions asked", async () => {
    const r = await s.gql(
      `query($f: ReportFilter!) { reportMonitoring(filter: $f, groupBy: MUNICIPALITY, orderBy: { field: CONSULTATION_ASKED, direction: DESC }) { edges { node { municipality { id } consultation { ${C} } } } } }`,
      { f: { year: YEAR, regionCodes: [CODE] } },
      { token: t.fed },
    );
    expect(r.errors).toBeUndefined();
    expect(r.data.reportMonitoring.edges.map((e: any) => [e.node.municipality.id, e.node.consultation])).toEqual([
      [gid("Municipality", w.m1), { asked: 3, answered: 2, open: 1, passedOn: 1, medianDaysToAnswer: 3, unansweredOverdue: 1 }],
      [gid("Municipality", w.m2), { asked: 1, answered: 0, open: 1, passedOn: 0, medianDaysToAnswer: null, unansweredOverdue: 0 }],
    ]);
  });

  it("a municipal coordinator sees its municipality's figures only, even in the region row", async () => {
    const m = await report(t.muni2, "MUNICIPALITY");
    expect(m.map((x: any) => x.consultation)).toEqual([{ asked: 1, answered: 0, open: 1, passedOn: 0, medianDaysToAnswer: null, unansweredOverdue: 0 }]);
    const r = await report(t.muni2, "REGION");
    expect(r.map((x: any) => x.consultation.asked)).toEqual([1]);
  });

  it("groupings without a territory have no consultation figures; a curator reaches no questions", async () => {
    const bySchool = await report(t.fed, "SCHOOL");
    expect(bySchool.length).toBe(3);
    expect(bySchool.every((x: any) => x.consultation === null)).toBe(true);
    const cur = await report(t.curator, "REGION");
    expect(cur.map((x: any) => x.consultation)).toEqual([{ asked: 0, answered: 0, open: 0, passedOn: 0, medianDaysToAnswer: null, unansweredOverdue: 0 }]);
  });

  it("the CSV export by region carries the same figures under «Консультации: …»", async () => {
    const u = await s.gql(
      `query($f: ReportFilter!) { reportExportUrl(report: MONITORING, format: CSV, filter: $f, groupBy: [REGION, SCHOOL]) }`,
      { f: { year: YEAR, regionCodes: [CODE] } },
      { token: t.fed },
    );
    expect(u.errors).toBeUndefined();
    const res = await fetch(s.url + u.data.reportExportUrl, { headers: { authorization: `Bearer ${t.fed}` } });
    expect(res.status).toBe(200);
    const lines = (await res.text())
      .replace(/^\uFEFF/, "")
      .split("\r\n")
      .map((l) => l.split(";"));
    const header = lines.find((l) => l.includes("Консультации: Вопросов задано"))!;
    expect(header).toBeTruthy();
    const row = lines[lines.indexOf(header) + 1]!;
    const cell = (h: string) => row[header.indexOf(h)];
    expect([cell("Консультации: Вопросов задано"), cell("Консультации: Вопросов отвечено"), cell("Консультации: Без ответа дольше срока")]).toEqual(["4", "2", "1"]);
  });
});
