// Sessions the way Lucia's guide describes them, over a real HTTP/WebSocket server.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nextEvents, startServer, type TestServer } from "../../testkit/server.ts";
import { seedWorld, TEST_PASSWORD, type World } from "../../testkit/seed.ts";
import { config } from "../../../api/src/config.ts";

let s: TestServer;
let w: World;
beforeAll(async () => {
  s = await startServer();
  w = await seedWorld(s.db);
});
afterAll(() => s.stop());

const VIEWER = "{ viewer { email role } }";
const sessionId = (token: string) => token.split(".")[0]!;

describe("sign-in", () => {
  it("returns a token and sets an HttpOnly SameSite=Lax cookie without Secure on plain-http localhost", async () => {
    const r = await s.gql("mutation($e:String!,$p:String!){ signIn(email:$e,password:$p){ token viewer { email role } } }", {
      e: w.users.school.email.toUpperCase(),
      p: TEST_PASSWORD,
    });
    expect(r.errors).toBeUndefined();
    expect(r.data.signIn.viewer).toEqual({ email: w.users.school.email, role: "SCHOOL" });
    expect(r.data.signIn.token).toMatch(/^[a-z2-7]{32}\.[a-z2-7]{32}$/); // 160 + 160 bits
    const cookie = r.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^medk_session=[a-z2-7.]+; HttpOnly; SameSite=Lax; Path=\/; Expires=/);
    expect(cookie).not.toContain("Secure");
  });

  it("stores only the SHA-256 of the secret, never the token", async () => {
    const token = await s.signIn(w.users.school.email, TEST_PASSWORD);
    const row = await s.db.session.findUniqueOrThrow({ where: { id: sessionId(token) } });
    expect(Buffer.from(row.secretHash).length).toBe(32);
    expect(JSON.stringify(row)).not.toContain(token.split(".")[1]);
  });

  it("authenticates with the bearer token and with the cookie alike", async () => {
    const token = await s.signIn(w.users.school.email, TEST_PASSWORD);
    expect((await s.gql(VIEWER, {}, { token })).data.viewer.email).toBe(w.users.school.email);
    const byCookie = await s.gql(VIEWER, {}, { headers: { cookie: `medk_session=${token}` } });
    expect(byCookie.data.viewer.email).toBe(w.users.school.email);
  });

  it("refuses a token whose id exists but whose secret is wrong", async () => {
    const token = await s.signIn(w.users.school.email, TEST_PASSWORD);
    const forged = `${sessionId(token)}.${"a".repeat(32)}`;
    expect((await s.gql(VIEWER, {}, { token: forged })).data.viewer).toBeNull();
    const r = await s.gql("{ schools(first: 1) { totalCount } }", {}, { token: forged });
    expect(r.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("answers a wrong password and an unknown e-mail with the same message", async () => {
    const a = await s.gql('mutation{ signIn(email:"nobody@nowhere.ru",password:"x"){ token } }');
    const b = await s.gql(`mutation{ signIn(email:"${w.users.curator.email}",password:"wrong"){ token } }`);
    expect(a.errors?.[0]?.message).toBe("Неверный e-mail или пароль");
    expect(b.errors?.[0]?.message).toBe("Неверный e-mail или пароль");
    expect(a.errors?.[0]?.extensions?.code).toBe("INVALID_CREDENTIALS");
  });
});

describe("expiry and renewal", () => {
  it("ends a session that passed its expiry and deletes it", async () => {
    const token = await s.signIn(w.users.school.email, TEST_PASSWORD);
    await s.db.session.update({ where: { id: sessionId(token) }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await s.gql(VIEWER, {}, { token })).data.viewer).toBeNull();
    expect(await s.db.session.count({ where: { id: sessionId(token) } })).toBe(0);
  });

  it("renews a session used in the second half of its lifetime (sliding expiry)", async () => {
    const token = await s.signIn(w.users.school.email, TEST_PASSWORD);
    const soon = new Date(Date.now() + config.sessionTtlMs / 4);
    await s.db.session.update({ where: { id: sessionId(token) }, data: { expiresAt: soon } });
    await s.gql(VIEWER, {}, { token });
    const row = await s.db.session.findUniqueOrThrow({ where: { id: sessionId(token) } });
    expect(row.expiresAt.getTime()).toBeGreaterThan(Date.now() + config.sessionTtlMs * 0.9);
  });

  it("does not touch a session used in the first half of its lifetime", async () => {
    const token = await s.signIn(w.users.school.email, TEST_PASSWORD);
    const before = (await s.db.session.findUniqueOrThrow({ where: { id: sessionId(token) } })).expiresAt;
    await s.gql(VIEWER, {}, { token });
    const after = (await s.db.session.findUniqueOrThrow({ where: { id: sessionId(token) } })).expiresAt;
    expect(after.getTime()).toBe(before.getTime());
  });
});

describe("ending sessions", () => {
  it("sign-out deletes the session and clears the cookie", async () => {
    const token = await s.signIn(w.users.school.email, TEST_PASSWORD);
    const r = await s.gql("mutation { signOut }", {}, { token });
    expect(r.data.signOut).toBe(true);
    expect(r.headers.get("set-cookie")).toContain("Max-Age=0");
    expect((await s.gql(VIEWER, {}, { token })).data.viewer).toBeNull();
  });

  it("deactivating a user ends all their sessions", async () => {
    const world = await seedWorld(s.db);
    const victim = await s.signIn(world.users.school.email, TEST_PASSWORD);
    const coordinator = await s.signIn(world.users.municipal.email, TEST_PASSWORD);
    const r = await s.gql("mutation($u: ID!) { setUserActive(userId: $u, active: false) { active } }", { u: Buffer.from(`User:${world.users.school.id}`).toString("base64") }, { token: coordinator });
    expect(r.errors).toBeUndefined();
    expect(r.data.setUserActive.active).toBe(false);
    expect((await s.gql(VIEWER, {}, { token: victim })).data.viewer).toBeNull();
    const again = await s.gql(`mutation{ signIn(email:"${world.users.school.email}",password:"${TEST_PASSWORD}"){ token } }`);
    expect(again.errors?.[0]?.extensions?.code).toBe("INVALID_CREDENTIALS");
  });

  it("changing the password ends every other session of the user", async () => {
    const world = await seedWorld(s.db);
    const other = await s.signIn(world.users.curator.email, TEST_PASSWORD);
    const current = await s.signIn(world.users.curator.email, TEST_PASSWORD);
    const r = await s.gql(
      "mutation($c:String!,$n:String!){ changePassword(currentPassword:$c,newPassword:$n){ __typename ... on MutationChangePasswordSuccess { data } ... on Error { message code } } }",
      { c: TEST_PASSWORD, n: "новый-пароль-2026" },
      { token: current },
    );
    expect(r.data.changePassword).toEqual({ __typename: "MutationChangePasswordSuccess", data: true });
    expect((await s.gql(VIEWER, {}, { token: other })).data.viewer).toBeNull();
    expect((await s.gql(VIEWER, {}, { token: current })).data.viewer.email).toBe(world.users.curator.email);
    await s.signIn(world.users.curator.email, "новый-пароль-2026");
  });

  it("a wrong current password is a typed error and changes nothing", async () => {
    const token = await s.signIn(w.users.municipal.email, TEST_PASSWORD);
    const r = await s.gql('mutation{ changePassword(currentPassword:"nope",newPassword:"достаточно-длинный"){ ... on Error { message code } } }', {}, { token });
    expect(r.data.changePassword).toEqual({ message: "Текущий пароль указан неверно", code: "WRONG_PASSWORD" });
    await s.signIn(w.users.municipal.email, TEST_PASSWORD);
  });
});

// The sign-in policy (delays, known devices, concurrency) is tested in tests/api/security/sign-in-policy.test.ts.

describe("CSRF", () => {
  it("refuses a cross-site form post carrying the session cookie", async () => {
    const token = await s.signIn(w.users.school.email, TEST_PASSWORD);
    const res = await fetch(`${s.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: `medk_session=${token}`, origin: "https://evil.example" },
      body: new URLSearchParams({ query: "mutation { signOut }" }).toString(),
    });
    expect(res.status).toBe(403);
    expect(await s.gql(VIEWER, {}, { token }).then((r) => r.data.viewer?.email)).toBe(w.users.school.email);
  });

  it("refuses a multipart or text/plain post without the CSRF header", async () => {
    const token = await s.signIn(w.users.school.email, TEST_PASSWORD);
    for (const ct of ["text/plain", "multipart/form-data; boundary=x"]) {
      const res = await fetch(`${s.url}/graphql`, { method: "POST", headers: { "content-type": ct, cookie: `medk_session=${token}` }, body: "{}" });
      expect(res.status).toBe(403);
    }
  });
});

describe("WebSocket", () => {
  const SUB = "subscription { notificationReceived { title } }";

  it("closes a connection with a bad token with 4403", async () => {
    const client = s.ws("bad.token");
    await expect(nextEvents(client, SUB, 1, 3000)).rejects.toMatchObject({ code: 4403 });
  });

  it("closes a connection without credentials with 4403", async () => {
    const client = s.ws();
    await expect(nextEvents(client, SUB, 1, 3000)).rejects.toMatchObject({ code: 4403 });
  });

  it("accepts the session cookie of the upgrade request", async () => {
    const token = await s.signIn(w.users.school.email, TEST_PASSWORD);
    const client = s.ws(undefined, { cookie: `medk_session=${token}` });
    const events = nextEvents(client, SUB, 1, 5000);
    await new Promise((r) => setTimeout(r, 300));
    const { writeNotifications } = await import("../../../api/src/modules/notification/service.ts");
    const publish = await writeNotifications(s.db, [{ recipientId: w.users.school.id, kind: "DEADLINE_SOON", title: "Проверка cookie" }]);
    publish(s.app.pubsub);
    expect((await events)[0]!.data).toEqual({ notificationReceived: { title: "Проверка cookie" } });
  });

  it("a signed-out session's live connection is closed and receives nothing more", async () => {
    const token = await s.signIn(w.users.school.email, TEST_PASSWORD);
    const client = s.ws(token);
    const events = nextEvents(client, SUB, 1, 5000);
    await new Promise((r) => setTimeout(r, 300));
    await s.gql("mutation { signOut }", {}, { token });
    await expect(events).rejects.toMatchObject({ code: 4403 });
  });
});
