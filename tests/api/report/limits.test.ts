// Protection from expensive queries: deep, aliased, costly, long or directive-laden documents are refused
// with an error naming the limit; every documented report (docs/reporting.md, run as written) and every
// GraphQL document of the web app passes.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { parse, print, visit, type DocumentNode, type FragmentDefinitionNode } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../../testkit/server.ts";

let s: TestServer;
const t: Record<string, string> = {};

beforeAll(async () => {
  s = await startServer();
  t.fed = await s.signIn("fioco@demo.medk.ru");
  t.region75 = await s.signIn("region75@demo.medk.ru");
});
afterAll(() => s?.stop());

const refusal = async (query: string) => {
  const r = await s.gql(query, {}, { token: t.fed });
  expect(r.data ?? null).toBeNull();
  expect(r.errors).toHaveLength(1);
  return r.errors![0]!;
};

describe("query limits", () => {
  it("refuses a query nested deeper than 12 levels, naming the depth limit", async () => {
    const deep = `{ regions { edges { node { municipalities { edges { node { region { municipalities { edges { node {
      region { municipalities { edges { node { name } } } } } } } } } } } } } } }`;
    const e = await refusal(deep);
    expect(e.message).toMatch(/^Запрос отклонён \(лимит maxDepth\): глубина вложенности полей — 15, а допустимо не больше 12/);
    expect(e.extensions).toMatchObject({ code: "QUERY_LIMIT", limit: "maxDepth", max: 12, found: 15 });
  });

  it("refuses a query with more than 20 aliases, naming the alias limit", async () => {
    const aliased = `{ ${Array.from({ length: 21 }, (_, i) => `r${i}: reportMonitoring(filter: { year: 2026 }) { totalCount }`).join(" ")} }`;
    const e = await refusal(aliased);
    expect(e.message).toContain("лимит maxAliases");
    expect(e.extensions).toMatchObject({ code: "QUERY_LIMIT", limit: "maxAliases", found: 21 });
  });

  it("counts a page asked beyond 500 rows as the 500 rows it can return", async () => {
    const r = await s.gql("{ regions(first: 100000) { totalCount edges { node { code } } } }", {}, { token: t.fed });
    expect(r.errors).toBeUndefined();
  });

  it("refuses a costly query (500-row pages nested in 500-row pages), naming the cost limit", async () => {
    const costly = `{ regions(first: 500) { edges { node { name municipalities(first: 500) { edges { node { name region { code name } } } } } } } }`;
    const e = await refusal(costly);
    expect(e.message).toContain("лимит maxCost");
    expect(e.extensions).toMatchObject({ code: "QUERY_LIMIT", limit: "maxCost", max: 1_000_000 });
    expect((e.extensions as { found: number }).found).toBeGreaterThan(1_000_000);
  });

  it("refuses a document longer than 4000 tokens before it is even validated", async () => {
    const numbers = Array.from({ length: 4000 }, () => "1").join(", ");
    const e = await refusal(`{ reportRisks(filter: { year: 2026, riskFactorNumbers: [${numbers}] }) { totalCount } }`);
    expect(e.message).toContain("лимит maxTokens");
    expect(e.extensions).toMatchObject({ code: "QUERY_LIMIT", limit: "maxTokens" });
  });

  it("refuses more than 30 directives, naming the directive limit", async () => {
    const many = Array.from({ length: 31 }, () => "__typename @include(if: true)").join(" ");
    const e = await refusal(`{ viewer { ${many} } }`);
    expect(e.extensions).toMatchObject({ code: "QUERY_LIMIT", limit: "maxDirectives" });
  });

  it("allows a 500-row school list with nested municipality, curators and status (the benchmark's page)", async () => {
    const r = await s.gql(SCHOOL_LIST, {}, { token: t.fed });
    expect(r.errors).toBeUndefined();
    expect(r.data.schools.edges.length).toBeGreaterThan(0);
  });
});

export const SCHOOL_LIST = `query SchoolList { schools(first: 500, filter: { programmeYear: 2026 }) { totalCount edges { node {
  id shortName municipality { name region { code name } }
  participations { status programmeYear { year } curators { curator { fullName } } } } } } }`;

// ---------------------------------------------------------------- the documented questions

const root = join(import.meta.dirname, "../../..");
const documented = [...readFileSync(join(root, "docs/reporting.md"), "utf8").matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]!);

describe("docs/reporting.md", () => {
  it("holds ten questions, each a query", () => {
    expect(documented).toHaveLength(10);
    for (const q of documented) expect(parse(q).definitions[0]).toMatchObject({ kind: "OperationDefinition", operation: "query" });
  });

  for (const who of ["fioco", "region75"] as const)
    it(`every documented query runs as written for ${who}@demo.medk.ru without errors`, async () => {
      for (const q of documented) {
        const r = await s.gql(q, {}, { token: who === "fioco" ? t.fed : t.region75 });
        expect(r.errors, q.split("\n")[0]).toBeUndefined();
        expect(
          Object.values(r.data!).every((v) => v != null),
          q.split("\n")[0],
        ).toBe(true);
      }
    });

  it("the documented queries give the demo coordinator of Забайкальский край figures of its own region only", async () => {
    // Other test files add schools to region 75 while this runs, so the demo's 7 participants are a floor.
    const overview = await s.gql(documented[0]!, {}, { token: t.region75 });
    expect(overview.data.reportMonitoring.edges[0].node.participants).toBeGreaterThanOrEqual(7);
    const lagging = await s.gql(documented[1]!, {}, { token: t.region75 });
    const codes = new Set(lagging.data.reportDocuments.edges.map((e: any) => e.node.region.code));
    expect([...codes]).toEqual([75]);
    const scores = await s.gql(documented[8]!, {}, { token: t.region75 });
    expect(scores.data.regionScores.edges.map((e: any) => [e.node.year, e.node.region.code])).toEqual([
      [2022, 75],
      [2026, 75],
    ]);
  });
});

describe("GraphiQL", () => {
  it("sends a signed-out browser to sign in first, and opens for a signed-in one with an example report query", async () => {
    const page = (headers: Record<string, string>) => fetch(`${s.url}/graphql`, { headers: { accept: "text/html", ...headers }, redirect: "manual" });
    const out = await page({});
    expect(out.status).toBe(302);
    expect(out.headers.get("location")).toBe("/login?next=/graphql");
    const signed = await page({ authorization: `Bearer ${t.region75}` });
    expect(signed.status).toBe(200);
    expect(await signed.text()).toContain("RegionOverview");
  });

  it("serves GraphiQL's scripts and styles itself: the page loads nothing from another host", async () => {
    const html = await (await fetch(`${s.url}/graphql`, { headers: { accept: "text/html", authorization: `Bearer ${t.region75}` } })).text();
    // Every <script src> and <link href> of the page is inline or on this origin.
    const external = [...html.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)=["']?(https?:)?\/\/[^"' >]+/gi)].map((m) => m[0]);
    expect(external).toEqual([]);
    expect(html).not.toMatch(/unpkg\.com|jsdelivr|cdnjs/);
  });
});

// ---------------------------------------------------------------- the web app's documents

/** Every `graphql(`…`)` document of the web app, with the fragments it spreads appended. */
function webOperations(): { name: string; source: string }[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const f of readdirSync(dir)) {
      const p = join(dir, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(ts|svelte)$/.test(f)) files.push(p);
    }
  };
  walk(join(root, "web/src"));
  const docs: DocumentNode[] = [];
  for (const f of files)
    for (const m of readFileSync(f, "utf8").matchAll(/graphql\(\s*`([\s\S]*?)`/g)) {
      try {
        docs.push(parse(m[1]!));
      } catch {
        // Not a GraphQL document (or one with interpolation): the app's own type checks cover it.
      }
    }
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of docs) for (const def of d.definitions) if (def.kind === "FragmentDefinition") fragments.set(def.name.value, def);
  const spreads = (node: unknown, seen = new Set<string>()): Set<string> => {
    visit(node as DocumentNode, {
      FragmentSpread(n) {
        if (seen.has(n.name.value) || !fragments.has(n.name.value)) return;
        seen.add(n.name.value);
        spreads(fragments.get(n.name.value), seen);
      },
    });
    return seen;
  };
  return docs.flatMap((d) =>
    d.definitions
      .filter((def) => def.kind === "OperationDefinition")
      .map((op) => ({
        name: op.kind === "OperationDefinition" ? (op.name?.value ?? "anonymous") : "",
        source: [print(op), ...[...spreads(op)].map((n) => print(fragments.get(n)!))].join("\n"),
      })),
  );
}

describe("the web app's queries", () => {
  it("no page's GraphQL document breaks a query limit", async () => {
    const ops = webOperations();
    expect(ops.length).toBeGreaterThan(0);
    for (const op of ops) {
      // Sent without variables and without credentials: validation (where the limits act) runs, nothing executes.
      const r = await s.gql(op.source, {});
      const limits = (r.errors ?? []).filter((e) => e.extensions?.code === "QUERY_LIMIT");
      expect(limits, op.name).toEqual([]);
    }
  });
});

describe("statement timeout", () => {
  it("a report whose SQL runs past the time limit is stopped with a clear error", async () => {
    const limit = process.env.REPORT_STATEMENT_TIMEOUT_MS;
    process.env.REPORT_STATEMENT_TIMEOUT_MS = "1";
    try {
      // A regional coordinator's report is never served from the country-wide cache: its SQL always runs.
      const r = await s.gql(`{ reportMonitoring(filter: { years: [2021, 2022, 2023, 2026] }, groupBy: SCHOOL) { totalCount } }`, {}, { token: t.region75 });
      expect(r.errors?.[0]).toMatchObject({ message: expect.stringContaining("лимит времени запроса"), extensions: { code: "REPORT_TIMEOUT", limitMs: 1 } });
    } finally {
      if (limit === undefined) delete process.env.REPORT_STATEMENT_TIMEOUT_MS;
      else process.env.REPORT_STATEMENT_TIMEOUT_MS = limit;
    }
  });
});
