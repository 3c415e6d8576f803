// Changing the plan of a roadmap: adding, changing, cancelling and reordering measures. Each call runs
// in the house order — assert access → validate → write with audit in one transaction → publish after
// commit. Every change of a measure is an audit event of the measure, so its history is complete.
import type { Context } from "../../context.ts";
import { fail } from "../../errors.ts";
import { requireViewer } from "../../auth/require-viewer.ts";
import { audit } from "../audit/service.ts";
import { assertEdit, ensureRoadmap, openPlan, published, resolveTarget, touchParticipation, TX, type RoadmapTarget } from "./target.ts";
import { assertNotCancelled, assertRiskFactor, assertValid, changes, dec, guardedUpdate, loadMeasure, measureSelect, measureSnapshot, planData, type MeasurePlan } from "./measure-row.ts";
import type { MeasureValues } from "./validation.ts";

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
    await openPlan(tx, roadmapId, viewer.id, t.place.schoolId);
    const last = await tx.measure.aggregate({ where: { roadmapId }, _max: { position: true } });
    const m = await tx.measure.create({ data: { ...data, roadmapId, position: (last._max.position ?? 0) + 1 }, select: measureSelect });
    await audit(tx, { actorId: viewer.id, action: "measure.create", entityType: "Measure", entityId: m.id, schoolId: t.place.schoolId, after: measureSnapshot(m) });
    await touchParticipation(tx, t.place);
    return { id: m.id, roadmapId };
  }, TX);
  published(ctx, id.roadmapId);
  return { id: id.id };
}

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
    if (diff.changed) await openPlan(tx, m.roadmapId, viewer.id, place.schoolId);
    if (diff.changed) await audit(tx, { actorId: viewer.id, action: "measure.update", entityType: "Measure", entityId: m.id, schoolId: place.schoolId, before: diff.before, after: diff.after });
    await touchParticipation(tx, place);
  }, TX);
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
    await openPlan(tx, m.roadmapId, viewer.id, place.schoolId);
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
    await openPlan(tx, roadmapId, viewer.id, t.place.schoolId);
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
