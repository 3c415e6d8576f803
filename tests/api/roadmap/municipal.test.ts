// The municipal roadmap kept by the municipal coordinator with the schools' editor: reporting progress
// with evidence, the region's verification, the regional and federal lists of municipal roadmaps, the
// figures for dashboards, and who may see it at all (not the schools and curators of the municipality).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../../testkit/server.ts";
import { gid, seedWorld, TEST_PASSWORD, type World } from "../../testkit/seed.ts";
import { addUser } from "../../testkit/people.ts";
import { codeOf, download, roadmapWorld, type RoadmapWorld } from "./helpers.ts";

let s: TestServer;
let rw: RoadmapWorld;
/** A municipality of region 62 with its own coordinator, and the federal coordinator. */
let w62: World;
let t62: string;
let federal: string;
let region62: string;

beforeAll(async () => {
  s = await startServer();
  [rw, w62] = await Promise.all([roadmapWorld(s), seedWorld(s.db, { regionCode: 62 })]);
  const [fed, r62] = await Promise.all([addUser(s.db, "FEDERAL_COORDINATOR"), addUser(s.db, "REGIONAL_COORDINATOR", { regionId: w62.regionId })]);
  [t62, federal, region62] = await Promise.all([s.signIn(w62.users.municipal.email, TEST_PASSWORD), s.signIn(fed.email, TEST_PASSWORD), s.signIn(r62.email, TEST_PASSWORD)]);
});
afterAll(() => s.stop());

const CREATE = `mutation($input: CreateMeasureInput!) { createMeasure(input: $input) { __typename
  ... on MutationCreateMeasureSuccess { data { id revision roadmap { id } } } ... on Error { code message } } }`;
const REPORT = `mutation($input: ReportMeasureProgressInput!) { reportMeasureProgress(input: $input) { __typename
  ... on MutationReportMeasureProgressSuccess { data { id status revision verification evidence { url } } } ... on Error { code message } } }`;
const CONFIRM = `mutation($id: ID!, $rev: Int) { confirmMeasure(id: $id, revision: $rev) { __typename
  ... on MutationConfirmMeasureSuccess { data { verification confirmedByName } } ... on Error { code message } } }`;
const LIST = `query($y: Int!, $r: [ID!], $q: String, $st: [RoadmapStatus!]) { municipalRoadmaps(year: $y, regionIds: $r, search: $q, statuses: $st, first: 500) {
  totalCount edges { node { id status municipality { id name region { code } } progress { measuresTotal done overdue dueSoFar } } } } }`;
const FIGURES = `query($f: ReportFilter!) { reportMunicipalRoadmaps(filter: $f) {
  municipalities roadmaps drafts awaitingReview approved returned measuresTotal done confirmed dueSoFar doneOnTime overdue roadmapsWithOverdue progress attainment } }`;
const MUNI = `query($id: ID!) { node(id: $id) { ... on Municipality { viewerCanEditRoadmap roadmap(year: 2026) { id viewerCanEdit } } } }`;

const muni = (w: World, extra: Record<string, unknown> = {}) => ({
  municipalityId: gid("Municipality", w.municipalityId),
  year: 2026,
  title: "Семинар для руководителей школ проекта «500+»",
  dueDate: "2026-02-15",
  indicatorName: "Доля школ, принявших участие",
  indicatorUnit: "%",
  targetValue: "100",
  ...extra,
});

describe("keeping the municipal roadmap", () => {
  let roadmapId: string;
  let measureId: string;

  it("the municipal coordinator may start it before it exists; no one else may", async () => {
    const id = gid("Municipality", rw.w.municipalityId);
    expect((await s.gql(MUNI, { id }, { token: rw.t.municipal })).data.node).toEqual({ viewerCanEditRoadmap: true, roadmap: null });
    expect((await s.gql(MUNI, { id }, { token: rw.t.region })).data.node).toEqual({ viewerCanEditRoadmap: false, roadmap: null });
  });

  it("the municipal coordinator adds a measure, reports it done with evidence, and the region's coordinator confirms it", async () => {
    const c = await s.gql(CREATE, { input: muni(rw.w) }, { token: rw.t.municipal });
    expect(c.data.createMeasure.__typename, JSON.stringify(c)).toBe("MutationCreateMeasureSuccess");
    measureId = c.data.createMeasure.data.id;
    roadmapId = c.data.createMeasure.data.roadmap.id;
    const r = await s.gql(
      REPORT,
      { input: { id: measureId, status: "DONE", actualValue: "100", evidenceLinks: [{ url: "https://baley.example.ru/seminar", note: "Протокол семинара" }] } },
      { token: rw.t.municipal },
    );
    expect(r.data.reportMeasureProgress.data).toMatchObject({ status: "DONE", verification: "PENDING", evidence: [{ url: "https://baley.example.ru/seminar" }] });
    // The school of the municipality and its curator neither report nor confirm it: for them it does not exist.
    for (const t of [rw.t.school, rw.t.curator]) expect(codeOf(await s.gql(CONFIRM, { id: measureId }, { token: t }), "confirmMeasure")).toBe("NOT_FOUND");
    expect(codeOf(await s.gql(CONFIRM, { id: measureId }, { token: rw.t.municipal }), "confirmMeasure")).toBe("FORBIDDEN");
    const ok = await s.gql(CONFIRM, { id: measureId, rev: r.data.reportMeasureProgress.data.revision }, { token: rw.t.region });
    expect(ok.data.confirmMeasure.data.verification).toBe("CONFIRMED");
  });

  it("the roadmap reads for its municipal coordinator, the region's coordinators and observers; not for the schools and curators of the municipality", async () => {
    const Q = `query($id: ID!) { node(id: $id) { id } }`;
    const seen = async (t: string) => (await s.gql(Q, { id: roadmapId }, { token: t })).data?.node?.id ?? null;
    expect(await seen(rw.t.municipal)).toBe(roadmapId);
    expect(await seen(rw.t.region)).toBe(roadmapId);
    expect(await seen(rw.t.observer)).toBe(roadmapId);
    expect(await seen(federal)).toBe(roadmapId);
    for (const t of [rw.t.school, rw.t.curator, rw.t.otherMunicipal, region62]) expect(await seen(t)).toBeNull();
    expect((await s.gql(MUNI, { id: gid("Municipality", rw.w.municipalityId) }, { token: rw.t.school })).data.node.roadmap).toBeNull();
    // The export follows the same rule.
    expect((await download(s, `/files/roadmaps/${Buffer.from(roadmapId, "base64").toString().split(":")[1]}.xlsx`, rw.t.municipal)).status).toBe(200);
    expect((await download(s, `/files/roadmaps/${Buffer.from(roadmapId, "base64").toString().split(":")[1]}.xlsx`, rw.t.school)).status).toBe(404);
  });

  it("the region's list has the roadmap with its progress; the other region's coordinator and the schools get none of it", async () => {
    const mine = await s.gql(LIST, { y: 2026 }, { token: rw.t.region });
    const rows = mine.data.municipalRoadmaps.edges.map((e: any) => e.node);
    expect(rows.every((n: any) => n.municipality.region.code === 75)).toBe(true);
    expect(rows.find((n: any) => n.id === roadmapId)).toMatchObject({ status: "DRAFT", progress: { measuresTotal: 1, done: 1, overdue: 0 } });
    expect(mine.data.municipalRoadmaps.totalCount).toBe(rows.length);
    for (const t of [region62, rw.t.school, rw.t.curator]) {
      const other = (await s.gql(LIST, { y: 2026 }, { token: t })).data.municipalRoadmaps.edges.map((e: any) => e.node.id);
      expect(other).not.toContain(roadmapId);
    }
    expect((await s.gql(LIST, { y: 2026 }, { token: rw.t.school })).data.municipalRoadmaps.totalCount).toBe(0);
    // The municipal coordinator lists its own roadmap only.
    const own = (await s.gql(LIST, { y: 2026 }, { token: rw.t.municipal })).data.municipalRoadmaps.edges.map((e: any) => e.node.id);
    expect(own).toEqual([roadmapId]);
  });

  it("the federal list is filtered by region, status and name", async () => {
    const c = await s.gql(CREATE, { input: muni(w62, { dueDate: "2026-01-10" }) }, { token: t62 });
    const id62 = c.data.createMeasure.data.roadmap.id;
    const all = (await s.gql(LIST, { y: 2026 }, { token: federal })).data.municipalRoadmaps.edges.map((e: any) => e.node.id);
    expect(all).toEqual(expect.arrayContaining([roadmapId, id62]));
    const only62 = (await s.gql(LIST, { y: 2026, r: [gid("Region", w62.regionId)] }, { token: federal })).data.municipalRoadmaps.edges.map((e: any) => e.node);
    expect(only62.map((n: any) => n.id)).toContain(id62);
    expect(only62.every((n: any) => n.municipality.region.code === 62)).toBe(true);
    const name = (await s.gql(LIST, { y: 2026, q: (await s.db.municipality.findUniqueOrThrow({ where: { id: w62.municipalityId } })).name }, { token: federal })).data.municipalRoadmaps.edges;
    expect(name.map((e: any) => e.node.id)).toEqual([id62]);
    const approved = (await s.gql(LIST, { y: 2026, st: ["APPROVED"], r: [gid("Region", w62.regionId)] }, { token: federal })).data.municipalRoadmaps.edges.map((e: any) => e.node.id);
    expect(approved).not.toContain(id62);
    const long = await s.gql(LIST, { y: 2026, q: "я".repeat(201) }, { token: federal });
    expect(long.errors?.[0]?.message).toMatch(/до 200 символов/);
  });

  it("the figures count the municipalities, the roadmaps by state, done, confirmed and overdue measures, within the viewer's reach", async () => {
    const f = { year: 2026, municipalityIds: [gid("Municipality", rw.w.municipalityId), gid("Municipality", w62.municipalityId)] };
    const fed = (await s.gql(FIGURES, { f }, { token: federal })).data.reportMunicipalRoadmaps;
    // Both were due early in 2026: region 75's was reported done only now (late), region 62's is not done (overdue).
    expect(fed).toMatchObject({
      municipalities: 2,
      roadmaps: 2,
      drafts: 2,
      awaitingReview: 0,
      measuresTotal: 2,
      done: 1,
      confirmed: 1,
      overdue: 1,
      roadmapsWithOverdue: 1,
      dueSoFar: 2,
      doneOnTime: 0,
    });
    expect(fed.progress).toBe(0);
    expect(fed.attainment).toBeCloseTo(0.5);
    const region = (await s.gql(FIGURES, { f }, { token: rw.t.region })).data.reportMunicipalRoadmaps;
    expect(region).toMatchObject({ municipalities: 1, roadmaps: 1, measuresTotal: 1, done: 1, overdue: 0 });
    const school = (await s.gql(FIGURES, { f }, { token: rw.t.school })).data.reportMunicipalRoadmaps;
    expect(school).toMatchObject({ municipalities: 0, roadmaps: 0, measuresTotal: 0, progress: null, attainment: null });
    expect((await s.gql(FIGURES, { f: { municipalityIds: f.municipalityIds } }, { token: federal })).errors?.[0]?.message).toMatch(/год/);
  });
});
