// Defence in depth (issue 16.11): every territory field of createUser is judged, curators from another
// region are refused with a clear error, assignCurator with a non-curator and malformed /files URLs are
// clear errors (never 500), HTML carries security headers, and introspection needs a signed-in user.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../../testkit/server.ts";
import { gid, seedWorld, TEST_PASSWORD, type World } from "../../testkit/seed.ts";
import { addUser } from "../../testkit/people.ts";

let s: TestServer;
let w: World;
let region: string;
let federal: string;
beforeAll(async () => {
  s = await startServer();
  w = await seedWorld(s.db);
  const coordinator = await addUser(s.db, "REGIONAL_COORDINATOR", { regionId: w.regionId });
  [region, federal] = await Promise.all([s.signIn(coordinator.email, TEST_PASSWORD), s.signIn("fioco@demo.medk.ru")]);
});
afterAll(() => s.stop());

const CREATE = `mutation($i: CreateUserInput!){ createUser(input: $i){ __typename
  ... on MutationCreateUserSuccess { data { user { id } } } ... on Error { code message } } }`;
const email = () => `d.${Math.random().toString(36).slice(2, 10)}@test.medk.ru`;

describe("createUser judges every territory field", () => {
  it("a municipal coordinator with a region as well is refused with a clear error and nothing is written", async () => {
    const other = await s.db.region.findUniqueOrThrow({ where: { code: 62 } });
    const e = email();
    const r = await s.gql(
      CREATE,
      { i: { email: e, fullName: "Смешанный Ввод", role: "MUNICIPAL_COORDINATOR", regionId: gid("Region", other.id), municipalityId: gid("Municipality", w.municipalityId) } },
      { token: federal },
    );
    expect(r.status).toBe(200);
    expect(r.data.createUser).toEqual({ __typename: "DomainError", code: "ROLE_SCOPE_MISMATCH", message: expect.stringContaining("только его") });
    expect(await s.db.user.count({ where: { email: e } })).toBe(0);
  });

  it.each([
    [{ role: "REGIONAL_COORDINATOR", municipalityId: "M" }],
    [{ role: "SCHOOL", municipalityId: "M", schoolId: "S" }],
    [{ role: "CURATOR", schoolId: "S", organisationId: "S" }],
    [{ role: "OBSERVER", municipalityId: "M", schoolId: "S" }],
  ])("%o is refused before anything is stored", async (shape) => {
    const ids: Record<string, string> = { M: gid("Municipality", w.municipalityId), S: gid("School", w.schoolId) };
    const input = Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, k === "role" ? v : ids[v as string]]));
    const e = email();
    const r = await s.gql(CREATE, { i: { email: e, fullName: "Смешанный Ввод", ...input } }, { token: federal });
    expect(r.data.createUser).toMatchObject({ __typename: "DomainError", code: "ROLE_SCOPE_MISMATCH" });
    expect(await s.db.user.count({ where: { email: e } })).toBe(0);
  });

  it("a regional coordinator's mixed input that used to slip past the check is refused too", async () => {
    const r = await s.gql(CREATE, { i: { email: email(), fullName: "Смешанный Ввод", role: "SCHOOL", regionId: gid("Region", w.regionId), schoolId: gid("School", w.schoolId) } }, { token: region });
    expect(r.data.createUser).toMatchObject({ code: "ROLE_SCOPE_MISMATCH" });
  });

  it("an id of the wrong shape is «not found», not a server error", async () => {
    const r = await s.gql(CREATE, { i: { email: email(), fullName: "Кривой Идентификатор", role: "SCHOOL", schoolId: gid("School", "not-a-uuid") } }, { token: federal });
    expect(r.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    const c = await s.gql(CREATE, { i: { email: email(), fullName: "Кривой Идентификатор", role: "CURATOR", organisationId: gid("School", "0000") } }, { token: federal });
    expect(c.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
  });
});

describe("assigning curators", () => {
  const ASSIGN = "mutation($c: ID!, $p: ID!){ assignCurator(curatorId: $c, participationId: $p){ id } }";

  it("a non-curator is a clear error, not a 500", async () => {
    const r = await s.gql(ASSIGN, { c: gid("User", w.users.school.id), p: gid("Participation", w.participationId) }, { token: region });
    expect(r.errors?.[0]).toMatchObject({ message: expect.stringContaining("не куратор"), extensions: { code: "NOT_A_CURATOR" } });
  });

  it("a regional coordinator may not assign a curator whose own school is in another region; the federal one may", async () => {
    const far = await seedWorld(s.db, { regionCode: 62 });
    const curator = await s.db.user.create({
      data: { email: email(), fullName: "Дальний Куратор", organisationId: far.schoolId, roles: { create: { role: "CURATOR" } } },
    });
    const r = await s.gql(ASSIGN, { c: gid("User", curator.id), p: gid("Participation", w.participationId) }, { token: region });
    expect(r.errors?.[0]).toMatchObject({ message: expect.stringContaining("другом субъекте"), extensions: { code: "FORBIDDEN" } });
    expect(await s.db.curatorAssignment.count({ where: { curatorId: curator.id } })).toBe(0);
    const ok = await s.gql(ASSIGN, { c: gid("User", curator.id), p: gid("Participation", w.participationId) }, { token: federal });
    expect(ok.data.assignCurator.id).toBe(gid("Participation", w.participationId));
  });

  it("a curator whose own school is in the region is assigned", async () => {
    const curator = await s.db.user.create({
      data: { email: email(), fullName: "Свой Куратор", organisationId: w.schoolId, roles: { create: { role: "CURATOR" } } },
    });
    const r = await s.gql(ASSIGN, { c: gid("User", curator.id), p: gid("Participation", w.participationId) }, { token: region });
    expect(r.data.assignCurator.id).toBe(gid("Participation", w.participationId));
  });
});

describe("malformed /files URLs", () => {
  it.each([
    "/files/versions/%E0%A4%A",
    "/files/versions/%",
    "/files/versions/not-a-uuid",
    "/files/evidence/%ZZ",
    "/files/roadmaps/%E0",
    "/files/reports/%E0%A4%A.csv",
    "/files/reports/schools.csv?q=%E0%A4%A",
    "/files/",
    "/files/versions/",
  ])("%s answers 404, never 500", async (path) => {
    const token = await s.signIn(w.users.school.email, TEST_PASSWORD);
    const res = await fetch(`${s.url}${path}`, { headers: { authorization: `Bearer ${token}`, "x-forwarded-for": s.ip } });
    expect([400, 404]).toContain(res.status);
  });
});

describe("headers and introspection", () => {
  it("every response carries nosniff, a referrer policy and frame denial; HSTS only over https", async () => {
    const plain = await fetch(`${s.url}/healthz`);
    expect(plain.headers.get("x-content-type-options")).toBe("nosniff");
    expect(plain.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(plain.headers.get("x-frame-options")).toBe("DENY");
    expect(plain.headers.get("strict-transport-security")).toBeNull();
    const https = await fetch(`${s.url}/healthz`, { headers: { "x-forwarded-proto": "https" } });
    expect(https.headers.get("strict-transport-security")).toMatch(/^max-age=31536000/);
  });

  it("a signed-out client cannot introspect the schema; a signed-in one can, and __typename stays open", async () => {
    for (const q of ["{ __schema { types { name } } }", '{ __type(name: "User") { fields { name } } }', "{ viewer { id } a: __schema { queryType { name } } }"]) {
      const r = await s.gql(q);
      expect(r.data ?? null, q).toBeNull();
      expect(r.errors?.[0]).toMatchObject({ message: "Описание схемы API доступно только после входа", extensions: { code: "UNAUTHENTICATED" } });
    }
    expect((await s.gql("{ __typename }")).data).toEqual({ __typename: "Query" });
    const token = await s.signIn(w.users.school.email, TEST_PASSWORD);
    const r = await s.gql("{ __schema { queryType { name } } }", {}, { token });
    expect(r.data).toEqual({ __schema: { queryType: { name: "Query" } } });
  });
});
