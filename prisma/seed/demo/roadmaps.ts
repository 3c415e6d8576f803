// Roadmaps: one per current-year participation with measures placed around "now" (due soon, overdue,
// done with evidence, in progress, cancelled), and the municipal roadmaps of Балейский район.
// Each roadmap is planned in memory (ids made here) and written in one batch transaction.
import { randomUUID } from "node:crypto";
import type { MeasureStatus, Prisma, PrismaClient } from "../../generated/client/client.ts";
import { addDays, dateOnly, periodLabel, ruDayMonth } from "../lib/dates.ts";
import { inParallel } from "../lib/ensure.ts";
import { demoPdf, storeFile } from "../lib/storage.ts";
import { CANCEL_REASONS, templatesFor, type MeasureTemplate } from "../measures.ts";
import { curatorOf, municipalCoordinatorOf, schoolAccountOf } from "./accounts.ts";
import { idOf, participationFactorId, participationYearId, yearId, type DemoContext } from "./context.ts";
import { BALEY_MUNICIPAL_PLAN, MUNICIPAL_RESPONSIBLE } from "./municipal-plan.ts";
import { CURRENT_PARTICIPANTS, CURRENT_YEAR, DEMO_SCHOOLS, participationKey } from "./world.ts";
import { gid } from "../lib/gid.ts";

interface Slot {
  status: MeasureStatus;
  start: number;
  due: number;
  /** Days from now the measure was completed (DONE only). */
  done?: number;
  evidence?: "link" | "file";
}

/** The first six slots cover every case the demo must show; roadmaps have 6–10 measures. */
const SLOTS: readonly Slot[] = [
  { status: "DONE", start: -60, due: -20, done: -22, evidence: "link" },
  { status: "IN_PROGRESS", start: -14, due: 3 }, // due soon
  { status: "IN_PROGRESS", start: -30, due: -5 }, // overdue
  { status: "CANCELLED", start: -40, due: -10 },
  { status: "PLANNED", start: 1, due: 6 }, // due soon, not started
  { status: "IN_PROGRESS", start: -10, due: 60 },
  { status: "DONE", start: -45, due: -30, done: -31, evidence: "file" },
  { status: "PLANNED", start: -20, due: -12 }, // overdue, never started
  { status: "PLANNED", start: 30, due: 90 },
  { status: "DONE", start: -90, due: -50, done: -55, evidence: "link" },
];

/** Status changes since PLANNED: the measure's optimistic-concurrency revision. */
const REVISION: Record<MeasureStatus, number> = {
  PLANNED: 0,
  IN_PROGRESS: 1,
  DONE: 2,
  CANCELLED: 1,
};

const OVERDUE_COMMENT = "Срок прошёл. Обновите статус мероприятия и приложите подтверждение выполнения или перенесите срок с обоснованием.";

function actualValue(t: MeasureTemplate, slot: Slot, index: number): number | null {
  const progress = (share: number) => Math.round((t.baseline + (t.target - t.baseline) * share) * 100) / 100;
  if (slot.status === "DONE") return slot.evidence === "file" && index % 2 === 0 ? progress(0.8) : t.target;
  if (slot.status === "IN_PROGRESS" && t.indicatorUnit !== "да/нет") return progress(0.4);
  return null;
}

interface Rows {
  files: Prisma.StoredFileCreateManyInput[];
  measures: Prisma.MeasureCreateManyInput[];
  evidence: Prisma.MeasureEvidenceCreateManyInput[];
  comments: Prisma.MeasureCommentCreateManyInput[];
  notifications: Prisma.NotificationCreateManyInput[];
  audits: Prisma.AuditEventCreateManyInput[];
}

async function schoolRoadmapWrites(ctx: DemoContext, schoolKey: string, index: number, participationId: string) {
  const { db, now } = ctx;
  const school = DEMO_SCHOOLS.find((s) => s.key === schoolKey)!;
  const schoolUser = idOf(ctx.users, schoolAccountOf(schoolKey).email, "user");
  const curator = idOf(ctx.users, curatorOf(schoolKey).email, "user");
  const coordinator = idOf(ctx.users, municipalCoordinatorOf(school.municipality).email, "user");
  const schoolId = idOf(ctx.schools, schoolKey, "school");
  const chosen = await db.riskProfileEntry.findMany({
    where: { profile: { participationId }, chosen: true },
    select: { riskFactor: { select: { number: true } } },
  });
  const templates = templatesFor(chosen.map((c) => c.riskFactor.number));
  const roadmapId = randomUUID();
  const rows: Rows = {
    files: [],
    measures: [],
    evidence: [],
    comments: [],
    notifications: [],
    audits: [],
  };

  for (let i = 0; i < 6 + (index % 5); i++) {
    const slot = SLOTS[i]!;
    const t = templates[(i + index) % templates.length]!;
    const start = dateOnly(addDays(now, slot.start));
    const due = dateOnly(addDays(now, slot.due));
    const id = randomUUID();
    const completedAt = slot.done === undefined ? null : addDays(now, slot.done);
    rows.measures.push({
      id,
      roadmapId,
      position: i + 1,
      title: t.title,
      description: t.description,
      startDate: start,
      dueDate: due,
      periodLabel: periodLabel(start, due),
      responsible: t.responsible,
      riskFactorId: participationFactorId(ctx, schoolKey, CURRENT_YEAR, t.factor),
      indicatorName: t.indicatorName,
      indicatorUnit: t.indicatorUnit,
      baselineValue: t.baseline,
      targetValue: t.target,
      actualValue: actualValue(t, slot, index),
      status: slot.status,
      completedAt,
      cancelReason: slot.status === "CANCELLED" ? CANCEL_REASONS[index % CANCEL_REASONS.length]! : null,
      revision: REVISION[slot.status],
      createdAt: addDays(now, -50),
      updatedAt: completedAt ?? addDays(now, Math.min(slot.start, -1)),
    });
    const m = { id, title: t.title, due, slot, position: i + 1 };
    if (completedAt && slot.evidence) await addEvidence(rows, m, { schoolKey, schoolUser, completedAt });
    addFollowUp(ctx, rows, m, { schoolId, schoolUser, curator, coordinator });
  }

  return [
    db.roadmap.create({
      data: {
        id: roadmapId,
        programmeYearId: participationYearId(ctx, schoolKey, CURRENT_YEAR),
        participationId,
        title: `Дорожная карта ${school.shortName} на ${CURRENT_YEAR} год`,
        createdAt: addDays(now, -50),
      },
    }),
    db.measure.createMany({ data: rows.measures }),
    db.storedFile.createMany({ data: rows.files }),
    db.measureEvidence.createMany({ data: rows.evidence }),
    db.measureComment.createMany({ data: rows.comments }),
    db.notification.createMany({ data: rows.notifications }),
    db.auditEvent.createMany({ data: rows.audits }),
  ];
}

type PlannedMeasure = { id: string; title: string; due: Date; slot: Slot; position: number };

async function addEvidence(rows: Rows, m: PlannedMeasure, s: { schoolKey: string; schoolUser: string; completedAt: Date }) {
  if (m.slot.evidence === "link") {
    rows.evidence.push({
      measureId: m.id,
      url: `https://${s.schoolKey}.demo.medk.ru/500plus/news-${m.position}`,
      note: "Новость о проведённом мероприятии на сайте школы",
      addedById: s.schoolUser,
      createdAt: s.completedAt,
    });
    return;
  }
  // A real file, so the evidence can be downloaded.
  const stored = await storeFile(
    await demoPdf("Протокол педагогического совета", [
      `Мероприятие дорожной карты № ${m.position}: ${m.title}.`,
      "Присутствовали: директор, заместители директора, педагогические работники.",
      "Решили: считать мероприятие проведённым, материалы разместить на сайте школы.",
      "Демонстрационный документ: содержание условное.",
    ]),
  );
  const fileId = randomUUID();
  rows.files.push({
    id: fileId,
    ...stored,
    mediaType: "application/pdf",
    originalName: "Протокол педагогического совета.pdf",
    uploadedById: s.schoolUser,
    createdAt: s.completedAt,
  });
  rows.evidence.push({
    measureId: m.id,
    fileId,
    note: `Протокол: ${m.title}`,
    addedById: s.schoolUser,
    createdAt: s.completedAt,
  });
}

/** Comments, deadline alerts and history entries that the measure's state implies. */
function addFollowUp(ctx: DemoContext, rows: Rows, m: PlannedMeasure, who: { schoolId: string; schoolUser: string; curator: string; coordinator: string }) {
  const { now } = ctx;
  const { slot } = m;
  const open = slot.status !== "DONE" && slot.status !== "CANCELLED";
  const payload = {
    measureId: gid("Measure", m.id),
    schoolId: gid("School", who.schoolId),
    dueDate: m.due.toISOString().slice(0, 10),
  };
  if (open && slot.due >= 0 && slot.due <= 7) {
    rows.notifications.push({
      recipientId: who.schoolUser,
      kind: "DEADLINE_SOON",
      title: `Срок мероприятия истекает ${ruDayMonth(m.due)}: ${m.title}`,
      payload,
      // The same key the deadline scan uses, so its first run does not send these alerts again.
      dedupeKey: `measure:${m.id}:soon:${payload.dueDate}`,
      createdAt: addDays(now, -1),
    });
  }
  if (open && slot.due < 0) {
    const overdueAt = addDays(now, slot.due + 1);
    const commentAt = addDays(now, slot.due + 2);
    for (const recipientId of [who.schoolUser, who.coordinator]) {
      rows.notifications.push({
        recipientId,
        kind: "DEADLINE_OVERDUE",
        title: `Мероприятие просрочено: ${m.title}`,
        payload,
        dedupeKey: `measure:${m.id}:overdue:${payload.dueDate}`,
        createdAt: overdueAt,
      });
    }
    rows.comments.push({
      measureId: m.id,
      authorId: who.curator,
      body: OVERDUE_COMMENT,
      createdAt: commentAt,
    });
    rows.notifications.push({
      recipientId: who.schoolUser,
      kind: "MEASURE_COMMENTED",
      title: `Куратор прокомментировал мероприятие: ${m.title}`,
      payload: { measureId: gid("Measure", m.id), schoolId: gid("School", who.schoolId) },
      dedupeKey: `measure:${m.id}:commented:1`,
      createdAt: commentAt,
    });
  }
  if (slot.status !== "PLANNED") {
    rows.audits.push({
      actorId: who.schoolUser,
      action: "measure.statusChanged",
      entityType: "Measure",
      entityId: m.id,
      schoolId: who.schoolId,
      before: { status: "PLANNED" },
      after: { status: slot.status },
      reason: slot.status === "CANCELLED" ? "Отмена согласована с куратором" : null,
      createdAt: addDays(now, slot.done ?? Math.min(slot.start, -1)),
    });
  }
}

function municipalRoadmapWrites(ctx: DemoContext, year: number, municipalityId: string) {
  const { db, now } = ctx;
  const past = year !== CURRENT_YEAR;
  const documentsDue = ctx.years.get(CURRENT_YEAR)!.conceptDocumentsDue;
  const createdAt = past ? new Date(Date.UTC(2022, 2, 23)) : addDays(now, -75);
  const roadmapId = randomUUID();
  const measures = BALEY_MUNICIPAL_PLAN.map((row, i): Prisma.MeasureCreateManyInput => {
    const plan = row.now;
    const start = past ? row.y2022[0] : dateOnly(addDays(now, plan.start));
    const due = past ? row.y2022[1] : plan.due === "documents" ? documentsDue : plan.due === "year" ? dateOnly(addDays(documentsDue, 61)) : dateOnly(addDays(now, plan.due));
    const status: MeasureStatus = past ? "DONE" : plan.status;
    const label = past ? row.y2022[2] : (plan.label ?? (plan.due === "documents" ? `До ${ruDayMonth(due)}` : periodLabel(start, due)));
    return {
      roadmapId,
      position: i + 1,
      title: row.title,
      startDate: start,
      dueDate: due,
      periodLabel: label,
      responsible: MUNICIPAL_RESPONSIBLE,
      indicatorName: row.indicator,
      indicatorUnit: row.percent ? "%" : null,
      targetValue: row.percent ? 100 : null,
      actualValue: row.percent && status === "DONE" ? 100 : null,
      status,
      completedAt: status === "DONE" ? due : null,
      revision: REVISION[status],
      createdAt,
      updatedAt: status === "DONE" ? due : addDays(now, -1),
    };
  });
  const title = "Дорожная карта МР «Балейский район» по организации адресной методической поддержки школ " + `с низкими образовательными результатами (500+) на ${year} год`;
  return [
    db.roadmap.create({
      data: { id: roadmapId, programmeYearId: yearId(ctx, year), municipalityId, title, createdAt },
    }),
    db.measure.createMany({ data: measures }),
  ];
}

export async function seedRoadmaps(ctx: DemoContext): Promise<void> {
  const db: PrismaClient = ctx.db;
  await inParallel(CURRENT_PARTICIPANTS, async (schoolKey, index) => {
    const participationId = idOf(ctx.participations, participationKey(schoolKey, CURRENT_YEAR), "participation");
    if (await db.roadmap.findUnique({ where: { participationId }, select: { id: true } })) return;
    await db.$transaction(await schoolRoadmapWrites(ctx, schoolKey, index, participationId));
  });
  const municipalityId = idOf(ctx.municipalities, "baley", "municipality");
  for (const year of [2022, CURRENT_YEAR]) {
    const key = { municipalityId, programmeYearId: yearId(ctx, year) };
    if (
      await db.roadmap.findUnique({
        where: { municipalityId_programmeYearId: key },
        select: { id: true },
      })
    )
      continue;
    await db.$transaction(municipalRoadmapWrites(ctx, year, municipalityId));
  }
}
