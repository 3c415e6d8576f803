// Many subscribers: N concurrent graphql-ws connections, each signed in as a different school user, on one
// instance (or spread over `--instances 2` sharing events through a real redis-server on 127.0.0.1),
// while a curator makes review decisions (approveDocument over HTTP, always on instance 1). For each
// decision: the time from sending the mutation to the addressee's socket receiving the notification.
//
//   npx tsx bench/ws-fanout.ts [--connections 10000] [--decisions 300] [--instances 1|2] [--concurrency 4]
//
// A fresh embedded PostgreSQL in a temp dir holds the bench world: N schools with one participation, one
// submitted concept document and one school user each (sessions written directly, no password hashing),
// and one curator assigned to all. Prints connections, each instance's RSS, delivery p50/p99/max, the
// mutation's own round trip, and the machine's load average at the start and the end.
import { fork, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const N = arg("connections", 10_000);
const DECISIONS = Math.min(arg("decisions", 300), N);
const INSTANCES = arg("instances", 1);
const CONCURRENCY = arg("concurrency", 4);
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(" ");
const loadAtStart = load();

const root = mkdtempSync(join(tmpdir(), "medk-ws-bench-"));
chmodSync(root, 0o755);
process.env.MEDK_STORAGE_DIR = join(root, "files");

const { startEmbeddedPostgres } = await import("../api/src/db/embedded-pg.ts");
const { migrate } = await import("../api/src/db/bootstrap.ts");
const { createPrisma } = await import("../api/src/db.ts");
const { generateToken } = await import("../api/src/auth/tokens.ts");
const { startRedis } = await import("../tests/testkit/redis.ts");

const pg = await startEmbeddedPostgres({ dataDir: join(root, "pg"), persistent: false });
await migrate(pg.url);
const db = createPrisma(pg.url, { poolSize: 4 });

// ---- the world, in bulk
const t0 = performance.now();
const region = await db.region.create({ data: { code: 75, name: "Забайкальский край", timeZone: "Asia/Chita" } });
const year = await db.programmeYear.create({
  data: {
    programme: { connect: { id: (await db.programme.findFirstOrThrow({ where: { regionId: null } })).id } },
    year: 2026,
    title: "500+ 2026",
    conceptDocumentsDue: new Date(Date.UTC(2026, 3, 30)),
  },
});
const municipality = await db.municipality.create({ data: { regionId: region.id, name: "Стендовый район" } });
const curator = await db.user.create({ data: { email: "curator@bench.medk.ru", fullName: "Куратор стенда", roles: { create: { role: "CURATOR" } } } });
const file = await db.storedFile.create({ data: { sha256: "0".repeat(64), size: 16, mediaType: "application/pdf", originalName: "Концепция.pdf" } });
const schools = Array.from({ length: N }, (_, i) => ({ id: randomUUID(), user: randomUUID(), participation: randomUUID(), document: randomUUID(), token: "", i }));
const now = new Date();
const chunk = <T>(xs: T[], n = 2000) => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n));
for (const part of chunk(schools)) {
  await db.school.createMany({ data: part.map((s) => ({ id: s.id, municipalityId: municipality.id, fullName: `Стендовая школа № ${s.i + 1}`, shortName: `МКОУ «СОШ № ${s.i + 1}»` })) });
  await db.user.createMany({ data: part.map((s) => ({ id: s.user, email: `school${s.i}@bench.medk.ru`, fullName: `Школа № ${s.i + 1}` })) });
  await db.roleAssignment.createMany({ data: part.map((s) => ({ userId: s.user, role: "SCHOOL" as const, schoolId: s.id })) });
  await db.participation.createMany({ data: part.map((s) => ({ id: s.participation, schoolId: s.id, programmeYearId: year.id })) });
  await db.curatorAssignment.createMany({ data: part.map((s) => ({ curatorId: curator.id, participationId: s.participation })) });
  await db.document.createMany({
    data: part.map((s) => ({ id: s.document, participationId: s.participation, kind: "CONCEPT" as const, status: "SUBMITTED" as const, revision: 2, submittedAt: now })),
  });
  await db.documentVersion.createMany({ data: part.map((s) => ({ documentId: s.document, number: 1, fileId: file.id, uploadedById: s.user, submittedAt: now, submittedById: s.user })) });
  const sessions = part.map((s) => {
    const t = generateToken();
    s.token = t.token;
    return { id: t.id, secretHash: Buffer.from(t.secretHash), userId: s.user, expiresAt: new Date(Date.now() + 86_400_000) };
  });
  await db.session.createMany({ data: sessions });
}
const ct = generateToken();
await db.session.create({ data: { id: ct.id, secretHash: Buffer.from(ct.secretHash), userId: curator.id, expiresAt: new Date(Date.now() + 86_400_000) } });
console.log(`world: ${N} schools, users, sessions and submitted documents in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

// ---- the instances
const redis = INSTANCES > 1 ? await startRedis() : null;
const servers: { proc: ChildProcess; url: string }[] = [];
for (let i = 0; i < INSTANCES; i++) {
  const proc = fork(new URL("./ws-server.ts", import.meta.url).pathname, [], {
    execArgv: ["--import", "tsx", "--expose-gc"],
    env: { ...process.env, DATABASE_URL: pg.url, NODE_ENV: "production", ...(redis ? { REDIS_URL: redis.url } : {}) },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const { port } = await new Promise<{ port: number }>((resolve) => proc.once("message", (m) => resolve(m as { port: number })));
  servers.push({ proc, url: `http://127.0.0.1:${port}` });
}
const ask = <T>(proc: ChildProcess, msg: object) =>
  new Promise<T>((resolve) => {
    proc.once("message", (m) => resolve(m as T));
    proc.send(msg);
  });

// ---- N subscribers, connected in batches; school i on instance i % INSTANCES
const arrivals = new Map<string, (at: number) => void>();
const clients: Client[] = [];
const t1 = performance.now();
let failed = 0;
for (const part of chunk(schools, 250)) {
  await Promise.all(
    part.map(
      (s) =>
        new Promise<void>((resolve) => {
          const client = createClient({
            url: servers[s.i % INSTANCES]!.url.replace("http", "ws") + "/graphql",
            webSocketImpl: WebSocket,
            connectionParams: { authToken: s.token },
            lazy: false,
            retryAttempts: 0,
            onNonLazyError: () => {
              failed++;
              resolve();
            },
            on: { connected: () => resolve() },
          });
          client.subscribe(
            { query: "subscription { notificationReceived { kind payload } }" },
            {
              next: (v: any) => arrivals.get(v.data?.notificationReceived?.payload?.documentId)?.(performance.now()),
              error: () => {},
              complete: () => {},
            },
          );
          clients.push(client);
        }),
    ),
  );
}
await new Promise((r) => setTimeout(r, 2000)); // subscriptions registered
console.log(`connected: ${clients.length - failed}/${N} in ${((performance.now() - t1) / 1000).toFixed(1)} s (${failed} failed)`);

// ---- decisions on instance 1, `CONCURRENCY` at a time, addressees chosen evenly over all schools
const APPROVE = `mutation($id: ID!) { approveDocument(id: $id) { __typename } }`;
const latency: number[] = [];
const roundTrip: number[] = [];
/** Arrival after the mutation's response came back (publish happens after commit, before the response). */
const afterResponse: number[] = [];
let missing = 0;
// Spread evenly over the schools, and alternating between the instances (school i is on instance i % INSTANCES):
// an even stride alone would put every addressee on instance 1.
const picks = Array.from({ length: DECISIONS }, (_, k) => {
  const even = Math.floor((k * N) / DECISIONS);
  const i = even - (even % INSTANCES) + (k % INSTANCES);
  return schools[i < N ? i : even]!;
});
const deliveredOn = Array.from({ length: INSTANCES }, () => [] as number[]);
async function decide(s: (typeof schools)[number]) {
  const id = Buffer.from(`Document:${s.document}`).toString("base64");
  const arrived = new Promise<number | null>((resolve) => {
    arrivals.set(id, resolve);
    setTimeout(() => resolve(null), 10_000);
  });
  const start = performance.now();
  const res = await fetch(`${servers[0]!.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${ct.token}` },
    body: JSON.stringify({ query: APPROVE, variables: { id } }),
  });
  const body = (await res.json()) as any;
  const answered = performance.now();
  roundTrip.push(answered - start);
  if (body.data?.approveDocument?.__typename !== "MutationApproveDocumentSuccess") throw new Error(JSON.stringify(body));
  const at = await arrived;
  arrivals.delete(id);
  if (at === null) missing++;
  else {
    latency.push(at - start);
    deliveredOn[s.i % INSTANCES]!.push(at - start);
    afterResponse.push(at - answered);
  }
}
await Promise.all(servers.map((s) => ask(s.proc, { cmd: "reset" })));
const t2 = performance.now();
const queue = [...picks];
await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    for (let s = queue.shift(); s; s = queue.shift()) await decide(s);
  }),
);
const seconds = (performance.now() - t2) / 1000;

const q = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! : NaN;
};
const ms = (x: number) => `${x.toFixed(1)} ms`;
type Stats = { statements: number; sqlMs: number; cpuMs: number; loop: { p50: number; p99: number; max: number }; events: { dispatched: number; reached: number; registered: number } };
const stats = await Promise.all(servers.map((s) => ask<Stats>(s.proc, { cmd: "stats" })));
const rss = await Promise.all(servers.map((s) => ask<{ rss: number; heap: number }>(s.proc, { cmd: "rss" })));
console.log(`\n${INSTANCES} instance(s)${redis ? " sharing events through redis-server" : ""}, ${clients.length - failed} graphql-ws connections (${N} different users)`);
rss.forEach((r, i) => console.log(`  instance ${i + 1}: RSS ${(r.rss / 2 ** 20).toFixed(0)} MB (heap ${(r.heap / 2 ** 20).toFixed(0)} MB), ${Math.ceil((N - i) / INSTANCES)} sockets`));
console.log(`  decisions: ${DECISIONS} (${CONCURRENCY} at a time, ${(DECISIONS / seconds).toFixed(1)}/s), delivered ${latency.length}, missing ${missing}`);
console.log(`  delivery (mutation sent → addressee's socket): p50 ${ms(q(latency, 50))}  p99 ${ms(q(latency, 99))}  max ${ms(Math.max(...latency))}`);
if (INSTANCES > 1) deliveredOn.forEach((xs, i) => console.log(`    to sockets on instance ${i + 1}: ${xs.length} delivered, p50 ${ms(q(xs, 50))}  p99 ${ms(q(xs, 99))}`));
console.log(`  arrival − response of the mutation:            p50 ${ms(q(afterResponse, 50))}  p99 ${ms(q(afterResponse, 99))} (negative: the event came first)`);
console.log(`  approveDocument round trip:                    p50 ${ms(q(roundTrip, 50))}  p99 ${ms(q(roundTrip, 99))}`);
// Where the time goes, per decision, on each instance (instance 1 runs the mutations).
stats.forEach((st, i) => {
  const per = (x: number) => (x / DECISIONS).toFixed(1);
  console.log(
    `  instance ${i + 1} per decision: ${per(st.statements)} SQL statements, ${per(st.sqlMs)} ms of SQL in flight, ${per(st.cpuMs)} ms CPU; ` +
      `event loop delay p50 ${st.loop.p50.toFixed(1)} / p99 ${st.loop.p99.toFixed(1)} / max ${st.loop.max.toFixed(1)} ms`,
  );
  console.log(
    st.events.dispatched
      ? `    in-process notification events: ${st.events.dispatched}, listeners reached ${st.events.reached} (${(st.events.reached / st.events.dispatched).toFixed(2)} per event) of ${st.events.registered} registered — routed by the addressee's key`
      : `    in-process notification events: none dispatched here (events arrive through Redis, one channel per addressee)`,
  );
});
console.log(`  load average (1/5/15 min): at start ${loadAtStart}; at end ${load()} — 2 cores, shared with other work`);

await Promise.all(clients.map((c) => c.dispose()));
// A stopping instance sends nothing back: wait for its exit, not for a reply.
for (const s of servers) {
  const exited = new Promise((resolve) => s.proc.once("exit", resolve));
  s.proc.send({ cmd: "stop" });
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
  if (s.proc.exitCode === null) s.proc.kill();
}
await redis?.stop();
await db.$disconnect();
await pg.stop();
rmSync(root, { recursive: true, force: true });
process.exit(0);
