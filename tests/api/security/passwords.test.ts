// Weak passwords are refused wherever a password is set (issue 16.10), with a Russian explanation, and a
// refusal changes nothing: the invitation stays usable, the old password keeps working.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../../testkit/server.ts";
import { gid, seedWorld, TEST_PASSWORD, type World } from "../../testkit/seed.ts";

let s: TestServer;
let w: World;
let municipal: string;
beforeAll(async () => {
  s = await startServer();
  w = await seedWorld(s.db);
  municipal = await s.signIn(w.users.municipal.email, TEST_PASSWORD);
});
afterAll(() => s.stop());

const CREATE = `mutation($i: CreateUserInput!){ createUser(input: $i){ ... on MutationCreateUserSuccess { data { invitationPath } } ... on Error { code message } } }`;
const ACCEPT = `mutation($t: String!, $p: String!){ acceptInvitation(token: $t, password: $p){
  __typename ... on MutationAcceptInvitationSuccess { data { viewer { email } } } ... on Error { message code } } }`;
const CHANGE = `mutation($c: String!, $n: String!){ changePassword(currentPassword: $c, newPassword: $n){
  __typename ... on MutationChangePasswordSuccess { data } ... on Error { message code } } }`;

async function invite(fullName: string, email = `pw.${Math.random().toString(36).slice(2, 10)}@test.medk.ru`) {
  const r = await s.gql(CREATE, { i: { email, fullName, role: "SCHOOL", schoolId: gid("School", w.schoolId) } }, { token: municipal });
  return { email, token: (r.data.createUser.data.invitationPath as string).replace("/invite/", "") };
}

describe("first password from an invitation", () => {
  it.each([
    ["aaaaaaaaaa", /повторы/],
    ["1234567890", /распространённый пароль/],
    ["qwerty12345", /распространённый пароль/],
    ["йцукенгшщз", /Слишком простой пароль/],
    ["gfhjkm2026", /Слишком простой пароль/],
    ["parol12345", /Слишком простой пароль/],
  ])("refuses «%s» with a Russian explanation and keeps the link usable", async (weak, why) => {
    const { email, token } = await invite("Смирнова Анна Сергеевна");
    const r = await s.gql(ACCEPT, { t: token, p: weak });
    expect(r.data.acceptInvitation).toMatchObject({ __typename: "DomainError", code: "WEAK_PASSWORD", message: expect.stringMatching(why) });
    expect(r.data.acceptInvitation.message).toMatch(/^Слишком простой пароль.*случайных слова/);
    expect(await s.db.user.findUniqueOrThrow({ where: { email }, select: { passwordHash: true } })).toEqual({ passwordHash: null });
    const ok = await s.gql(ACCEPT, { t: token, p: "лето-жук-подушка" });
    expect(ok.data.acceptInvitation.__typename).toBe("MutationAcceptInvitationSuccess");
  });

  it("refuses the person's own name or e-mail, also transliterated", async () => {
    const { token } = await invite("Кузнецова Ольга Викторовна", `kuznetsova.olga.${Date.now()}@test.medk.ru`);
    for (const p of ["Кузнецова2026", "kuznetsova2026!"]) {
      const r = await s.gql(ACCEPT, { t: token, p });
      expect(r.data.acceptInvitation, p).toMatchObject({ code: "WEAK_PASSWORD", message: expect.stringContaining("имени или e-mail") });
    }
  });
});

describe("changing a password", () => {
  it("refuses a weak new password and keeps the old one", async () => {
    const world = await seedWorld(s.db);
    const token = await s.signIn(world.users.school.email, TEST_PASSWORD);
    const r = await s.gql(CHANGE, { c: TEST_PASSWORD, n: "Password123" }, { token });
    expect(r.data.changePassword).toMatchObject({ __typename: "DomainError", code: "WEAK_PASSWORD", message: expect.stringMatching(/^Слишком простой пароль/) });
    await s.signIn(world.users.school.email, TEST_PASSWORD);
    const ok = await s.gql(CHANGE, { c: TEST_PASSWORD, n: "сосна-вокзал-карандаш" }, { token });
    expect(ok.data.changePassword).toEqual({ __typename: "MutationChangePasswordSuccess", data: true });
  });
});
