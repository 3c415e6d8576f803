// Several instances: two МЭДК servers (buildApp) on one database, sharing events through a real
// redis-server this file starts on 127.0.0.1. A curator's decision made on instance A reaches the school's
// socket held by instance B; the session signed in on one instance works on the other (sessions live in
// PostgreSQL); a Redis outage is logged, local delivery continues, and everything recovers with Redis.
// The deadline scan queued through pg-boss runs once, though both instances run a worker.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Client } from "graphql-ws";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startServer, type TestServer } from "../../testkit/server.ts";
import { startRedis, type TestRedis } from "../../testkit/redis.ts";
import { gid, seedWorld, TEST_PASSWORD, type World } from "../../testkit/seed.ts";
import { pdf, upload, uploaded } from "../document/kit.ts";
import { redisBusOf } from "../../../api/src/pubsub.ts";
import { DEADLINE_QUEUE, startScheduler, type Scheduler } from "../../../api/src/modules/deadline/scheduler.ts";

const NOTIFICATIONS = `subscription { notificationReceived { kind payload } }`;

let redis: TestRedis;
let a: TestServer;
let b: TestServer;
let w: World;
const t: Record<string, string> = {};

function listen(client: Client) {
  const got: any[] = [];
  client.subscribe({ query: NOTIFICATIONS }, { next: (v) => got.push(v), error: (e) => got.push({ error: e }), complete: () => {} });
  return got;
}
const settle = (ms = 300) => new Promise((r) => setTimeout(r, ms));
async function until(what: () => boolean, ms = 5000, label = "condition") {
  const deadline = Date.now() + ms;
  while (!what()) {
    if (Date.now() > deadline) throw new Error(`${label}: not met after ${ms} ms`);
    await settle(25);
  }
}

async function submitted(kind: string) {
  const d = uploaded(await upload(a, t.school!, { participationId: gid("Participation", w.participationId), kind }, { name: "документ.pdf", bytes: pdf(kind) }));
  const r = await a.gql(`mutation($id: ID!) { submitDocument(id: $id) { __typename } }`, { id: d.id }, { token: t.school });
  expect(r.data.submitDocument.__typename).toBe("MutationSubmitDocumentSuccess");
  return d.id as string;
}
const approveOn = async (s: TestServer, id: string) => {
  const r = await s.gql(`mutation($id: ID!) { approveDocument(id: $id, comment: "Принято") { __typename } }`, { id }, { token: t.curator });
  expect(r.data.approveDocument.__typename).toBe("MutationApproveDocumentSuccess");
};

beforeAll(async () => {
  process.env.MEDK_STORAGE_DIR = mkdtempSync(join(tmpdir(), "medk-scale-"));
  redis = await startRedis();
  // Callers do not change: with REDIS_URL set, buildApp's topics travel through Redis.
  process.env.REDIS_URL = redis.url;
  a = await startServer();
  b = await startServer();
  await until(() => !!redisBusOf(a.app.pubsub)?.connected && !!redisBusOf(b.app.pubsub)?.connected, 5000, "both instances connected to Redis");
  w = await seedWorld(a.db);
  t.school = await b.signIn(w.users.school.email, TEST_PASSWORD);
  t.curator = await a.signIn(w.users.curator.email, TEST_PASSWORD);
});
afterAll(async () => {
  await a?.stop();
  await b?.stop();
  await redis?.stop();
  delete process.env.REDIS_URL;
});

describe("two instances through Redis", () => {
  it("a decision made on instance A reaches the school's socket on instance B, once", async () => {
    const id = await submitted("CONCEPT");
    const onB = listen(b.ws(t.school));
    await settle();
    const t0 = performance.now();
    await approveOn(a, id);
    await until(() => onB.length > 0, 3000, "event on B");
    expect(performance.now() - t0).toBeLessThan(1000);
    await settle(300);
    expect(onB).toHaveLength(1);
    expect(onB[0].data.notificationReceived).toMatchObject({ kind: "DOCUMENT_APPROVED", payload: { documentId: id, status: "APPROVED" } });
  });

  it("a Redis outage is logged, the decision still succeeds and reaches sockets on its own instance; after recovery B hears again", async () => {
    const warn = vi.spyOn(console, "warn");
    const info = vi.spyOn(console, "info");
    const id = await submitted("MEDIUM_TERM_PROGRAMME");
    const onA = listen(a.ws(t.school));
    const onB = listen(b.ws(t.school));
    await settle();

    await redis.kill();
    await until(() => !redisBusOf(a.app.pubsub)!.connected, 3000, "A notices the outage");
    await approveOn(a, id);
    await until(() => onA.length > 0, 3000, "local delivery on A during the outage");
    expect(onA[0].data.notificationReceived).toMatchObject({ kind: "DOCUMENT_APPROVED", payload: { documentId: id } });
    const warnings = warn.mock.calls.map((c) => String(c[0])).filter((m) => m.startsWith("Шина событий"));
    expect(warnings.length).toBeGreaterThanOrEqual(1);
    expect(warnings.join("\n")).toContain("Redis (redis://127.0.0.1:");
    expect(warnings.join("\n")).toContain("недоступен");
    // Logged once per outage and instance, not once per event or reconnection attempt.
    expect(warnings.length).toBeLessThanOrEqual(2);
    await settle(300);
    expect(onB).toEqual([]); // B missed it: its client catches up with notifications(since:)
    const missed = await b.gql(`{ notifications(first: 5) { edges { node { kind } } } }`, {}, { token: t.school });
    expect(missed.data.notifications.edges[0].node.kind).toBe("DOCUMENT_APPROVED");

    await redis.start();
    await until(() => redisBusOf(a.app.pubsub)!.connected && redisBusOf(b.app.pubsub)!.connected, 10_000, "both reconnect");
    expect(info.mock.calls.map((c) => String(c[0])).some((m) => m.includes("восстановлена"))).toBe(true);
    // Re-subscription after the reconnect takes a moment on the subscriber connection.
    await settle(500);
    const next = await submitted("ROADMAP_ATTACHMENT");
    const before = onB.length;
    await approveOn(a, next);
    await until(() => onB.length > before, 3000, "event on B after recovery");
    expect(onB.at(-1).data.notificationReceived).toMatchObject({ payload: { documentId: next } });
    warn.mockRestore();
    info.mockRestore();
  });
});

describe("jobs across instances", () => {
  it("both instances run a pg-boss worker and register the cron schedule; each queued scan runs exactly once", async () => {
    const ran: string[] = [];
    const schema = `pgboss_scale_${Date.now()}`;
    const start = (s: TestServer, name: string) =>
      startScheduler({
        databaseUrl: process.env.DATABASE_URL!,
        db: s.db,
        pubsub: s.app.pubsub,
        schema,
        cron: "*/15 * * * *",
        pollingIntervalSeconds: 0.5,
        onScan: (_r, job) => ran.push(`${name}:${job.now}`),
      });
    const schedulers: Scheduler[] = [];
    try {
      schedulers.push(await start(a, "A"), await start(b, "B"));
      // Both registered the same cron: one schedule row.
      expect((await schedulers[0]!.boss.getSchedules()).filter((x) => x.name === DEADLINE_QUEUE)).toHaveLength(1);
      for (let i = 0; i < 4; i++) {
        const now = new Date(Date.UTC(2026, 2, 20 + i, 3)).toISOString();
        const from = schedulers[i % 2]!;
        expect(await from.enqueue({ now, municipalityIds: [w.municipalityId] })).toBeTruthy();
        await until(() => ran.some((r) => r.endsWith(now)), 10_000, `scan ${i}`);
      }
      await settle(1500); // a second run would show up within three polls
      expect(ran).toHaveLength(4);
      expect(new Set(ran.map((r) => r.split(":").slice(1).join(":"))).size).toBe(4);
    } finally {
      for (const s of schedulers) await s.stop();
    }
  });
});
