// Deadline alerts: measures due soon and overdue, concept documents before and after the year's
// deadline, submissions waiting for review — each sent exactly once per item and threshold, on the
// region's clock (Забайкальский край, UTC+9), stored and pushed live; also through pg-boss, across a
// restart.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nextEvents, startServer, type TestServer } from "../../testkit/server.ts";
import { seedWorld, TEST_PASSWORD, type World } from "../../testkit/seed.ts";
import { createPrisma } from "../../../api/src/db.ts";
import { createTopics } from "../../../api/src/pubsub.ts";
import { runDeadlineScan } from "../../../api/src/modules/deadline/scan.ts";
import { startScheduler } from "../../../api/src/modules/deadline/scheduler.ts";

let s: TestServer;
let w: World;
let roadmapId: string;
let soonDays: number;

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
/** A moment written as Chita local time («2026-03-20 23:30» → 14:30 UTC). */
const chita = (local: string) => new Date(new Date(`${local.replace(" ", "T")}:00Z`).getTime() - 9 * 3600_000);
const scope = () => ({ municipalityIds: [w.municipalityId] });
const scan = (now: Date, pubsub = s.app.pubsub) => runDeadlineScan(s.db, pubsub, now, scope());
const alertsOf = (userId: string, kind: string) => s.db.notification.findMany({ where: { recipientId: userId, kind: kind as never }, orderBy: { id: "asc" } });

let seq = 0;
const measure = (title: string, data: Record<string, unknown>) => s.db.measure.create({ data: { roadmapId, position: ++seq, title, status: "PLANNED", ...data } });

beforeAll(async () => {
  s = await startServer();
  w = await seedWorld(s.db, { regionCode: 75 });
  roadmapId = (await s.db.roadmap.create({ data: { programmeYearId: w.programmeYearId, participationId: w.participationId, title: "Карта" } })).id;
  soonDays = (await s.db.programmeYear.findUniqueOrThrow({ where: { id: w.programmeYearId } })).measureDueSoonDays;
});
afterAll(() => s.stop());

describe("measures", () => {
  it("a measure due within the year's setting alerts its school and curator once, not the municipality", async () => {
    const m = await measure("Педагогический совет «Анализ рискового профиля»", { dueDate: d("2026-03-20") });
    await measure("Уже выполнено", { dueDate: d("2026-03-19"), status: "DONE", completedAt: new Date() });
    await measure("Отменено", { dueDate: d("2026-03-19"), status: "CANCELLED", cancelReason: "не нужно" });
    await measure("Ещё не скоро", { dueDate: d("2026-12-20") });
    const now = chita("2026-03-20 12:00");
    expect(soonDays).toBeGreaterThanOrEqual(1);

    const first = await scan(now);
    expect(first).toMatchObject({ DEADLINE_SOON: 2, DEADLINE_OVERDUE: 0 });
    const [alert] = await alertsOf(w.users.school.id, "DEADLINE_SOON");
    expect(alert!.title).toMatch(/^МКОУ «Тест .+»: срок мероприятия «Педагогический совет «Анализ рискового профиля»» — 20\.03\.2026 \(сегодня\)$/);
    expect(alert!.dedupeKey).toBe(`measure:${m.id}:soon:2026-03-20`);
    expect(alert!.payload).toMatchObject({ measureId: Buffer.from(`Measure:${m.id}`).toString("base64"), dueDate: "2026-03-20" });
    expect(await alertsOf(w.users.curator.id, "DEADLINE_SOON")).toHaveLength(1);
    expect(await alertsOf(w.users.municipal.id, "DEADLINE_SOON")).toHaveLength(0);
  });

  it("running the scan twice, and concurrently from two «instances», sends nothing more", async () => {
    const now = chita("2026-03-20 12:00");
    expect(await scan(now)).toMatchObject({ DEADLINE_SOON: 0 });
    const other = createPrisma(process.env.DATABASE_URL!, { poolSize: 2 });
    try {
      const [a, b] = await Promise.all([scan(now), runDeadlineScan(other, createTopics(), now, scope())]);
      expect(a.DEADLINE_SOON + b.DEADLINE_SOON).toBe(0);
    } finally {
      await other.$disconnect();
    }
    expect(await alertsOf(w.users.school.id, "DEADLINE_SOON")).toHaveLength(1);
  });

  it("a measure due «today» is not overdue at 23:30 in Chita, and is at 00:30 — though it is still the same day in UTC", async () => {
    expect(await scan(chita("2026-03-20 23:30"))).toMatchObject({ DEADLINE_OVERDUE: 0 });
    const after = chita("2026-03-21 00:30");
    expect(after.toISOString().slice(0, 10)).toBe("2026-03-20");
    const r = await scan(after);
    expect(r.DEADLINE_OVERDUE).toBe(3); // school, curator, municipal coordinator
    for (const u of [w.users.school, w.users.curator, w.users.municipal]) {
      const [a] = await alertsOf(u.id, "DEADLINE_OVERDUE");
      expect(a!.title).toMatch(/: просрочено мероприятие «Педагогический совет «Анализ рискового профиля»» \(срок 20\.03\.2026\)$/);
    }
    expect(await scan(chita("2026-03-25 09:00"))).toMatchObject({ DEADLINE_OVERDUE: 0 });
  });

  it("a postponed measure is announced again for its new date", async () => {
    const m = await measure("Открытые уроки", { dueDate: d("2026-03-31") });
    expect((await scan(chita("2026-03-30 10:00"))).DEADLINE_SOON).toBe(2);
    // Postponed to the last day the year's setting still counts as «soon».
    const postponed = new Date(d("2026-03-30").getTime() + soonDays * 86_400_000).toISOString().slice(0, 10);
    await s.db.measure.update({ where: { id: m.id }, data: { dueDate: d(postponed) } });
    expect((await scan(chita("2026-03-30 11:00"))).DEADLINE_SOON).toBe(2);
    const keys = (await alertsOf(w.users.school.id, "DEADLINE_SOON")).map((n) => n.dedupeKey);
    expect(keys).toEqual(expect.arrayContaining([`measure:${m.id}:soon:2026-03-31`, `measure:${m.id}:soon:${postponed}`]));
  });

  it("a municipal roadmap's measure alerts its municipal coordinator", async () => {
    const r = await s.db.roadmap.create({ data: { programmeYearId: w.programmeYearId, municipalityId: w.municipalityId, title: "Муниципальная" } });
    await s.db.measure.create({ data: { roadmapId: r.id, position: 1, title: "Вебинар для муниципальных координаторов", dueDate: d("2026-05-12") } });
    expect(await scan(chita("2026-05-10 09:00"))).toMatchObject({ DEADLINE_SOON: 1 });
    const [a] = await alertsOf(w.users.municipal.id, "DEADLINE_SOON");
    expect(a!.title).toMatch(/^Тестовый район .+: срок мероприятия «Вебинар для муниципальных координаторов» — 12\.05\.2026 \(через 2 дн\.\)$/);
  });
});

describe("concept documents and reviews", () => {
  let due: Date;
  let soonBefore: number;
  beforeAll(async () => {
    const py = await s.db.programmeYear.findUniqueOrThrow({ where: { id: w.programmeYearId } });
    due = py.conceptDocumentsDue;
    soonBefore = py.documentsDueSoonDays;
    const factor = await s.db.riskFactor.findFirstOrThrow({ where: { programmeYearId: w.programmeYearId, number: 3 } });
    await s.db.riskProfile.create({ data: { participationId: w.participationId, entries: { create: [{ riskFactorId: factor.id, significance: "HIGH", chosen: true }] } } });
    await s.db.document.create({ data: { participationId: w.participationId, kind: "CONCEPT", status: "APPROVED", submittedAt: new Date() } });
  });
  const dayOffset = (days: number, time = "12:00") => chita(`${new Date(due.getTime() + days * 86_400_000).toISOString().slice(0, 10)} ${time}`);

  it("before the deadline the school is told once which documents are still missing", async () => {
    expect((await scan(dayOffset(-soonBefore - 1))).DOCUMENTS_DUE_SOON).toBe(0);
    expect((await scan(dayOffset(-2))).DOCUMENTS_DUE_SOON).toBe(1);
    expect((await scan(dayOffset(-1))).DOCUMENTS_DUE_SOON).toBe(0);
    const [a] = await alertsOf(w.users.school.id, "DOCUMENTS_DUE_SOON");
    expect(a!.title).toMatch(
      /: до \d\d\.\d\d\.\d{4} \(через 2 дн\.\) отправьте на проверку: Среднесрочная программа развития, Программа антирисковых мер «Недостаточная предметная и методическая компетентность педагогических работников»$/,
    );
    expect(await alertsOf(w.users.curator.id, "DOCUMENTS_DUE_SOON")).toHaveLength(0);
  });

  it("the deadline day is not overdue until it ends in Chita; then school, curator and municipality hear once", async () => {
    expect((await scan(dayOffset(0, "23:50"))).DOCUMENTS_OVERDUE).toBe(0);
    expect((await scan(dayOffset(1, "00:10"))).DOCUMENTS_OVERDUE).toBe(3);
    expect((await scan(dayOffset(3))).DOCUMENTS_OVERDUE).toBe(0);
    const [a] = await alertsOf(w.users.municipal.id, "DOCUMENTS_OVERDUE");
    expect(a!.title).toContain("прошёл, не отправлены на проверку: Среднесрочная программа развития, Программа антирисковых мер");
  });

  it("a submission waiting longer than the year's setting alerts the curator and the municipal coordinator, not the school", async () => {
    const wait = (await s.db.programmeYear.findUniqueOrThrow({ where: { id: w.programmeYearId } })).reviewWaitDays;
    const submittedAt = new Date("2026-06-01T03:00:00Z");
    const doc = await s.db.document.create({ data: { participationId: w.participationId, kind: "MEDIUM_TERM_PROGRAMME", status: "SUBMITTED", submittedAt } });
    const at = (days: number) => new Date(submittedAt.getTime() + days * 86_400_000);
    expect((await scan(at(wait - 0.1))).REVIEW_WAITING).toBe(0);
    expect((await scan(at(wait + 0.1))).REVIEW_WAITING).toBe(2);
    expect((await scan(at(wait + 2))).REVIEW_WAITING).toBe(0);
    const [a] = await alertsOf(w.users.curator.id, "REVIEW_WAITING");
    expect(a!.title).toMatch(new RegExp(`: документ «Среднесрочная программа развития» ждёт проверки ${wait} дн\\. \\(отправлен 01\\.06\\.2026\\)$`));
    expect(a!.payload).toMatchObject({ documentId: Buffer.from(`Document:${doc.id}`).toString("base64") });
    expect(await alertsOf(w.users.school.id, "REVIEW_WAITING")).toHaveLength(0);
  });
});

describe("roadmaps", () => {
  it("the year's roadmapDue: before it the owners hear once, after its last minute in Chita school, curator, municipality and region hear once", async () => {
    const due = (await s.db.programmeYear.findUniqueOrThrow({ where: { id: w.programmeYearId } })).roadmapDue!;
    /** `days` after the due date, at `hour` o'clock in Chita. */
    const local = (days: number, hour: number) => new Date(due.getTime() + days * 86_400_000 + (hour - 9) * 3_600_000);
    const dueRu = due.toISOString().slice(0, 10).split("-").reverse().join(".");
    const school = await s.db.school.findUniqueOrThrow({ where: { id: w.schoolId } });
    const municipality = await s.db.municipality.findUniqueOrThrow({ where: { id: w.municipalityId } });
    // The municipal roadmap of the test above is owed too: the municipality has a participating school.
    expect(await s.db.roadmap.count({ where: { municipalityId: w.municipalityId, programmeYearId: w.programmeYearId } })).toBe(1);

    // A day before: the school (its roadmap) and the municipal coordinator (the municipal one), nobody above.
    const soon = await scan(local(-1, 12));
    expect(soon.ROADMAP_DUE_SOON).toBe(2);
    expect((await alertsOf(w.users.school.id, "ROADMAP_DUE_SOON")).map((n) => n.title)).toEqual([`${school.shortName}: до ${dueRu} (завтра) отправьте дорожную карту на проверку`]);
    expect((await alertsOf(w.users.municipal.id, "ROADMAP_DUE_SOON")).map((n) => n.title)).toEqual([`${municipality.name}: до ${dueRu} (завтра) отправьте дорожную карту на проверку`]);
    expect(await alertsOf(w.users.curator.id, "ROADMAP_DUE_SOON")).toHaveLength(0);

    // Exactly once: later scans that day and on the due day itself (until 23:59 in Chita) send nothing.
    expect(await scan(local(-1, 18))).toMatchObject({ ROADMAP_DUE_SOON: 0, ROADMAP_OVERDUE: 0 });
    expect(await scan(local(0, 23.5))).toMatchObject({ ROADMAP_DUE_SOON: 0, ROADMAP_OVERDUE: 0 });

    // 00:30 in Chita the next day — still the due date in UTC — it is overdue.
    const after = local(1, 0.5);
    expect(after.toISOString().slice(0, 10)).toBe(due.toISOString().slice(0, 10));
    const late = await scan(after);
    const regional = await s.db.user.findMany({ where: { active: true, roles: { some: { role: "REGIONAL_COORDINATOR", regionId: w.regionId } } }, select: { id: true } });
    expect(regional.length).toBeGreaterThan(0);
    // school roadmap: school, curator, municipal coordinator; municipal roadmap: municipal coordinator and the region's coordinators.
    expect(late.ROADMAP_OVERDUE).toBe(3 + 1 + regional.length);
    const [overdue] = await alertsOf(w.users.curator.id, "ROADMAP_OVERDUE");
    expect(overdue!.title).toBe(`${school.shortName}: срок дорожной карты (${dueRu}) прошёл, а она не отправлена на проверку или не принята`);
    expect(overdue!.payload).toMatchObject({ schoolId: Buffer.from(`School:${w.schoolId}`).toString("base64"), dueDate: due.toISOString().slice(0, 10) });
    expect(await alertsOf(w.users.municipal.id, "ROADMAP_OVERDUE")).toHaveLength(2);
    // The region's coordinator may hear about other test files' municipalities of the same region too.
    expect((await alertsOf(regional[0]!.id, "ROADMAP_OVERDUE")).filter((n) => n.title.startsWith(`${municipality.name}:`))).toHaveLength(1);
    expect(await scan(local(5, 9))).toMatchObject({ ROADMAP_OVERDUE: 0 });
  });
});

describe("delivery", () => {
  it("a subscribed school client receives the alert live", async () => {
    await measure("Заседание управляющего совета", { dueDate: d("2026-09-08") });
    const token = await s.signIn(w.users.school.email, TEST_PASSWORD);
    const client = s.ws(token);
    const events = nextEvents(client, "subscription { notificationReceived { kind title } }", 1, 10_000);
    await new Promise((r) => setTimeout(r, 300)); // let the subscription register
    await scan(chita("2026-09-06 10:00"));
    const [e] = await events;
    expect(e!.data).toEqual({ notificationReceived: { kind: "DEADLINE_SOON", title: expect.stringContaining("«Заседание управляющего совета» — 08.09.2026 (через 2 дн.)") } });
  });

  it("pg-boss runs the scan as a job; after a restart of the scheduler the same scan sends nothing again", async () => {
    await measure("Методический день", { dueDate: d("2026-10-15") });
    const now = chita("2026-10-14 09:00").toISOString();
    const run = async () => {
      let resolve!: (r: unknown) => void;
      const done = new Promise((r) => (resolve = r));
      const scheduler = await startScheduler({ databaseUrl: process.env.DATABASE_URL!, db: s.db, pubsub: s.app.pubsub, cron: null, pollingIntervalSeconds: 1, onScan: resolve });
      try {
        expect(await scheduler.enqueue({ now, municipalityIds: [w.municipalityId] })).toBeTruthy();
        return await done;
      } finally {
        await scheduler.stop();
      }
    };
    expect(await run()).toMatchObject({ DEADLINE_SOON: 2 });
    expect(await run()).toMatchObject({ DEADLINE_SOON: 0, DEADLINE_OVERDUE: 0 });
    const alerts = await alertsOf(w.users.school.id, "DEADLINE_SOON");
    expect(alerts.filter((a) => a.title.includes("Методический день"))).toHaveLength(1);
  }, 60_000);
});
