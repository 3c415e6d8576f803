// Account self-service by e-mail against a real SMTP server on loopback: password reset, invitation
// mails, e-mail preferences. Every mail is asserted as received: recipient, subject, body, and a link to
// PUBLIC_URL that the API accepts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedWorld, gid, TEST_PASSWORD, type World } from "../../testkit/seed.ts";
import { linkIn, startMailWorld, type MailWorld } from "./helpers.ts";

let w: MailWorld;
let world: World;

beforeAll(async () => {
  w = await startMailWorld();
  world = await seedWorld(w.s.db);
});
afterAll(async () => w?.stop());

const RESET = "mutation($e: String!){ requestPasswordReset(email: $e){ __typename ... on MutationRequestPasswordResetSuccess { data } ... on Error { code message } } }";
const DO_RESET =
  "mutation($t: String!, $p: String!){ resetPassword(token: $t, password: $p){ __typename ... on MutationResetPasswordSuccess { data { token viewer { email } } } ... on Error { code message } } }";

describe("password reset", () => {
  it("mails a single-use link to PUBLIC_URL that sets a new password, ends every session and signs in", async () => {
    const email = world.users.school.email;
    const oldToken = await w.s.signIn(email, TEST_PASSWORD);
    const r = await w.s.gql(RESET, { e: email.toUpperCase() });
    expect(r.data.requestPasswordReset).toEqual({ __typename: "MutationRequestPasswordResetSuccess", data: true });
    const mail = await w.smtp.waitFor(email, (m) => m.subject === "Восстановление пароля МЭДК");
    expect(mail.to).toEqual([email]);
    expect(mail.replyTo).toBe("support@medk.test");
    expect(mail.text).toContain("Здравствуйте, Тест SCHOOL");
    expect(mail.html).toContain(`href="${w.s.url}/reset/`);
    const path = linkIn(mail.text, w.s.url, "/reset/");
    const token = path.slice("/reset/".length);

    const done = await w.s.gql(DO_RESET, { t: token, p: "новый-надёжный-пароль" });
    expect(done.data.resetPassword.data.viewer.email).toBe(email);
    expect(done.headers.get("set-cookie")).toContain("medk_session=");
    // The session from before the reset is gone; the new password works, the old one does not.
    expect((await w.s.gql("{ viewer { email } }", {}, { token: oldToken })).data.viewer).toBeNull();
    expect((await w.s.gql("{ viewer { email } }", {}, { token: done.data.resetPassword.data.token })).data.viewer.email).toBe(email);
    await expect(w.s.signIn(email, TEST_PASSWORD)).rejects.toThrow();
    expect(await w.s.signIn(email, "новый-надёжный-пароль")).toBeTruthy();
    // Single use.
    const again = await w.s.gql(DO_RESET, { t: token, p: "ещё-один-пароль-123" });
    expect(again.data.resetPassword).toMatchObject({ __typename: "DomainError", code: "RESET_LINK_INVALID" });
    const audit = await w.s.db.auditEvent.findMany({ where: { entityId: world.users.school.id, action: { in: ["user.requestPasswordReset", "user.resetPassword"] } } });
    expect(audit.map((a) => a.action).sort()).toEqual(["user.requestPasswordReset", "user.resetPassword"]);
  });

  it("answers the same for an unknown e-mail and mails nobody", async () => {
    const before = w.smtp.messages.length;
    const r = await w.s.gql(RESET, { e: "nobody.here@test.medk.ru" });
    expect(r.data.requestPasswordReset).toEqual({ __typename: "MutationRequestPasswordResetSuccess", data: true });
    // (No sweep here: outbox.test.ts sweeps the shared outbox against its own SMTP server.)
    await new Promise((res) => setTimeout(res, 1000));
    expect(w.smtp.messages.length).toBe(before);
    expect(await w.s.db.mailOutbox.count({ where: { to: "nobody.here@test.medk.ru" } })).toBe(0);
  });

  it("a newer link replaces the older one, and an expired link is refused", async () => {
    const email = world.users.curator.email;
    await w.s.gql(RESET, { e: email });
    const first = linkIn((await w.smtp.waitFor(email, (m) => m.subject.startsWith("Восстановление"))).text, w.s.url, "/reset/");
    await w.s.gql(RESET, { e: email });
    await w.smtp.waitFor(email, (m) => m.subject.startsWith("Восстановление") && !m.text.includes(first));
    const old = await w.s.gql(DO_RESET, { t: first.slice(7), p: "новый-надёжный-пароль" });
    expect(old.data.resetPassword.code).toBe("RESET_LINK_INVALID");
    const latest = w.smtp
      .to(email)
      .filter((m) => m.subject.startsWith("Восстановление"))
      .at(-1)!;
    const token = linkIn(latest.text, w.s.url, "/reset/").slice(7);
    await w.s.db.passwordReset.updateMany({ where: { id: token.split(".")[0] }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await w.s.gql(DO_RESET, { t: token, p: "новый-надёжный-пароль" })).data.resetPassword.code).toBe("RESET_LINK_INVALID");
  });

  it("is rate-limited per e-mail, whether the e-mail exists or not, and per client address", async () => {
    for (const e of [world.users.municipal.email, "ghost.limit@test.medk.ru"]) {
      const headers = { "x-forwarded-for": `10.77.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}` };
      const codes: (string | undefined)[] = [];
      for (let i = 0; i < 4; i++) codes.push((await w.s.gql(RESET, { e }, { headers })).data.requestPasswordReset.code);
      expect(codes).toEqual([undefined, undefined, undefined, "TOO_MANY_RESET_REQUESTS"]);
    }
    const headers = { "x-forwarded-for": "10.66.66.66" };
    const codes: (string | undefined)[] = [];
    for (let i = 0; i < 21; i++) codes.push((await w.s.gql(RESET, { e: `spray${i}@test.medk.ru` }, { headers })).data.requestPasswordReset.code);
    expect(codes.at(-1)).toBe("TOO_MANY_RESET_REQUESTS");
    expect(codes.slice(0, 20).every((c) => c === undefined)).toBe(true);
  });

  it("refuses a malformed e-mail and a short password with a clear message", async () => {
    const r = await w.s.gql(RESET, { e: "не-почта" });
    expect(r.errors?.[0]?.message).toContain("Неверный e-mail");
    const p = await w.s.gql(DO_RESET, { t: "aaaaaaaaaaaaaaaa.bbbbbbbbbbbbbbbb", p: "short" });
    expect(p.errors?.[0]?.message).toContain("не короче 10 символов");
  });
});

describe("invitations", () => {
  it("createUser mails the invitation when SMTP is configured; the link is still returned and sets the first password", async () => {
    const token = await w.s.signIn(world.users.municipal.email, TEST_PASSWORD);
    const email = `invited.${Date.now()}@test.medk.ru`;
    const r = await w.s.gql(
      "mutation($i: CreateUserInput!){ createUser(input: $i){ ... on MutationCreateUserSuccess { data { invitationPath invitationMailed } } ... on Error { code } } }",
      { i: { email, fullName: "Приглашённая Анна Петровна", role: "SCHOOL", schoolId: gid("School", world.schoolId) } },
      { token },
    );
    expect(r.data.createUser.data.invitationMailed).toBe(true);
    const mail = await w.smtp.waitFor(email);
    expect(mail.subject).toBe("Приглашение в МЭДК");
    expect(mail.text).toContain("Здравствуйте, Приглашённая Анна Петровна!");
    const path = linkIn(mail.text, w.s.url, "/invite/");
    expect(path).toBe(r.data.createUser.data.invitationPath);
    const acc = await w.s.gql(
      'mutation($t: String!){ acceptInvitation(token: $t, password: "первый-пароль-школы"){ ... on MutationAcceptInvitationSuccess { data { viewer { email } } } ... on Error { code } } }',
      { t: path.slice("/invite/".length) },
    );
    expect(acc.data.acceptInvitation.data.viewer.email).toBe(email);
  });

  it("reissueInvitation mails the new link; a school account may not re-invite (forbidden)", async () => {
    const coordinator = await w.s.signIn(world.users.municipal.email, TEST_PASSWORD);
    const email = `reinvited.${Date.now()}@test.medk.ru`;
    const created = await w.s.gql(
      "mutation($i: CreateUserInput!){ createUser(input: $i){ ... on MutationCreateUserSuccess { data { user { id } invitationPath } } } }",
      { i: { email, fullName: "Повторно Приглашённый", role: "SCHOOL", schoolId: gid("School", world.schoolId) } },
      { token: coordinator },
    );
    const userId = created.data.createUser.data.user.id;
    await w.smtp.waitFor(email);
    const re = await w.s.gql(
      "mutation($u: ID!){ reissueInvitation(userId: $u){ ... on MutationReissueInvitationSuccess { data { invitationPath invitationMailed } } } }",
      { u: userId },
      { token: coordinator },
    );
    expect(re.data.reissueInvitation.data.invitationMailed).toBe(true);
    await w.smtp.waitFor(email, (m) => m.text.includes(re.data.reissueInvitation.data.invitationPath));
    const school = await w.s.signIn(world.users.school.email, "новый-надёжный-пароль");
    const denied = await w.s.gql("mutation($u: ID!){ reissueInvitation(userId: $u){ __typename } }", { u: userId }, { token: school });
    expect(denied.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});

describe("e-mail preferences", () => {
  const SET = "mutation($p: [NotificationPreferenceInput!]!){ setNotificationPreferences(preferences: $p){ kind email } }";

  it("the viewer reads and sets its own choices; defaults are «immediately»; the change is audited", async () => {
    const token = await w.s.signIn(world.users.curator.email, TEST_PASSWORD);
    const before = await w.s.gql("{ viewer { notificationPreferences { kind email } } }", {}, { token });
    expect(before.data.viewer.notificationPreferences.every((p: any) => p.email === "IMMEDIATE")).toBe(true);
    const r = await w.s.gql(
      SET,
      {
        p: [
          { kind: "DOCUMENT_SUBMITTED", email: "DIGEST" },
          { kind: "DEADLINE_SOON", email: "OFF" },
        ],
      },
      { token },
    );
    const got = Object.fromEntries(r.data.setNotificationPreferences.map((p: any) => [p.kind, p.email]));
    expect(got).toMatchObject({ DOCUMENT_SUBMITTED: "DIGEST", DEADLINE_SOON: "OFF", DOCUMENT_RETURNED: "IMMEDIATE" });
    expect(await w.s.db.auditEvent.count({ where: { entityId: world.users.curator.id, action: "user.setNotificationPreferences" } })).toBe(1);
  });

  it("anonymous may not set preferences; a kind twice is refused", async () => {
    const anon = await w.s.gql(SET, { p: [{ kind: "DEADLINE_SOON", email: "OFF" }] });
    expect(anon.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    const token = await w.s.signIn(world.users.curator.email, TEST_PASSWORD);
    const dup = await w.s.gql(
      SET,
      {
        p: [
          { kind: "DEADLINE_SOON", email: "OFF" },
          { kind: "DEADLINE_SOON", email: "DIGEST" },
        ],
      },
      { token },
    );
    expect(dup.errors?.[0]?.message).toContain("не больше одного раза");
  });
});

describe("profile", () => {
  const UPDATE = "mutation($n: String!, $p: String){ updateProfile(fullName: $n, position: $p){ fullName position } }";

  it("the viewer changes its own name and position; the change is audited", async () => {
    const token = await w.s.signIn(world.users.municipal.email, TEST_PASSWORD);
    const r = await w.s.gql(UPDATE, { n: "  Иванова Мария Петровна ", p: "Главный специалист" }, { token });
    expect(r.data.updateProfile).toEqual({ fullName: "Иванова Мария Петровна", position: "Главный специалист" });
    const me = await w.s.gql("{ viewer { fullName position } }", {}, { token });
    expect(me.data.viewer).toEqual({ fullName: "Иванова Мария Петровна", position: "Главный специалист" });
    const a = await w.s.db.auditEvent.findFirstOrThrow({ where: { entityId: world.users.municipal.id, action: "user.updateProfile" } });
    expect(a.after).toEqual({ fullName: "Иванова Мария Петровна", position: "Главный специалист" });
  });

  it("anonymous may not; a too short name is refused with a clear message", async () => {
    expect((await w.s.gql(UPDATE, { n: "Кто-то" })).errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    const token = await w.s.signIn(world.users.municipal.email, TEST_PASSWORD);
    expect((await w.s.gql(UPDATE, { n: "Я" }, { token })).errors?.[0]?.message).toContain("Укажите ФИО");
  });
});
