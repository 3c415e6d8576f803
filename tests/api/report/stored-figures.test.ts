// The stored per-participation figures (api/src/modules/report/sql/stored.ts) against the reference
// sections (sql/sections.ts), figure by figure: on a generated world, before the job ran (all live),
// after it (all stored), after random writes through the API's services (stored and live mixed, the
// written participations invalidated by the triggers), on later days (stored rows out of their date
// range) and after the job again.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { randomUUID } from "node:crypto";
import type { DB } from "../../../api/src/db.ts";
import { figureReportSql, emptyFilter, type GroupBy } from "../../../api/src/modules/report/sql.ts";
import { refreshStoredFigures } from "../../../api/src/modules/report/sql/stored.ts";
import { startScheduler } from "../../../api/src/modules/deadline/scheduler.ts";
import { Prng } from "../../../prisma/seed/lib/prng.ts";
import { startServer, type TestServer } from "../../testkit/server.ts";
import { gid, seedWorld, TEST_PASSWORD, type World } from "../../testkit/seed.ts";

const YEAR = 2026;
const REGION_CODE = 91;
const DAY = 86_400_000;
const ALL: GroupBy[] = ["ALL", "REGION", "MUNICIPALITY", "SCHOOL", "CURATOR"];

let s: TestServer;
let w: World;
let pids: string[];
// A fixed seed keeps the run reproducible; STORED_FIGURES_SEED explores other worlds.
const rnd = new Prng(process.env.STORED_FIGURES_SEED ?? "stored-figures-1");
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd.next() * xs.length)]!;
const chance = (p: number) => rnd.next() < p;

/** A random world: 8 participations in 2 municipalities with profiles, documents, reviews, roadmaps and measures due around today. */
async function generate(db: DB): Promise<void> {
  w = await seedWorld(db, { regionCode: REGION_CODE, year: YEAR });
  const t = randomUUID().slice(0, 8);
  const year = await db.programmeYear.findFirstOrThrow({ where: { year: YEAR, programme: { regionId: null } }, include: { riskFactors: true } });
  const m2 = await db.municipality.create({ data: { regionId: w.regionId, name: `Район-2 ${t}` } });
  pids = [w.participationId];
  for (let i = 0; i < 7; i++) {
    const school = await db.school.create({ data: { municipalityId: i % 2 ? m2.id : w.municipalityId, fullName: `Школа ${i} ${t}`, shortName: `МКОУ «${i} ${t}»` } });
    const p = await db.participation.create({ data: { schoolId: school.id, programmeYearId: year.id, status: pick(["PARTICIPATING", "PARTICIPATING", "LEFT_LOW_RESULTS", "WITHDRAWN"] as const) } });
    if (chance(0.6)) await db.curatorAssignment.create({ data: { curatorId: w.users.curator.id, participationId: p.id } });
    pids.push(p.id);
  }
  const file = await db.storedFile.create({ data: { sha256: "b".repeat(64), size: 10, mediaType: "application/pdf", originalName: "t.pdf" } });
  const now = Date.now();
  for (const pid of pids) {
    const factors = year.riskFactors.filter(() => chance(0.5)).slice(0, 4);
    const profile = await db.riskProfile.create({
      data: {
        participationId: pid,
        verifiedAt: chance(0.5) ? new Date(now - 30 * DAY) : null,
        entries: { create: factors.map((f) => ({ riskFactorId: f.id, significance: pick(["HIGH", "MEDIUM", "LOW"] as const), chosen: chance(0.7) })) },
      },
    });
    const chosen = await db.riskProfileEntry.findMany({ where: { profileId: profile.id, chosen: true } });
    const owed: [string, string | null][] = [["CONCEPT", null], ["MEDIUM_TERM_PROGRAMME", null], ...chosen.map((e): [string, string] => ["ANTI_RISK_PROGRAMME", e.riskFactorId])];
    for (const [kind, riskFactorId] of owed) {
      if (chance(0.2)) continue; // not uploaded
      const status = pick(["DRAFT", "SUBMITTED", "SUBMITTED", "APPROVED", "RETURNED"] as const);
      const submitted = new Date(now - Math.floor(rnd.next() * 60) * DAY - Math.floor(rnd.next() * DAY));
      const decided = new Date(submitted.getTime() + Math.floor(rnd.next() * 20 * DAY));
      const d = await db.document.create({
        data: {
          participationId: pid,
          kind: kind as never,
          riskFactorId,
          status,
          submittedAt: status === "DRAFT" ? null : submitted,
          decidedAt: status === "APPROVED" || status === "RETURNED" ? decided : null,
        },
      });
      const v = await db.documentVersion.create({
        data: {
          documentId: d.id,
          number: 1,
          fileId: file.id,
          uploadedById: w.users.school.id,
          submittedAt: status === "DRAFT" ? null : submitted,
          submittedById: status === "DRAFT" ? null : w.users.school.id,
        },
      });
      if (status === "APPROVED" || status === "RETURNED")
        await db.review.create({
          data: { documentId: d.id, versionId: v.id, decision: status, comment: status === "RETURNED" ? "Доработать" : null, reviewerId: w.users.curator.id, createdAt: decided },
        });
    }
    // A reviewed roadmap attachment: a document kind the concept-document figures leave out.
    if (chance(0.3)) {
      const d = await db.document.create({ data: { participationId: pid, kind: "ROADMAP_ATTACHMENT", status: "APPROVED", submittedAt: new Date(now - 5 * DAY), decidedAt: new Date(now - DAY) } });
      const v = await db.documentVersion.create({
        data: { documentId: d.id, number: 1, fileId: file.id, uploadedById: w.users.school.id, submittedAt: new Date(now - 5 * DAY), submittedById: w.users.school.id },
      });
      await db.review.create({ data: { documentId: d.id, versionId: v.id, decision: "APPROVED", reviewerId: w.users.curator.id, createdAt: new Date(now - DAY) } });
    }
    if (pid !== w.participationId && chance(0.15)) continue; // no roadmap (the first school always has one)
    const rm = await db.roadmap.create({ data: { programmeYearId: year.id, participationId: pid, title: "Дорожная карта" } });
    for (let k = 0; k < 6; k++) {
      const due = chance(0.9) ? new Date(Date.UTC(2026, 11, 7 + Math.floor(rnd.next() * 16) - 8)) : null;
      const status = pick(["PLANNED", "IN_PROGRESS", "DONE", "DONE", "CANCELLED"] as const);
      const target = chance(0.6) ? Math.floor(rnd.next() * 100) : null;
      await db.measure.create({
        data: {
          roadmapId: rm.id,
          position: k + 1,
          title: `Мероприятие ${k + 1}`,
          responsible: [],
          dueDate: due,
          status,
          periodLabel: due ? null : "весь год",
          cancelReason: status === "CANCELLED" ? "Не нужно" : null,
          completedAt: status === "DONE" && due ? new Date(due.getTime() + Math.floor((rnd.next() - 0.5) * 3 * DAY)) : status === "DONE" ? new Date(now) : null,
          confirmedAt: status === "DONE" && chance(0.5) ? new Date(now) : null,
          baselineValue: target != null && chance(0.5) ? Math.floor(rnd.next() * 50) : null,
          targetValue: target,
          actualValue: target != null && chance(0.6) ? Math.floor(rnd.next() * 120) : null,
        },
      });
    }
  }
}

/** Every figure report of the world, through the stored figures and through the reference sections. */
async function both(now: Date) {
  const out: { stored: unknown[]; reference: unknown[]; groupBy: GroupBy }[] = [];
  for (const groupBy of ALL) {
    const run = async (stored: boolean) => {
      process.env.STORED_REPORT_FIGURES = stored ? "1" : "0";
      const q = figureReportSql(
        { kind: "MONITORING", filter: { ...emptyFilter([YEAR]), regionIds: [w.regionId] }, groupBy, order: { column: "group", desc: false }, page: { offset: 0, limit: 100 }, inactiveDays: 30 },
        { db: s.db, reach: { all: true } as never, now, cacheMs: 0 },
      );
      const rows = await s.db.$queryRaw<Record<string, unknown>[]>(q);
      // Sums of floats may differ in the last bit with the order of addition: compare to 1e-9.
      return rows.map((r) => ({ ...r, m_indicator_attainment: r.m_indicator_attainment == null ? null : Number(r.m_indicator_attainment).toFixed(9) }));
    };
    out.push({ groupBy, stored: await run(true), reference: await run(false) });
  }
  delete process.env.STORED_REPORT_FIGURES;
  return out;
}

async function expectSame(now: Date) {
  for (const r of await both(now)) {
    expect(r.stored.length, r.groupBy).toBeGreaterThan(0);
    expect(r.stored, r.groupBy).toEqual(r.reference);
  }
}

const fresh = async () => (await s.db.participationFigures.findMany({ where: { participationId: { in: pids }, fresh: true } })).map((f) => f.participationId);

beforeAll(async () => {
  s = await startServer();
  await generate(s.db);
});
afterAll(() => s?.stop());

describe("stored report figures", () => {
  it("equal the reference figures before the job ran, after it, after random writes through the services and on later days", async () => {
    const now = new Date();
    await expectSame(now); // nothing stored yet: every participation live
    await refreshStoredFigures(s.db);
    expect((await fresh()).sort()).toEqual([...pids].sort());
    await expectSame(now); // all stored

    const school = await s.signIn(w.users.school.email, TEST_PASSWORD);
    const curator = await s.signIn(w.users.curator.email, TEST_PASSWORD);
    const mine = (await s.db.measure.findMany({ where: { roadmap: { participationId: w.participationId } }, select: { id: true } })).map((m) => m.id);
    const ok: string[] = [];
    const outcomes: string[] = [];
    for (let i = 0; i < 24; i++) {
      const kind = pick(["progress", "create", "update", "cancel", "decide", "confirm"] as const);
      let r;
      if (kind === "progress" && mine.length)
        r = await s.gql(
          `mutation($i: ReportMeasureProgressInput!) { reportMeasureProgress(input: $i) { __typename } }`,
          { i: { id: gid("Measure", pick(mine)), status: pick(["DONE", "IN_PROGRESS", "PLANNED"]), actualValue: String(Math.floor(rnd.next() * 100)) } },
          { token: school },
        );
      else if (kind === "create") {
        const due = new Date(Date.now() + Math.floor((rnd.next() - 0.5) * 10) * DAY).toISOString().slice(0, 10);
        r = await s.gql(
          `mutation($i: CreateMeasureInput!) { createMeasure(input: $i) { __typename ... on MutationCreateMeasureSuccess { data { id } } } }`,
          { i: { participationId: gid("Participation", w.participationId), title: `Новое ${i}`, dueDate: due, responsible: ["Директор"], targetValue: "10" } },
          { token: school },
        );
        const id = r.data?.createMeasure?.data?.id;
        if (id) mine.push(Buffer.from(id, "base64").toString().split(":")[1]!);
      } else if (kind === "update" && mine.length)
        r = await s.gql(
          `mutation($i: UpdateMeasureInput!) { updateMeasure(input: $i) { __typename } }`,
          { i: { id: gid("Measure", pick(mine)), dueDate: new Date(Date.now() + Math.floor((rnd.next() - 0.5) * 10) * DAY).toISOString().slice(0, 10) } },
          { token: school },
        );
      else if (kind === "cancel" && mine.length)
        r = await s.gql(`mutation($id: ID!) { cancelMeasure(id: $id, reason: "Не требуется") { __typename } }`, { id: gid("Measure", pick(mine)) }, { token: school });
      else if (kind === "confirm" && mine.length) r = await s.gql(`mutation($id: ID!) { confirmMeasure(id: $id) { __typename } }`, { id: gid("Measure", pick(mine)) }, { token: curator });
      else {
        const waiting = await s.db.document.findMany({ where: { participationId: { in: pids }, status: "SUBMITTED" }, select: { id: true } });
        if (!waiting.length) continue;
        const id = gid("Document", pick(waiting).id);
        r = chance(0.5)
          ? await s.gql(`mutation($id: ID!) { approveDocument(id: $id) { __typename } }`, { id }, { token: curator })
          : await s.gql(`mutation($id: ID!) { returnDocument(id: $id, comment: "Доработать раздел 2") { __typename } }`, { id }, { token: curator });
      }
      const typename = r && (Object.values(r.data ?? {})[0] as { __typename?: string } | undefined)?.__typename;
      if (typename?.endsWith("Success")) ok.push(kind);
      outcomes.push(`${kind}: ${typename ?? r?.errors?.[0]?.message}`);
    }
    // Writes the services refuse (a measure already cancelled, a curator not assigned) are part of the
    // game; some must have gone through, or the comparison below would prove nothing.
    expect(ok.length, outcomes.join("; ")).toBeGreaterThan(4);
    // Writes outside those services reach the same triggers: a profile's choice, a curator, a roadmap review state.
    const entry = await s.db.riskProfileEntry.findFirstOrThrow({ where: { profile: { participationId: { in: pids.slice(1) } } } });
    await s.db.riskProfileEntry.update({ where: { id: entry.id }, data: { chosen: !entry.chosen } });
    const rm = await s.db.roadmap.findFirst({ where: { participationId: { in: pids.slice(1) } } });
    if (rm) await s.db.roadmap.update({ where: { id: rm.id }, data: { status: "RETURNED" } });

    expect(await fresh()).not.toContain(w.participationId); // written through the services: invalidated
    expect((await fresh()).length).toBeGreaterThan(0); // the others still stored
    await expectSame(new Date()); // stored and live mixed

    // Later days: rows whose date-dependent counts have moved on are computed live until the job runs.
    for (const days of [1, 3, 9, 40]) await expectSame(new Date(Date.now() + days * DAY));
    await refreshStoredFigures(s.db);
    expect((await fresh()).sort()).toEqual([...pids].sort());
    await expectSame(new Date());
  });

  it("stores nothing a concurrent write has changed: the row stays stale until the next run", async () => {
    await refreshStoredFigures(s.db);
    const m = await s.db.measure.findFirstOrThrow({ where: { roadmap: { participationId: { in: pids } }, status: { not: "CANCELLED" } }, include: { roadmap: true } });
    const pid = m.roadmap.participationId!;
    await s.db.participationFigures.update({ where: { participationId: pid }, data: { fresh: false } });
    const before = await s.db.participationFigures.findUniqueOrThrow({ where: { participationId: pid } });
    await s.db.$transaction(async (tx) => {
      await tx.measure.update({ where: { id: m.id }, data: { status: "CANCELLED", cancelReason: "тест" } });
      // The job runs while the write is uncommitted: it cannot see the write, and must not store a row.
      await refreshStoredFigures(s.db);
      expect((await s.db.participationFigures.findUniqueOrThrow({ where: { participationId: pid } })).fresh).toBe(true);
    });
    const after = await s.db.participationFigures.findUniqueOrThrow({ where: { participationId: pid } });
    expect(after.fresh).toBe(false);
    expect(after.generation).toBeGreaterThan(before.generation);
    await expectSame(new Date());
  });

  it("the scheduler's report-figures job stores the figures of stale participations by itself", async () => {
    await s.db.participationFigures.updateMany({ where: { participationId: { in: pids } }, data: { fresh: false } });
    expect(await fresh()).toEqual([]);
    const scheduler = await startScheduler({ databaseUrl: process.env.DATABASE_URL!, db: s.db, pubsub: s.app.pubsub, cron: null, pollingIntervalSeconds: 1 });
    try {
      await vi.waitFor(async () => expect((await fresh()).sort()).toEqual([...pids].sort()), { timeout: 30_000, interval: 250 });
    } finally {
      await scheduler.stop();
    }
    await expectSame(new Date());
  });
});
