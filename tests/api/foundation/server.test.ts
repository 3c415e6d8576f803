// The started server: health, and the demo world visible through GraphQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../../testkit/server.ts";

let s: TestServer;
beforeAll(async () => {
  s = await startServer();
});
afterAll(() => s.stop());

describe("server", () => {
  it("answers /healthz with 200 when the database answers", async () => {
    const res = await fetch(`${s.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("ok");
  });

  it("serves the demo schools to the federal coordinator, searchable and paginated", async () => {
    const token = await s.signIn("fioco@demo.medk.ru");
    const r = await s.gql(`{ schools(first: 2, filter: { search: "Ундино" }) { totalCount edges { node { shortName municipality { name region { code name } } } } } }`, {}, { token });
    expect(r.errors).toBeUndefined();
    expect(r.data.schools.totalCount).toBe(1);
    expect(r.data.schools.edges[0].node).toMatchObject({
      shortName: expect.stringContaining("Ундино-Посельская"),
      municipality: { name: expect.stringContaining("Балейский"), region: { code: 75, name: "Забайкальский край" } },
    });
  });

  it("pages through regions with stable cursors", async () => {
    const token = await s.signIn("fioco@demo.medk.ru");
    const first = await s.gql("{ regions(first: 10) { totalCount pageInfo { endCursor hasNextPage } edges { node { code } } } }", {}, { token });
    expect(first.data.regions.totalCount).toBeGreaterThanOrEqual(85);
    expect(first.data.regions.pageInfo.hasNextPage).toBe(true);
    const next = await s.gql("query($a: String) { regions(first: 10, after: $a) { edges { node { code } } } }", { a: first.data.regions.pageInfo.endCursor }, { token });
    const codes = [...first.data.regions.edges, ...next.data.regions.edges].map((e: any) => e.node.code);
    expect(codes).toEqual([...codes].sort((a, b) => a - b));
    expect(new Set(codes).size).toBe(20);
  });

  it("lists the programme years and the ten risk factors of the current year", async () => {
    const token = await s.signIn("school.undino@demo.medk.ru");
    const r = await s.gql("{ programmeYears { year } riskFactors { number title } }", {}, { token });
    expect(r.data.programmeYears.map((y: any) => y.year)).toEqual(expect.arrayContaining([2021, 2022, 2023, 2026]));
    expect(r.data.riskFactors).toHaveLength(10);
    expect(r.data.riskFactors[0]).toEqual({ number: 1, title: "Низкий уровень оснащения школы" });
  });

  it("finds regions by name or code and narrows them to a year's participants", async () => {
    const token = await s.signIn("fioco@demo.medk.ru");
    const r = await s.gql(
      `{ a: regions(first: 5, search: "забайкал") { edges { node { code } } }
      b: regions(first: 5, search: "62") { edges { node { name } } }
      c: regions(first: 100, participatingIn: 2022) { edges { node { code } } } }`,
      {},
      { token },
    );
    expect(r.errors).toBeUndefined();
    expect(r.data.a.edges).toEqual([{ node: { code: 75 } }]);
    expect(r.data.b.edges).toEqual([{ node: { name: "Рязанская область" } }]);
    expect(r.data.c.edges.map((e: any) => e.node.code)).toContain(75);
  });

  it("names a curator's own school in the viewer", async () => {
    const token = await s.signIn("curator1@demo.medk.ru");
    const r = await s.gql("{ viewer { organisation { shortName } } }", {}, { token });
    expect(r.data?.viewer?.organisation?.shortName, JSON.stringify(r)).toContain("СОШ № 14");
  });

  it("answers node(id) of a row that does not exist with null, not an error", async () => {
    const token = await s.signIn("fioco@demo.medk.ru");
    const id = Buffer.from("School:00000000-0000-4000-8000-000000000000").toString("base64");
    const r = await s.gql("query($id: ID!){ node(id: $id) { id } }", { id }, { token });
    expect(r.errors).toBeUndefined();
    expect(r.data.node).toBeNull();
  });

  it("caps a page at 500 rows whatever `first` asks for", async () => {
    const token = await s.signIn("fioco@demo.medk.ru");
    const r = await s.gql("{ regions(first: 100000) { totalCount edges { node { code } } } }", {}, { token });
    expect(r.errors).toBeUndefined();
    expect(r.data.regions.edges.length).toBeLessThanOrEqual(500);
    expect(r.data.regions.edges.length).toBe(Math.min(500, r.data.regions.totalCount));
  });
});
