// The consultation line end to end over real HTTP and WebSocket: a school asks, the region's coordinator
// takes it and passes it on, the federal coordinator answers (the asker is notified live), the asker
// replies (reopens), the answer is published to the FAQ as a clean entry and found by another word form
// and with a typo; who may do what; the deadline scan; the coordinators' figures; attachments.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runDeadlineScan } from "../../../api/src/modules/deadline/scan.ts";
import { addUser } from "../../testkit/people.ts";
import { gid, seedWorld, TEST_PASSWORD, type World } from "../../testkit/seed.ts";
import { nextEvents, startServer, type TestServer } from "../../testkit/server.ts";
import { pdf } from "../document/kit.ts";

let s: TestServer;
let w: World;
let far: World;
let t: Record<"school" | "curator" | "municipal" | "regional" | "farSchool" | "farRegional" | "federal" | "observer", string>;
let ids: Record<"school" | "regional" | "federal", string>;
let topicId: string;

const Q = `id status statusLabel level body answeredAt answeredBy { fullName } messages { body isReply } viewerCanHandle viewerCanReply`;
const result = (field: string, data = Q) => `__typename ... on DomainError { code message } ... on Mutation${field[0]!.toUpperCase()}${field.slice(1)}Success { data { ${data} } }`;

const ask = (token: string, body: string, extra: Record<string, unknown> = {}) =>
  s.gql(`mutation($i: AskQuestionInput!) { askQuestion(input: $i) { ${result("askQuestion")} } }`, { i: { topicId, body, ...extra } }, { token });
const act = (token: string, op: "takeQuestion" | "forwardQuestion", id: string) => s.gql(`mutation($id: ID!) { ${op}(id: $id) { ${result(op)} } }`, { id }, { token });
const answer = (token: string, id: string, body: string) => s.gql(`mutation($id: ID!, $b: String!) { answerQuestion(id: $id, body: $b) { ${result("answerQuestion")} } }`, { id, b: body }, { token });
const reply = (token: string, id: string, body: string) => s.gql(`mutation($id: ID!, $b: String!) { replyToQuestion(id: $id, body: $b) { ${result("replyToQuestion")} } }`, { id, b: body }, { token });
const publish = (token: string, input: Record<string, unknown>) =>
  s.gql(`mutation($i: PublishFaqEntryInput!) { publishFaqEntry(input: $i) { ${result("publishFaqEntry", "id question answer scope year topic { title }")} } }`, { i: input }, { token });
const search = (token: string, text: string, extra: Record<string, unknown> = {}) =>
  s.gql(
    `query($t: String, $topic: ID, $y: Int) { faqSearch(text: $t, topicId: $topic, year: $y, first: 50) { total mode years hits { rank questionHtml answerHtml entry { id question } } } }`,
    { t: text, ...extra },
    { token },
  );
const data = (r: { data?: any }, field: string) => {
  const p = r.data?.[field];
  if (!p?.data) throw new Error(`${field} failed: ${JSON.stringify(r)}`);
  return p.data;
};

beforeAll(async () => {
  process.env.MEDK_STORAGE_DIR = mkdtempSync(join(tmpdir(), "medk-consult-files-"));
  s = await startServer();
  w = await seedWorld(s.db, { regionCode: 75 });
  far = await seedWorld(s.db, { regionCode: 62 });
  const regional = await addUser(s.db, "REGIONAL_COORDINATOR", { regionId: w.regionId });
  const farRegional = await addUser(s.db, "REGIONAL_COORDINATOR", { regionId: far.regionId });
  const observer = await addUser(s.db, "OBSERVER", { regionId: w.regionId });
  const fed = await s.db.user.findUniqueOrThrow({ where: { email: "fioco@demo.medk.ru" } });
  ids = { school: w.users.school.id, regional: regional.id, federal: fed.id };
  t = {
    school: await s.signIn(w.users.school.email, TEST_PASSWORD),
    curator: await s.signIn(w.users.curator.email, TEST_PASSWORD),
    municipal: await s.signIn(w.users.municipal.email, TEST_PASSWORD),
    regional: await s.signIn(regional.email, TEST_PASSWORD),
    farSchool: await s.signIn(far.users.school.email, TEST_PASSWORD),
    farRegional: await s.signIn(farRegional.email, TEST_PASSWORD),
    observer: await s.signIn(observer.email, TEST_PASSWORD),
    federal: await s.signIn("fioco@demo.medk.ru"),
  };
  const topics = await s.gql("{ questionTopics { id title } }", {}, { token: t.school });
  topicId = topics.data.questionTopics.find((x: any) => x.title === "Дорожная карта").id;
}, 60_000);

afterAll(() => s.stop());

describe("the consultation line", () => {
  it("routes a school's question to its region, passes it to the federal level, answers it live, reopens on reply and publishes a clean FAQ entry", async () => {
    const asked = data(await ask(t.school, `Как оформить изменения в дорожной карте школы после утверждения? Тест ${w.schoolId}`), "askQuestion");
    expect([asked.status, asked.level, asked.statusLabel]).toEqual(["NEW", "REGION", "новый"]);
    const qid = asked.id;
    const askedNote = await s.db.notification.findFirst({ where: { recipientId: ids.regional, kind: "QUESTION_ASKED" } });
    expect(askedNote?.title).toContain("Новый вопрос");

    // who sees it: the asker, the curator, the municipality, the region, the federal level — not the far ones
    const seen = async (token: string) => (await s.gql("query($id: ID!) { question(id: $id) { id } }", { id: qid }, { token })).data?.question?.id ?? null;
    for (const k of ["school", "curator", "municipal", "regional", "observer", "federal"] as const) expect(await seen(t[k]), k).toBe(qid);
    for (const k of ["farSchool", "farRegional"] as const) expect(await seen(t[k]), k).toBeNull();

    // the region takes it, cannot be taken twice, then passes it on
    expect(data(await act(t.regional, "takeQuestion", qid), "takeQuestion").status).toBe("IN_PROGRESS");
    expect((await act(t.regional, "takeQuestion", qid)).data.takeQuestion.code).toBe("ALREADY_IN_PROGRESS");
    const fwd = data(await act(t.regional, "forwardQuestion", qid), "forwardQuestion");
    expect([fwd.status, fwd.level, fwd.viewerCanHandle]).toEqual(["FORWARDED", "FEDERAL", false]);
    // now the federal level's alone
    expect((await answer(t.regional, qid, "Ответ региона")).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");

    // the federal coordinator answers; the school hears it live
    const live = nextEvents(s.ws(t.school), "subscription { notificationReceived { kind title } }", 1, 8000);
    await new Promise((r) => setTimeout(r, 300));
    const answered = data(await answer(t.federal, qid, "Изменения вносятся новой версией дорожной карты и отправляются куратору."), "answerQuestion");
    expect([answered.status, answered.messages.length, !!answered.answeredAt]).toEqual(["ANSWERED", 1, true]);
    expect(answered.answeredBy.fullName).toBe((await s.db.user.findUniqueOrThrow({ where: { id: ids.federal } })).fullName);
    const [ev] = await live;
    expect((ev!.data as any).notificationReceived.kind).toBe("QUESTION_ANSWERED");

    // only the asker replies; a reply reopens the question at its level
    expect((await reply(t.curator, qid, "Уточнение")).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const reopened = data(await reply(t.school, qid, "А если куратор уже утвердил карту?"), "replyToQuestion");
    expect([reopened.status, reopened.messages.map((m: any) => m.isReply)]).toEqual(["FORWARDED", [false, true]]);
    data(await answer(t.federal, qid, "Тогда новая версия снова уходит куратору на проверку."), "answerQuestion");

    // publishing: personal data refused; the region may not publish federally; a clean entry goes in
    const clean = {
      questionId: qid,
      scope: "FEDERAL",
      question: "Как внести изменения в утверждённую дорожную карту школы?",
      answer: "Дорожная карта меняется новой версией, которая снова уходит куратору на проверку.",
    };
    const school = await s.db.school.findUniqueOrThrow({ where: { id: w.schoolId } });
    expect((await publish(t.federal, { ...clean, question: `${clean.question} (${school.shortName})` })).data.publishFaqEntry.code).toBe("PERSONAL_DATA");
    expect((await publish(t.federal, { ...clean, answer: `${clean.answer} Пишите на test@school.ru` })).data.publishFaqEntry.code).toBe("PERSONAL_DATA");
    expect((await publish(t.regional, clean)).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await publish(t.school, clean)).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const entry = data(await publish(t.federal, clean), "publishFaqEntry");
    expect([entry.scope, entry.topic.title]).toEqual(["FEDERAL", "Дорожная карта"]);

    // another school finds it by another word form, and with a typo
    const found = (await search(t.farSchool, "дорожной карты утверждённой")).data.faqSearch;
    expect(found.mode).toBe("FULL_TEXT");
    const hit = found.hits.find((h: any) => h.entry.id === entry.id);
    expect(hit.questionHtml).toContain("<mark>дорожную</mark> <mark>карту</mark>");
    const typo = (await search(t.farSchool, "изминения в утверждёной дарожной")).data.faqSearch;
    expect(typo.mode, JSON.stringify(typo)).toBe("TYPO_TOLERANT");
    expect(typo.hits.map((h: any) => h.entry.id)).toContain(entry.id);
    const similar = await s.gql(
      "query($t: String!) { similarQuestions(text: $t) { entry { id } questionHtml } }",
      { t: "хотим поменять мероприятия в дорожной карте после утверждения" },
      { token: t.farSchool },
    );
    expect(similar.data.similarQuestions.map((h: any) => h.entry.id)).toContain(entry.id);
    // the FAQ keeps no asker: its type has no such field, and the audit has every step
    const raw = (g: string) => Buffer.from(g, "base64").toString().split(":")[1]!;
    const actions = (await s.db.auditEvent.findMany({ where: { OR: [{ entityId: raw(qid) }, { entityId: raw(entry.id) }] }, orderBy: { createdAt: "asc" } })).map((a) => a.action);
    expect(actions).toEqual(["question.asked", "question.taken", "question.forwarded", "question.answered", "question.reopened", "question.answered", "faq.published"]);
  });

  it("a regional FAQ entry is seen in its region only", async () => {
    const q = data(await ask(t.school, "Где взять шаблон отчёта о реализации программы антирисковых мер?"), "askQuestion");
    data(await answer(t.regional, q.id, "Шаблон размещён в банке методических материалов."), "answerQuestion");
    const e = data(
      await publish(t.regional, { questionId: q.id, scope: "REGIONAL", question: "Где взять шаблон отчёта по антирисковой программе?", answer: "Шаблон размещён в банке методических материалов." }),
      "publishFaqEntry",
    );
    const ids = async (token: string) => (await search(token, "шаблон отчёта антирисковой")).data.faqSearch.hits.map((h: any) => h.entry.id);
    expect(await ids(t.school)).toContain(e.id);
    expect(await ids(t.farSchool)).not.toContain(e.id);
  });

  it("refuses what a role may not do and leaves nothing written", async () => {
    const q = data(await ask(t.school, "Проверка запретов: можно ли отвечать на свой вопрос?"), "askQuestion");
    const before = await s.db.question.findUniqueOrThrow({ where: { id: Buffer.from(q.id, "base64").toString().split(":")[1] } });
    expect((await answer(t.school, q.id, "Сам себе отвечу")).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await answer(t.curator, q.id, "Куратор отвечает")).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await answer(t.farRegional, q.id, "Чужой регион")).errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    expect((await act(t.observer, "takeQuestion", q.id)).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await ask(t.observer, "Наблюдатель спрашивает")).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await ask(t.school, "   ")).errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect((await reply(t.school, q.id, "Ещё не отвечен")).data.replyToQuestion.code).toBe("NOT_ANSWERED");
    const after = await s.db.question.findUniqueOrThrow({ where: { id: before.id } });
    expect([after.status, after.revision, await s.db.answer.count({ where: { questionId: before.id } })]).toEqual([before.status, before.revision, 0]);
    const topic = await s.gql(`mutation { createQuestionTopic(title: "Тема школы") { __typename } }`, {}, { token: t.school });
    expect(topic.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("the federal coordinator keeps the list of topics", async () => {
    const title = `Вебинары ${w.schoolId.slice(0, 6)}`;
    const made = await s.gql(`mutation($t: String!) { createQuestionTopic(title: $t) { ${result("createQuestionTopic", "id title active")} } }`, { t: title }, { token: t.federal });
    const topic = data(made, "createQuestionTopic");
    const again = await s.gql(`mutation($t: String!) { createQuestionTopic(title: $t) { ${result("createQuestionTopic", "id")} } }`, { t: title }, { token: t.federal });
    expect(again.data.createQuestionTopic.code).toBe("TOPIC_EXISTS");
    const off = await s.gql(`mutation($id: ID!) { updateQuestionTopic(id: $id, active: false) { ${result("updateQuestionTopic", "active")} } }`, { id: topic.id }, { token: t.federal });
    expect(data(off, "updateQuestionTopic").active).toBe(false);
    expect((await ask(t.school, "Вопрос по снятой теме", { topicId: topic.id })).data.askQuestion.code).toBe("TOPIC_NOT_FOUND");
  });

  it("an unanswered question older than the year's days alerts the region's coordinators exactly once", async () => {
    const q = data(await ask(t.school, "Старый вопрос без ответа для проверки напоминаний"), "askQuestion");
    const id = Buffer.from(q.id, "base64").toString().split(":")[1]!;
    await s.db.question.update({ where: { id }, data: { createdAt: new Date(Date.now() - 6 * 86400_000) } });
    const scope = { municipalityIds: [w.municipalityId] };
    expect((await runDeadlineScan(s.db, s.app.pubsub, new Date(), scope)).QUESTION_OVERDUE).toBeGreaterThanOrEqual(1);
    expect((await runDeadlineScan(s.db, s.app.pubsub, new Date(), scope)).QUESTION_OVERDUE).toBe(0);
    const alerts = await s.db.notification.findMany({ where: { kind: "QUESTION_OVERDUE", dedupeKey: `question-overdue:${id}` } });
    expect(alerts.map((a) => a.recipientId)).toContain(ids.regional);
    expect(alerts.map((a) => a.recipientId)).not.toContain(ids.school);

    const figures = await s.gql("{ consultationFigures(overdueDays: 5) { regionId regionName asked answered open unansweredOverdue medianHoursToAnswer } }", {}, { token: t.regional });
    expect(figures.data.consultationFigures.map((r: any) => r.regionId)).toEqual([gid("Region", w.regionId)]);
    expect(figures.data.consultationFigures[0].unansweredOverdue).toBeGreaterThanOrEqual(1);
    expect((await s.gql("{ consultationFigures { regionId } }", {}, { token: t.school })).data.consultationFigures).toEqual([]);
  });

  it("an attachment passes the document checks and is downloaded only by those who see the question", async () => {
    const send = async (token: string, name: string, bytes: Uint8Array) => {
      const form = new FormData();
      form.set(
        "operations",
        JSON.stringify({
          query: `mutation($i: AskQuestionInput!) { askQuestion(input: $i) { ${result("askQuestion", "id attachment { name url }")} } }`,
          variables: { i: { topicId, body: "Вопрос с файлом", file: null } },
        }),
      );
      form.set("map", JSON.stringify({ "0": ["variables.i.file"] }));
      form.set("0", new Blob([new Uint8Array(bytes)]), name);
      const res = await fetch(`${s.url}/graphql`, { method: "POST", headers: { "x-graphql-yoga-csrf": "1", authorization: `Bearer ${token}` }, body: form });
      return (await res.json()) as any;
    };
    const before = await s.db.question.count({ where: { authorId: ids.school } });
    const bad = await send(t.school, "вирус.pdf", new TextEncoder().encode("MZ not a pdf at all"));
    expect(bad.data.askQuestion.code).toBe("FILE_TYPE_NOT_ALLOWED");
    expect(await s.db.question.count({ where: { authorId: ids.school } })).toBe(before);
    const ok = data(await send(t.school, "Приказ.pdf", pdf("question attachment")), "askQuestion");
    expect(ok.attachment.name).toBe("Приказ.pdf");
    const get = (token: string) => fetch(`${s.url}${ok.attachment.url}`, { headers: { authorization: `Bearer ${token}` } });
    expect((await get(t.school)).status).toBe(200);
    expect((await get(t.regional)).status).toBe(200);
    expect((await get(t.farSchool)).status).toBe(404);
  });
});
