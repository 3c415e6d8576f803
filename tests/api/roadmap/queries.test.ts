// A roadmap screen loads in a fixed number of queries however many measures it shows (no query per
// measure, evidence, comment, history entry, person or right).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp, type App } from "../../../api/src/app.ts";
import { createPrisma, type DB } from "../../../api/src/db.ts";
import { gid, seedWorld, TEST_PASSWORD, type World } from "../../testkit/seed.ts";

const operations: string[] = [];
const base = createPrisma(process.env.DATABASE_URL!, { poolSize: 3 });
// Counts every Prisma model operation the server runs.
const db = base.$extends({
  query: {
    $allModels: {
      $allOperations({ args, query, model, operation }) {
        operations.push(`${model}.${operation}`);
        return query(args);
      },
    },
  },
}) as unknown as DB;

let app: App;
let url: string;
let w: World;
const gql = async (query: string, variables: Record<string, unknown> = {}, token?: string) => {
  const res = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: any; errors?: unknown[] };
};

const SCREEN = `query($p: ID!) { roadmap(participationId: $p) {
  title viewerCanEdit viewerCanComment progress { progress attainment overdue }
  measures(first: 100) { totalCount edges { node {
    title dueDate status overdue viewerCanEdit viewerCanReport viewerCanComment riskFactor { title }
    evidence { url fileName addedByName } comments { body authorName } history { action actorName }
  } } } } }`;

async function addMeasures(n: number, from: number) {
  const roadmap = await base.roadmap.upsert({
    where: { participationId: w.participationId },
    create: { programmeYearId: w.programmeYearId, participationId: w.participationId, title: "Карта" },
    update: {},
  });
  for (let i = from; i < from + n; i++) {
    const m = await base.measure.create({ data: { roadmapId: roadmap.id, position: i, title: `Мероприятие ${i}`, dueDate: new Date(Date.UTC(2026, 0, 1 + i)) } });
    await base.measureEvidence.create({ data: { measureId: m.id, url: `https://example.ru/${i}`, addedById: w.users.school.id } });
    await base.measureComment.create({ data: { measureId: m.id, authorId: w.users.curator.id, body: `Комментарий ${i}` } });
    await base.auditEvent.create({ data: { actorId: w.users.school.id, action: "measure.create", entityType: "Measure", entityId: m.id } });
  }
}

beforeAll(async () => {
  // The plan includes loading the viewer: with the reach cache on, whether it hits depends on other test
  // files' access changes (the generation is global), so measure it uncached.
  process.env.VIEWER_CACHE = "0";
  app = buildApp({ db, web: false });
  url = (await app.start(0)).url;
  w = await seedWorld(base);
});
afterAll(async () => {
  delete process.env.VIEWER_CACHE;
  await app?.stop();
  await base.$disconnect();
});

describe("query plan of the roadmap screen", () => {
  it("costs the same for 3 and for 30 measures", async () => {
    const token = (await gql(`mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { token } }`, { e: w.users.curator.email, p: TEST_PASSWORD })).data.signIn.token;
    const run = async () => {
      operations.length = 0;
      const r = await gql(SCREEN, { p: gid("Participation", w.participationId) }, token);
      expect(r.errors).toBeUndefined();
      return { data: r.data, ops: [...operations].sort() };
    };
    await addMeasures(3, 1);
    const small = await run();
    expect(small.data.roadmap.measures.edges).toHaveLength(3);
    await addMeasures(27, 4);
    const large = await run();
    expect(large.data.roadmap.measures.edges).toHaveLength(30);
    expect(large.data.roadmap.measures.edges[29].node).toMatchObject({
      comments: [{ body: "Комментарий 30", authorName: expect.stringMatching(/^Тест CURATOR/) }],
      history: [{ action: "measure.create" }],
    });
    expect(large.ops).toEqual(small.ops);
    // Session and viewer; the roadmap with its measures, evidence and comments in one query; one lookup
    // of where the roadmap lies for the rights and one for the measures' access check (the review state
    // and assisted editing come with them: one more, batched); the history; names.
    expect(large.ops).toEqual([
      "AuditEvent.findMany",
      "CuratorAssignment.findMany",
      "Roadmap.findFirst",
      "Roadmap.findMany",
      "Roadmap.findMany",
      "Roadmap.findUnique",
      "Session.findUnique",
      "User.findMany",
      "User.findUnique",
    ]);
  });
});
