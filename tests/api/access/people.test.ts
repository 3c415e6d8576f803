// Managing people: invitations that set a first password once, curator assignments, and the audit log.
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

const CREATE = `mutation($i: CreateUserInput!){ createUser(input: $i){
  __typename
  ... on MutationCreateUserSuccess { data { invitationPath user { id email invitationPending roles { role schoolId } } } }
  ... on Error { message code } } }`;
const ACCEPT = `mutation($t: String!, $p: String!){ acceptInvitation(token: $t, password: $p){
  __typename
  ... on MutationAcceptInvitationSuccess { data { token viewer { email role school { shortName } } } }
  ... on Error { message code } } }`;

const newEmail = () => `new.${Math.random().toString(36).slice(2, 10)}@test.medk.ru`;

describe("invitations", () => {
  it("a municipal coordinator creates a school account whose link sets the first password and signs in", async () => {
    const email = newEmail();
    const r = await s.gql(CREATE, { i: { email: email.toUpperCase(), fullName: "Иванова Мария Петровна", role: "SCHOOL", schoolId: gid("School", w.schoolId) } }, { token: municipal });
    const created = r.data.createUser.data;
    expect(created.user).toMatchObject({ email, invitationPending: true, roles: [{ role: "SCHOOL", schoolId: gid("School", w.schoolId) }] });
    const token = created.invitationPath.replace("/invite/", "");
    // No password yet: signing in is impossible.
    expect((await s.gql(`mutation{ signIn(email:"${email}", password:"x"){ token } }`)).errors?.[0]?.extensions?.code).toBe("INVALID_CREDENTIALS");
    const accepted = await s.gql(ACCEPT, { t: token, p: "первый-пароль-2026" });
    expect(accepted.data.acceptInvitation.data.viewer).toMatchObject({ email, role: "SCHOOL", school: { shortName: expect.stringContaining("Тест") } });
    expect(accepted.headers.get("set-cookie")).toMatch(/^medk_session=/);
    await s.signIn(email, "первый-пароль-2026");
    // The link works once.
    const again = await s.gql(ACCEPT, { t: token, p: "другой-пароль-2026" });
    expect(again.data.acceptInvitation).toMatchObject({ code: "INVITATION_INVALID" });
  });

  it("an expired link is refused with a clear message", async () => {
    const r = await s.gql(CREATE, { i: { email: newEmail(), fullName: "Петров Пётр", role: "SCHOOL", schoolId: gid("School", w.schoolId) } }, { token: municipal });
    const token: string = r.data.createUser.data.invitationPath.replace("/invite/", "");
    await s.db.invitation.update({ where: { id: token.split(".")[0] }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const accepted = await s.gql(ACCEPT, { t: token, p: "первый-пароль-2026" });
    expect(accepted.data.acceptInvitation).toEqual({ __typename: "DomainError", code: "INVITATION_INVALID", message: expect.stringContaining("недействительна") });
  });

  it("a too-short first password is refused and the link stays usable", async () => {
    const r = await s.gql(CREATE, { i: { email: newEmail(), fullName: "Сидоров Иван", role: "SCHOOL", schoolId: gid("School", w.schoolId) } }, { token: municipal });
    const token: string = r.data.createUser.data.invitationPath.replace("/invite/", "");
    const short = await s.gql(ACCEPT, { t: token, p: "short" });
    expect(short.errors?.[0]).toMatchObject({ message: "Пароль должен быть не короче 10 символов", extensions: { code: "BAD_USER_INPUT" } });
    expect((await s.gql(ACCEPT, { t: token, p: "достаточно-длинный" })).data.acceptInvitation.__typename).toBe("MutationAcceptInvitationSuccess");
  });

  it("a duplicate e-mail is a typed error that creates nothing", async () => {
    const before = await s.db.user.count();
    const r = await s.gql(CREATE, { i: { email: w.users.school.email, fullName: "Дубль", role: "SCHOOL", schoolId: gid("School", w.schoolId) } }, { token: municipal });
    expect(r.data.createUser).toMatchObject({ __typename: "DomainError", code: "EMAIL_TAKEN" });
    expect(await s.db.user.count()).toBe(before);
  });

  it("the regional coordinator who creates a curator may manage it afterwards; a neighbour region may not", async () => {
    const token = await s.signIn("region75@demo.medk.ru");
    const r = await s.gql(
      `mutation($i: CreateUserInput!){ createUser(input: $i){ ... on MutationCreateUserSuccess { data { user { id viewerCanManage } } } } }`,
      { i: { email: newEmail(), fullName: "Куратор Региона", role: "CURATOR", organisationId: gid("School", w.schoolId) } },
      { token },
    );
    const user = r.data.createUser.data.user;
    expect(user.viewerCanManage).toBe(true);
    const again = await s.gql("mutation($u: ID!){ reissueInvitation(userId: $u){ __typename } }", { u: user.id }, { token });
    expect(again.data.reissueInvitation.__typename).toBe("MutationReissueInvitationSuccess");
    const other = await s.gql("mutation($u: ID!){ reissueInvitation(userId: $u){ __typename } }", { u: user.id }, { token: await s.signIn("region62@demo.medk.ru") });
    expect(other.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("a curator needs its own school", async () => {
    const token = await s.signIn("region75@demo.medk.ru");
    const r = await s.gql(CREATE, { i: { email: newEmail(), fullName: "Куратор Без Школы", role: "CURATOR" } }, { token });
    expect(r.errors?.[0]?.message).toBe("Для куратора укажите его школу (organisationId)");
  });

  it("every creation is in the audit log with its author", async () => {
    const email = newEmail();
    await s.gql(CREATE, { i: { email, fullName: "Аудит Проверка", role: "SCHOOL", schoolId: gid("School", w.schoolId) } }, { token: municipal });
    const user = await s.db.user.findUniqueOrThrow({ where: { email } });
    const events = await s.db.auditEvent.findMany({ where: { entityType: "User", entityId: user.id } });
    expect(events).toEqual([expect.objectContaining({ action: "user.create", actorId: w.users.municipal.id, schoolId: w.schoolId })]);
  });
});

describe("curator assignments", () => {
  it("the regional coordinator assigns a curator, who then sees the school and only that participation", async () => {
    const region = await s.signIn("region75@demo.medk.ru");
    const curator = await s.db.user.create({
      data: {
        email: newEmail(),
        fullName: "Новый Куратор",
        passwordHash: (await s.db.user.findUniqueOrThrow({ where: { id: w.users.school.id } })).passwordHash,
        roles: { create: { role: "CURATOR" } },
      },
    });
    const token = await s.signIn(curator.email, TEST_PASSWORD);
    expect((await s.gql("{ schools(first: 10) { totalCount } }", {}, { token })).data.schools.totalCount).toBe(0);
    const r = await s.gql(
      "mutation($c: ID!, $p: ID!){ assignCurator(curatorId: $c, participationId: $p){ curators { curator { email } } viewerCanAssignCurator } }",
      { c: gid("User", curator.id), p: gid("Participation", w.participationId) },
      { token: region },
    );
    expect(r.data.assignCurator.viewerCanAssignCurator).toBe(true);
    expect(r.data.assignCurator.curators.map((c: any) => c.curator.email)).toContain(curator.email);
    // A fresh request sees the new assignment.
    expect((await s.gql("{ schools(first: 10) { edges { node { id } } } }", {}, { token })).data.schools.edges).toEqual([{ node: { id: gid("School", w.schoolId) } }]);
    const audit = await s.db.auditEvent.findFirst({ where: { action: "curator.assign", entityId: w.participationId } });
    expect(audit?.after).toEqual({ curatorId: curator.id });
  });

  it("the municipal coordinator may not assign curators", async () => {
    const r = await s.gql(
      "mutation($c: ID!, $p: ID!){ assignCurator(curatorId: $c, participationId: $p){ id } }",
      { c: gid("User", w.users.curator.id), p: gid("Participation", w.participationId) },
      { token: municipal },
    );
    expect(r.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});
