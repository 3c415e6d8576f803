// Dated PDFs: the roadmap, the risk profile and the one-page school summary, read back with pdf.js —
// every page names the school, the date, the version and the status; approving a roadmap or a document
// stores a copy in the same transaction, and that copy downloads byte for byte the same after the plan
// changes; the downloads follow the pages' access rules.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../../testkit/server.ts";
import { gid } from "../../testkit/seed.ts";
import { pdfPages, pdfTitle } from "../../testkit/pdf.ts";
import { download, roadmapWorld, type RoadmapWorld } from "../roadmap/helpers.ts";
import { pdf as samplePdf, upload, uploaded } from "../document/kit.ts";

let s: TestServer;
let rw: RoadmapWorld;
let school: { shortName: string; fullName: string };
let roadmapId: string;
/** The day in the world's region (Asia/Chita), as printed. */
const today = () => new Intl.DateTimeFormat("ru-RU", { timeZone: "Asia/Chita", day: "2-digit", month: "2-digit", year: "numeric" }).format(new Date());

beforeAll(async () => {
  s = await startServer();
  rw = await roadmapWorld(s);
  school = await s.db.school.findUniqueOrThrow({ where: { id: rw.w.schoolId }, select: { shortName: true, fullName: true } });
});
afterAll(() => s.stop());

const ok = (r: any, f: string) => {
  expect(r.data?.[f]?.__typename, JSON.stringify(r)).toMatch(/Success$/);
  return r.data[f].data;
};
const m = (name: string, params: string, args: string, data = "id") =>
  `mutation(${params}) { ${name}(${args}) { __typename ... on Error { code message } ... on Mutation${name[0]!.toUpperCase()}${name.slice(1)}Success { data { ${data} } } } }`;
const CREATE = m("createMeasure", "$input: CreateMeasureInput!", "input: $input", "id roadmap { id }");
const COPIES = `query($p: ID!) { roadmap(participationId: $p) { id pdfUrl pdfCopies { id kind reason versionLabel statusLabel fileName downloadUrl } }
  participation: node(id: $p) { ... on Participation { summaryPdfUrl riskProfile { pdfUrl } profileCopies: pdfCopies(kind: RISK_PROFILE) { id reason versionLabel statusLabel downloadUrl }
    summaries: pdfCopies(kind: SCHOOL_SUMMARY) { id versionLabel statusLabel downloadUrl } } } }`;
const copies = async (token = rw.t.school) => (await s.gql(COPIES, { p: gid("Participation", rw.w.participationId) }, { token })).data;

/** Every page carries the school, today's date, the version and the status. */
function expectStamped(pages: string[], version: string, status: string) {
  expect(pages.length).toBeGreaterThan(0);
  pages.forEach((text, i) => {
    const page = `page ${i + 1} of ${pages.length}: ${text.slice(0, 300)}`;
    expect(text, page).toContain(school.shortName);
    expect(text, page).toContain(today());
    expect(text, page).toContain(version);
    expect(text, page).toContain(`Статус: ${status}`);
    expect(text, page).toContain(`стр. ${i + 1} из ${pages.length}`);
  });
}

const get = async (path: string, token = rw.t.school) => {
  const r = await download(s, path, token);
  expect(r.status, `${path}: ${r.body.toString("utf8").slice(0, 200)}`).toBe(200);
  expect(r.headers.get("content-type")).toBe("application/pdf");
  return r;
};

describe("the roadmap PDF", () => {
  it("prints a long plan over several pages, each stamped, in Russian with the school's name", async () => {
    const c = ok(
      await s.gql(
        CREATE,
        { input: { participationId: gid("Participation", rw.w.participationId), title: "Педагогический совет «Итоги диагностики»", dueDate: "2026-10-30", responsible: ["Иванова Н. П."] } },
        { token: rw.t.school },
      ),
      "createMeasure",
    );
    roadmapId = Buffer.from(c.roadmap.id, "base64").toString().split(":")[1]!;
    // A plan long enough to need several pages, written directly: the PDF is under test, not createMeasure.
    await s.db.measure.createMany({
      data: Array.from({ length: 45 }, (_, i) => ({
        roadmapId,
        position: i + 2,
        title: `Открытый урок № ${i + 1}: формирующее оценивание на уроках математики и русского языка`,
        periodLabel: "в течение всего периода",
        responsible: ["Заместитель директора по УВР"],
      })),
    });
    const data = await copies();
    expect(data.roadmap.pdfUrl).toBe(`/files/pdf/roadmaps/${roadmapId}.pdf`);
    const r = await get(data.roadmap.pdfUrl);
    expect(r.headers.get("content-disposition")).toContain(`filename*=UTF-8''${encodeURIComponent(`Дорожная карта — ${school.shortName} — ${today()}.pdf`)}`);
    const pages = await pdfPages(r.body);
    expect(pages.length).toBeGreaterThan(1);
    expectStamped(pages, "Редакция не отправлялась", "черновик");
    expect(pages.join(" ")).toContain("Педагогический совет «Итоги диагностики»");
    expect(pages.join(" ")).toContain("Открытый урок № 45");
    // A PDF viewer titles its window with the roadmap's name, not with an id.
    const { title } = await s.db.roadmap.findUniqueOrThrow({ where: { id: roadmapId }, select: { title: true } });
    expect(title).toContain(school.shortName);
    expect(await pdfTitle(r.body)).toBe(title);
  });

  it("approval stores a dated copy in the same transaction; it stays byte-identical after the plan changes", async () => {
    ok(await s.gql(m("submitRoadmap", "$id: ID!", "id: $id"), { id: gid("Roadmap", roadmapId) }, { token: rw.t.school }), "submitRoadmap");
    expect((await copies()).roadmap.pdfCopies).toEqual([]);
    ok(await s.gql(m("approveRoadmap", "$id: ID!", "id: $id"), { id: gid("Roadmap", roadmapId) }, { token: rw.t.curator }), "approveRoadmap");

    const { roadmap, participation } = await copies();
    expect(roadmap.pdfCopies).toHaveLength(1);
    const copy = roadmap.pdfCopies[0];
    expect(copy).toMatchObject({ kind: "ROADMAP", reason: "Дорожная карта принята (редакция 1)", versionLabel: "Редакция 1", statusLabel: "принята" });
    expect(copy.downloadUrl).toBe(`/files/pdf/copies/${copy.id}/${encodeURIComponent(copy.fileName)}`);
    expect(participation.summaries).toMatchObject([{ versionLabel: "Копия № 1", statusLabel: "участвует в проекте" }]);

    const first = await get(copy.downloadUrl);
    expectStamped(await pdfPages(first.body), "Редакция 1", "принята");

    // The plan changes after approval: a new draft. The copy does not follow it; the live PDF does.
    ok(await s.gql(CREATE, { input: { roadmapId: gid("Roadmap", roadmapId), title: "Новое мероприятие после принятия", dueDate: "2026-11-30" } }, { token: rw.t.school }), "createMeasure");
    const again = await get(copy.downloadUrl, rw.t.curator);
    expect(Buffer.compare(again.body, first.body)).toBe(0);
    expect(again.headers.get("etag")).toBe(first.headers.get("etag"));
    expect((await pdfPages(again.body)).join(" ")).not.toContain("Новое мероприятие после принятия");
    const live = await pdfPages((await get(roadmap.pdfUrl)).body);
    expectStamped(live, "Черновик после редакции 1", "черновик");
    expect(live.join(" ")).toContain("Новое мероприятие после принятия");

    // Returning a roadmap stores nothing.
    ok(await s.gql(m("submitRoadmap", "$id: ID!", "id: $id"), { id: gid("Roadmap", roadmapId) }, { token: rw.t.school }), "submitRoadmap");
    ok(await s.gql(m("returnRoadmap", "$id: ID!, $c: String!", "id: $id, comment: $c"), { id: gid("Roadmap", roadmapId), c: "Уточните сроки" }, { token: rw.t.curator }), "returnRoadmap");
    expect((await copies()).roadmap.pdfCopies).toHaveLength(1);
  });
});

describe("the risk profile and the school summary", () => {
  it("the live profile and the one-page summary are stamped and name the school", async () => {
    const { participation } = await copies(rw.t.municipal);
    const profile = await pdfPages((await get(participation.riskProfile.pdfUrl, rw.t.municipal)).body);
    expectStamped(profile, "Редакция от", "ждёт подтверждения");
    expect(profile.join(" ")).toContain(school.fullName);
    const summary = await pdfPages((await get(participation.summaryPdfUrl, rw.t.municipal)).body);
    expect(summary).toHaveLength(1);
    expectStamped(summary, "Текущие данные", "участвует в проекте");
    expect(summary[0]).toContain("Справка о школе");
    expect(summary[0]).toContain("на доработке, редакция 2");
  });

  it("approving a document stores the risk profile and a numbered summary as they were", async () => {
    const u = uploaded(await upload(s, rw.t.school, { participationId: gid("Participation", rw.w.participationId), kind: "CONCEPT" }, { name: "Концепция.pdf", bytes: samplePdf() }));
    ok(await s.gql(m("submitDocument", "$id: ID!", "id: $id"), { id: u.id }, { token: rw.t.school }), "submitDocument");
    ok(await s.gql(m("approveDocument", "$id: ID!", "id: $id"), { id: u.id }, { token: rw.t.curator }), "approveDocument");
    const { participation } = await copies();
    expect(participation.profileCopies).toMatchObject([{ reason: "Принят документ: Концепция развития", statusLabel: "ждёт подтверждения" }]);
    expect(participation.summaries.map((x: any) => x.versionLabel)).toEqual(["Копия № 2", "Копия № 1"]);
    const profile = await get(participation.profileCopies[0].downloadUrl);
    expectStamped(await pdfPages(profile.body), participation.profileCopies[0].versionLabel, "ждёт подтверждения");
    const summary = await pdfPages((await get(participation.summaries[0].downloadUrl)).body);
    expectStamped(summary, "Копия № 2", "участвует в проекте");
    expect(summary[0]).toMatch(/Концепция развития принят 1/);
  });
});

describe("access", () => {
  it("a neighbour's school, curator and municipality get 404, the anonymous 401; the observer and the region read", async () => {
    const { roadmap, participation } = await copies();
    const paths = [roadmap.pdfUrl, participation.riskProfile.pdfUrl, participation.summaryPdfUrl, roadmap.pdfCopies[0].downloadUrl, participation.summaries[0].downloadUrl];
    for (const path of paths) {
      for (const t of [rw.t.otherSchool, rw.t.otherCurator, rw.t.otherMunicipal]) expect((await download(s, path, t)).status, path).toBe(404);
      expect((await download(s, path)).status, path).toBe(401);
      for (const t of [rw.t.observer, rw.t.region]) expect((await download(s, path, t)).status, path).toBe(200);
    }
    // A neighbour asking for the copies through the API gets nothing of them either.
    const other = await s.gql(COPIES, { p: gid("Participation", rw.w.participationId) }, { token: rw.t.otherSchool });
    expect(other.data?.roadmap ?? null).toBeNull();
    expect(other.data?.participation ?? null).toBeNull();
    expect((await download(s, "/files/pdf/copies/00000000-0000-4000-8000-000000000000", rw.t.school)).status).toBe(404);
    expect((await download(s, `/files/pdf/profiles/${rw.other.participationId}.pdf`, rw.t.school)).status).toBe(404);
  });
});
