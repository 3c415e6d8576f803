// The flow for the demo accounts of API.md: school.undino uploads and submits (a roadmap attachment of
// its own, so the demo's concept documents stay as they are), curator1 approves, the school hears it
// live; curator2 and school.zhidka are refused, hear nothing and cannot download the file.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nextEvents, startServer, type TestServer } from "../../testkit/server.ts";
import { gid } from "../../testkit/seed.ts";
import { pdf, upload, uploaded } from "./kit.ts";

const NOTIFICATIONS = `subscription { notificationReceived { kind title payload } }`;
const DOC = `{ __typename ... on DomainError { code } }`;

let s: TestServer;
const t: Record<string, string> = {};
let undino2026: string;
let docId: string;
let fileUrl: string;

beforeAll(async () => {
  process.env.MEDK_STORAGE_DIR = mkdtempSync(join(tmpdir(), "medk-doc-demo-"));
  s = await startServer();
  for (const email of ["school.undino", "curator1", "curator2", "school.zhidka", "baley", "region62", "fioco"]) t[email] = await s.signIn(`${email}@demo.medk.ru`);
  const p = await s.db.participation.findFirstOrThrow({ where: { school: { shortName: "МКОУ «Ундино-Посельская СОШ»" }, programmeYear: { year: 2026 } } });
  undino2026 = gid("Participation", p.id);
});
afterAll(() => s?.stop());

describe("the demo accounts", () => {
  it("curator1 sees Ундино-Посельская's owed documents in the demo world, with their statuses", async () => {
    const r = await s.gql(`query($id: ID!) { node(id: $id) { ... on Participation { requiredDocuments { kind statusLabel } } } }`, { id: undino2026 }, { token: t["curator1"] });
    const owed = r.data.node.requiredDocuments;
    expect(owed.slice(0, 2)).toEqual([
      { kind: "CONCEPT", statusLabel: "черновик" },
      { kind: "MEDIUM_TERM_PROGRAMME", statusLabel: "на проверке" },
    ]);
    expect(owed.filter((d: any) => d.kind === "ANTI_RISK_PROGRAMME").length).toBeGreaterThanOrEqual(2);
    const queue = await s.gql(`{ reviewQueue(first: 20) { totalCount edges { node { title participation { school { shortName } } } } } }`, {}, { token: t["curator1"] });
    expect(queue.data.reviewQueue.edges.map((e: any) => e.node.participation.school.shortName)).toContain("МКОУ «Ундино-Посельская СОШ»");
  });

  it("school.undino uploads and submits; curator1 and the Балейский coordinator are told, curator2 and school.zhidka are not", async () => {
    const d = uploaded(await upload(s, t["school.undino"]!, { participationId: undino2026, kind: "ROADMAP_ATTACHMENT" }, { name: "Приложение к дорожной карте.pdf", bytes: pdf("undino") }));
    docId = d.id;
    fileUrl = d.versions[0].downloadUrl;
    const curator1 = nextEvents(s.ws(t["curator1"]), NOTIFICATIONS, 1);
    const baley = nextEvents(s.ws(t["baley"]), NOTIFICATIONS, 1);
    const silent = ["curator2", "school.zhidka"].map((k) => nextEvents(s.ws(t[k]), NOTIFICATIONS, 1, 1500));
    await new Promise((r) => setTimeout(r, 300));
    const r = await s.gql(`mutation($id: ID!) { submitDocument(id: $id) ${DOC} }`, { id: docId }, { token: t["school.undino"] });
    expect(r.data.submitDocument.__typename).toBe("MutationSubmitDocumentSuccess");
    for (const e of [await curator1, await baley])
      expect(e[0]!.data.notificationReceived).toMatchObject({
        kind: "DOCUMENT_SUBMITTED",
        title: "Новый документ на проверке: Приложение к дорожной карте — МКОУ «Ундино-Посельская СОШ»",
      });
    for (const p of silent) await expect(p).rejects.toThrow(/timed out/);
  });

  it("curator2 and school.zhidka cannot see, decide on or download the document", async () => {
    for (const who of ["curator2", "school.zhidka", "region62"]) {
      const node = await s.gql(`query($id: ID!) { document(id: $id) { id } }`, { id: docId }, { token: t[who] });
      expect(node.data.document, who).toBeNull();
      const res = await fetch(`${s.url}${fileUrl}`, { headers: { authorization: `Bearer ${t[who]}` } });
      expect(res.status, who).toBe(404);
    }
    for (const who of ["curator2", "school.zhidka"]) {
      const r = await s.gql(`mutation($id: ID!) { approveDocument(id: $id) ${DOC} }`, { id: docId }, { token: t[who] });
      expect(r.errors?.[0]?.extensions?.code, who).toBe("NOT_FOUND");
    }
    // The federal coordinator sees it, but only the curator decides (the demo year does not let coordinators review).
    const fed = await s.gql(`query($id: ID!) { document(id: $id) { status viewerCanReview } }`, { id: docId }, { token: t["fioco"] });
    expect(fed.data.document).toEqual({ status: "SUBMITTED", viewerCanReview: false });
    expect((await fetch(`${s.url}${fileUrl}`, { headers: { authorization: `Bearer ${t["fioco"]}` } })).status).toBe(200);
  });

  it("curator1 approves and school.undino hears it live; curator2 and school.zhidka hear nothing", async () => {
    const school = nextEvents(s.ws(t["school.undino"]), NOTIFICATIONS, 1);
    // The silence is watched for longer than the approval takes (it renders the dated PDF copies in its
    // transaction), and settled at once so a slow approval never leaves a rejection unhandled.
    const silent = ["curator2", "school.zhidka"].map((k) =>
      nextEvents(s.ws(t[k]), NOTIFICATIONS, 1, 6000).then(
        (got) => ({ got, error: null }),
        (error: Error) => ({ got: null, error }),
      ),
    );
    await new Promise((r) => setTimeout(r, 300));
    const r = await s.gql(`mutation($id: ID!) { approveDocument(id: $id, comment: "Принято") ${DOC} }`, { id: docId }, { token: t["curator1"] });
    expect(r.data.approveDocument.__typename).toBe("MutationApproveDocumentSuccess");
    expect((await school)[0]!.data.notificationReceived).toMatchObject({
      kind: "DOCUMENT_APPROVED",
      title: "Документ принят: Приложение к дорожной карте — МКОУ «Ундино-Посельская СОШ»",
      payload: { documentId: docId, status: "APPROVED" },
    });
    for (const p of silent) expect((await p).error?.message).toMatch(/timed out/);
    const dl = await fetch(`${s.url}${fileUrl}`, { headers: { authorization: `Bearer ${t["curator1"]}` } });
    expect(dl.status).toBe(200);
  });
});
