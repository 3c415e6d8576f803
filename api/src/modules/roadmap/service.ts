// Roadmaps and their measures. Each call runs in the house order — assert access → validate → write with
// audit (and notifications) in one transaction → publish after commit. Every change of a measure is an
// audit event of the measure, so its history is complete; `revision` guards against lost updates.
import { encodeGlobalID } from "@pothos/plugin-relay";
import { config } from "../../config.ts";
import type { Context } from "../../context.ts";
import type { Prisma } from "../../db.ts";
import { DomainError, forbidden, notFound } from "../../errors.ts";
import {
  canCommentRoadmap,
  canEditRoadmap,
  canSeeRoadmap,
  loadParticipationPlace,
  loadRoadmapPlace,
  type RoadmapPlace,
} from "../../auth/access.ts";
import type { Viewer } from "../../auth/viewer.ts";
import type { MeasureStatus } from "../../../../prisma/generated/client/enums.ts";
import { audit } from "../audit/service.ts";
import { writeNotifications } from "../notification/service.ts";
import { audienceOf } from "../deadline/recipients.ts";
import { judgeFile } from "../document/service.ts";
import { fileStorage, FileTooLargeError } from "../document/storage.ts";
import { measureProblems, type MeasureValues, type Problem } from "./validation.ts";

/** Transactions wait their turn on a busy pool instead of failing after Prisma's 2 s default. */
export const TX = { maxWait: 15_000, timeout: 60_000 } as const;

export class MeasureInvalidError extends DomainError {
  constructor(readonly problems: Problem[]) {
    super(problems.map((p) => p.message).join("; "), "MEASURE_INVALID");
  }
}
export const fail = (code: string, message: string) => new DomainError(message, code);

const requireViewer = (ctx: Context): Viewer => {
  if (!ctx.viewer) throw forbidden("Требуется вход в систему");
  return ctx.viewer;
};

// ---------------------------------------------------------------- where a roadmap is

/** Which roadmap a write goes to: an existing one, or the one of a participation / municipality and year. */
export interface RoadmapTarget {
  roadmapId?: string | null;
  participationId?: string | null;
  municipalityId?: string | null;
  year?: number | null;
}

interface ResolvedTarget {
  place: RoadmapPlace;
  roadmapId: string | null;
  programmeYearId: string;
  /** How to create the roadmap when it does not exist yet. */
  create: Prisma.RoadmapUncheckedCreateInput;
}

/** Finds the roadmap a target names (or what creating it needs); not visible → NOT_FOUND. */
export async function resolveTarget(ctx: Context, viewer: Viewer, t: RoadmapTarget): Promise<ResolvedTarget> {
  if (t.roadmapId) {
    const place = await loadRoadmapPlace(ctx.db, t.roadmapId);
    if (!place || !canSeeRoadmap(viewer.read, place)) throw notFound("Дорожная карта не найдена");
    const r = await ctx.db.roadmap.findUniqueOrThrow({ where: { id: t.roadmapId } });
    return { place, roadmapId: r.id, programmeYearId: r.programmeYearId, create: r };
  }
  if (t.participationId) {
    const pp = await loadParticipationPlace(ctx.db, t.participationId);
    const place: RoadmapPlace | null = pp && { ...pp };
    if (!place || !canSeeRoadmap(viewer.read, place)) throw notFound("Участие школы не найдено");
    const p = await ctx.db.participation.findUniqueOrThrow({
      where: { id: t.participationId },
      select: { programmeYearId: true, programmeYear: { select: { year: true } }, school: { select: { shortName: true } }, roadmap: { select: { id: true } } },
    });
    return {
      place,
      roadmapId: p.roadmap?.id ?? null,
      programmeYearId: p.programmeYearId,
      create: { programmeYearId: p.programmeYearId, participationId: t.participationId, title: `Дорожная карта ${p.school.shortName} на ${p.programmeYear.year} год` },
    };
  }
  if (t.municipalityId && t.year != null) {
    const m = await ctx.db.municipality.findUnique({ where: { id: t.municipalityId }, select: { id: true, regionId: true, name: true } });
    const place: RoadmapPlace | null = m && { participationId: null, schoolId: null, municipalityId: m.id, regionId: m.regionId };
    if (!place || !canSeeRoadmap(viewer.read, place)) throw notFound("Муниципалитет не найден");
    const year = await ctx.db.programmeYear.findUnique({ where: { year: t.year }, select: { id: true } });
    if (!year) throw fail("YEAR_UNKNOWN", `Год проекта ${t.year} не заведён`);
    const r = await ctx.db.roadmap.findUnique({ where: { municipalityId_programmeYearId: { municipalityId: m!.id, programmeYearId: year.id } }, select: { id: true } });
    return {
      place,
      roadmapId: r?.id ?? null,
      programmeYearId: year.id,
      create: { programmeYearId: year.id, municipalityId: m!.id, title: `Муниципальная дорожная карта: ${m!.name}, ${t.year} год` },
    };
  }
  throw fail("ROADMAP_TARGET_MISSING", "Укажите дорожную карту: её id, участие школы или муниципалитет с годом");
}

/** The roadmap's id, creating it inside `tx` on its first measure (a concurrent creator wins harmlessly). */
export async function ensureRoadmap(tx: Prisma.TransactionClient, target: ResolvedTarget): Promise<string> {
  if (target.roadmapId) return target.roadmapId;
  const c = target.create;
  const existing = await tx.roadmap.findFirst({
    where: c.participationId ? { participationId: c.participationId } : { municipalityId: c.municipalityId!, programmeYearId: c.programmeYearId },
    select: { id: true },
  });
  if (existing) return existing.id;
  const rows = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO "Roadmap" ("programmeYearId", "participationId", "municipalityId", title)
    VALUES (${c.programmeYearId}::uuid, ${c.participationId ?? null}::uuid, ${c.municipalityId ?? null}::uuid, ${c.title})
    ON CONFLICT DO NOTHING RETURNING id::text`;
  if (rows[0]) return rows[0].id;
  const again = await tx.roadmap.findFirstOrThrow({
    where: c.participationId ? { participationId: c.participationId } : { municipalityId: c.municipalityId!, programmeYearId: c.programmeYearId },
    select: { id: true },
  });
  return again.id;
}

const assertEdit = (viewer: Viewer, place: RoadmapPlace) => {
  if (!canEditRoadmap(viewer.act, place))
    throw forbidden(
      place.schoolId
        ? "Изменять дорожную карту может сама школа (и координаторы региона); куратор может комментировать"
        : "Изменять муниципальную дорожную карту может муниципальный координатор (и координаторы региона)",
    );
};

// ---------------------------------------------------------------- measures

const measureSelect = {
  id: true,
  roadmapId: true,
  position: true,
  title: true,
  description: true,
  startDate: true,
  dueDate: true,
  periodLabel: true,
  responsible: true,
  riskFactorId: true,
  indicatorName: true,
  indicatorUnit: true,
  baselineValue: true,
  targetValue: true,
  actualValue: true,
  status: true,
  completedAt: true,
  cancelReason: true,
  revision: true,
  roadmap: { select: { programmeYearId: true } },
  _count: { select: { evidence: true } },
} satisfies Prisma.MeasureSelect;
type MeasureRow = Prisma.MeasureGetPayload<{ select: typeof measureSelect }>;

/** A measure the viewer may see, with where its roadmap lies; otherwise NOT_FOUND. */
async function loadMeasure(ctx: Context, viewer: Viewer, measureId: string, tx: Prisma.TransactionClient = ctx.db) {
  const m = await tx.measure.findUnique({ where: { id: measureId }, select: measureSelect });
  const place = m && (await loadRoadmapPlace(ctx.db, m.roadmapId));
  if (!m || !place || !canSeeRoadmap(viewer.read, place)) throw notFound("Мероприятие не найдено");
  return { m, place };
}

const day = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 10) : null);
const dec = (v: { toString(): string } | string | null | undefined) => (v == null ? null : String(v));

/** The plan and progress of a measure as plain values, for the history. */
export function measureSnapshot(m: Omit<MeasureRow, "roadmap" | "_count" | "id" | "roadmapId" | "revision">) {
  return {
    position: m.position,
    title: m.title,
    description: m.description,
    startDate: day(m.startDate),
    dueDate: day(m.dueDate),
    periodLabel: m.periodLabel,
    responsible: m.responsible,
    riskFactorId: m.riskFactorId,
    indicatorName: m.indicatorName,
    indicatorUnit: m.indicatorUnit,
    baselineValue: dec(m.baselineValue),
    targetValue: dec(m.targetValue),
    actualValue: dec(m.actualValue),
    status: m.status,
    completedAt: m.completedAt?.toISOString() ?? null,
    cancelReason: m.cancelReason,
  };
}

/** Only what differs between two snapshots, as { before, after }. */
function changes<T extends Record<string, unknown>>(before: T, after: T) {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const k of Object.keys(after)) {
    if (JSON.stringify(before[k]) !== JSON.stringify(after[k])) {
      b[k] = before[k];
      a[k] = after[k];
    }
  }
  return { before: b, after: a, changed: Object.keys(a).length > 0 };
}

function assertValid(values: MeasureValues) {
  const problems = measureProblems(values);
  if (problems.length) throw new MeasureInvalidError(problems);
}

/**
 * A linked risk must be a risk factor of the roadmap's year; on a school roadmap it must also be one of
 * the risks the school chose to work on.
 */
export async function assertRiskFactor(db: Prisma.TransactionClient, riskFactorId: string | null | undefined, place: RoadmapPlace, programmeYearId: string) {
  if (!riskFactorId) return;
  const f = await db.riskFactor.findUnique({ where: { id: riskFactorId }, select: { programmeYearId: true, title: true } });
  if (!f || f.programmeYearId !== programmeYearId) throw fail("RISK_FACTOR_UNKNOWN", "Фактор риска не относится к году этой дорожной карты");
  if (place.participationId) {
    const chosen = await db.riskProfileEntry.findFirst({
      where: { riskFactorId, chosen: true, profile: { participationId: place.participationId } },
      select: { id: true },
    });
    if (!chosen) throw fail("RISK_NOT_CHOSEN", `Фактор риска «${f.title}» не выбран школой для работы в рисковом профиле`);
  }
}

export interface MeasurePlan {
  title: string;
  description?: string | null;
  startDate?: Date | null;
  dueDate?: Date | null;
  periodLabel?: string | null;
  responsible?: string[] | null;
  riskFactorId?: string | null;
  indicatorName?: string | null;
  indicatorUnit?: string | null;
  baselineValue?: string | null;
  targetValue?: string | null;
}

const planData = (p: Partial<MeasurePlan>) => ({
  ...(p.title !== undefined ? { title: p.title.trim() } : {}),
  ...(p.description !== undefined ? { description: p.description?.trim() || null } : {}),
  ...(p.startDate !== undefined ? { startDate: p.startDate } : {}),
  ...(p.dueDate !== undefined ? { dueDate: p.dueDate } : {}),
  ...(p.periodLabel !== undefined ? { periodLabel: p.periodLabel?.trim() || null } : {}),
  ...(p.responsible !== undefined ? { responsible: (p.responsible ?? []).map((r) => r.trim()).filter(Boolean) } : {}),
  ...(p.riskFactorId !== undefined ? { riskFactorId: p.riskFactorId } : {}),
  ...(p.indicatorName !== undefined ? { indicatorName: p.indicatorName?.trim() || null } : {}),
  ...(p.indicatorUnit !== undefined ? { indicatorUnit: p.indicatorUnit?.trim() || null } : {}),
  ...(p.baselineValue !== undefined ? { baselineValue: p.baselineValue } : {}),
  ...(p.targetValue !== undefined ? { targetValue: p.targetValue } : {}),
});

/** Roadmap changed: live screens refetch it. */
const published = (ctx: Context, roadmapId: string) => ctx.pubsub.publish("roadmap:updated", roadmapId, { roadmapId });

async function touchParticipation(tx: Prisma.TransactionClient, place: RoadmapPlace) {
  if (place.participationId) await tx.participation.update({ where: { id: place.participationId }, data: { lastActivityAt: new Date() } });
}

/** Adds a measure at the end of a roadmap (creating the roadmap with its first measure). */
export async function createMeasure(ctx: Context, target: RoadmapTarget, plan: MeasurePlan): Promise<{ id: string }> {
  const viewer = requireViewer(ctx);
  const t = await resolveTarget(ctx, viewer, target);
  assertEdit(viewer, t.place);
  const data = { ...planData(plan), title: plan.title.trim() };
  assertValid(data);
  await assertRiskFactor(ctx.db, data.riskFactorId, t.place, t.programmeYearId);
  const id = await ctx.db.$transaction(async (tx) => {
    const roadmapId = await ensureRoadmap(tx, t);
    const last = await tx.measure.aggregate({ where: { roadmapId }, _max: { position: true } });
    const m = await tx.measure.create({ data: { ...data, roadmapId, position: (last._max.position ?? 0) + 1 }, select: measureSelect });
    await audit(tx, { actorId: viewer.id, action: "measure.create", entityType: "Measure", entityId: m.id, schoolId: t.place.schoolId, after: measureSnapshot(m) });
    await touchParticipation(tx, t.place);
    return { id: m.id, roadmapId };
  }, TX);
  published(ctx, id.roadmapId);
  return { id: id.id };
}

/** Applies a guarded change: the measure must still have the revision we read (and the caller's, if given). */
async function guardedUpdate(tx: Prisma.TransactionClient, m: MeasureRow, expected: number | null | undefined, data: Prisma.MeasureUncheckedUpdateManyInput) {
  if (expected != null && expected !== m.revision) throw staleError();
  const { count } = await tx.measure.updateMany({ where: { id: m.id, revision: m.revision }, data: { ...data, revision: { increment: 1 } } });
  if (!count) throw staleError();
  return tx.measure.findUniqueOrThrow({ where: { id: m.id }, select: measureSelect });
}
const staleError = () => fail("MEASURE_CHANGED", "Мероприятие только что изменил другой пользователь. Обновите страницу и повторите");

const assertNotCancelled = (m: MeasureRow) => {
  if (m.status === "CANCELLED") throw fail("MEASURE_CANCELLED", "Мероприятие отменено: его нельзя изменить");
};

/** Changes the plan of a measure (what, when, who, risk, indicator, baseline and target). */
export async function updateMeasure(ctx: Context, measureId: string, patch: Partial<MeasurePlan>, expectedRevision?: number | null): Promise<{ id: string }> {
  const viewer = requireViewer(ctx);
  const { m, place } = await loadMeasure(ctx, viewer, measureId);
  assertEdit(viewer, place);
  assertNotCancelled(m);
  const data = planData(patch);
  assertValid({ ...m, baselineValue: dec(m.baselineValue), targetValue: dec(m.targetValue), actualValue: dec(m.actualValue), ...data } as MeasureValues);
  if (data.riskFactorId && data.riskFactorId !== m.riskFactorId) await assertRiskFactor(ctx.db, data.riskFactorId, place, m.roadmap.programmeYearId);
  await ctx.db.$transaction(async (tx) => {
    const after = await guardedUpdate(tx, m, expectedRevision, data);
    const diff = changes(measureSnapshot(m), measureSnapshot(after));
    if (diff.changed)
      await audit(tx, { actorId: viewer.id, action: "measure.update", entityType: "Measure", entityId: m.id, schoolId: place.schoolId, before: diff.before, after: diff.after });
    await touchParticipation(tx, place);
  }, TX);
  published(ctx, m.roadmapId);
  return { id: m.id };
}

export interface ProgressReport {
  status?: Exclude<MeasureStatus, "CANCELLED"> | null;
  /** Undefined keeps the value, null clears it. */
  actualValue?: string | null;
  comment?: string | null;
  links?: { url: string; note?: string | null }[] | null;
}

/**
 * Reports progress: the actual value, a status (PLANNED / IN_PROGRESS / DONE), links as evidence and a
 * comment. DONE needs evidence (already attached or in this report) or a comment that says why there
 * is none. Becoming DONE stamps `completedAt`; leaving DONE clears it.
 */
export async function reportMeasureProgress(ctx: Context, measureId: string, report: ProgressReport, expectedRevision?: number | null): Promise<{ id: string }> {
  const viewer = requireViewer(ctx);
  const { m, place } = await loadMeasure(ctx, viewer, measureId);
  assertEdit(viewer, place);
  assertNotCancelled(m);
  const status = report.status ?? m.status;
  const comment = report.comment?.trim() || null;
  const links = report.links ?? [];
  if (status === "DONE" && m.status !== "DONE" && !m._count.evidence && !links.length && !comment)
    throw fail("EVIDENCE_REQUIRED", "Чтобы отметить мероприятие выполненным, приложите подтверждение (файл или ссылку) или объясните в комментарии, почему его нет");
  const actualValue = report.actualValue === undefined ? dec(m.actualValue) : report.actualValue;
  assertValid({ ...m, baselineValue: dec(m.baselineValue), targetValue: dec(m.targetValue), actualValue } as MeasureValues);

  const publish = await ctx.db.$transaction(async (tx) => {
    const completedAt = status === "DONE" ? (m.status === "DONE" ? m.completedAt : new Date()) : null;
    const after = await guardedUpdate(tx, m, expectedRevision, { status, actualValue, completedAt });
    const diff = changes(measureSnapshot(m), measureSnapshot(after));
    for (const l of links)
      await tx.measureEvidence.create({ data: { measureId: m.id, url: l.url, note: l.note?.trim() || null, addedById: viewer.id } });
    if (diff.changed || links.length || comment)
      await audit(tx, {
        actorId: viewer.id,
        action: "measure.report",
        entityType: "Measure",
        entityId: m.id,
        schoolId: place.schoolId,
        before: diff.before,
        after: { ...diff.after, ...(links.length ? { evidenceLinks: links.map((l) => l.url) } : {}), ...(comment ? { comment } : {}) },
      });
    const publish = comment ? await writeComment(tx, viewer, m, place, comment) : null;
    await touchParticipation(tx, place);
    return publish;
  }, TX);
  publish?.(ctx.pubsub);
  published(ctx, m.roadmapId);
  return { id: m.id };
}

/** Cancels a measure with a reason; it stays in the roadmap (and its history) but no longer counts. */
export async function cancelMeasure(ctx: Context, measureId: string, reason: string): Promise<{ id: string }> {
  const viewer = requireViewer(ctx);
  const { m, place } = await loadMeasure(ctx, viewer, measureId);
  assertEdit(viewer, place);
  assertNotCancelled(m);
  await ctx.db.$transaction(async (tx) => {
    await guardedUpdate(tx, m, null, { status: "CANCELLED", cancelReason: reason.trim(), completedAt: null });
    await audit(tx, {
      actorId: viewer.id,
      action: "measure.cancel",
      entityType: "Measure",
      entityId: m.id,
      schoolId: place.schoolId,
      before: { status: m.status },
      after: { status: "CANCELLED" },
      reason: reason.trim(),
    });
    await touchParticipation(tx, place);
  }, TX);
  published(ctx, m.roadmapId);
  return { id: m.id };
}

/** Puts the measures of a roadmap in the given order; the list must name each of its measures once. */
export async function reorderMeasures(ctx: Context, roadmapId: string, measureIds: string[]): Promise<{ id: string }> {
  const viewer = requireViewer(ctx);
  const t = await resolveTarget(ctx, viewer, { roadmapId });
  assertEdit(viewer, t.place);
  await ctx.db.$transaction(async (tx) => {
    const current = await tx.measure.findMany({ where: { roadmapId }, select: { id: true, position: true }, orderBy: [{ position: "asc" }, { createdAt: "asc" }, { id: "asc" }] });
    const given = new Set(measureIds);
    if (given.size !== measureIds.length || given.size !== current.length || current.some((c) => !given.has(c.id)))
      throw fail("REORDER_MISMATCH", "Порядок должен перечислять каждое мероприятие дорожной карты ровно один раз");
    const before = current.map((c) => c.id);
    if (before.join() === measureIds.join()) return;
    // One statement: positions 1..n in the given order.
    await tx.$executeRaw`
      UPDATE "Measure" m SET position = o.ord::int, revision = m.revision + 1, "updatedAt" = now()
      FROM unnest(${measureIds}::uuid[]) WITH ORDINALITY AS o(id, ord)
      WHERE m.id = o.id AND m."roadmapId" = ${roadmapId}::uuid`;
    await audit(tx, { actorId: viewer.id, action: "roadmap.reorder", entityType: "Roadmap", entityId: roadmapId, schoolId: t.place.schoolId, before: { order: before }, after: { order: measureIds } });
    await touchParticipation(tx, t.place);
  }, TX);
  published(ctx, roadmapId);
  return { id: roadmapId };
}

async function writeComment(tx: Prisma.TransactionClient, viewer: Viewer, m: { id: string; title: string; roadmapId: string }, place: RoadmapPlace, body: string) {
  const c = await tx.measureComment.create({ data: { measureId: m.id, authorId: viewer.id, body } });
  await audit(tx, { actorId: viewer.id, action: "measure.comment", entityType: "Measure", entityId: m.id, schoolId: place.schoolId, after: { commentId: c.id, body } });
  const recipients = await audienceOf(tx, place, place.participationId ? ["school", "curators", "municipal"] : ["municipal"], viewer.id);
  return writeNotifications(
    tx,
    recipients.map((recipientId) => ({
      recipientId,
      kind: "MEASURE_COMMENTED" as const,
      title: `${viewer.fullName} прокомментировал(а) мероприятие «${m.title.length > 120 ? `${m.title.slice(0, 117)}…` : m.title}»`,
      payload: { measureId: encodeGlobalID("Measure", m.id), roadmapId: encodeGlobalID("Roadmap", m.roadmapId), commentId: c.id },
    })),
  );
}

/**
 * Comments on a measure: the school and other editors, the school's curator, and the coordinators above
 * it. The others who follow the roadmap are notified (MEASURE_COMMENTED).
 */
export async function commentMeasure(ctx: Context, measureId: string, body: string): Promise<{ id: string }> {
  const viewer = requireViewer(ctx);
  const { m, place } = await loadMeasure(ctx, viewer, measureId);
  if (!canCommentRoadmap(viewer.act, place)) throw forbidden("Комментировать могут школа, её куратор и координаторы");
  const publish = await ctx.db.$transaction((tx) => writeComment(tx, viewer, m, place, body.trim()), TX);
  publish(ctx.pubsub);
  published(ctx, m.roadmapId);
  return { id: m.id };
}

/** Attaches a link as evidence of a measure (editors only; not on cancelled measures). */
export async function addMeasureEvidenceLink(ctx: Context, measureId: string, url: string, note?: string | null): Promise<{ id: string }> {
  const viewer = requireViewer(ctx);
  const { m, place } = await loadMeasure(ctx, viewer, measureId);
  assertEdit(viewer, place);
  assertNotCancelled(m);
  await ctx.db.$transaction(async (tx) => {
    const e = await tx.measureEvidence.create({ data: { measureId: m.id, url: url.trim(), note: note?.trim() || null, addedById: viewer.id } });
    await audit(tx, { actorId: viewer.id, action: "measure.evidence", entityType: "Measure", entityId: m.id, schoolId: place.schoolId, after: { evidenceId: e.id, url: e.url, note: e.note } });
    await touchParticipation(tx, place);
  }, TX);
  published(ctx, m.roadmapId);
  return { id: m.id };
}

/**
 * Attaches a file as evidence: the same checks and storage as concept documents (size limit, accepted
 * formats judged by content, a safe name, content-addressed storage). A failed write leaves no file.
 */
export async function addMeasureEvidenceFile(ctx: Context, measureId: string, file: File, note?: string | null): Promise<{ id: string }> {
  const viewer = requireViewer(ctx);
  const { m, place } = await loadMeasure(ctx, viewer, measureId);
  assertEdit(viewer, place);
  assertNotCancelled(m);
  const tooLarge = () => fail("FILE_TOO_LARGE", `Файл больше допустимых ${Math.round(config.uploadMaxBytes / 1024 / 1024)} МБ`);
  if (file.size > config.uploadMaxBytes) throw tooLarge();
  const bytes = new Uint8Array(await file.arrayBuffer());
  const judged = await judgeFile(file.name, bytes);
  let stored;
  try {
    stored = await fileStorage().put(bytes, { maxBytes: config.uploadMaxBytes });
  } catch (e) {
    if (e instanceof FileTooLargeError) throw tooLarge();
    throw e;
  }
  try {
    await ctx.db.$transaction(async (tx) => {
      const f = await tx.storedFile.create({
        data: { sha256: stored.sha256, size: stored.size, mediaType: judged.format.mediaType, originalName: judged.name, uploadedById: viewer.id },
      });
      const e = await tx.measureEvidence.create({ data: { measureId: m.id, fileId: f.id, note: note?.trim() || null, addedById: viewer.id } });
      await audit(tx, {
        actorId: viewer.id,
        action: "measure.evidence",
        entityType: "Measure",
        entityId: m.id,
        schoolId: place.schoolId,
        after: { evidenceId: e.id, fileId: f.id, fileName: judged.name, size: stored.size, sha256: stored.sha256, note: e.note },
      });
      await touchParticipation(tx, place);
    }, TX);
  } catch (e) {
    // Undo the bytes only when this upload created them and no row refers to them.
    if (stored.created && !(await ctx.db.storedFile.count({ where: { sha256: stored.sha256 } }).catch(() => 1))) await fileStorage().remove(stored.sha256).catch(() => {});
    throw e;
  }
  published(ctx, m.roadmapId);
  return { id: m.id };
}
