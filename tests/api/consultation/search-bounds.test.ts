// FAQ search stays fast on a common word by ranking a bounded candidate set: up to RANKED matches are all
// ranked (the exact order); beyond that the first RANKED are — question matches first — and the result says
// there are more. Similar questions use the query's rarest words, so a long sentence still finds the
// question that shares its telling word among hundreds that share only common ones.
// (The other tests of the line search their own words, so these entries do not disturb them.)
import { randomInt } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectFaqWords, RANKED, SIMILAR_RANKED } from "../../../api/src/modules/consultation/search.ts";
import { seedWorld, TEST_PASSWORD } from "../../testkit/seed.ts";
import { startServer, type TestServer } from "../../testkit/server.ts";

let s: TestServer;
let token: string;
let topicId: string;
let publisherId: string;
// Made-up words, so that no other test's FAQ entries match them.
const word = () => Array.from({ length: 9 }, (_, i) => (i % 2 ? "аеиоуы" : "бвгдзклмнпрстфх")[randomInt(i % 2 ? 6 : 15)]).join("");
const COMMON = word();
const FILLER = word();
const RARE = word();
const S1 = word();
const S2 = word();

/** `n` federal entries (SQL, in one statement), published `minutesAgo` + i minutes ago. */
const insert = (n: number, question: string, answer: string, minutesAgo: number) =>
  s.db.$executeRaw`
    INSERT INTO "FaqEntry" ("topicId", year, scope, question, answer, "publishedById", "publishedAt")
    SELECT ${topicId}::uuid, 2026, 'FEDERAL', ${question} || ' ' || i, ${answer}, ${publisherId}::uuid, now() - make_interval(mins => ${minutesAgo} + i)
    FROM generate_series(1, ${n}::int) i`;

beforeAll(async () => {
  s = await startServer();
  const w = await seedWorld(s.db);
  token = await s.signIn(w.users.school.email, TEST_PASSWORD);
  publisherId = w.users.curator.id;
  topicId = (await s.db.questionTopic.create({ data: { title: `Границы поиска ${COMMON}`, position: 900 } })).id;
  // The common word is in the answers of RANKED + 10 entries, and in the questions of 3 older ones written last.
  await insert(RANKED + 10, `Как ${FILLER}`, `Ответ: ${COMMON} ${FILLER}.`, 0);
  await insert(3, `Как ${COMMON}`, `Ответ: ${FILLER}.`, 100_000);
  // Similar questions: SIMILAR_RANKED + 50 questions share the common words, one shares the rare word.
  await insert(SIMILAR_RANKED + 50, `Можно ли ${S1} ${S2}`, "Да.", 0);
  // …and the common ones too, written last and published long ago: it must still be a candidate.
  await insert(1, `Когда ${RARE} ${S1} ${S2}`, "Весной.", 200_000);
  // The FAQ's word list, as publishing fills it, and word frequencies, as autovacuum keeps them.
  await collectFaqWords(s.db, [`${COMMON} ${FILLER} ${RARE} ${S1} ${S2} Как Можно ли Когда Ответ Да Весной`]);
  await s.db.$executeRawUnsafe(`ANALYZE "FaqEntry"`);
});
afterAll(async () => {
  await s.db.faqEntry.deleteMany({ where: { topicId } });
  await s.db.questionTopic.delete({ where: { id: topicId } });
  await s.stop();
});

const FAQ = `query($t: String, $o: Int) { faqSearch(text: $t, first: 20, offset: $o) { total totalCapped mode hits { entry { question } } } }`;

describe("FAQ search bounds", () => {
  it("a word in more than RANKED entries: RANKED are ranked, the question matches first, and the result says there are more", async () => {
    const r = await s.gql(FAQ, { t: COMMON }, { token });
    const f = r.data?.faqSearch;
    expect(f, JSON.stringify(r.errors)).toMatchObject({ total: RANKED, totalCapped: true, mode: "FULL_TEXT" });
    expect(f.hits.slice(0, 3).map((h: any) => h.entry.question)).toEqual([1, 2, 3].map((i) => `Как ${COMMON} ${i}`));
    expect(f.hits).toHaveLength(20);
    // The last page of the ranked set is reachable, beyond it there is nothing.
    expect((await s.gql(FAQ, { t: COMMON, o: RANKED - 20 }, { token })).data.faqSearch.hits).toHaveLength(20);
    expect((await s.gql(FAQ, { t: COMMON, o: RANKED }, { token })).data.faqSearch.hits).toHaveLength(0);
  });

  it("fewer matches than RANKED are all counted and ranked: not capped", async () => {
    const f = (await s.gql(FAQ, { t: `${S1} ${S2}` }, { token })).data.faqSearch;
    expect(f).toMatchObject({ total: SIMILAR_RANKED + 51, totalCapped: false });
    // Equal matches: the newest first.
    expect(f.hits[0].entry.question).toBe(`Можно ли ${S1} ${S2} 1`);
  });

  it("similar questions for a long sentence put the question with its rare word first", async () => {
    const text = `Подскажите, пожалуйста, можно ли ${S1} ${S2} в этом году и когда ${RARE} по правилам проекта для нашей школы?`;
    const r = await s.gql("query($t: String!) { similarQuestions(text: $t, first: 5) { entry { question } } }", { t: text }, { token });
    const hits = r.data?.similarQuestions.map((h: any) => h.entry.question);
    expect(hits, JSON.stringify(r.errors)).toHaveLength(5);
    expect(hits[0]).toBe(`Когда ${RARE} ${S1} ${S2} 1`);
  });
});
