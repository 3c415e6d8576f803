// No N+1 in the school list (issue 17): the list with nested municipality, region, participations, their
// years and curators is read by the same number of SQL statements whatever the page size — for the
// federal coordinator, whose reach decides everything without the database, and for a municipal
// coordinator, whose sight of each curator (a user) is checked against the database.
import { randomUUID } from "node:crypto";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { poolOf } from "../../../api/src/db.ts";
import { createSession } from "../../../api/src/auth/session.ts";
import { startServer, type TestServer } from "../../testkit/server.ts";
import { gid } from "../../testkit/seed.ts";
import { cloneDatabase, type DatabaseCopy } from "../../testkit/database.ts";

const SCHOOLS = 24;
let s: TestServer;
let copy: DatabaseCopy;
let municipalityId: string;
const tokens: Record<"federal" | "municipal", string> = { federal: "", municipal: "" };
/** Statements sent by this file's server, counted at its pool's connections. */
let statements: string[] = [];

beforeAll(async () => {
  // A database of its own: other files' writes to roles and assignments bump the access generation, and a
  // viewer whose cached reach went stale mid-measurement would add statements that are not the list's.
  copy = await cloneDatabase(process.env.MEDK_TEST_TEMPLATE_URL!, "list");
  s = await startServer({ databaseUrl: copy.url });
  const wrapped = new WeakSet<pg.PoolClient>();
  poolOf(s.db)!.on("acquire", (client) => {
    if (wrapped.has(client)) return;
    wrapped.add(client);
    const query = client.query.bind(client) as (...a: unknown[]) => unknown;
    (client as { query: unknown }).query = (...args: unknown[]) => {
      const first = args[0] as string | { text?: string };
      statements.push(typeof first === "string" ? first : (first?.text ?? ""));
      return query(...args);
    };
  });

  const t = randomUUID().slice(0, 8);
  const db = s.db;
  const region = await db.region.findUniqueOrThrow({ where: { code: 62 } });
  const years = await db.programmeYear.findMany({ where: { year: { in: [2022, 2026] }, programme: { regionId: null } } });
  expect(years).toHaveLength(2);
  const municipality = await db.municipality.create({ data: { regionId: region.id, name: `Район списка ${t}` } });
  municipalityId = municipality.id;
  // Every school takes part in both years, each participation with two curators of its own.
  for (let i = 0; i < SCHOOLS; i++) {
    const school = await db.school.create({
      data: { municipalityId, fullName: `Школа списка ${t} № ${i + 1}`, shortName: `МБОУ «Список ${t} ${String(i + 1).padStart(2, "0")}»` },
    });
    for (const year of years) {
      const p = await db.participation.create({ data: { schoolId: school.id, programmeYearId: year.id } });
      for (const k of [1, 2]) {
        const curator = await db.user.create({
          data: { email: `list.curator.${t}.${i}.${year.year}.${k}@test.medk.ru`, fullName: `Куратор ${i}-${year.year}-${k}`, roles: { create: { role: "CURATOR" } } },
        });
        await db.curatorAssignment.create({ data: { curatorId: curator.id, participationId: p.id } });
      }
    }
  }
  const municipal = await db.user.create({
    data: { email: `list.municipal.${t}@test.medk.ru`, fullName: "Муниципальный координатор списка", roles: { create: { role: "MUNICIPAL_COORDINATOR", municipalityId } } },
  });
  const federal = await db.user.findUniqueOrThrow({ where: { email: "fioco@demo.medk.ru" } });
  tokens.municipal = (await createSession(db, municipal.id)).token;
  tokens.federal = (await createSession(db, federal.id)).token;
});
afterAll(async () => {
  await s?.stop();
  await copy?.drop();
});

const LIST = `query($m: ID!, $n: Int) { schools(first: $n, filter: { municipalityId: $m }) { totalCount edges { node {
  id shortName municipality { name region { code name } }
  participations { status programmeYear { year } curators { curator { fullName } } } } } } }`;

async function page(who: keyof typeof tokens, n: number) {
  statements = [];
  const r = await s.gql(LIST, { m: gid("Municipality", municipalityId), n }, { token: tokens[who] });
  expect(r.errors).toBeUndefined();
  return { edges: r.data.schools.edges as any[], statements: [...statements] };
}

describe("school list statements", () => {
  for (const who of ["federal", "municipal"] as const) {
    it(`the ${who} coordinator's list takes as many statements for ${SCHOOLS} schools as for 2`, async () => {
      await page(who, 2); // the first request of a session builds its reach
      const small = await page(who, 2);
      const large = await page(who, SCHOOLS);
      expect(small.edges).toHaveLength(2);
      expect(large.edges).toHaveLength(SCHOOLS);
      // Every nested row is there: 2 years × 2 curators per school, none hidden as forbidden.
      for (const { node } of large.edges) {
        expect(node.municipality.region.code).toBe(62);
        expect(node.participations.map((p: any) => p.programmeYear.year)).toEqual([2026, 2022]);
        for (const p of node.participations) expect(p.curators).toHaveLength(2);
      }
      expect(large.statements.length, large.statements.join("\n")).toBe(small.statements.length);
      // A handful: session, access generation, the page (one statement with its nested rows), its count, and
      // for a viewer whose reach does not decide a curator alone one batched lookup of the curators.
      expect(large.statements.length).toBeLessThanOrEqual(6);
    });
  }
});
