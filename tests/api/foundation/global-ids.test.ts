// Global ids one way (issue 20, item 5): every id argument names its type, so an id of another type or
// a string that is no global id at all is refused before any resolver runs, with a Russian
// BAD_USER_INPUT — not read as a row of the wrong table, and not graphql's English message.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../../testkit/server.ts";
import { gid, seedWorld, type World } from "../../testkit/seed.ts";

let s: TestServer;
let w: World;
let region75: string;
beforeAll(async () => {
  s = await startServer();
  w = await seedWorld(s.db);
  region75 = await s.signIn("region75@demo.medk.ru");
});
afterAll(() => s.stop());

const DOCUMENTS = `query($f: DocumentFilter) { documents(filter: $f, first: 5) { totalCount } }`;
const ASSIGN = `mutation($c: ID!, $p: ID!) { assignCurator(curatorId: $c, participationId: $p) { id } }`;

describe("id arguments", () => {
  it("a filter id of another type is refused in Russian, naming the expected type", async () => {
    const r = await s.gql(DOCUMENTS, { f: { schoolId: gid("Region", w.regionId) } }, { token: region75 });
    expect(r.data).toBeNull();
    expect(r.errors).toMatchObject([{ message: "Неверный id: ожидается id школы", path: ["documents"], extensions: { code: "BAD_USER_INPUT", expected: ["School"] } }]);
  });

  it("the right type passes the same filter", async () => {
    const r = await s.gql(DOCUMENTS, { f: { schoolId: gid("School", w.schoolId) } }, { token: region75 });
    expect(r.errors).toBeUndefined();
    expect(r.data.documents.totalCount).toBe(0);
  });

  it("a string that is no global id is refused in Russian", async () => {
    const r = await s.gql(DOCUMENTS, { f: { regionId: "не-идентификатор" } }, { token: region75 });
    expect(r.errors).toMatchObject([{ message: "Неверный id: это не идентификатор объекта МЭДК", extensions: { code: "BAD_USER_INPUT" } }]);
  });

  it("a mutation given a school's id for its curator writes nothing", async () => {
    const before = await s.db.curatorAssignment.count({ where: { participationId: w.participationId } });
    const r = await s.gql(ASSIGN, { c: gid("School", w.schoolId), p: gid("Participation", w.participationId) }, { token: region75 });
    expect(r.errors).toMatchObject([{ message: "Неверный id: ожидается id пользователя", extensions: { code: "BAD_USER_INPUT" } }]);
    expect(await s.db.curatorAssignment.count({ where: { participationId: w.participationId } })).toBe(before);
  });
});
