// How long from a curator's approveDocument to the decision arriving at the school's graphql-ws client.
// A fresh embedded PostgreSQL, a real server on loopback, 200 submitted documents (one per school of a
// bench municipality, all of one curator and one school account), decided one after another.
//
//   npx tsx bench/notification-latency.ts [count]
//
// Prints the median, p90, p99 and max of the latency, and the mutation's own round trip for context.
import { hash } from "@node-rs/argon2";
import { createClient } from "graphql-ws";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import WebSocket from "ws";

const COUNT = Number(process.argv[2] ?? 200);
const PASSWORD = "bench-password-123";

const root = mkdtempSync(join(tmpdir(), "medk-bench-"));
chmodSync(root, 0o755);
process.env.MEDK_STORAGE_DIR = join(root, "files");

const { startEmbeddedPostgres } = await import("../api/src/db/embedded-pg.ts");
const { migrate } = await import("../api/src/db/bootstrap.ts");
const { createPrisma } = await import("../api/src/db.ts");
const { buildApp } = await import("../api/src/app.ts");
const { LocalDiskStorage } = await import("../api/src/modules/file/storage.ts");

const pg = await startEmbeddedPostgres({ dataDir: join(root, "pg"), persistent: false });
await migrate(pg.url);
const db = createPrisma(pg.url, { poolSize: 10 });

// ---- the world: one municipality, COUNT participating schools, one curator and one school account for all
const passwordHash = await hash(PASSWORD);
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
const curator = await db.user.create({ data: { email: "curator@bench.medk.ru", fullName: "Куратор стенда", passwordHash, roles: { create: { role: "CURATOR" } } } });
const schoolUser = await db.user.create({ data: { email: "school@bench.medk.ru", fullName: "Школа стенда", passwordHash } });
const stored = await new LocalDiskStorage(process.env.MEDK_STORAGE_DIR).put(new TextEncoder().encode("%PDF-1.4\n%%EOF\n"));
const documents: string[] = [];
for (let i = 0; i < COUNT; i++) {
  const school = await db.school.create({ data: { municipalityId: municipality.id, fullName: `Стендовая школа № ${i + 1}`, shortName: `МКОУ «СОШ № ${i + 1}»` } });
  const p = await db.participation.create({ data: { schoolId: school.id, programmeYearId: year.id } });
  await db.roleAssignment.create({ data: { userId: schoolUser.id, role: "SCHOOL", schoolId: school.id } });
  await db.curatorAssignment.create({ data: { curatorId: curator.id, participationId: p.id } });
  const file = await db.storedFile.create({ data: { sha256: stored.sha256, size: stored.size, mediaType: "application/pdf", originalName: "Концепция.pdf" } });
  const now = new Date();
  const doc = await db.document.create({
    data: {
      participationId: p.id,
      kind: "CONCEPT",
      status: "SUBMITTED",
      revision: 2,
      submittedAt: now,
      versions: { create: { number: 1, fileId: file.id, uploadedById: schoolUser.id, submittedAt: now, submittedById: schoolUser.id } },
    },
  });
  documents.push(Buffer.from(`Document:${doc.id}`).toString("base64"));
}

// ---- the server and the two clients
const app = buildApp({ db, web: false });
const { url } = await app.start(0);
const gql = async (query: string, variables: Record<string, unknown>, token?: string) => {
  const res = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as any;
};
const signIn = async (email: string) => (await gql(`mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { token } }`, { e: email, p: PASSWORD })).data.signIn.token as string;
const curatorToken = await signIn(curator.email);
const schoolToken = await signIn(schoolUser.email);

const arrivals = new Map<string, (at: number) => void>();
const ws = createClient({ url: url.replace("http", "ws") + "/graphql", webSocketImpl: WebSocket, connectionParams: { authToken: schoolToken }, lazy: false });
ws.subscribe(
  { query: "subscription { notificationReceived { kind payload } }" },
  {
    next: (v: any) => {
      const at = performance.now();
      arrivals.get(v.data?.notificationReceived?.payload?.documentId)?.(at);
    },
    error: (e) => console.error("subscription error", e),
    complete: () => {},
  },
);
await new Promise((r) => setTimeout(r, 500));

// ---- measure: one decision at a time
const APPROVE = `mutation($id: ID!) { approveDocument(id: $id) { __typename } }`;
const latency: number[] = [];
const roundTrip: number[] = [];
for (const id of documents) {
  const arrived = new Promise<number>((resolve, reject) => {
    arrivals.set(id, resolve);
    setTimeout(() => reject(new Error(`no event for ${id} within 10 s`)), 10_000);
  });
  const t0 = performance.now();
  const r = await gql(APPROVE, { id }, curatorToken);
  const t1 = performance.now();
  if (r.data?.approveDocument?.__typename !== "MutationApproveDocumentSuccess") throw new Error(JSON.stringify(r));
  latency.push((await arrived) - t0);
  roundTrip.push(t1 - t0);
  arrivals.delete(id);
}

const q = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
const ms = (x: number) => `${x.toFixed(1)} ms`;
console.log(`approveDocument → notificationReceived at the school's graphql-ws client, ${latency.length} decisions`);
console.log(`  latency:    median ${ms(q(latency, 50))}  p90 ${ms(q(latency, 90))}  p99 ${ms(q(latency, 99))}  max ${ms(Math.max(...latency))}`);
console.log(`  mutation:   median ${ms(q(roundTrip, 50))}  p99 ${ms(q(roundTrip, 99))} (HTTP round trip of approveDocument)`);

await ws.dispose();
await app.stop();
await db.$disconnect();
await pg.stop();
rmSync(root, { recursive: true, force: true });
process.exit(0);
