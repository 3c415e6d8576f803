// Lists of documents load in a fixed number of queries however many rows and nested fields they show
// (no query per document, version, review or person).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp, type App } from "../../../api/src/app.ts";
import { createPrisma, type DB } from "../../../api/src/db.ts";
import { gid } from "../../testkit/seed.ts";

const operations: string[] = [];
const base = createPrisma(process.env.DATABASE_URL!, { poolSize: 3 });
// Counts every Prisma operation the server runs.
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
let token: string;
const gql = async (query: string, variables: Record<string, unknown> = {}) => {
  const res = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: any; errors?: unknown[] };
};
const counted = async (query: string, variables: Record<string, unknown> = {}) => {
  operations.length = 0;
  const r = await gql(query, variables);
  expect(r.errors).toBeUndefined();
  return { data: r.data, operations: [...operations] };
};

beforeAll(async () => {
  app = buildApp({ db, web: false });
  url = (await app.start(0)).url;
  token = (await gql(`mutation { signIn(email: "fioco@demo.medk.ru", password: "demo-password") { token } }`)).data.signIn.token;
});
afterAll(async () => {
  await app?.stop();
  await base.$disconnect();
});

const NESTED = `title deadline overdue viewerCanUpload viewerCanSubmit viewerCanReview riskFactor { title }
  participation { school { shortName } }
  latestVersion { number }
  versions { fileName uploadedBy { fullName } submittedBy { fullName } review { decision reviewer { fullName } } }
  reviews { comment reviewer { fullName } version { number } }
  history { action actor { fullName } }`;

describe("query plans", () => {
  it("a page of every current document with versions, reviews, history and names takes a handful of queries", async () => {
    const { data, operations: ops } = await counted(`{ documents(first: 100, filter: { year: 2026 }) { totalCount edges { node { ${NESTED} } } } }`);
    expect(data.documents.edges.length).toBeGreaterThan(20);
    // Session + viewer, the page, its count, and the names of everyone in it.
    expect(ops.filter((o) => o.startsWith("Document.") || o.startsWith("DocumentVersion.") || o.startsWith("Review."))).toEqual(["Document.findMany", "Document.count"]);
    expect(ops.filter((o) => o === "User.findMany")).toHaveLength(1);
  });

  it("what a participation owes, with its documents' history, is one participation query plus names", async () => {
    const p = await base.participation.findFirstOrThrow({ where: { school: { shortName: "МКОУ «Ундино-Посельская СОШ»" }, programmeYear: { year: 2026 } } });
    const { data, operations: ops } = await counted(`query($id: ID!) { node(id: $id) { ... on Participation { requiredDocuments { kind statusLabel document { ${NESTED} } } } } }`, {
      id: gid("Participation", p.id),
    });
    expect(data.node.requiredDocuments.length).toBeGreaterThanOrEqual(4);
    expect(ops.filter((o) => !o.startsWith("Session.") && o !== "User.findUnique")).toEqual(["Participation.findUnique", "User.findMany"]);
  });
});
