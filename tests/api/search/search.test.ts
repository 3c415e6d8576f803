// The shell's search (issue 19, item 8): schools, people and documents, within reach, bounded input.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../../testkit/server.ts";
import { gid, seedWorld, TEST_PASSWORD, type World } from "../../testkit/seed.ts";

let s: TestServer;
let w: World;
let other: World;
beforeAll(async () => {
  s = await startServer();
  w = await seedWorld(s.db);
  other = await seedWorld(s.db, { regionCode: 62 });
});
afterAll(() => s.stop());

const SEARCH = `query($t: String!, $n: Int){ search(text: $t, first: $n) {
  text schoolsCount peopleCount documentsCount
  schools { id shortName } people { id email } documents { id title } } }`;

describe("search", () => {
  it("finds a school by a part of its name and its people by name, only within the municipality's reach", async () => {
    const token = await s.signIn(w.users.municipal.email, TEST_PASSWORD);
    const school = await s.db.school.findUniqueOrThrow({ where: { id: w.schoolId } });
    const word = school.shortName.replace(/^МКОУ «|»$/g, "");
    const r = await s.gql(SEARCH, { t: `  ${word} ` }, { token });
    expect(r.data.search.text).toBe(word);
    expect(r.data.search.schools).toEqual([{ id: gid("School", w.schoolId), shortName: school.shortName }]);
    const otherSchool = await s.db.school.findUniqueOrThrow({ where: { id: other.schoolId } });
    const none = await s.gql(SEARCH, { t: otherSchool.shortName.replace(/^МКОУ «|»$/g, "") }, { token });
    expect(none.data.search).toMatchObject({ schools: [], schoolsCount: 0 });
    const people = await s.gql(SEARCH, { t: w.users.school.email.split("@")[0] }, { token });
    expect(people.data.search.people.map((p: { email: string }) => p.email)).toEqual([w.users.school.email]);
  });

  it("finds documents by kind among the ones the viewer may see", async () => {
    await s.db.document.create({ data: { participationId: w.participationId, kind: "CONCEPT" } });
    await s.db.document.create({ data: { participationId: other.participationId, kind: "CONCEPT" } });
    const token = await s.signIn(w.users.school.email, TEST_PASSWORD);
    const r = await s.gql(SEARCH, { t: "концепц" }, { token });
    expect(r.data.search.documents).toHaveLength(1);
    expect(r.data.search.documents[0].title).toBe("Концепция развития");
  });

  it("refuses one letter, a 101-letter query and more than 25 of a kind, in Russian", async () => {
    const token = await s.signIn(w.users.municipal.email, TEST_PASSWORD);
    expect((await s.gql(SEARCH, { t: "С" }, { token })).errors?.[0]?.message).toBe("Введите хотя бы два символа");
    expect((await s.gql(SEARCH, { t: "с".repeat(101) }, { token })).errors?.[0]?.message).toBe("Слишком длинный запрос: не больше 100 символов");
    expect((await s.gql(SEARCH, { t: "СОШ", n: 26 }, { token })).errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("needs a signed-in user", async () => {
    expect((await s.gql(SEARCH, { t: "СОШ" })).errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });
});
