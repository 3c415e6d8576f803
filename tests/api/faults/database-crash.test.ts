// Fault test: the database dies under load and comes back. Runs on its own embedded PostgreSQL (not the
// shared test database): the postmaster is killed with SIGKILL while clients create accounts (a row, an
// invitation and an audit event in one transaction) and a pg-boss job waits in the queue. The API must
// recover without a restart, lose nothing committed, half-write nothing, answer DATABASE_UNAVAILABLE in the
// meantime, and run the job once the database is back. A second case plays an external database: nobody
// restarts it for the app, and the same pool reconnects once an operator has.
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hash } from "@node-rs/argon2";
import WebSocket from "ws";
import { startEmbeddedPostgres, type EmbeddedDb, type SupervisorEvent } from "../../../api/src/db/embedded-pg.ts";
import { migrate } from "../../../api/src/db/bootstrap.ts";
import { createPrisma, poolOf, type DB } from "../../../api/src/db.ts";
import { buildApp, type App } from "../../../api/src/app.ts";
import { DEADLINE_QUEUE, startScheduler, type Scheduler } from "../../../api/src/modules/deadline/scheduler.ts";
import { DATABASE_UNAVAILABLE_MESSAGE } from "../../../api/src/db/unavailable.ts";
import { gid, TEST_PASSWORD } from "../../testkit/seed.ts";

let dir: string;
let pg: EmbeddedDb;
let db: DB;
let app: App;
let url: string;
let scheduler: Scheduler;
const events: SupervisorEvent[] = [];
const scanned: unknown[] = [];
let token: string;
let regionId: string;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const health = () =>
  fetch(`${url}/healthz`).then(
    (r) => r.status,
    () => 0,
  );
async function until<T>(what: string, probe: () => Promise<T>, ok: (v: T) => boolean, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(v)})`);
    await sleep(50);
  }
}
const gql = async (query: string, variables: Record<string, unknown> = {}) => {
  const res = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": "10.9.9.9", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json().catch(() => ({}))) as { data?: any; errors?: { message: string; extensions?: { code?: string } }[] };
  return { status: res.status, ...body };
};
/** Opens a graphql-ws socket with the token and resolves how the server closed it. */
const wsClose = () =>
  new Promise<{ code: number; reason: string }>((resolve) => {
    const ws = new WebSocket(`${url.replace("http", "ws")}/graphql`, "graphql-transport-ws");
    ws.on("open", () => ws.send(JSON.stringify({ type: "connection_init", payload: { authToken: token } })));
    ws.on("close", (code, reason) => resolve({ code, reason: reason.toString() }));
    ws.on("error", () => {});
  });
const CREATE = `mutation($input: CreateUserInput!) { createUser(input: $input) {
  __typename ... on MutationCreateUserSuccess { data { user { id email } } } ... on Error { code message } } }`;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "medk-fault-pg-"));
  chmodSync(dir, 0o755);
  pg = await startEmbeddedPostgres({ dataDir: join(dir, "data"), onEvent: (e) => events.push(e) });
  await migrate(pg.url);
  db = createPrisma(pg.url, { poolSize: 5 });
  const region = await db.region.create({ data: { code: 75, name: "Забайкальский край", timeZone: "Asia/Chita" } });
  regionId = region.id;
  await db.user.create({
    data: { email: "fed@fault.test", fullName: "Федеральный координатор", passwordHash: await hash(TEST_PASSWORD), roles: { create: { role: "FEDERAL_COORDINATOR" } } },
  });
  app = buildApp({ db, web: false, trustProxy: true });
  ({ url } = await app.start(0));
  scheduler = await startScheduler({ databaseUrl: pg.url, db, pubsub: app.pubsub, cron: null, pollingIntervalSeconds: 0.5, onScan: (_r, job) => scanned.push(job) });
  scheduler.boss.on("error", () => {}); // expected while the database is down
  const r = await gql(`mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { token } }`, { e: "fed@fault.test", p: TEST_PASSWORD });
  token = r.data.signIn.token;
}, 120_000);

afterAll(async () => {
  const step = async (name: string, f: () => Promise<unknown> | undefined) => {
    const t = Date.now();
    await f()?.catch(() => {});
    console.log(`[fault] ${name} ${Date.now() - t} ms`);
  };
  await step("scheduler", () => scheduler?.stop());
  await step("app", () => app?.stop());
  await step("db", () => db?.$disconnect());
  await step("pg", () => pg?.stop());
  if (dir) rmSync(dir, { recursive: true, force: true });
}, 60_000);

describe("a database crash under load", () => {
  it("the embedded database is restarted, the API recovers by itself, nothing committed is lost and a queued job runs", async () => {
    expect(await health()).toBe(200);
    // Clients keep creating accounts through the whole outage.
    const ok = new Map<string, string>();
    const failures: { status: number; code?: string; message?: string }[] = [];
    let n = 0;
    let running = true;
    const client = async () => {
      while (running) {
        const i = n++;
        const email = `load-${i}@fault.test`;
        try {
          const r = await gql(CREATE, { input: { email, fullName: `Нагрузка ${i}`, role: "REGIONAL_COORDINATOR", regionId: gid("Region", regionId) } });
          if (r.data?.createUser?.__typename === "MutationCreateUserSuccess") ok.set(email, r.data.createUser.data.user.id);
          else failures.push({ status: r.status, code: r.errors?.[0]?.extensions?.code ?? r.data?.createUser?.code, message: r.errors?.[0]?.message });
        } catch (e) {
          failures.push({ status: 0, message: String(e) });
        }
        if (failures.length) await sleep(20); // while the database is down, do not spin
      }
    };
    const clients = Array.from({ length: 4 }, client);
    await until(
      "some load",
      async () => ok.size,
      (s) => s >= 10,
    );

    // A job committed to the queue before the crash, due shortly after it.
    const jobId = await scheduler.boss.send(DEADLINE_QUEUE, { now: "2026-12-07T12:00:00.000Z" }, { startAfter: 2 });
    const committedBefore = ok.size;

    const pid = pg.pid()!;
    process.kill(pid, "SIGKILL");
    const t0 = Date.now();
    await until("healthz 503", health, (s) => s === 503, 10_000);
    const healthy = await until("healthz 200", health, (s) => s === 200, 60_000);
    const outageMs = Date.now() - t0;
    expect(healthy).toBe(200);
    expect(pg.pid()).not.toBe(pid);

    const afterRecovery = ok.size;
    await until(
      "writes after recovery",
      async () => ok.size,
      (s) => s >= afterRecovery + 10,
      30_000,
    );
    running = false;
    await Promise.all(clients);
    // No connection is left checked out: transactions cut by the crash gave theirs back.
    const pool = poolOf(db)!;
    await until(
      "an idle pool",
      async () => [pool.totalCount - pool.idleCount, pool.waitingCount],
      ([busy, waiting]) => busy === 0 && waiting === 0,
      5_000,
    );

    // The outage was logged: down, then up, on the same port.
    expect(events[0]).toMatchObject({ type: "down", signal: "SIGKILL" });
    expect(events.at(-1)).toMatchObject({ type: "up" });
    // Clients were told clearly what happened, and nothing else went wrong.
    expect(failures.length).toBeGreaterThan(0);
    for (const f of failures) expect(f).toEqual({ status: 503, code: "DATABASE_UNAVAILABLE", message: DATABASE_UNAVAILABLE_MESSAGE });

    // Nothing committed was lost, and no account exists without its invitation and audit event.
    const users = await db.user.findMany({ where: { email: { startsWith: "load-" } }, select: { id: true, email: true, _count: { select: { invitations: true } } } });
    const byEmail = new Map(users.map((u) => [u.email, u]));
    for (const [email, id] of ok) expect(gid("User", byEmail.get(email)?.id ?? "")).toBe(id);
    expect(users.every((u) => u._count.invitations === 1)).toBe(true);
    const audited = await db.auditEvent.count({ where: { action: "user.create", entityId: { in: users.map((u) => u.id) } } });
    expect(audited).toBe(users.length);
    expect(ok.size).toBeGreaterThan(committedBefore);

    // The job queued before the crash ran after it.
    await until(
      "the queued scan",
      async () => (await scheduler.boss.getJobById(DEADLINE_QUEUE, jobId!))?.state,
      (s) => s === "completed",
      30_000,
    );
    expect(scanned).toContainEqual({ now: "2026-12-07T12:00:00.000Z" });
    console.log(`[fault] outage ${outageMs} ms, ${ok.size} accounts written, ${failures.length} DATABASE_UNAVAILABLE answers, events ${JSON.stringify(events.map((e) => e.type))}`);
  }, 120_000);

  it("with an external database the same pool reconnects once the server is back", async () => {
    // Play an external server: stop the supervised one cleanly and run the cluster unsupervised.
    await pg.stop();
    const external = await startEmbeddedPostgres({ dataDir: join(dir, "data"), port: pg.port, supervise: false });
    await until("healthz 200", health, (s) => s === 200, 30_000);
    process.kill(external.pid()!, "SIGKILL");
    await until("healthz 503", health, (s) => s === 503, 10_000);
    const during = await gql(`{ viewer { email } }`);
    expect(during.status).toBe(503);
    expect(during.errors?.[0]?.extensions?.code).toBe("DATABASE_UNAVAILABLE");
    // A live connection attempt is told to come back later (1013), not failed for good.
    expect(await wsClose()).toEqual({ code: 1013, reason: "База данных временно недоступна" });
    await sleep(500);
    expect(await health()).toBe(503); // nobody restarts an external database for us

    // The operator brings it back; the app, never restarted, serves again on fresh connections.
    pg = (await until(
      "the restarted server",
      () => startEmbeddedPostgres({ dataDir: join(dir, "data"), port: pg.port, supervise: false }).catch(() => null),
      (v) => !!v,
      30_000,
    )) as EmbeddedDb;
    await until("healthz 200", health, (s) => s === 200, 15_000);
    // More requests than pooled connections: none of the broken ones is handed out again.
    for (let i = 0; i < 12; i++) expect((await gql(`{ viewer { email } }`)).data?.viewer?.email).toBe("fed@fault.test");
  }, 120_000);
});
