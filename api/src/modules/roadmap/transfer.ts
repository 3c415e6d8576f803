// Import of a roadmap from an .xlsx table and its export: the import checks every row first and writes
// all of them in one transaction, or nothing; the export is the same table, re-importable.
import type { Context } from "../../context.ts";
import type { DB, Prisma } from "../../db.ts";
import { DomainError, forbidden } from "../../errors.ts";
import { requireViewer } from "../../auth/require-viewer.ts";
import { canEditRoadmap } from "../../auth/access.ts";
import { ensureRoadmap, measureSnapshot, resolveTarget, TX, type RoadmapTarget } from "./service.ts";
import { openPlan } from "./target.ts";
import { readRoadmapWorkbook, writeRoadmapWorkbook, type ImportProblem } from "./xlsx.ts";

/** Larger tables are not roadmaps: refuse before reading them. */
export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;

export class RoadmapImportError extends DomainError {
  constructor(readonly problems: ImportProblem[]) {
    const shown = problems.slice(0, 5).map((p) => (p.row ? `Строка ${p.row}: ${p.message}` : p.message));
    const more = problems.length > 5 ? ` …и ещё ${problems.length - 5}` : "";
    super(`Файл не импортирован, ничего не записано. ${shown.join("; ")}${more}`, "ROADMAP_IMPORT_INVALID");
  }
}

/**
 * Adds the measures of an .xlsx table to a roadmap (after its existing measures). The table is the
 * one schools keep («№, описание действий, сроки реализации, показатель», plus the optional columns of
 * our export); a malformed file or any bad row refuses the whole import with every problem named by
 * its row. Imported DONE measures are stamped completed at the moment of the import.
 */
export async function importRoadmap(ctx: Context, target: RoadmapTarget, file: File): Promise<{ roadmapId: string; imported: number }> {
  const viewer = requireViewer(ctx);
  const t = await resolveTarget(ctx, viewer, target);
  if (!canEditRoadmap(viewer.act, t.place)) throw forbidden("Импортировать дорожную карту может тот, кто её ведёт");
  if (!file.size) throw new RoadmapImportError([{ row: null, message: "Файл пустой" }]);
  if (file.size > IMPORT_MAX_BYTES) throw new RoadmapImportError([{ row: null, message: `Файл больше ${IMPORT_MAX_BYTES / 1024 / 1024} МБ: это не похоже на дорожную карту` }]);

  const year = await ctx.db.programmeYear.findUniqueOrThrow({ where: { id: t.programmeYearId }, select: { year: true } });
  const factors = await ctx.db.riskFactor.findMany({
    where: { programmeYearId: t.programmeYearId },
    select: {
      id: true,
      number: true,
      title: true,
      entries: t.place.participationId ? { where: { chosen: true, profile: { participationId: t.place.participationId } }, select: { id: true } } : false,
    },
  });
  const { measures, problems } = await readRoadmapWorkbook(new Uint8Array(await file.arrayBuffer()), {
    year: year.year,
    factors: new Map(factors.map((f) => [f.number, { id: f.id, title: f.title, chosen: !t.place.participationId || (f.entries?.length ?? 0) > 0 }])),
  });
  if (problems.length) throw new RoadmapImportError(problems);

  const roadmapId = await ctx.db.$transaction(async (tx) => {
    const roadmapId = await ensureRoadmap(tx, t);
    await openPlan(tx, roadmapId, viewer.id, t.place.schoolId);
    const last = await tx.measure.aggregate({ where: { roadmapId }, _max: { position: true } });
    const start = last._max.position ?? 0;
    const now = new Date();
    const created = await tx.measure.createManyAndReturn({
      data: measures.map((m, i) => ({
        ...m.plan,
        responsible: m.plan.responsible ?? [],
        roadmapId,
        position: start + i + 1,
        actualValue: m.actualValue,
        status: m.status,
        completedAt: m.status === "DONE" ? now : null,
        cancelReason: m.cancelReason,
      })),
    });
    // createManyAndReturn keeps the input order on PostgreSQL; match by position to be sure.
    const byPosition = new Map(created.map((c) => [c.position, c]));
    const rows = measures.map((m, i) => ({ m, row: byPosition.get(start + i + 1)! }));
    await tx.measureEvidence.createMany({ data: rows.flatMap(({ m, row }) => m.links.map((url) => ({ measureId: row.id, url, addedById: viewer.id }))) });
    await tx.measureComment.createMany({ data: rows.flatMap(({ m, row }) => (m.comment ? [{ measureId: row.id, authorId: viewer.id, body: m.comment }] : [])) });
    await tx.auditEvent.createMany({
      data: [
        ...rows.map(({ m, row }) => ({
          actorId: viewer.id,
          action: "measure.import",
          entityType: "Measure",
          entityId: row.id,
          schoolId: t.place.schoolId,
          after: json({ ...measureSnapshot(row), sourceRow: m.row, fileName: file.name, evidenceLinks: m.links, comment: m.comment }),
        })),
        { actorId: viewer.id, action: "roadmap.import", entityType: "Roadmap", entityId: roadmapId, schoolId: t.place.schoolId, after: json({ fileName: file.name, measures: measures.length }) },
      ],
    });
    if (t.place.participationId) await tx.participation.update({ where: { id: t.place.participationId }, data: { lastActivityAt: now } });
    return roadmapId;
  }, TX);
  ctx.pubsub.publish("roadmap:updated", roadmapId, { roadmapId });
  return { roadmapId, imported: measures.length };
}

const json = (v: unknown) => JSON.parse(JSON.stringify(v)) as Prisma.InputJsonValue;

/** The .xlsx of a roadmap (the caller has checked that the viewer may see it) and a file name for it. */
export async function exportRoadmap(db: DB, roadmapId: string): Promise<{ fileName: string; content: Buffer }> {
  const r = await db.roadmap.findUniqueOrThrow({
    where: { id: roadmapId },
    select: {
      title: true,
      measures: {
        orderBy: [{ position: "asc" }, { createdAt: "asc" }, { id: "asc" }],
        select: {
          position: true,
          title: true,
          periodLabel: true,
          startDate: true,
          dueDate: true,
          indicatorName: true,
          responsible: true,
          indicatorUnit: true,
          baselineValue: true,
          targetValue: true,
          actualValue: true,
          status: true,
          cancelReason: true,
          riskFactor: { select: { number: true, title: true } },
          evidence: { select: { url: true }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
          comments: { select: { body: true }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
        },
      },
    },
  });
  return { fileName: `${r.title}.xlsx`, content: await writeRoadmapWorkbook(r.title, r.measures) };
}
