// One measure as the services read it: the selection, the plain snapshot the history keeps, the shape
// and database rules of its plan, and the guarded update that refuses lost updates (`revision`).
import type { Context } from "../../context.ts";
import type { Prisma } from "../../db.ts";
import { DomainError, fail, notFound } from "../../errors.ts";
import { canSeeRoadmap, loadRoadmapPlace, type RoadmapPlace } from "../../auth/access.ts";
import type { Viewer } from "../../auth/viewer.ts";
import { measureProblems, type MeasureValues, type Problem } from "./validation.ts";

export class MeasureInvalidError extends DomainError {
  constructor(readonly problems: Problem[]) {
    super(problems.map((p) => p.message).join("; "), "MEASURE_INVALID");
  }
}

export const measureSelect = {
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
export type MeasureRow = Prisma.MeasureGetPayload<{ select: typeof measureSelect }>;

/** A measure the viewer may see, with where its roadmap lies; otherwise NOT_FOUND. */
export async function loadMeasure(ctx: Context, viewer: Viewer, measureId: string, tx: Prisma.TransactionClient = ctx.db) {
  const m = await tx.measure.findUnique({ where: { id: measureId }, select: measureSelect });
  const place = m && (await loadRoadmapPlace(ctx.db, m.roadmapId));
  if (!m || !place || !canSeeRoadmap(viewer.read, place)) throw notFound("Мероприятие не найдено");
  return { m, place };
}

const day = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 10) : null);
export const dec = (v: { toString(): string } | string | null | undefined) => (v == null ? null : String(v));

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
export function changes<T extends Record<string, unknown>>(before: T, after: T) {
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

export function assertValid(values: MeasureValues) {
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

export const planData = (p: Partial<MeasurePlan>) => ({
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

/** Applies a guarded change: the measure must still have the revision we read (and the caller's, if given). */
export async function guardedUpdate(tx: Prisma.TransactionClient, m: MeasureRow, expected: number | null | undefined, data: Prisma.MeasureUncheckedUpdateManyInput) {
  if (expected != null && expected !== m.revision) throw staleError();
  // A confirmation belongs to one completion: leaving DONE drops it; reporting DONE again ends a return.
  const verification = data.status === undefined || data.status === m.status ? {} : data.status === "DONE" ? { returnedAt: null, returnComment: null } : { confirmedAt: null, confirmedById: null };
  const { count } = await tx.measure.updateMany({ where: { id: m.id, revision: m.revision }, data: { ...data, ...verification, revision: { increment: 1 } } });
  if (!count) throw staleError();
  return tx.measure.findUniqueOrThrow({ where: { id: m.id }, select: measureSelect });
}
export const staleError = () => fail("MEASURE_CHANGED", "Мероприятие только что изменил другой пользователь. Обновите страницу и повторите");

export const assertNotCancelled = (m: MeasureRow) => {
  if (m.status === "CANCELLED") throw fail("MEASURE_CANCELLED", "Мероприятие отменено: его нельзя изменить");
};
