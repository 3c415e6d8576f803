// Where a roadmap write goes and who may make it: the target (an existing roadmap, or the one of a
// participation / municipality and year, created with its first measure), the edit check, and the
// small steps every write shares (transaction options, live update, the school's last activity).
import type { Context } from "../../context.ts";
import type { Prisma } from "../../db.ts";
import { fail, forbidden, notFound } from "../../errors.ts";
import { canEditRoadmap, canSeeRoadmap, loadParticipationPlace, loadRoadmapPlace, type RoadmapPlace } from "../../auth/access.ts";
import type { Viewer } from "../../auth/viewer.ts";
import { yearWhere } from "../programme/years.ts";

/** Transactions wait their turn on a busy pool instead of failing after Prisma's 2 s default. */
export const TX = { maxWait: 15_000, timeout: 60_000 } as const;

// ---------------------------------------------------------------- where a roadmap is

/** Which roadmap a write goes to: an existing one, or the one of a participation / municipality and year. */
export interface RoadmapTarget {
  roadmapId?: string | null;
  participationId?: string | null;
  municipalityId?: string | null;
  year?: number | null;
}

export interface ResolvedTarget {
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
    const year = await ctx.db.programmeYear.findFirst({ where: yearWhere(t.year), select: { id: true } });
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

export const assertEdit = (viewer: Viewer, place: RoadmapPlace) => {
  if (!canEditRoadmap(viewer.act, place))
    throw forbidden(
      place.schoolId
        ? "Изменять дорожную карту и отчитываться по ней может сама школа; куратор и координаторы комментируют и проверяют (а правят — только по просьбе школы, если это разрешено в году проекта)"
        : "Изменять муниципальную дорожную карту может муниципальный координатор; координаторы региона комментируют и проверяют (а правят — только по его просьбе, если это разрешено в году проекта)",
    );
};

/** Roadmap changed: live screens refetch it. */
export const published = (ctx: Context, roadmapId: string) => ctx.pubsub.publish("roadmap:updated", roadmapId, { roadmapId });

export async function touchParticipation(tx: Prisma.TransactionClient, place: RoadmapPlace) {
  if (place.participationId) await tx.participation.update({ where: { id: place.participationId }, data: { lastActivityAt: new Date() } });
}

/**
 * Opens the plan for a change inside `tx`, before the change is written: refused while the roadmap is
 * on review; an approved roadmap becomes a new DRAFT (the curator reviews it again). The row lock and
 * the revision bump order the change against concurrent submissions and decisions.
 */
export async function openPlan(tx: Prisma.TransactionClient, roadmapId: string, actorId: string, schoolId: string | null): Promise<void> {
  const rows = await tx.$queryRaw<{ before: string }[]>`
    WITH old AS (SELECT id, status FROM "Roadmap" WHERE id = ${roadmapId}::uuid FOR UPDATE)
    UPDATE "Roadmap" r
       SET status = CASE WHEN old.status = 'APPROVED' THEN 'DRAFT'::"RoadmapStatus" ELSE old.status END,
           revision = r.revision + 1
      FROM old WHERE r.id = old.id AND old.status <> 'SUBMITTED'
    RETURNING old.status::text AS before`;
  if (!rows[0]) throw planUnderReview();
  if (rows[0].before === "APPROVED")
    await tx.auditEvent.create({
      data: { actorId, action: "roadmap.reopened", entityType: "Roadmap", entityId: roadmapId, schoolId, before: { status: "APPROVED" }, after: { status: "DRAFT" } },
    });
}

export const planUnderReview = () => fail("ROADMAP_UNDER_REVIEW", "Дорожная карта на проверке у куратора: план можно изменить после решения (отчитываться о выполнении можно и сейчас)");
