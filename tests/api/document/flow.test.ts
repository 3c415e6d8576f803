// The review flow over a real server on an isolated world: upload → submit → return → new version →
// submit → approve, with versions, history, notifications, audit, what a participation owes, and
// every mutation refused to the roles that may not use it.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../../testkit/server.ts";
import { gid, seedWorld, TEST_PASSWORD, type World } from "../../testkit/seed.ts";
import { docx, pdf, upload, uploaded } from "./kit.ts";

const DOC = `id kind title status statusLabel revision deadline overdue viewerCanUpload viewerCanSubmit viewerCanReview
  latestVersion { number }
  versions { number fileName mediaType submittedAt uploadedBy { fullName } submittedBy { fullName } review { decision } }
  reviews { decision comment reviewer { fullName } version { number } }
  history { action actor { fullName } versionNumber comment }`;

const mutation = (name: string, args: string, params: string) => `mutation(${params}) {
  ${name}(${args}) {
    __typename
    ... on DomainError { code message }
    ... on Mutation${name[0]!.toUpperCase()}${name.slice(1)}Success { data { ${DOC} } }
  }
}`;
const SUBMIT = mutation("submitDocument", "id: $id, expectedRevision: $rev", "$id: ID!, $rev: Int");
const APPROVE = mutation("approveDocument", "id: $id, comment: $comment", "$id: ID!, $comment: String");
const RETURN = mutation("returnDocument", "id: $id, comment: $comment", "$id: ID!, $comment: String!");

let s: TestServer;
let w: World;
let other: World;
const tokens: Record<string, string> = {};
let concept: { id: string };
let riskFactors: { id: string; number: number; title: string }[];

async function call(query: string, variables: Record<string, unknown>, token: string) {
  const r = await s.gql(query, variables, { token });
  const payload = r.data ? (Object.values(r.data)[0] as any) : null;
  return { r, payload, doc: payload?.data, code: payload?.code ?? r.errors?.[0]?.extensions?.code };
}

beforeAll(async () => {
  process.env.MEDK_STORAGE_DIR = mkdtempSync(join(tmpdir(), "medk-doc-flow-"));
  s = await startServer();
  w = await seedWorld(s.db);
  other = await seedWorld(s.db);
  for (const [k, u] of Object.entries({ ...w.users, otherSchool: other.users.school, otherCurator: other.users.curator })) tokens[k] = await s.signIn(u.email, TEST_PASSWORD);
  // The school's verified risk profile with two chosen factors (and one not chosen).
  riskFactors = await s.db.riskFactor.findMany({ where: { programmeYearId: w.programmeYearId }, orderBy: { number: "asc" }, take: 3 });
  await s.db.riskProfile.create({
    data: {
      participationId: w.participationId,
      entries: {
        create: riskFactors.map((rf, i) => ({ riskFactorId: rf.id, significance: "HIGH", chosen: i < 2 })),
      },
    },
  });
});
afterAll(() => s?.stop());

describe("the review flow", () => {
  it("a school uploads its concept: a DRAFT document with version 1 under the original Cyrillic name", async () => {
    const r = await upload(
      s,
      tokens.school!,
      { participationId: gid("Participation", w.participationId), kind: "CONCEPT" },
      {
        name: "Концепция развития школы.pdf",
        bytes: pdf(),
      },
    );
    const d = uploaded(r);
    expect(d).toMatchObject({ status: "DRAFT", versions: [{ number: 1, fileName: "Концепция развития школы.pdf", mediaType: "application/pdf" }] });
    concept = d;
    const row = await s.db.document.findUniqueOrThrow({ where: { id: Buffer.from(d.id, "base64").toString().split(":")[1] } });
    expect(row).toMatchObject({ participationId: w.participationId, kind: "CONCEPT", status: "DRAFT" });
  });

  it("a second upload is a new version; the first is kept unchanged", async () => {
    const d = uploaded(await upload(s, tokens.school!, { documentId: concept.id }, { name: "Концепция v2.docx", bytes: docx() }));
    expect(d.versions.map((v: any) => [v.number, v.fileName])).toEqual([
      [2, "Концепция v2.docx"],
      [1, "Концепция развития школы.pdf"],
    ]);
    expect(d.versions[0].mediaType).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  });

  it("the school submits the latest version; the assigned curator and the municipal coordinator are notified", async () => {
    const before = await s.db.notification.count({ where: { recipientId: { in: [w.users.curator.id, w.users.municipal.id] } } });
    const { doc, code } = await call(SUBMIT, { id: concept.id }, tokens.school!);
    expect(code).toBeUndefined();
    expect(doc).toMatchObject({ status: "SUBMITTED", statusLabel: "на проверке", viewerCanSubmit: false, viewerCanUpload: false });
    expect(doc.versions[0]).toMatchObject({ number: 2, submittedAt: expect.any(String), submittedBy: { fullName: expect.stringContaining("SCHOOL") } });
    expect(doc.versions[1].submittedAt).toBeNull();
    const notes = await s.db.notification.findMany({ where: { recipientId: { in: [w.users.curator.id, w.users.municipal.id] } } });
    expect(notes.length - before).toBe(2);
    for (const n of notes) {
      expect(n.kind).toBe("DOCUMENT_SUBMITTED");
      expect(n.title).toContain("Концепция развития");
      expect(n.title).toContain("МКОУ «Тест");
      expect(n.payload).toMatchObject({ documentId: concept.id, schoolId: gid("School", w.schoolId) });
    }
    const school = await s.db.notification.count({ where: { recipientId: w.users.school.id } });
    expect(school).toBe(0);
  });

  it("the curator sees it in the review queue and may review it; the school may not", async () => {
    const q = await s.gql(`{ reviewQueue(first: 10) { totalCount edges { node { id viewerCanReview } } } }`, {}, { token: tokens.curator });
    expect(q.data.reviewQueue).toEqual({ totalCount: 1, edges: [{ node: { id: concept.id, viewerCanReview: true } }] });
    const mine = await s.gql(`{ documents(first: 10, filter: { awaitingMyReview: true }) { totalCount } }`, {}, { token: tokens.curator });
    expect(mine.data.documents.totalCount).toBe(1);
    const bySchool = await s.gql(`query($id: ID!) { node(id: $id) { ... on Document { viewerCanReview viewerCanUpload } } }`, { id: concept.id }, { token: tokens.school });
    expect(bySchool.data.node).toEqual({ viewerCanReview: false, viewerCanUpload: false });
    const queue = await s.gql(`{ reviewQueue(first: 10) { totalCount } }`, {}, { token: tokens.school });
    expect(queue.data.reviewQueue.totalCount).toBe(0);
  });

  it("a new version cannot be uploaded while the document is under review", async () => {
    const r = await upload(s, tokens.school!, { documentId: concept.id }, { name: "v3.pdf", bytes: pdf("v3") });
    expect(r.data.uploadDocument).toMatchObject({ __typename: "DomainError", code: "DOCUMENT_UNDER_REVIEW" });
  });

  it("returning needs a comment of 1–5000 characters", async () => {
    for (const comment of ["", "   ", "я".repeat(5001)]) {
      const { r, code } = await call(RETURN, { id: concept.id, comment }, tokens.curator!);
      expect(code, JSON.stringify(r)).toBe("BAD_USER_INPUT");
    }
    expect((await s.db.document.findFirstOrThrow({ where: { participationId: w.participationId, kind: "CONCEPT" } })).status).toBe("SUBMITTED");
  });

  it("the curator returns it with a comment; the school is notified and sees RETURNED", async () => {
    const { doc, code } = await call(RETURN, { id: concept.id, comment: "Добавьте анализ рискового профиля" }, tokens.curator!);
    expect(code).toBeUndefined();
    expect(doc).toMatchObject({ status: "RETURNED", statusLabel: "на доработке" });
    expect(doc.reviews).toEqual([{ decision: "RETURNED", comment: "Добавьте анализ рискового профиля", reviewer: { fullName: expect.stringContaining("CURATOR") }, version: { number: 2 } }]);
    const notes = await s.db.notification.findMany({ where: { recipientId: w.users.school.id } });
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ kind: "DOCUMENT_RETURNED", title: expect.stringContaining("возвращён на доработку") });
    expect(notes[0]!.payload).toMatchObject({ documentId: concept.id, schoolId: gid("School", w.schoolId), comment: "Добавьте анализ рискового профиля" });
    const seen = await s.gql(`query($id: ID!) { document(id: $id) { status viewerCanUpload viewerCanSubmit } }`, { id: concept.id }, { token: tokens.school });
    expect(seen.data.document).toEqual({ status: "RETURNED", viewerCanUpload: true, viewerCanSubmit: false });
  });

  it("a returned document cannot be resubmitted without a new version", async () => {
    const { payload } = await call(SUBMIT, { id: concept.id }, tokens.school!);
    expect(payload).toMatchObject({ __typename: "DomainError", code: "NOTHING_TO_SUBMIT" });
  });

  it("deciding twice is refused: the document is already decided", async () => {
    const { payload } = await call(APPROVE, { id: concept.id }, tokens.curator!);
    expect(payload).toMatchObject({ __typename: "DomainError", code: "ALREADY_DECIDED", message: "Документ уже рассмотрен" });
  });

  it("a submission with a stale expectedRevision is refused", async () => {
    const d = uploaded(await upload(s, tokens.school!, { documentId: concept.id, note: "Исправлено по замечаниям" }, { name: "Концепция v3.pdf", bytes: pdf("v3") }));
    const { payload } = await call(SUBMIT, { id: concept.id, rev: d.revision - 1 }, tokens.school!);
    expect(payload).toMatchObject({ __typename: "DomainError", code: "DOCUMENT_CHANGED" });
    const ok = await call(SUBMIT, { id: concept.id, rev: d.revision }, tokens.school!);
    expect(ok.doc.status).toBe("SUBMITTED");
  });

  it("the curator approves the new version; history tells every step with who and when", async () => {
    const { doc } = await call(APPROVE, { id: concept.id, comment: "Замечания учтены" }, tokens.curator!);
    expect(doc.status).toBe("APPROVED");
    expect(doc.history.map((h: any) => [h.action, h.versionNumber])).toEqual([
      ["UPLOADED", 1],
      ["UPLOADED", 2],
      ["SUBMITTED", 2],
      ["RETURNED", 2],
      ["UPLOADED", 3],
      ["SUBMITTED", 3],
      ["APPROVED", 3],
    ]);
    expect(doc.history[4]).toMatchObject({ comment: "Исправлено по замечаниям", actor: { fullName: expect.stringContaining("SCHOOL") } });
    expect(doc.history[6]).toMatchObject({ comment: "Замечания учтены", actor: { fullName: expect.stringContaining("CURATOR") } });
    expect(doc.versions.map((v: any) => v.review?.decision ?? null)).toEqual(["APPROVED", "RETURNED", null]);
    const notes = await s.db.notification.findMany({ where: { recipientId: w.users.school.id }, orderBy: { id: "asc" } });
    expect(notes.map((n) => n.kind)).toEqual(["DOCUMENT_RETURNED", "DOCUMENT_APPROVED"]);
  });

  it("the municipal coordinator sees the history too, and an approved document takes no more versions", async () => {
    const r = await s.gql(`query($id: ID!) { document(id: $id) { status history { action } viewerCanReview } }`, { id: concept.id }, { token: tokens.municipal });
    expect(r.data.document).toMatchObject({ status: "APPROVED", viewerCanReview: false });
    expect(r.data.document.history).toHaveLength(7);
    const again = await upload(s, tokens.school!, { documentId: concept.id }, { name: "v4.pdf", bytes: pdf("v4") });
    expect(again.data.uploadDocument).toMatchObject({ __typename: "DomainError", code: "DOCUMENT_APPROVED" });
  });

  it("every change is in the audit log with the actor", async () => {
    const id = Buffer.from(concept.id, "base64").toString().split(":")[1]!;
    const events = await s.db.auditEvent.findMany({ where: { entityType: "Document", entityId: id }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["document.uploaded", "document.uploaded", "document.submitted", "document.returned", "document.uploaded", "document.submitted", "document.approved"]);
    expect(events.every((e) => e.schoolId === w.schoolId)).toBe(true);
    expect(events[3]).toMatchObject({ actorId: w.users.curator.id, reason: "Добавьте анализ рискового профиля" });
  });
});

describe("what a participation owes", () => {
  const OWED = `query($id: ID!, $o: Boolean) { node(id: $id) { ... on Participation {
    requiredDocuments(outstandingOnly: $o) { kind title riskFactorNumber status statusLabel deadline overdue document { id } }
    documents { kind status }
  } } }`;

  it("lists the concept, the medium-term programme and one anti-risk programme per chosen risk, «не загружен» when missing", async () => {
    const r = await s.gql(OWED, { id: gid("Participation", w.participationId) }, { token: tokens.curator });
    const owed = r.data.node.requiredDocuments;
    expect(owed.map((d: any) => [d.kind, d.riskFactorNumber, d.statusLabel])).toEqual([
      ["CONCEPT", null, "принят"],
      ["MEDIUM_TERM_PROGRAMME", null, "не загружен"],
      ["ANTI_RISK_PROGRAMME", riskFactors[0]!.number, "не загружен"],
      ["ANTI_RISK_PROGRAMME", riskFactors[1]!.number, "не загружен"],
    ]);
    expect(owed[2].title).toBe(`Программа антирисковых мер «${riskFactors[0]!.title}»`);
    expect(owed[0].document).toEqual({ id: concept.id });
    const outstanding = await s.gql(OWED, { id: gid("Participation", w.participationId), o: true }, { token: tokens.curator });
    expect(outstanding.data.node.requiredDocuments).toHaveLength(3);
  });

  it("an anti-risk programme is accepted only for a risk chosen in the profile", async () => {
    const notChosen = await upload(
      s,
      tokens.school!,
      { participationId: gid("Participation", w.participationId), kind: "ANTI_RISK_PROGRAMME", riskFactorId: gid("RiskFactor", riskFactors[2]!.id) },
      { name: "Программа.pdf", bytes: pdf() },
    );
    expect(notChosen.data.uploadDocument).toMatchObject({ __typename: "DomainError", code: "RISK_NOT_CHOSEN" });
    const chosen = await upload(
      s,
      tokens.school!,
      { participationId: gid("Participation", w.participationId), kind: "ANTI_RISK_PROGRAMME", riskFactorId: gid("RiskFactor", riskFactors[1]!.id) },
      { name: "Программа.pdf", bytes: pdf() },
    );
    expect(uploaded(chosen).status).toBe("DRAFT");
    const missing = await upload(s, tokens.school!, { participationId: gid("Participation", w.participationId), kind: "ANTI_RISK_PROGRAMME" }, { name: "p.pdf", bytes: pdf() });
    expect(missing.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("the deadline is the end of the due day in the region's time zone; a past one makes missing and draft documents overdue", async () => {
    // A 2022 participation of a new school: 30 April 2022 has passed (Забайкальский край, UTC+9).
    const past = await seedWorld(s.db, { year: 2022 });
    const t = await s.signIn(past.users.school.email, TEST_PASSWORD);
    let r = await s.gql(OWED, { id: gid("Participation", past.participationId) }, { token: t });
    expect(r.data.node.requiredDocuments).toEqual([
      expect.objectContaining({ kind: "CONCEPT", deadline: "2022-04-30T15:00:00.000Z", overdue: true, status: null }),
      expect.objectContaining({ kind: "MEDIUM_TERM_PROGRAMME", overdue: true }),
    ]);
    const d = uploaded(await upload(s, t, { participationId: gid("Participation", past.participationId), kind: "CONCEPT" }, { name: "к.pdf", bytes: pdf() }));
    expect(d).toMatchObject({ status: "DRAFT" });
    const overdue = await s.gql(`query($id: ID!) { document(id: $id) { overdue deadline } }`, { id: d.id }, { token: t });
    expect(overdue.data.document).toEqual({ overdue: true, deadline: "2022-04-30T15:00:00.000Z" });
    await call(SUBMIT, { id: d.id }, t);
    const submitted = await s.gql(`query($id: ID!) { document(id: $id) { overdue } }`, { id: d.id }, { token: t });
    expect(submitted.data.document.overdue).toBe(false);
    // The current year's deadline lies ahead: nothing is overdue.
    r = await s.gql(OWED, { id: gid("Participation", w.participationId) }, { token: tokens.school });
    expect(r.data.node.requiredDocuments.every((x: any) => x.overdue === false)).toBe(true);
  });
});

describe("who may do what", () => {
  let draft: { id: string };
  beforeAll(async () => {
    draft = uploaded(await upload(s, tokens.school!, { participationId: gid("Participation", w.participationId), kind: "MEDIUM_TERM_PROGRAMME" }, { name: "Программа.pdf", bytes: pdf() }));
  });

  it("only the school uploads: its curator and municipal coordinator are forbidden, another school cannot find the participation", async () => {
    const input = { participationId: gid("Participation", w.participationId), kind: "ROADMAP_ATTACHMENT" };
    for (const who of ["curator", "municipal"]) {
      const r = await upload(s, tokens[who]!, input, { name: "x.pdf", bytes: pdf() });
      expect(r.errors?.[0]?.extensions?.code, who).toBe("FORBIDDEN");
    }
    const r = await upload(s, tokens.otherSchool!, input, { name: "x.pdf", bytes: pdf() });
    expect(r.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    const byDoc = await upload(s, tokens.otherSchool!, { documentId: draft.id }, { name: "x.pdf", bytes: pdf() });
    expect(byDoc.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    const anonymous = await upload(s, null, input, { name: "x.pdf", bytes: pdf() });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(await s.db.document.count({ where: { participationId: w.participationId, kind: "ROADMAP_ATTACHMENT" } })).toBe(0);
  });

  it("only the school submits: the curator is forbidden, another school cannot find the document", async () => {
    expect((await call(SUBMIT, { id: draft.id }, tokens.curator!)).code).toBe("FORBIDDEN");
    expect((await call(SUBMIT, { id: draft.id }, tokens.otherSchool!)).code).toBe("NOT_FOUND");
    expect((await s.db.document.findFirstOrThrow({ where: { participationId: w.participationId, kind: "MEDIUM_TERM_PROGRAMME" } })).status).toBe("DRAFT");
  });

  it("a draft cannot be decided on", async () => {
    const { payload } = await call(APPROVE, { id: draft.id }, tokens.curator!);
    expect(payload).toMatchObject({ __typename: "DomainError", code: "NOT_SUBMITTED" });
  });

  it("only the assigned curator decides: the school and the municipal coordinator are forbidden, an unassigned curator cannot find it", async () => {
    await call(SUBMIT, { id: draft.id }, tokens.school!);
    for (const [q, vars] of [
      [APPROVE, { id: draft.id }],
      [RETURN, { id: draft.id, comment: "нет" }],
    ] as const) {
      expect((await call(q, vars, tokens.school!)).code).toBe("FORBIDDEN");
      expect((await call(q, vars, tokens.municipal!)).code).toBe("FORBIDDEN");
      expect((await call(q, vars, tokens.otherCurator!)).code).toBe("NOT_FOUND");
    }
    const row = await s.db.document.findFirstOrThrow({ where: { participationId: w.participationId, kind: "MEDIUM_TERM_PROGRAMME" }, include: { reviews: true } });
    expect(row.status).toBe("SUBMITTED");
    expect(row.reviews).toHaveLength(0);
  });

  it("when the programme year allows it, the municipal coordinator above the school may decide", async () => {
    // 2023 has no documents in the demo world; its setting is switched for this test only.
    const y = await s.db.programmeYear.findFirstOrThrow({ where: { year: 2023, programme: { regionId: null } } });
    const old = await seedWorld(s.db, { year: 2023 });
    const school = await s.signIn(old.users.school.email, TEST_PASSWORD);
    const municipal = await s.signIn(old.users.municipal.email, TEST_PASSWORD);
    const d = uploaded(await upload(s, school, { participationId: gid("Participation", old.participationId), kind: "CONCEPT" }, { name: "к.pdf", bytes: pdf() }));
    await call(SUBMIT, { id: d.id }, school);
    expect((await call(APPROVE, { id: d.id }, municipal)).code).toBe("FORBIDDEN");
    await s.db.programmeYear.update({ where: { id: y.id }, data: { coordinatorsMayReview: true } });
    try {
      const queue = await s.gql(`{ reviewQueue(first: 5) { edges { node { id viewerCanReview } } } }`, {}, { token: municipal });
      expect(queue.data.reviewQueue.edges).toEqual([{ node: { id: d.id, viewerCanReview: true } }]);
      expect((await call(APPROVE, { id: d.id }, municipal)).doc.status).toBe("APPROVED");
      // Still not a coordinator of another municipality.
      expect((await call(APPROVE, { id: d.id }, tokens.municipal!)).code).toBe("NOT_FOUND");
    } finally {
      await s.db.programmeYear.update({ where: { id: y.id }, data: { coordinatorsMayReview: y.coordinatorsMayReview } });
    }
  });

  it("lists only what the viewer may see", async () => {
    const mine = await s.gql(`{ documents(first: 50) { totalCount edges { node { id participation { id } } } } }`, {}, { token: tokens.school });
    expect(mine.data.documents.totalCount).toBeGreaterThanOrEqual(3);
    expect(mine.data.documents.edges.every((e: any) => e.node.participation.id === gid("Participation", w.participationId))).toBe(true);
    const theirs = await s.gql(`{ documents(first: 50) { totalCount } }`, {}, { token: tokens.otherSchool });
    expect(theirs.data.documents.totalCount).toBe(0);
    const node = await s.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: draft.id }, { token: tokens.otherSchool });
    expect(node.data?.node ?? null).toBeNull();
    const filtered = await s.gql(
      `query($p: ID!) { documents(first: 50, filter: { participationId: $p, kind: CONCEPT, status: APPROVED }) { totalCount } }`,
      { p: gid("Participation", w.participationId) },
      { token: tokens.municipal },
    );
    expect(filtered.data.documents.totalCount).toBe(1);
  });
});
