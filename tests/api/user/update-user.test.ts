// Editing an account (issue 19, item 7): name, e-mail, position and role with territory, under createUser's
// grant rules; audited; a failed edit changes nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../../testkit/server.ts";
import { gid, seedWorld, TEST_PASSWORD, type World } from "../../testkit/seed.ts";

let s: TestServer;
let w: World;
let other: World;
let municipal: string;
let region75: string;
beforeAll(async () => {
  s = await startServer();
  w = await seedWorld(s.db);
  other = await seedWorld(s.db, { regionCode: 62 });
  municipal = await s.signIn(w.users.municipal.email, TEST_PASSWORD);
  region75 = await s.signIn("region75@demo.medk.ru");
});
afterAll(() => s.stop());

const UPDATE = `mutation($i: UpdateUserInput!){ updateUser(input: $i){
  __typename
  ... on MutationUpdateUserSuccess { data { id email fullName position roles { role regionId municipalityId schoolId } } }
  ... on Error { message code } } }`;

/** A fresh school account of `world`'s school, to edit without disturbing other tests. */
async function schoolAccount(world: World) {
  const email = `edit.${Math.random().toString(36).slice(2, 10)}@test.medk.ru`;
  const u = await s.db.user.create({ data: { email, fullName: "Старое Имя Отчество", roles: { create: { role: "SCHOOL", schoolId: world.schoolId } } } });
  return u.id;
}

describe("updateUser", () => {
  it("a municipal coordinator corrects a school account's name, e-mail and position; the change is audited", async () => {
    const id = await schoolAccount(w);
    const email = `fixed.${Math.random().toString(36).slice(2, 10)}@test.medk.ru`;
    const r = await s.gql(UPDATE, { i: { userId: gid("User", id), fullName: "  Новое Имя Отчество ", email: email.toUpperCase(), position: "Директор" } }, { token: municipal });
    expect(r.data.updateUser).toMatchObject({
      __typename: "MutationUpdateUserSuccess",
      data: { email, fullName: "Новое Имя Отчество", position: "Директор", roles: [{ role: "SCHOOL", schoolId: gid("School", w.schoolId) }] },
    });
    const event = await s.db.auditEvent.findFirstOrThrow({ where: { entityId: id, action: "user.update" } });
    expect(event.before).toMatchObject({ fullName: "Старое Имя Отчество" });
    expect(event.after).toMatchObject({ fullName: "Новое Имя Отчество", email });
  });

  it("a regional coordinator moves a school account to a municipal coordinator's role in its region", async () => {
    const id = await schoolAccount(w);
    const r = await s.gql(UPDATE, { i: { userId: gid("User", id), role: { role: "MUNICIPAL_COORDINATOR", municipalityId: gid("Municipality", w.municipalityId) } } }, { token: region75 });
    expect(r.data.updateUser.data.roles).toEqual([{ role: "MUNICIPAL_COORDINATOR", regionId: null, municipalityId: gid("Municipality", w.municipalityId), schoolId: null }]);
  });

  it("a municipal coordinator may not grant a role it could not create, and nothing changes", async () => {
    const id = await schoolAccount(w);
    const r = await s.gql(UPDATE, { i: { userId: gid("User", id), fullName: "Захват Власти", role: { role: "REGIONAL_COORDINATOR", regionId: gid("Region", w.regionId) } } }, { token: municipal });
    expect(r.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const after = await s.db.user.findUniqueOrThrow({ where: { id }, include: { roles: true } });
    expect(after.fullName).toBe("Старое Имя Отчество");
    expect(after.roles.map((x) => x.role)).toEqual(["SCHOOL"]);
  });

  it("a coordinator of another region cannot edit the account at all", async () => {
    const id = await schoolAccount(other);
    const r = await s.gql(UPDATE, { i: { userId: gid("User", id), fullName: "Чужой Человек" } }, { token: region75 });
    expect(r.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await s.db.user.findUniqueOrThrow({ where: { id } })).fullName).toBe("Старое Имя Отчество");
  });

  it("a school account cannot edit anyone", async () => {
    const school = await s.signIn(w.users.school.email, TEST_PASSWORD);
    const id = await schoolAccount(w);
    const r = await s.gql(UPDATE, { i: { userId: gid("User", id), fullName: "Самоуправство" } }, { token: school });
    expect(r.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("a taken e-mail is a typed error in Russian; a role without its territory is refused clearly", async () => {
    const id = await schoolAccount(w);
    const taken = await s.gql(UPDATE, { i: { userId: gid("User", id), email: w.users.curator.email } }, { token: municipal });
    expect(taken.data.updateUser).toMatchObject({ __typename: "DomainError", code: "EMAIL_TAKEN", message: expect.stringContaining("уже есть") });
    const noSchool = await s.gql(UPDATE, { i: { userId: gid("User", id), role: { role: "SCHOOL" } } }, { token: municipal });
    expect(noSchool.data.updateUser).toMatchObject({ code: "ROLE_SCOPE_MISMATCH", message: "Для этой роли укажите школу" });
    const bad = await s.gql(UPDATE, { i: { userId: gid("User", id), fullName: "И" } }, { token: municipal });
    expect(bad.errors?.[0]).toMatchObject({ message: "Укажите ФИО", extensions: { code: "BAD_USER_INPUT" } });
    expect((await s.db.user.findUniqueOrThrow({ where: { id } })).fullName).toBe("Старое Имя Отчество");
  });

  it("nobody changes their own role", async () => {
    const me = (await s.db.user.findUniqueOrThrow({ where: { email: w.users.municipal.email } })).id;
    const r = await s.gql(UPDATE, { i: { userId: gid("User", me), role: { role: "SCHOOL", schoolId: gid("School", w.schoolId) } } }, { token: municipal });
    expect(r.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});
