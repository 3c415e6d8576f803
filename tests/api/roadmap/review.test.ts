// The roadmap as a reviewed plan: the school submits (a dated version), the curator returns it with a
// comment or approves it, live to the school; races between reviewers, and between the school editing
// and the curator deciding, record one outcome; a plan change after approval is a new draft with its
// difference shown; who may change the plan; the roadmap deadline alerts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nextEvents, startServer, type TestServer } from "../../testkit/server.ts";
import { gid } from "../../testkit/seed.ts";
import { runDeadlineScan } from "../../../api/src/modules/deadline/scan.ts";
import { codeOf, roadmapWorld, type RoadmapWorld } from "./helpers.ts";

let s: TestServer;
let rw: RoadmapWorld;
let roadmapId: string;
let measureId: string;
beforeAll(async () => {
  s = await startServer();
  rw = await roadmapWorld(s);
});
afterAll(() => s.stop());

const R = `id status revision viewerCanEdit viewerCanSubmit viewerCanReview editHelpRequested
  versions { number measures { title dueDate } review { decision comment reviewerName } changes { comparedToNumber added { title } removed { title } changed { title fields { field before after } } } }
  changesSinceApproved { comparedToNumber empty added { title } changed { title fields { field before after } } }
  history { action reason }`;
const op = (name: string, params: string, args: string, data = R) =>
  `mutation(${params}) { ${name}(${args}) { __typename ... on Error { code message } ... on Mutation${name[0]!.toUpperCase()}${name.slice(1)}Success { data { ${data} } } } }`;
const SUBMIT = op("submitRoadmap", "$id: ID!, $rev: Int", "id: $id, revision: $rev");
const APPROVE = op("approveRoadmap", "$id: ID!, $rev: Int", "id: $id, revision: $rev");
const RETURN = op("returnRoadmap", "$id: ID!, $c: String!, $rev: Int", "id: $id, comment: $c, revision: $rev");
const HELP = op("requestRoadmapHelp", "$id: ID!, $on: Boolean!", "id: $id, requested: $on");
const CREATE = op("createMeasure", "$input: CreateMeasureInput!", "input: $input", "id roadmap { id }");
const UPDATE = op("updateMeasure", "$input: UpdateMeasureInput!", "input: $input", "id dueDate");
const REPORT = op("reportMeasureProgress", "$input: ReportMeasureProgressInput!", "input: $input", "id status");
const ROADMAP = `query($id: ID!) { roadmap(id: $id) { ${R} } }`;

const rid = () => gid("Roadmap", roadmapId);
const read = async (token = rw.t.school) => (await s.gql(ROADMAP, { id: rid() }, { token })).data.roadmap;
const data = (r: any, f: string) => {
  expect(r.data?.[f]?.__typename, JSON.stringify(r)).toMatch(/Success$/);
  return r.data[f].data;
};
const addMeasure = (title: string, token = rw.t.school) => s.gql(CREATE, { input: { participationId: gid("Participation", rw.w.participationId), title, dueDate: "2026-10-30" } }, { token });

describe("submit, return, resubmit, approve", () => {
  it("the school submits its roadmap: a dated version with its measures, and its reviewers are told", async () => {
    const c = data(await addMeasure("Педагогический совет по итогам диагностики"), "createMeasure");
    roadmapId = Buffer.from(c.roadmap.id, "base64").toString().split(":")[1]!;
    measureId = Buffer.from(c.id, "base64").toString().split(":")[1]!;
    await addMeasure("Открытые уроки молодых педагогов");
    expect(await read()).toMatchObject({ status: "DRAFT", viewerCanSubmit: true, viewerCanReview: false, versions: [] });

    const live = nextEvents(s.ws(rw.t.curator), "subscription { notificationReceived { kind title } }", 1, 8000);
    await new Promise((r) => setTimeout(r, 300));
    const r = data(await s.gql(SUBMIT, { id: rid() }, { token: rw.t.school }), "submitRoadmap");
    expect(r).toMatchObject({ status: "SUBMITTED", viewerCanEdit: false, viewerCanSubmit: false });
    expect(r.versions).toHaveLength(1);
    expect(r.versions[0].measures.map((m: any) => m.title)).toEqual(["Педагогический совет по итогам диагностики", "Открытые уроки молодых педагогов"]);
    expect(r.versions[0].changes).toBeNull();
    const [ev] = await live;
    expect(ev!.data.notificationReceived).toMatchObject({ kind: "ROADMAP_SUBMITTED" });
    expect(await s.db.notification.count({ where: { recipientId: rw.w.users.municipal.id, kind: "ROADMAP_SUBMITTED" } })).toBe(1);
    expect((await read(rw.t.curator)).viewerCanReview).toBe(true);
  });

  it("the submitted roadmap waits in its curator's review queue, not in another curator's or the school's", async () => {
    const QUEUE = "{ roadmapReviewQueue(first: 50) { totalCount edges { node { id status submittedAt participation { id } } } } }";
    const queue = async (token: string) => (await s.gql(QUEUE, {}, { token })).data.roadmapReviewQueue;
    const mine = await queue(rw.t.curator);
    expect(mine.edges.map((e: any) => e.node)).toEqual([{ id: rid(), status: "SUBMITTED", submittedAt: expect.any(String), participation: { id: gid("Participation", rw.w.participationId) } }]);
    expect(mine.totalCount).toBe(1);
    for (const t of [rw.t.otherCurator, rw.t.school, rw.t.observer]) expect((await queue(t)).edges).toEqual([]);
    expect((await s.gql(QUEUE, {}, {})).errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("while on review the plan is frozen, progress is not; submitting twice is refused", async () => {
    const u = await s.gql(UPDATE, { input: { id: gid("Measure", measureId), dueDate: "2026-11-15" } }, { token: rw.t.school });
    expect(codeOf(u, "updateMeasure")).toBe("ROADMAP_UNDER_REVIEW");
    expect(codeOf(await addMeasure("Лишнее"), "createMeasure")).toBe("ROADMAP_UNDER_REVIEW");
    data(await s.gql(REPORT, { input: { id: gid("Measure", measureId), status: "IN_PROGRESS" } }, { token: rw.t.school }), "reportMeasureProgress");
    expect(codeOf(await s.gql(SUBMIT, { id: rid() }, { token: rw.t.school }), "submitRoadmap")).toBe("ALREADY_SUBMITTED");
  });

  it("only the assigned curator decides; a return needs a comment", async () => {
    for (const t of [rw.t.school, rw.t.region, rw.t.municipal, rw.t.observer]) expect(codeOf(await s.gql(APPROVE, { id: rid() }, { token: t }), "approveRoadmap")).toBe("FORBIDDEN");
    expect(codeOf(await s.gql(APPROVE, { id: rid() }, { token: rw.t.otherCurator }), "approveRoadmap")).toBe("NOT_FOUND");
    const blank = await s.gql(RETURN, { id: rid(), c: "   " }, { token: rw.t.curator });
    expect(blank.errors?.[0]?.message ?? codeOf(blank, "returnRoadmap")).toMatch(/Комментарий пустой|COMMENT_REQUIRED/);
    expect((await read()).status).toBe("SUBMITTED");
  });

  it("two curators deciding at once record exactly one decision; the school hears it live", async () => {
    const second = (await import("../../testkit/people.ts")).addUser;
    const other = await second(s.db, "CURATOR", {});
    await s.db.curatorAssignment.create({ data: { participationId: rw.w.participationId, curatorId: other.id } });
    const t2 = await s.signIn(other.email, (await import("../../testkit/seed.ts")).TEST_PASSWORD);
    const rev = (await read()).revision;
    const live = nextEvents(s.ws(rw.t.school), "subscription { notificationReceived { kind title } }", 1, 8000);
    await new Promise((r) => setTimeout(r, 300));
    const [a, b] = await Promise.all([
      s.gql(RETURN, { id: rid(), c: "Уточните сроки педагогического совета", rev }, { token: rw.t.curator }),
      s.gql(RETURN, { id: rid(), c: "Уточните сроки педагогического совета", rev }, { token: t2 }),
    ]);
    const outcomes = [a.data.returnRoadmap, b.data.returnRoadmap].map((x: any) => x.code ?? x.__typename).sort();
    expect(outcomes).toEqual(["ALREADY_DECIDED", "MutationReturnRoadmapSuccess"]);
    expect(await s.db.roadmapReview.count({ where: { roadmapId } })).toBe(1);
    const [ev] = await live;
    expect(ev!.data.notificationReceived.kind).toBe("ROADMAP_RETURNED");
    const r = await read();
    expect(r).toMatchObject({ status: "RETURNED", viewerCanEdit: true, viewerCanSubmit: true });
    expect(r.versions[0].review).toMatchObject({ decision: "RETURNED", comment: "Уточните сроки педагогического совета" });
  });

  it("resubmitting an unchanged plan is refused; after a change the new version shows what changed", async () => {
    expect(codeOf(await s.gql(SUBMIT, { id: rid() }, { token: rw.t.school }), "submitRoadmap")).toBe("NOTHING_CHANGED");
    data(await s.gql(UPDATE, { input: { id: gid("Measure", measureId), dueDate: "2026-11-15" } }, { token: rw.t.school }), "updateMeasure");
    const r = data(await s.gql(SUBMIT, { id: rid() }, { token: rw.t.school }), "submitRoadmap");
    expect(r.versions.map((v: any) => v.number)).toEqual([2, 1]);
    expect(r.versions[0].changes).toEqual({
      comparedToNumber: 1,
      added: [],
      removed: [],
      changed: [{ title: "Педагогический совет по итогам диагностики", fields: [{ field: "dueDate", before: "2026-10-30", after: "2026-11-15" }] }],
    });
  });

  it("a curator deciding on what it saw before the plan changed is refused (optimistic check)", async () => {
    const stale = (await read()).revision - 1;
    expect(codeOf(await s.gql(APPROVE, { id: rid(), rev: stale }, { token: rw.t.curator }), "approveRoadmap")).toBe("ROADMAP_CHANGED");
    const r = data(await s.gql(APPROVE, { id: rid(), rev: stale + 1 }, { token: rw.t.curator }), "approveRoadmap");
    expect(r.status).toBe("APPROVED");
    expect(r.changesSinceApproved).toMatchObject({ comparedToNumber: 2, empty: true });
    expect(r.history.map((h: any) => h.action)).toEqual(expect.arrayContaining(["roadmap.submitted", "roadmap.returned", "roadmap.approved"]));
  });
});

describe("after approval", () => {
  it("reporting progress keeps it approved; changing the plan makes a new draft with the difference from the approved version", async () => {
    data(await s.gql(REPORT, { input: { id: gid("Measure", measureId), status: "DONE", comment: "Проведён" } }, { token: rw.t.school }), "reportMeasureProgress");
    expect((await read()).status).toBe("APPROVED");
    data(await addMeasure("Родительское собрание"), "createMeasure");
    const r = await read();
    expect(r.status).toBe("DRAFT");
    expect(r.changesSinceApproved).toMatchObject({ comparedToNumber: 2, empty: false, added: [{ title: "Родительское собрание" }], changed: [] });
    expect(r.history.map((h: any) => h.action)).toContain("roadmap.reopened");
  });

  it("the school editing while the curator decides: one of them wins, never both", async () => {
    data(await s.gql(SUBMIT, { id: rid() }, { token: rw.t.school }), "submitRoadmap");
    const rev = (await read()).revision;
    const [edit, decision] = await Promise.all([
      s.gql(UPDATE, { input: { id: gid("Measure", measureId), dueDate: "2026-12-01" } }, { token: rw.t.school }),
      s.gql(APPROVE, { id: rid(), rev }, { token: rw.t.curator }),
    ]);
    expect(decision.data.approveRoadmap.data?.status).toBe("APPROVED");
    // The edit either waited for the decision (and reopened the plan) or was refused while on review.
    const after = await read();
    if (edit.data.updateMeasure.code) {
      expect(edit.data.updateMeasure.code).toBe("ROADMAP_UNDER_REVIEW");
      expect(after.status).toBe("APPROVED");
    } else expect(after.status).toBe("DRAFT");
    const v3 = after.versions[0];
    expect(v3.measures.find((m: any) => m.title === "Педагогический совет по итогам диагностики").dueDate).toBe("2026-11-15");
  });
});

describe("who may change the plan", () => {
  it("federal and regional coordinators, curators and the municipal coordinator may not add measures or report progress in the school's name", async () => {
    const fed = await s.signIn("fioco@demo.medk.ru", "demo-password").catch(() => null);
    for (const t of [rw.t.region, rw.t.curator, rw.t.municipal, ...(fed ? [fed] : [])]) {
      expect(codeOf(await addMeasure("Чужое мероприятие", t), "createMeasure")).toBe("FORBIDDEN");
      expect(codeOf(await s.gql(REPORT, { input: { id: gid("Measure", measureId), status: "IN_PROGRESS" } }, { token: t }), "reportMeasureProgress")).toBe("FORBIDDEN");
    }
    expect((await read(rw.t.region)).viewerCanEdit).toBe(false);
  });

  it("when the school asks and the year allows it, its curator may edit; without either, not", async () => {
    await s.db.roadmap.update({ where: { id: roadmapId }, data: { status: "DRAFT" } });
    expect(codeOf(await s.gql(HELP, { id: rid(), on: true }, { token: rw.t.curator }), "requestRoadmapHelp")).toBe("FORBIDDEN");
    expect(data(await s.gql(HELP, { id: rid(), on: true }, { token: rw.t.school }), "requestRoadmapHelp").editHelpRequested).toBe(true);
    // The year does not allow assisted editing yet.
    expect(codeOf(await addMeasure("С помощью куратора", rw.t.curator), "createMeasure")).toBe("FORBIDDEN");
    await s.db.programmeYear.update({ where: { id: rw.w.programmeYearId }, data: { roadmapAssistedEditing: true } });
    try {
      expect((await read(rw.t.curator)).viewerCanEdit).toBe(true);
      data(await s.gql(CREATE, { input: { roadmapId: rid(), title: "С помощью куратора", periodLabel: "сентябрь" } }, { token: rw.t.curator }), "createMeasure");
      data(await s.gql(HELP, { id: rid(), on: false }, { token: rw.t.school }), "requestRoadmapHelp");
      expect(codeOf(await s.gql(CREATE, { input: { roadmapId: rid(), title: "Ещё одно", periodLabel: "сентябрь" } }, { token: rw.t.curator }), "createMeasure")).toBe("FORBIDDEN");
    } finally {
      await s.db.programmeYear.update({ where: { id: rw.w.programmeYearId }, data: { roadmapAssistedEditing: false } });
    }
  });
});

describe("the roadmap deadline", () => {
  it("alerts the school before ProgrammeYear.roadmapDue and everyone above after it, once; a submitted roadmap is not alerted", async () => {
    const other = rw.other;
    const year = await s.db.programmeYear.findUniqueOrThrow({ where: { id: other.programmeYearId } });
    const due = year.roadmapDue!;
    const at = (days: number) => new Date(due.getTime() + days * 86400_000 + 3 * 3600_000); // 12:00 in Chita
    const scope = { municipalityIds: [other.municipalityId] };
    const soon = await runDeadlineScan(s.db, s.app.pubsub, at(-1), scope);
    expect(soon.ROADMAP_DUE_SOON).toBeGreaterThanOrEqual(2); // the school and the municipal coordinator (municipal roadmap)
    const [alert] = await s.db.notification.findMany({ where: { recipientId: other.users.school.id, kind: "ROADMAP_DUE_SOON" } });
    expect(alert!.title).toMatch(/завтра\) отправьте дорожную карту на проверку$/);
    expect((await runDeadlineScan(s.db, s.app.pubsub, at(-1), scope)).ROADMAP_DUE_SOON).toBe(0);
    const late = await runDeadlineScan(s.db, s.app.pubsub, at(1), scope);
    expect(late.ROADMAP_OVERDUE).toBeGreaterThanOrEqual(3);
    for (const u of [other.users.school, other.users.curator, other.users.municipal])
      expect(await s.db.notification.count({ where: { recipientId: u.id, kind: "ROADMAP_OVERDUE" } }), u.email).toBeGreaterThanOrEqual(1);
    // Our own (first) world's roadmap is submitted or approved: nothing for its school.
    await runDeadlineScan(s.db, s.app.pubsub, at(1), { municipalityIds: [rw.w.municipalityId] });
    // Approved once: the deadline was met, though a later change is a draft again.
    expect((await s.db.roadmap.findUniqueOrThrow({ where: { id: roadmapId } })).status).toBe("DRAFT");
    expect(await s.db.notification.count({ where: { recipientId: rw.w.users.school.id, kind: { in: ["ROADMAP_OVERDUE", "ROADMAP_DUE_SOON"] } } })).toBe(0);
  });
});
