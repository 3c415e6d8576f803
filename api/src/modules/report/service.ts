// Running reports for a viewer, and editing the federal scoring. Reports always run with the viewer's own
// reach (auth/access.ts reachSql); the scoring edits follow the house order: assert → validate → write with
// audit in one transaction.
import type { Context } from "../../context.ts";
import type { DB } from "../../db.ts";
import { badInput, DomainError, forbidden, notFound } from "../../errors.ts";
import { requireViewer } from "../../auth/require-viewer.ts";
import { canEditScoring, regionsCovered } from "../../auth/access.ts";
import type { Viewer } from "../../auth/viewer.ts";
import { audit } from "../audit/service.ts";
import type { DocumentKind, MeasureStatus, ParticipationStatus, Significance } from "../../../../prisma/generated/client/enums.ts";
import {
  documentListSql,
  emptyFilter,
  figureReportSql,
  measureListSql,
  roadmapListSql,
  type RoadmapItemRow,
  riskReportSql,
  runReportSql,
  type DocumentItemRow,
  type FigureReportArgs,
  type FigureRow,
  type GroupBy,
  type ItemState,
  type ListArgs,
  type MeasureItemRow,
  type Order,
  type Page,
  type Paged,
  type ReportFilter,
  type RiskReportArgs,
  type RiskRow,
  type RunContext,
} from "./sql.ts";
import { cacheMoment, reportCacheMs } from "./cache.ts";
import { attendanceSql, scoreRegion, type Attendance, type CriterionSetting, type Scoring, type ZoneColor, type ZoneSetting } from "./scoring.ts";
import { yearWhere, yearsWhere } from "../programme/years.ts";

type Reader = Pick<Context, "db" | "viewer">;

/** The reach and moment a report runs with; country-wide reports are cached (cache.ts), others run live. */
function runContext(ctx: Reader): RunContext {
  const reach = requireViewer(ctx).read;
  const cacheMs = reach.all ? reportCacheMs() : 0;
  return { db: ctx.db, reach, now: cacheMoment(new Date(), cacheMs), cacheMs };
}

// ---------------------------------------------------------------- filters

/** A global id as GraphQL decodes it. */
export interface GlobalId {
  typename: string;
  id: string;
}

/** The filter as the API receives it: global ids decoded but not yet checked, dates parsed. */
export interface FilterInput {
  year?: number | null;
  years?: number[] | null;
  regionCodes?: number[] | null;
  regionIds?: GlobalId[] | null;
  municipalityIds?: GlobalId[] | null;
  schoolIds?: GlobalId[] | null;
  curatorIds?: GlobalId[] | null;
  participationStatuses?: ParticipationStatus[] | null;
  riskFactorNumbers?: number[] | null;
  inactiveForDays?: number | null;
  from?: Date | null;
  to?: Date | null;
  documentKinds?: DocumentKind[] | null;
  documentStates?: ItemState[] | null;
  measureStatuses?: MeasureStatus[] | null;
  significances?: Significance[] | null;
  overdueOnly?: boolean | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The ids of a list of global ids, each checked to be of `typename` and a UUID (a clear error otherwise). */
export function checkedIds(list: GlobalId[] | null | undefined, typename: string, field: string): string[] {
  return (list ?? []).map((g) => {
    if (g.typename !== typename || !UUID.test(g.id)) throw badInput(`${field}: ожидается глобальный id типа ${typename}`, { field });
    return g.id;
  });
}

/** Checks the ids and fills the defaults: an empty list means "no restriction". */
export function toReportFilter(f: FilterInput): ReportFilter {
  const years = [...new Set([...(f.years ?? []), ...(f.year != null ? [f.year] : [])])].sort((a, b) => a - b);
  if (!years.length) throw badInput("Укажите год проекта: year или years");
  return {
    ...emptyFilter(years),
    regionCodes: f.regionCodes ?? [],
    regionIds: checkedIds(f.regionIds, "Region", "regionIds"),
    municipalityIds: checkedIds(f.municipalityIds, "Municipality", "municipalityIds"),
    schoolIds: checkedIds(f.schoolIds, "School", "schoolIds"),
    curatorIds: checkedIds(f.curatorIds, "User", "curatorIds"),
    participationStatuses: f.participationStatuses ?? [],
    riskFactorNumbers: f.riskFactorNumbers ?? [],
    inactiveForDays: f.inactiveForDays ?? null,
    from: f.from ?? null,
    to: f.to ?? null,
    documentKinds: f.documentKinds ?? [],
    documentStates: f.documentStates ?? [],
    measureStatuses: f.measureStatuses ?? [],
    significances: f.significances ?? [],
    overdueOnly: f.overdueOnly ?? false,
  };
}

// ---------------------------------------------------------------- reports

/** Monitoring, documents or measures per group: one SQL statement in the viewer's reach. */
export const figureReport = (ctx: Reader, a: FigureReportArgs): Promise<Paged<FigureRow>> => {
  const rc = runContext(ctx);
  return runReportSql<FigureRow>(ctx.db, figureReportSql(a, rc), rc.cacheMs);
};

export const riskReport = (ctx: Reader, a: RiskReportArgs): Promise<Paged<RiskRow>> => {
  const rc = runContext(ctx);
  return runReportSql<RiskRow>(ctx.db, riskReportSql(a, rc), rc.cacheMs);
};

export const documentList = (ctx: Reader, a: ListArgs): Promise<Paged<DocumentItemRow>> => {
  const rc = runContext(ctx);
  return runReportSql<DocumentItemRow>(ctx.db, documentListSql(a, rc), rc.cacheMs);
};

/** Drill-down to school roadmaps against the year's roadmap deadline (overdue ones with `overdueOnly`). */
export const roadmapList = (ctx: Reader, a: ListArgs): Promise<Paged<RoadmapItemRow>> => {
  const rc = runContext(ctx);
  return runReportSql<RoadmapItemRow>(ctx.db, roadmapListSql(a, rc), rc.cacheMs);
};

export const measureList = (ctx: Reader, a: ListArgs): Promise<Paged<MeasureItemRow>> => {
  const rc = runContext(ctx);
  return runReportSql<MeasureItemRow>(ctx.db, measureListSql(a, rc), rc.cacheMs);
};

// ---------------------------------------------------------------- region scoring

export interface RegionScoringRow {
  regionId: string;
  regionCode: number;
  year: number;
  scoring: Scoring;
  figures: FigureRow;
}

export type ScoringOrder = "REGION" | "POINTS";

/**
 * Scores of the regions the viewer covers (federal: all; regional coordinator: its own), for each year.
 * Regions without participants in a year have no score for it. Withdrawn schools do not count.
 * Statements: the region figures (one), attendance (one), criteria and zones (one each).
 */
export async function regionScorings(
  ctx: Reader,
  years: number[],
  regions: { regionIds: string[]; regionCodes: number[] },
  order: { by: ScoringOrder; desc: boolean },
  opts: { fresh?: boolean } = {},
): Promise<RegionScoringRow[]> {
  const { regionIds, regionCodes } = regions;
  const viewer = requireViewer(ctx);
  const covered = regionsCovered(viewer.read);
  const wanted = covered === "all" ? regionIds : regionIds.length ? regionIds.filter((id) => covered.includes(id)) : covered;
  if (covered !== "all" && !wanted.length) return [];
  const filter: ReportFilter = {
    ...emptyFilter(years),
    regionIds: wanted,
    regionCodes,
    participationStatuses: ["PARTICIPATING", "LEFT_LOW_RESULTS"],
  };
  const rc = opts.fresh ? { ...runContext(ctx), now: new Date(), cacheMs: 0 } : runContext(ctx);
  const [figures, attendance, criteria, zones] = await Promise.all([
    runReportSql<FigureRow>(
      ctx.db,
      figureReportSql({ kind: "MONITORING", filter, groupBy: "REGION", order: { column: "group", desc: false }, page: { offset: 0, limit: 100 * years.length }, inactiveDays: 30 }, rc),
      rc.cacheMs,
    ),
    ctx.db.$queryRaw<{ region_id: string; year: number; invited: number; attended: number }[]>(attendanceSql(years, wanted.length ? wanted : "all")),
    ctx.db.scoringCriterion.findMany({ where: { programmeYear: yearsWhere(years) }, include: { programmeYear: { select: { year: true } } }, orderBy: [{ code: "asc" }] }),
    ctx.db.scoringZone.findMany({ where: { programmeYear: yearsWhere(years) }, include: { programmeYear: { select: { year: true } } } }),
  ]);
  const att = new Map<string, Attendance>(attendance.map((a) => [`${a.region_id}:${a.year}`, a]));
  const rows = figures.rows.map((r): RegionScoringRow => {
    const yearCriteria: CriterionSetting[] = criteria
      .filter((c) => c.programmeYear.year === r.year)
      .map((c) => ({ id: c.id, code: c.code, title: c.title, metric: c.metric, threshold: Number(c.threshold), points: c.points }));
    const yearZones: ZoneSetting[] = zones.filter((z) => z.programmeYear.year === r.year).map((z) => ({ color: z.color as ZoneColor, minPoints: z.minPoints }));
    return {
      regionId: r.region_id!,
      regionCode: r.group_code!,
      year: r.year,
      scoring: scoreRegion(yearCriteria, yearZones, r, att.get(`${r.region_id}:${r.year}`)),
      figures: r,
    };
  });
  const dir = order.desc ? -1 : 1;
  return rows.sort((a, b) =>
    order.by === "POINTS" ? dir * (a.scoring.points - b.scoring.points) || a.regionCode - b.regionCode || a.year - b.year : dir * (a.regionCode - b.regionCode) || a.year - b.year,
  );
}

// ---------------------------------------------------------------- editing the scoring (federal)

export class ProgrammeYearNotFoundError extends DomainError {
  constructor(year: number) {
    super(`Год проекта ${year} не найден`, "PROGRAMME_YEAR_NOT_FOUND");
  }
}

function assertScoringEditor(ctx: Reader): Viewer {
  const viewer = requireViewer(ctx);
  if (!canEditScoring(viewer.act)) throw forbidden("Критерии оценки регионов меняет федеральный координатор");
  return viewer;
}

async function programmeYearId(db: DB, year: number): Promise<string> {
  const y = await db.programmeYear.findFirst({ where: yearWhere(year), select: { id: true } });
  if (!y) throw new ProgrammeYearNotFoundError(year);
  return y.id;
}

export interface CriterionInput {
  year: number;
  code: string;
  title: string;
  metric: string;
  threshold: number;
  points: number;
}

/** Creates or changes (by year and code) a scoring criterion. */
export async function upsertScoringCriterion(ctx: Reader, input: CriterionInput) {
  const viewer = assertScoringEditor(ctx);
  const yearId = await programmeYearId(ctx.db, input.year);
  const data = { title: input.title.trim(), metric: input.metric, threshold: input.threshold, points: input.points };
  return ctx.db.$transaction(async (tx) => {
    const before = await tx.scoringCriterion.findUnique({ where: { programmeYearId_code: { programmeYearId: yearId, code: input.code } } });
    const after = await tx.scoringCriterion.upsert({
      where: { programmeYearId_code: { programmeYearId: yearId, code: input.code } },
      create: { programmeYearId: yearId, code: input.code, ...data },
      update: data,
    });
    await audit(tx, {
      actorId: viewer.id,
      action: before ? "scoring.criterion.update" : "scoring.criterion.create",
      entityType: "ScoringCriterion",
      entityId: after.id,
      before: before && { ...before, threshold: Number(before.threshold) },
      after: { ...after, threshold: Number(after.threshold), year: input.year },
    });
    return after;
  });
}

/** Deletes a scoring criterion; returns its id. */
export async function deleteScoringCriterion(ctx: Reader, id: string) {
  const viewer = assertScoringEditor(ctx);
  return ctx.db.$transaction(async (tx) => {
    const before = await tx.scoringCriterion.findUnique({ where: { id } });
    if (!before) throw notFound("Критерий не найден");
    await tx.scoringCriterion.delete({ where: { id } });
    await audit(tx, { actorId: viewer.id, action: "scoring.criterion.delete", entityType: "ScoringCriterion", entityId: id, before: { ...before, threshold: Number(before.threshold) } });
    return id;
  });
}

/** Replaces the zones of a year (colours not listed are removed). */
export async function setScoringZones(ctx: Reader, year: number, zones: ZoneSetting[]) {
  const viewer = assertScoringEditor(ctx);
  const yearId = await programmeYearId(ctx.db, year);
  return ctx.db.$transaction(async (tx) => {
    const before = await tx.scoringZone.findMany({ where: { programmeYearId: yearId }, orderBy: { minPoints: "desc" } });
    await tx.scoringZone.deleteMany({ where: { programmeYearId: yearId, color: { notIn: zones.map((z) => z.color) } } });
    for (const z of zones)
      await tx.scoringZone.upsert({
        where: { programmeYearId_color: { programmeYearId: yearId, color: z.color } },
        create: { programmeYearId: yearId, color: z.color, minPoints: z.minPoints },
        update: { minPoints: z.minPoints },
      });
    const after = await tx.scoringZone.findMany({ where: { programmeYearId: yearId }, orderBy: { minPoints: "desc" } });
    await audit(tx, {
      actorId: viewer.id,
      action: "scoring.zones.set",
      entityType: "ProgrammeYear",
      entityId: yearId,
      before: before.map((z) => ({ color: z.color, minPoints: z.minPoints })),
      after: after.map((z) => ({ color: z.color, minPoints: z.minPoints })),
    });
    return after;
  });
}

/** Stores the current scores of every region for a year (the snapshot year-over-year reports compare). */
export async function saveRegionScores(ctx: Reader, year: number) {
  const viewer = assertScoringEditor(ctx);
  const yearId = await programmeYearId(ctx.db, year);
  const rows = await regionScorings(ctx, [year], { regionIds: [], regionCodes: [] }, { by: "REGION", desc: false }, { fresh: true });
  const computedAt = new Date();
  return ctx.db.$transaction(async (tx) => {
    for (const r of rows) {
      const details = {
        summary: r.scoring.summary,
        zone: r.scoring.zone,
        maxPoints: r.scoring.maxPoints,
        criteria: r.scoring.criteria.map((c) => ({ code: c.criterion.code, value: c.value, points: c.points, met: c.met })),
      };
      await tx.regionScore.upsert({
        where: { regionId_programmeYearId: { regionId: r.regionId, programmeYearId: yearId } },
        create: { regionId: r.regionId, programmeYearId: yearId, points: r.scoring.points, details, computedAt },
        update: { points: r.scoring.points, details, computedAt },
      });
    }
    await audit(tx, {
      actorId: viewer.id,
      action: "scoring.scores.save",
      entityType: "ProgrammeYear",
      entityId: yearId,
      after: { year, regions: rows.map((r) => ({ regionId: r.regionId, points: r.scoring.points })) },
    });
    return rows.length;
  });
}

export type { GroupBy, Order, Page };
