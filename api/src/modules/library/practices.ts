// The positive-practices bank: a school (or its curator) submits a practice, the region's coordinator
// publishes it or returns it with a comment, the school resubmits — the documents' review pattern: assert
// access → validate → one transaction with the row, the review, the audit entry and the notifications →
// publish after commit; status changes are guarded by `revision`, so two reviewers record one decision.
// A published practice can be copied into a school's roadmap as draft measures through the roadmap
// module's own measure creation (its access rules: canEditRoadmap).
import { encodeGlobalID } from "@pothos/plugin-relay";
import type { Context } from "../../context.ts";
import type { Prisma } from "../../db.ts";
import { fail, forbidden, notFound } from "../../errors.ts";
import { requireViewer } from "../../auth/require-viewer.ts";
import { canReviewPractice, canSubmitPractice, practiceWhere } from "../../auth/access.ts";
import type { Viewer } from "../../auth/viewer.ts";
import { audit } from "../audit/service.ts";
import { writeNotifications, type NewNotification } from "../notification/service.ts";
import { createMeasure } from "../roadmap/measures.ts";

const TX = { maxWait: 15_000, timeout: 30_000 } as const;
const short = (s: string, n = 90) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
/** A copied measure is a draft: the school sets its own dates; until then the period says so. */
const DRAFT_PERIOD = "срок уточняется";
const payload = (id: string) => ({ practiceId: encodeGlobalID("Practice", id) });

export interface PracticeFields {
  title: string;
  description: string;
  result?: string | null;
  riskFactorId?: string | null;
  url?: string | null;
  measureIds?: string[] | null;
}

const practiceSelect = {
  id: true,
  status: true,
  revision: true,
  title: true,
  schoolId: true,
  publishedById: true,
  riskFactorId: true,
  school: { select: { shortName: true, municipality: { select: { regionId: true } } } },
} satisfies Prisma.PracticeSelect;
type PracticeRow = Prisma.PracticeGetPayload<{ select: typeof practiceSelect }>;

async function loadPractice(ctx: Context, viewer: Viewer, id: string): Promise<PracticeRow> {
  const p = await ctx.db.practice.findFirst({ where: { AND: [{ id }, practiceWhere(viewer.read, viewer.id)] }, select: practiceSelect });
  if (!p) throw notFound("Практика не найдена");
  return p;
}

/** Checks the linked measures belong to the school's roadmaps. */
async function checkMeasures(ctx: Context, schoolId: string, measureIds: string[]) {
  if (!measureIds.length) return;
  const n = await ctx.db.measure.count({ where: { id: { in: measureIds }, roadmap: { participation: { schoolId } } } });
  if (n !== new Set(measureIds).size) throw fail("MEASURE_NOT_OF_SCHOOL", "Связать можно только с мероприятиями дорожной карты этой школы");
}

async function reviewersOf(ctx: Context, regionId: string): Promise<string[]> {
  const users = await ctx.db.user.findMany({ where: { active: true, roles: { some: { role: "REGIONAL_COORDINATOR", regionId } } }, select: { id: true } });
  return users.map((u) => u.id);
}

/** Submits a practice of a school for the regional coordinator's review (they are notified). */
export async function submitPractice(ctx: Context, schoolId: string, f: PracticeFields): Promise<{ id: string }> {
  const viewer = requireViewer(ctx);
  if (!canSubmitPractice(viewer.act, schoolId)) throw forbidden("Практику предлагает школа или её куратор");
  const school = await ctx.db.school.findUnique({ where: { id: schoolId }, select: { shortName: true, municipality: { select: { regionId: true } } } });
  if (!school) throw notFound("Школа не найдена");
  if (f.riskFactorId && !(await ctx.db.riskFactor.findUnique({ where: { id: f.riskFactorId }, select: { id: true } }))) throw fail("RISK_FACTOR_NOT_FOUND", "Выберите фактор риска из списка");
  const measureIds = [...new Set(f.measureIds ?? [])];
  await checkMeasures(ctx, schoolId, measureIds);
  const recipients = (await reviewersOf(ctx, school.municipality.regionId)).filter((id) => id !== viewer.id);
  const { id, publish } = await ctx.db.$transaction(async (tx) => {
    const p = await tx.practice.create({
      data: {
        schoolId,
        title: f.title.trim(),
        description: f.description.trim(),
        result: f.result?.trim() || null,
        riskFactorId: f.riskFactorId ?? null,
        url: f.url?.trim() || null,
        publishedById: viewer.id,
        status: "SUBMITTED",
        submittedAt: new Date(),
        measures: { create: measureIds.map((measureId) => ({ measureId })) },
      },
      select: { id: true },
    });
    await audit(tx, {
      actorId: viewer.id,
      action: "practice.submitted",
      entityType: "Practice",
      entityId: p.id,
      schoolId,
      after: { title: f.title.trim(), riskFactorId: f.riskFactorId ?? null, measures: measureIds.length },
    });
    const items: NewNotification[] = recipients.map((recipientId) => ({
      recipientId,
      kind: "PRACTICE_SUBMITTED",
      title: `${school.shortName} предлагает практику: «${short(f.title.trim())}»`,
      payload: payload(p.id),
      dedupeKey: `practice:${p.id}:submitted:0`,
    }));
    return { id: p.id, publish: await writeNotifications(tx, items) };
  }, TX);
  publish(ctx.pubsub);
  return { id };
}

/** Resubmits a returned practice with its corrections (back to the region's coordinator). */
export async function resubmitPractice(ctx: Context, id: string, f: PracticeFields): Promise<{ id: string }> {
  const viewer = requireViewer(ctx);
  const p = await loadPractice(ctx, viewer, id);
  if (!p.schoolId || !canSubmitPractice(viewer.act, p.schoolId)) throw forbidden("Исправить практику может школа или её куратор");
  if (p.status !== "RETURNED") throw fail("NOT_RETURNED", "Повторно отправить можно только возвращённую на доработку практику");
  if (f.riskFactorId && !(await ctx.db.riskFactor.findUnique({ where: { id: f.riskFactorId }, select: { id: true } }))) throw fail("RISK_FACTOR_NOT_FOUND", "Выберите фактор риска из списка");
  const measureIds = f.measureIds ? [...new Set(f.measureIds)] : null;
  if (measureIds) await checkMeasures(ctx, p.schoolId, measureIds);
  const recipients = (await reviewersOf(ctx, p.school!.municipality.regionId)).filter((u) => u !== viewer.id);
  const { publish } = await ctx.db.$transaction(async (tx) => {
    const { count } = await tx.practice.updateMany({
      where: { id: p.id, revision: p.revision, status: "RETURNED" },
      data: {
        title: f.title.trim(),
        description: f.description.trim(),
        result: f.result?.trim() || null,
        riskFactorId: f.riskFactorId ?? null,
        url: f.url?.trim() || null,
        status: "SUBMITTED",
        submittedAt: new Date(),
        revision: { increment: 1 },
      },
    });
    if (!count) throw fail("PRACTICE_CHANGED", "Практика только что изменилась. Обновите страницу и повторите");
    if (measureIds) {
      await tx.practiceMeasure.deleteMany({ where: { practiceId: p.id } });
      await tx.practiceMeasure.createMany({ data: measureIds.map((measureId) => ({ practiceId: p.id, measureId })) });
    }
    await audit(tx, {
      actorId: viewer.id,
      action: "practice.resubmitted",
      entityType: "Practice",
      entityId: p.id,
      schoolId: p.schoolId,
      before: { title: p.title, status: p.status },
      after: { title: f.title.trim(), status: "SUBMITTED" },
    });
    const items: NewNotification[] = recipients.map((recipientId) => ({
      recipientId,
      kind: "PRACTICE_SUBMITTED",
      title: `${p.school!.shortName} исправила практику: «${short(f.title.trim())}»`,
      payload: payload(p.id),
      dedupeKey: `practice:${p.id}:submitted:${p.revision + 1}`,
    }));
    return { publish: await writeNotifications(tx, items) };
  }, TX);
  publish(ctx.pubsub);
  return { id: p.id };
}

/**
 * Publishes a submitted practice or returns it with a comment (required). One decision per submission:
 * a second reviewer acting on the same version gets PRACTICE_CHANGED. The submitter is notified.
 */
export async function decidePractice(ctx: Context, id: string, decision: "PUBLISHED" | "RETURNED", comment?: string | null): Promise<{ id: string }> {
  const viewer = requireViewer(ctx);
  const p = await loadPractice(ctx, viewer, id);
  const regionId = p.school?.municipality.regionId ?? null;
  if (!canReviewPractice(viewer.act, regionId)) throw forbidden("Решение о публикации принимает координатор региона школы");
  const text = comment?.trim() || null;
  if (decision === "RETURNED" && !text) throw fail("COMMENT_REQUIRED", "Напишите, что доработать");
  if (p.status !== "SUBMITTED") throw fail("NOT_SUBMITTED", p.status === "PUBLISHED" ? "Практика уже опубликована" : "Практика на доработке у школы");
  const { publish } = await ctx.db.$transaction(async (tx) => {
    const { count } = await tx.practice.updateMany({ where: { id: p.id, revision: p.revision, status: "SUBMITTED" }, data: { status: decision, decidedAt: new Date(), revision: { increment: 1 } } });
    if (!count) throw fail("PRACTICE_CHANGED", "Практика только что изменилась. Обновите страницу и повторите");
    await tx.practiceReview.create({ data: { practiceId: p.id, decision, comment: text, reviewerId: viewer.id } });
    await audit(tx, {
      actorId: viewer.id,
      action: decision === "PUBLISHED" ? "practice.published" : "practice.returned",
      entityType: "Practice",
      entityId: p.id,
      schoolId: p.schoolId,
      before: { status: p.status },
      after: { status: decision, comment: text },
    });
    const items: NewNotification[] =
      p.publishedById === viewer.id
        ? []
        : [
            {
              recipientId: p.publishedById,
              kind: decision === "PUBLISHED" ? "PRACTICE_PUBLISHED" : "PRACTICE_RETURNED",
              title: decision === "PUBLISHED" ? `Практика «${short(p.title)}» опубликована в банке практик` : `Практика «${short(p.title)}» возвращена на доработку: ${short(text ?? "", 120)}`,
              payload: payload(p.id),
              dedupeKey: `practice:${p.id}:decided:${p.revision}`,
            },
          ];
    return { publish: await writeNotifications(tx, items) };
  }, TX);
  publish(ctx.pubsub);
  return { id: p.id };
}

/**
 * Copies a published practice into a roadmap as draft measures: each measure it came from (title,
 * description, indicator), or the practice itself when it has none. Goes through createMeasure, so the
 * roadmap's own access rule (canEditRoadmap) and validation apply; risk factors map by number to the
 * roadmap's year. Returns the new measure ids.
 */
export async function copyPracticeToRoadmap(ctx: Context, id: string, participationId: string): Promise<string[]> {
  const viewer = requireViewer(ctx);
  const p = await ctx.db.practice.findFirst({
    where: { AND: [{ id }, practiceWhere(viewer.read, viewer.id)] },
    select: {
      status: true,
      title: true,
      description: true,
      result: true,
      riskFactor: { select: { number: true } },
      measures: {
        take: 50,
        select: { measure: { select: { title: true, description: true, indicatorName: true, indicatorUnit: true, targetValue: true, riskFactor: { select: { number: true } } } } },
      },
    },
  });
  if (!p) throw notFound("Практика не найдена");
  if (p.status !== "PUBLISHED") throw fail("NOT_PUBLISHED", "Скопировать можно только опубликованную практику");
  const part = await ctx.db.participation.findUnique({ where: { id: participationId }, select: { programmeYearId: true } });
  if (!part) throw notFound("Участие школы не найдено");
  const factors = await ctx.db.riskFactor.findMany({ where: { programmeYearId: part.programmeYearId }, select: { id: true, number: true } });
  const factorOf = (n: number | undefined) => (n ? (factors.find((f) => f.number === n)?.id ?? null) : null);
  const plans = p.measures.length
    ? p.measures.map(({ measure: m }) => ({
        title: m.title,
        description: [m.description, `Из банка практик: «${p.title}»`].filter(Boolean).join("\n"),
        indicatorName: m.indicatorName,
        indicatorUnit: m.indicatorUnit,
        targetValue: m.targetValue?.toString() ?? null,
        riskFactorId: factorOf(m.riskFactor?.number ?? p.riskFactor?.number),
        periodLabel: DRAFT_PERIOD,
      }))
    : [
        {
          title: p.title.slice(0, 300),
          description: [p.description, p.result ? `Результат в школе-авторе: ${p.result}` : null, "Из банка практик"].filter(Boolean).join("\n"),
          riskFactorId: factorOf(p.riskFactor?.number),
          periodLabel: DRAFT_PERIOD,
        },
      ];
  const ids: string[] = [];
  for (const plan of plans) {
    try {
      ids.push((await createMeasure(ctx, { participationId }, plan)).id);
    } catch (e) {
      // The school has not chosen this risk factor for its work: the draft goes in without it.
      if ((e as { code?: string }).code !== "RISK_NOT_CHOSEN") throw e;
      ids.push((await createMeasure(ctx, { participationId }, { ...plan, riskFactorId: null })).id);
    }
  }
  return ids;
}
