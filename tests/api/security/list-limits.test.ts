// Huge variables: every list argument is bounded (500 items unless its definition says otherwise) before
// anything runs, and a GraphQL body that is not an upload may not exceed 1 MB.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../../testkit/server.ts";
import { gid, seedWorld, TEST_PASSWORD, type World } from "../../testkit/seed.ts";
import { uploadGql } from "../roadmap/helpers.ts";

let s: TestServer;
let w: World;
let token: string;
beforeAll(async () => {
  s = await startServer();
  w = await seedWorld(s.db);
  token = await s.signIn(w.users.municipal.email, TEST_PASSWORD);
});
afterAll(() => s.stop());

const NODES = "query($ids: [ID!]!) { nodes(ids: $ids) { id } }";
const ids = (n: number) => Array.from({ length: n }, () => gid("School", randomUUID()));

describe("list arguments", () => {
  it("nodes(ids) with 50 000 ids is refused at once with a clear message", async () => {
    const t0 = performance.now();
    const r = await s.gql(NODES, { ids: Array.from({ length: 50_000 }, (_, i) => `a${i}`) }, { token });
    const ms = performance.now() - t0;
    expect(r.status).toBe(400);
    expect(r.errors).toEqual([
      {
        message: "Список «ids» слишком длинный: 50000 элементов, допустимо не больше 500. Разбейте запрос на части.",
        extensions: { code: "LIST_TOO_LONG", argument: "ids", max: 500, found: 50000 },
      },
    ]);
    expect(ms).toBeLessThan(1000);
  });

  it("500 ids pass and 501 do not, whether in variables or written inline", async () => {
    expect((await s.gql(NODES, { ids: ids(500) }, { token })).errors).toBeUndefined();
    expect((await s.gql(NODES, { ids: ids(501) }, { token })).errors?.[0]?.extensions?.code).toBe("LIST_TOO_LONG");
    const inline = `{ nodes(ids: [${ids(501)
      .map((i) => JSON.stringify(i))
      .join(",")}]) { id } }`;
    expect((await s.gql(inline, {}, { token })).errors?.[0]?.extensions?.code).toBe("LIST_TOO_LONG");
  });

  it("a list inside an input object is bounded too", async () => {
    const q = `query($f: ReportFilter!) { reportDocumentList(filter: $f, first: 1) { totalCount } }`;
    const r = await s.gql(q, { f: { years: [2026], curatorIds: ids(600) } }, { token });
    expect(r.errors?.[0]).toMatchObject({ extensions: { code: "LIST_TOO_LONG", argument: "curatorIds", found: 600 } });
  });

  it("an argument with its own bound keeps it (reorderMeasures: 2000)", async () => {
    const q = `mutation($r: ID!, $ids: [ID!]!) { reorderMeasures(roadmapId: $r, measureIds: $ids) { __typename } }`;
    const r = await s.gql(q, { r: gid("Roadmap", "00000000-0000-0000-0000-000000000000"), ids: ids(1000) }, { token });
    expect(r.errors?.[0]?.extensions?.code).not.toBe("LIST_TOO_LONG");
    const over = await s.gql(q, { r: gid("Roadmap", "00000000-0000-0000-0000-000000000000"), ids: ids(2001) }, { token });
    expect(over.errors?.[0]?.extensions).toMatchObject({ code: "LIST_TOO_LONG", max: 2000 });
  });
});

describe("request body size", () => {
  const big = JSON.stringify({ query: "{ viewer { email } }", variables: { pad: "x".repeat(1_200_000) } });
  const expected = {
    errors: [{ message: "Запрос больше допустимых 1 МБ. Уменьшите переменные или разбейте запрос на части.", extensions: { code: "REQUEST_TOO_LARGE" } }],
  };

  it("a JSON body over 1 MB is refused with 413, declared or streamed", async () => {
    const declared = await fetch(`${s.url}/graphql`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body: big });
    expect(declared.status).toBe(413);
    expect(await declared.json()).toEqual(expected);
    const bytes = new TextEncoder().encode(big);
    const stream = new ReadableStream({
      start(c) {
        for (let i = 0; i < bytes.length; i += 64 * 1024) c.enqueue(bytes.slice(i, i + 64 * 1024));
        c.close();
      },
    });
    const streamed = await fetch(`${s.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: stream,
      duplex: "half",
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(await streamed.json()).toEqual(expected);
  });

  it("uploads keep the file limit: a 2 MB multipart body is not refused for its size", async () => {
    const r = await uploadGql(s, token, "mutation($f: File!) { __typename }", { f: null }, "f", { name: "a.pdf", bytes: new Uint8Array(2 * 1024 * 1024) });
    expect(r.status).not.toBe(413);
  });
});
