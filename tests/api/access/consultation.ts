// The consultation line's rows of the access matrix (matrix.test.ts spreads them in). Questions of this
// file: one asked by the demo Ундино school (region 75, at the regional level), one by a school account
// of region 62, one passed to the federal level by the region-75 coordinator. Expectations come from the
// facts of each role (its role's region, municipality, school and curatorships), as the issue states the
// rules: the asker, the coordinators over its place and the federal level read; the region's coordinator
// (the federal coordinator anywhere; at the federal level only it) handles; the asker replies; the
// federal coordinator keeps the topics; observers only read.
import { expect } from "vitest";
import type { TestServer } from "../../testkit/server.ts";
import { gid } from "../../testkit/seed.ts";

type Role = string;
interface RoleFacts {
  all: boolean;
  kind?: string;
  regionId?: string;
  municipalityId?: string;
  schoolIds: Set<string>;
  writes: boolean;
}
interface Fixture {
  id: string;
  authorId: string;
  regionId: string | null;
  municipalityId: string | null;
  schoolId: string | null;
  level: "REGION" | "FEDERAL";
}
const KEYS = ["undino", "r62", "federal"] as const;
type Key = (typeof KEYS)[number];

export interface ConsultationHelpers {
  s: () => TestServer;
  as: (role: Role) => { token: string | undefined };
  who: (role: Role) => RoleFacts;
  userId: (role: Role) => string | undefined;
  decide: (role: any, d: any) => Promise<void>;
  mutation: (field: string, params: string, args: string, data?: string) => string;
}

export function consultationMatrix(h: ConsultationHelpers) {
  let q: Record<Key, Fixture>;
  let topicId: string;
  const made: string[] = [];

  async function setup(facts: { undinoSchool: { id: string; municipalityId: string; regionId: string }; r62School: { id: string; municipalityId: string; regionId: string }; r62Author: string }) {
    const db = h.s().db;
    topicId = (await db.questionTopic.findFirstOrThrow({ where: { active: true } })).id;
    const make = async (f: Omit<Fixture, "id">, body: string) => {
      const row = await db.question.create({ data: { ...f, topicId, body, status: f.level === "FEDERAL" ? "FORWARDED" : "NEW" } });
      made.push(row.id);
      return { id: row.id, ...f };
    };
    const u = facts.undinoSchool;
    q = {
      undino: await make(
        { authorId: h.userId("school.undino@demo.medk.ru")!, regionId: u.regionId, municipalityId: u.municipalityId, schoolId: u.id, level: "REGION" },
        "Матрица доступа: вопрос школы",
      ),
      r62: await make(
        { authorId: facts.r62Author, regionId: facts.r62School.regionId, municipalityId: facts.r62School.municipalityId, schoolId: facts.r62School.id, level: "REGION" },
        "Матрица доступа: вопрос региона 62",
      ),
      federal: await make(
        { authorId: h.userId("region75@demo.medk.ru")!, regionId: u.regionId, municipalityId: null, schoolId: null, level: "FEDERAL" },
        "Матрица доступа: вопрос федеральному уровню",
      ),
    };
  }

  async function teardown() {
    const db = h.s().db;
    const ids = [...made];
    await db.notification.deleteMany({ where: { OR: ids.map((id) => ({ payload: { path: ["questionId"], equals: gid("Question", id) } })) } });
    await db.faqEntry.deleteMany({ where: { questionId: { in: ids } } });
    await db.question.deleteMany({ where: { id: { in: ids } } });
    await db.questionTopic.deleteMany({ where: { title: { startsWith: "Матрица доступа" } } });
  }

  const sees = (role: Role, f: Fixture) => {
    if (role === "anonymous") return false;
    const r = h.who(role);
    return (
      r.all ||
      h.userId(role) === f.authorId ||
      (!!f.schoolId && r.schoolIds.has(f.schoolId)) ||
      (!!f.municipalityId && r.municipalityId === f.municipalityId) ||
      (!!f.regionId && r.regionId === f.regionId)
    );
  };
  const handles = (role: Role, f: Fixture) => {
    const r = h.who(role);
    return role !== "anonymous" && r.writes && (r.all || (f.level === "REGION" && r.kind === "REGIONAL_COORDINATOR" && r.regionId === f.regionId));
  };
  const refusal = (role: Role, k: Key) => (role === "anonymous" ? "UNAUTHENTICATED" : sees(role, q[k]) ? "FORBIDDEN" : "NOT_FOUND");
  const NO_PLACE = { participationId: null, schoolId: null, municipalityId: "", regionId: "" };
  const state = async (k: Key) => {
    const row = await h.s().db.question.findUniqueOrThrow({ where: { id: q[k].id }, select: { status: true, level: true, revision: true, _count: { select: { answers: true } } } });
    return { status: row.status, level: row.level, revision: row.revision, answers: row._count.answers, faq: await h.s().db.faqEntry.count({ where: { questionId: q[k].id } }) };
  };
  const reset = async (k: Key, status: "NEW" | "ANSWERED" = "NEW") => {
    const db = h.s().db;
    await db.faqEntry.deleteMany({ where: { questionId: q[k].id } });
    await db.answer.deleteMany({ where: { questionId: q[k].id } });
    const base = q[k].level === "FEDERAL" ? "FORWARDED" : "NEW";
    await db.question.update({ where: { id: q[k].id }, data: { status: status === "ANSWERED" ? "ANSWERED" : base, level: q[k].level, assigneeId: null, forwardedAt: null, answeredAt: null } });
    if (status === "ANSWERED") await db.answer.create({ data: { questionId: q[k].id, authorId: h.userId("fioco@demo.medk.ru")!, body: "Матрица доступа: ответ" } });
  };
  const on = (role: Role, field: string) => ({ field, targets: KEYS, place: () => NO_PLACE, refusedWith: (k: Key) => refusal(role, k), state });
  const signedIn = (role: Role, r: { errors?: { extensions?: { code?: string } }[] }) => {
    if (role === "anonymous") {
      expect(r.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
      return false;
    }
    expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    return true;
  };

  const checks: Record<string, (role: Role) => Promise<void>> = {
    questionTopics: async (role) => {
      const r = await h.s().gql("{ questionTopics { id title } }", {}, h.as(role));
      if (signedIn(role, r)) expect((r.data as any).questionTopics.length).toBeGreaterThan(0);
    },
    question: async (role) => {
      for (const k of KEYS) {
        const r = await h.s().gql("query($id: ID!) { question(id: $id) { id } }", { id: gid("Question", q[k].id) }, h.as(role));
        if (!signedIn(role, r)) return;
        expect((r.data as any).question?.id ?? null, `${role} reads the ${k} question`).toBe(sees(role, q[k]) ? gid("Question", q[k].id) : null);
      }
    },
    questions: async (role) => {
      const r = await h.s().gql("{ questions(first: 200, filter: { box: VISIBLE }) { edges { node { id } } } }", {}, h.as(role));
      if (!signedIn(role, r)) return;
      const got = new Set((r.data as any).questions.edges.map((e: any) => e.node.id));
      for (const k of KEYS) expect(got.has(gid("Question", q[k].id)), `${role} lists the ${k} question`).toBe(sees(role, q[k]));
      const inbox = await h.s().gql("{ questions(first: 200, filter: { box: INBOX }) { edges { node { id } } } }", {}, h.as(role));
      const mine = new Set((inbox.data as any).questions.edges.map((e: any) => e.node.id));
      for (const k of KEYS) expect(mine.has(gid("Question", q[k].id)), `${role} has the ${k} question in its inbox`).toBe(handles(role, q[k]));
    },
    faqSearch: async (role) => {
      const r = await h.s().gql('{ faqSearch(text: "дорожная карта") { total mode hits { entry { scope } } } }', {}, h.as(role));
      if (signedIn(role, r)) expect((r.data as any).faqSearch.hits.length).toBeGreaterThan(0);
    },
    similarQuestions: async (role) => {
      const r = await h.s().gql('{ similarQuestions(text: "можно ли изменить факторы риска") { entry { id } } }', {}, h.as(role));
      if (signedIn(role, r)) expect((r.data as any).similarQuestions.length).toBeGreaterThan(0);
    },
    consultationFigures: async (role) => {
      const r = await h.s().gql("{ consultationFigures { regionId } }", {}, h.as(role));
      if (!signedIn(role, r)) return;
      const got = (r.data as any).consultationFigures.map((x: any) => x.regionId);
      const f = h.who(role);
      if (f.all) expect(got).toEqual(expect.arrayContaining([gid("Region", q.undino.regionId!), gid("Region", q.r62.regionId!)]));
      else if (f.regionId) expect(got).toEqual([gid("Region", f.regionId)]);
      else expect(got).toEqual([]);
    },
    askQuestion: async (role) => {
      const db = h.s().db;
      const before = await db.question.count();
      const r = await h
        .s()
        .gql(h.mutation("askQuestion", "$i: AskQuestionInput!", "input: $i", "id level"), { i: { topicId: gid("QuestionTopic", topicId), body: "Матрица доступа: новый вопрос" } }, h.as(role));
      const f = role === "anonymous" ? null : h.who(role);
      if (f?.writes) {
        const data = (r.data as any)?.askQuestion?.data;
        expect(data?.id, `${role} asks: ${JSON.stringify(r)}`).toBeTruthy();
        const id = Buffer.from(data.id, "base64").toString().split(":")[1]!;
        await db.notification.deleteMany({ where: { payload: { path: ["questionId"], equals: data.id } } });
        await db.auditEvent.deleteMany({ where: { entityId: id } });
        await db.question.delete({ where: { id } });
      } else {
        expect(r.errors?.[0]?.extensions?.code, `${role} may not ask`).toBe(role === "anonymous" ? "UNAUTHENTICATED" : "FORBIDDEN");
        expect(await db.question.count()).toBe(before);
      }
    },
    takeQuestion: (role) =>
      h.decide(role, {
        ...on(role, "takeQuestion"),
        allowed: (k: Key) => handles(role, q[k]),
        prepare: (k: Key) => reset(k),
        call: (k: Key) => h.s().gql(h.mutation("takeQuestion", "$id: ID!", "id: $id", "status"), { id: gid("Question", q[k].id) }, h.as(role)),
        granted: (data: any) => expect(data.status).toBe("IN_PROGRESS"),
        undo: (k: Key) => reset(k),
      }),
    answerQuestion: (role) =>
      h.decide(role, {
        ...on(role, "answerQuestion"),
        allowed: (k: Key) => handles(role, q[k]),
        prepare: (k: Key) => reset(k),
        call: (k: Key) => h.s().gql(h.mutation("answerQuestion", "$id: ID!", 'id: $id, body: "Матрица доступа: ответ"', "status"), { id: gid("Question", q[k].id) }, h.as(role)),
        granted: (data: any) => expect(data.status).toBe("ANSWERED"),
        undo: (k: Key) => reset(k),
      }),
    forwardQuestion: (role) =>
      h.decide(role, {
        ...on(role, "forwardQuestion"),
        targets: ["undino", "r62"],
        allowed: (k: Key) => handles(role, q[k]),
        prepare: (k: Key) => reset(k),
        call: (k: Key) => h.s().gql(h.mutation("forwardQuestion", "$id: ID!", "id: $id", "status level"), { id: gid("Question", q[k].id) }, h.as(role)),
        granted: (data: any) => expect([data.status, data.level]).toEqual(["FORWARDED", "FEDERAL"]),
        undo: (k: Key) => reset(k),
      }),
    replyToQuestion: (role) =>
      h.decide(role, {
        ...on(role, "replyToQuestion"),
        allowed: (k: Key) => role !== "anonymous" && h.userId(role) === q[k].authorId,
        prepare: (k: Key) => reset(k, "ANSWERED"),
        call: (k: Key) => h.s().gql(h.mutation("replyToQuestion", "$id: ID!", 'id: $id, body: "Матрица доступа: уточнение"', "status"), { id: gid("Question", q[k].id) }, h.as(role)),
        granted: (data: any, k: Key) => expect(data.status).toBe(q[k].level === "FEDERAL" ? "FORWARDED" : "NEW"),
        undo: (k: Key) => reset(k),
      }),
    publishFaqEntry: (role) =>
      h.decide(role, {
        ...on(role, "publishFaqEntry"),
        // The federal FAQ: the federal coordinator only.
        allowed: () => role !== "anonymous" && h.who(role).all && h.who(role).writes,
        prepare: (k: Key) => reset(k, "ANSWERED"),
        call: (k: Key) =>
          h
            .s()
            .gql(
              h.mutation("publishFaqEntry", "$i: PublishFaqEntryInput!", "input: $i", "scope"),
              { i: { questionId: gid("Question", q[k].id), scope: "FEDERAL", question: "Матрица доступа: вопрос?", answer: "Матрица доступа: ответ." } },
              h.as(role),
            ),
        granted: (data: any) => expect(data.scope).toBe("FEDERAL"),
        undo: (k: Key) => reset(k),
      }),
    createQuestionTopic: async (role) => {
      const db = h.s().db;
      const title = `Матрица доступа: тема ${role}`;
      const r = await h.s().gql(h.mutation("createQuestionTopic", "$t: String!", "title: $t", "title"), { t: title }, h.as(role));
      if (role !== "anonymous" && h.who(role).all && h.who(role).writes) expect((r.data as any).createQuestionTopic.data.title).toBe(title);
      else {
        expect(r.errors?.[0]?.extensions?.code).toBe(role === "anonymous" ? "UNAUTHENTICATED" : "FORBIDDEN");
        expect(await db.questionTopic.count({ where: { title } })).toBe(0);
      }
    },
    updateQuestionTopic: async (role) => {
      const db = h.s().db;
      const t = await db.questionTopic.upsert({ where: { title: "Матрица доступа: тема" }, create: { title: "Матрица доступа: тема" }, update: { active: true } });
      const r = await h.s().gql(h.mutation("updateQuestionTopic", "$id: ID!", "id: $id, active: false", "active"), { id: gid("QuestionTopic", t.id) }, h.as(role));
      if (role !== "anonymous" && h.who(role).all && h.who(role).writes) expect((r.data as any).updateQuestionTopic.data.active).toBe(false);
      else {
        expect(r.errors?.[0]?.extensions?.code).toBe(role === "anonymous" ? "UNAUTHENTICATED" : "FORBIDDEN");
        expect((await db.questionTopic.findUniqueOrThrow({ where: { id: t.id } })).active).toBe(true);
      }
    },
  };
  return { setup, teardown, checks };
}
