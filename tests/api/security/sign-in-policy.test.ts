// The sign-in policy over real HTTP: the limit holds under concurrency, attackers are slowed per account
// and address, and the owner is never locked out (another address, a known device, a school's NAT).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../../testkit/server.ts";
import { seedWorld, TEST_PASSWORD } from "../../testkit/seed.ts";
import { config } from "../../../api/src/config.ts";

let s: TestServer;
beforeAll(async () => {
  s = await startServer();
});
afterAll(() => s.stop());

const SIGN_IN = "mutation($e:String!,$p:String!){ signIn(email:$e,password:$p){ token } }";
const attempt = (email: string, password: string, ip: string, cookie?: string) => s.gql(SIGN_IN, { e: email, p: password }, { headers: { "x-forwarded-for": ip, ...(cookie ? { cookie } : {}) } });
const code = (r: { errors?: { extensions?: { code?: string } }[] }) => r.errors?.[0]?.extensions?.code ?? "OK";
const deviceCookieOf = (headers: Headers) =>
  headers
    .getSetCookie()
    .find((c) => c.startsWith("medk_device="))!
    .split(";")[0]!;

/** Failures an attacker made earlier (rows as the policy writes them), `agoMs` ago. */
async function pastFailures(email: string, ips: string[], agoMs = 1000) {
  await s.db.signInFailure.createMany({ data: ips.map((ip) => ({ email, ip, createdAt: new Date(Date.now() - agoMs) })) });
}

describe("concurrency (issue 16.3)", () => {
  // 200 requests take seconds on two cores: a long first delay keeps legitimate later retries out of the count.
  const delay = config.signInDelayMs;
  beforeAll(() => void (config.signInDelayMs = 10 * 60_000));
  afterAll(() => void (config.signInDelayMs = delay));

  it("200 parallel wrong guesses from one address: only the free ones are checked, the rest are refused", async () => {
    const world = await seedWorld(s.db);
    const ip = "10.203.0.1";
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => attempt(world.users.school.email, `wrong-${i}`, ip)));
    const codes = results.map(code);
    expect(codes.filter((c) => c === "INVALID_CREDENTIALS")).toHaveLength(config.signInFreeFailures);
    expect(codes.filter((c) => c === "TOO_MANY_ATTEMPTS")).toHaveLength(200 - config.signInFreeFailures);
    expect(await s.db.signInFailure.count({ where: { email: world.users.school.email } })).toBe(config.signInFreeFailures);
  });

  it("200 parallel guesses from 200 addresses: the account budget holds for unknown devices", async () => {
    const world = await seedWorld(s.db);
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => attempt(world.users.curator.email, `wrong-${i}`, `10.204.${i}.1`)));
    const checked = results.map(code).filter((c) => c === "INVALID_CREDENTIALS").length;
    expect(checked).toBe(config.signInAccountBudget);
  });
});

describe("progressive delay per account and address", () => {
  it("after the free failures the next attempt waits, with the time in the message, and doubles", async () => {
    const world = await seedWorld(s.db);
    const ip = "10.205.0.1";
    for (let i = 0; i < config.signInFreeFailures; i++) expect(code(await attempt(world.users.school.email, "wrong", ip))).toBe("INVALID_CREDENTIALS");
    const refused = await attempt(world.users.school.email, TEST_PASSWORD, ip);
    expect(code(refused)).toBe("TOO_MANY_ATTEMPTS");
    expect(refused.errors![0]!.message).toMatch(/^Слишком много неудачных попыток входа\. Повторите через \d+ с\.$/);
    expect(refused.errors![0]!.extensions!.retryAfterSeconds).toBe(config.signInDelayMs / 1000);
    // The refused attempt is not counted: once the delay has passed, the owner's password works.
    await s.db.signInFailure.updateMany({ where: { email: world.users.school.email }, data: { createdAt: new Date(Date.now() - config.signInDelayMs - 50) } });
    expect(code(await attempt(world.users.school.email, TEST_PASSWORD, ip))).toBe("OK");
  });

  it("an attacker's failures from one address do not refuse the owner's correct sign-in from another", async () => {
    const world = await seedWorld(s.db);
    await pastFailures(
      world.users.municipal.email,
      Array.from({ length: 12 }, () => "10.206.0.66"),
    );
    expect(code(await attempt(world.users.municipal.email, "guess", "10.206.0.66"))).toBe("TOO_MANY_ATTEMPTS");
    expect(code(await attempt(world.users.municipal.email, TEST_PASSWORD, "10.206.0.7"))).toBe("OK");
  });
});

describe("known devices", () => {
  it("a distributed attack slows unknown devices, but the owner's known device with the right password gets in", async () => {
    const world = await seedWorld(s.db);
    const email = world.users.school.email;
    const first = await attempt(email, TEST_PASSWORD, "10.207.0.7");
    expect(code(first)).toBe("OK");
    const device = deviceCookieOf(first.headers);
    expect(first.headers.getSetCookie().find((c) => c.startsWith("medk_device="))).toMatch(/HttpOnly; SameSite=Lax; Path=\/; Max-Age=\d+/);
    await pastFailures(
      email,
      Array.from({ length: config.signInAccountBudget + 5 }, (_, i) => `10.207.1.${i}`),
    );
    expect(code(await attempt(email, TEST_PASSWORD, "10.207.0.8"))).toBe("TOO_MANY_ATTEMPTS");
    expect(code(await attempt(email, TEST_PASSWORD, "10.207.0.8", device))).toBe("OK");
  });

  it("a device cookie of another account, or a forged one, is not a known device", async () => {
    const world = await seedWorld(s.db);
    const other = await attempt(world.users.curator.email, TEST_PASSWORD, "10.208.0.1");
    const foreign = deviceCookieOf(other.headers);
    const email = world.users.school.email;
    await pastFailures(
      email,
      Array.from({ length: config.signInAccountBudget + 5 }, (_, i) => `10.208.1.${i}`),
    );
    expect(code(await attempt(email, TEST_PASSWORD, "10.208.0.2", foreign))).toBe("TOO_MANY_ATTEMPTS");
    const forged = `medk_device=${world.users.school.id}.${Math.floor(Date.now() / 1000).toString(36)}.AAAAAAAAAAAA.${"x".repeat(43)}`;
    expect(code(await attempt(email, TEST_PASSWORD, "10.208.0.2", forged))).toBe("TOO_MANY_ATTEMPTS");
  });

  it("a known device is still slowed for its own wrong guesses", async () => {
    const world = await seedWorld(s.db);
    const email = world.users.municipal.email;
    const device = deviceCookieOf((await attempt(email, TEST_PASSWORD, "10.209.0.1")).headers);
    for (let i = 0; i < config.signInFreeFailures; i++) expect(code(await attempt(email, "wrong", "10.209.0.1", device))).toBe("INVALID_CREDENTIALS");
    expect(code(await attempt(email, "wrong", "10.209.0.1", device))).toBe("TOO_MANY_ATTEMPTS");
  });
});

describe("one address shared by a school (NAT)", () => {
  it("failures over the address budget slow the failing accounts, not other accounts' correct sign-ins", async () => {
    const nat = "10.210.0.1";
    await s.db.signInFailure.createMany({
      data: Array.from({ length: config.signInAddressBudget + 10 }, (_, i) => ({ email: `ghost${i}@nat.test`, ip: nat, createdAt: new Date(Date.now() - 1000) })),
    });
    const world = await seedWorld(s.db);
    expect(code(await attempt(world.users.school.email, TEST_PASSWORD, nat))).toBe("OK");
    // One failure of an account from that address is enough to slow it there now.
    expect(code(await attempt(world.users.curator.email, "wrong", nat))).toBe("INVALID_CREDENTIALS");
    expect(code(await attempt(world.users.curator.email, TEST_PASSWORD, nat))).toBe("TOO_MANY_ATTEMPTS");
    // An unknown e-mail gets exactly the same answers, so the policy reveals nothing about accounts.
    const ghost = await attempt("ghost0@nat.test", "x", nat);
    expect(code(ghost)).toBe("TOO_MANY_ATTEMPTS");
  });
});
