// An outside review's query of fragments that each spread the previous one twice: walked again at every
// spread, its cost check took seconds (26 levels ≈ 9.5 s) and blocked the event loop. Whatever the shape,
// such a document must be refused in milliseconds, signed in or not, and the server stays responsive.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../../testkit/server.ts";

let s: TestServer;
let token: string;
beforeAll(async () => {
  s = await startServer();
  token = await s.signIn("fioco@demo.medk.ru");
});
afterAll(() => s?.stop());

/** F0 selects a few fields; each F(i) spreads F(i-1) twice (under two fields), so the expansion is 2^n. */
export function doublingFragments(levels: number, opts: { nested?: boolean } = {}): string {
  const frags = ["fragment F0 on Region { code name }"];
  for (let i = 1; i <= levels; i++) {
    frags.push(opts.nested ? `fragment F${i} on Region { municipalities { edges { node { region { ...F${i - 1} } } } } ...F${i - 1} }` : `fragment F${i} on Region { ...F${i - 1} ...F${i - 1} }`);
  }
  return `query Q { regions(first: 2) { edges { node { ...F${levels} } } } } ${frags.join(" ")}`;
}

const timed = async <T>(f: () => Promise<T>) => {
  const t0 = performance.now();
  const r = await f();
  return { r, ms: performance.now() - t0 };
};

describe("query cost through fragments", () => {
  it("a 1 KB document of doubling fragments (26 and 40 levels) is refused in milliseconds, with or without a session", async () => {
    for (const levels of [26, 40]) {
      const q = doublingFragments(levels, { nested: true });
      for (const opts of [{ token }, {}]) {
        const { r, ms } = await timed(() => s.gql(q, {}, opts));
        expect(r.data ?? null).toBeNull();
        expect(r.errors?.length).toBeGreaterThan(0);
        expect(r.errors!.map((e) => e.extensions?.code)).toContain("QUERY_LIMIT");
        expect(ms).toBeLessThan(500);
      }
    }
  });

  it("the fragments' cost is their expansion: spreading a fragment twice costs twice as much", async () => {
    // 2^20 × (code + name) at the leaves: over a million, refused as too costly although it is tiny text.
    const r = await s.gql(doublingFragments(20), {}, { token });
    const cost = r.errors?.find((e) => e.extensions?.limit === "maxCost");
    expect(cost?.extensions).toMatchObject({ code: "QUERY_LIMIT", limit: "maxCost" });
    expect((cost!.extensions as { found: number }).found).toBeGreaterThan(1_000_000);
    // A few levels stay cheap and run.
    const ok = await s.gql(doublingFragments(3), {}, { token });
    expect(ok.errors).toBeUndefined();
    expect(ok.data.regions.edges.length).toBe(2);
  });

  it("/healthz answers while such queries are being refused", async () => {
    const q = doublingFragments(30, { nested: true });
    const attacks = Array.from({ length: 5 }, () => s.gql(q, {}));
    const { r, ms } = await timed(() => fetch(`${s.url}/healthz`));
    expect(r.status).toBe(200);
    expect(ms).toBeLessThan(1000);
    await Promise.all(attacks);
  });
});
