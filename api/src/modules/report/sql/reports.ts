// The reports as single statements: figures per group (monitoring, documents, measures), risk factors
// per group, and the drill-down lists (documents, measures, roadmaps).
import { Prisma } from "../../../db.ts";
import type { DocumentKind, MeasureStatus } from "../../../../../prisma/generated/client/enums.ts";
import { CONSULTATION_FIGURES, DOCUMENT_FIGURES, MEASURE_FIGURES, PARTICIPATION_FIGURES } from "../figures.ts";
import { storedDaySql } from "../../../shared/local-day.ts";
import { and, groupColumnsSql, groupedSql, inRange, participationsSql, type GroupBy, type ItemState, type Order, type Page, type ReportFilter, type RunContext, type Sql } from "./base.ts";
import { consultationSectionSql, documentItemsSql, documentSectionSql, measureItemsSql, measureSectionSql, participationSectionSql } from "./sections.ts";
import { DOCUMENT_LIST_COLUMNS, FIGURE_COLUMNS, MEASURE_LIST_COLUMNS, orderSql, pagedSql, RISK_COLUMNS, ROADMAP_LIST_COLUMNS, share } from "./run.ts";
import { storedFiguresApply, storedSectionsSql } from "./stored.ts";

const { sql, join, raw, empty } = Prisma;

// ---------------------------------------------------------------- the reports

export type FigureReportKind = "MONITORING" | "DOCUMENTS" | "MEASURES";

export interface FigureReportArgs {
  kind: FigureReportKind;
  filter: ReportFilter;
  groupBy: GroupBy;
  order: Order;
  page: Page;
  /** Threshold of the `inactive` figure. */
  inactiveDays: number;
}

/**
 * Monitoring, documents or measures per group (and year): one statement. Without document or measure
 * filters the per-participation step comes from the stored figures (stored.ts), otherwise from the
 * reference sections (sections.ts); both give the same figures.
 */
export function figureReportSql(a: FigureReportArgs, rc: RunContext): Sql {
  const docs = a.kind !== "MEASURES";
  const measures = a.kind !== "DOCUMENTS";
  const withs: Sql[] = [sql`p0 AS (${participationsSql(a.filter, rc, { chosenRiskFilter: true })})`, sql`pg AS (${groupedSql(a.groupBy, a.filter)})`, participationSectionSql(a.inactiveDays, rc.now)];
  const cols: Sql[] = [raw(PARTICIPATION_FIGURES.map((x) => `pf.${x.column}`).join(", "))];
  const joins: Sql[] = [];
  const stored = storedFiguresApply(a.filter);
  if (stored) withs.push(storedSectionsSql());
  if (docs) {
    if (!stored) withs.push(documentSectionSql(a.filter, rc.now));
    joins.push(sql`LEFT JOIN dg ON dg.gkey = pf.gkey AND dg.year = pf.year LEFT JOIN rv ON rv.gkey = pf.gkey AND rv.year = pf.year`);
    const counts = DOCUMENT_FIGURES.filter((x) => x.kind === "int").map((x) => x.column);
    cols.push(raw(counts.map((c) => `COALESCE(${c}, 0) AS ${c}`).join(", ")), raw(`rv.d_median_days`));
  }
  if (measures) {
    if (!stored) withs.push(measureSectionSql(a.filter));
    joins.push(sql`LEFT JOIN mg ON mg.gkey = pf.gkey AND mg.year = pf.year LEFT JOIN rg ON rg.gkey = pf.gkey AND rg.year = pf.year`);
    const counts = MEASURE_FIGURES.filter((x) => x.kind === "int").map((x) => x.column);
    cols.push(raw(counts.map((c) => `COALESCE(${c}, 0) AS ${c}`).join(", ")), raw(`mg.m_indicator_attainment`));
  }
  if (a.kind === "MONITORING" && (a.groupBy === "REGION" || a.groupBy === "MUNICIPALITY")) {
    withs.push(consultationSectionSql(a.groupBy, a.filter, rc));
    joins.push(sql`LEFT JOIN cg ON cg.gkey = pf.gkey AND cg.year = pf.year`);
    const counts = CONSULTATION_FIGURES.filter((x) => x.kind === "int").map((x) => x.column);
    cols.push(raw(counts.map((c) => `COALESCE(${c}, 0) AS ${c}`).join(", ")), raw(`cg.c_median_days`));
  } else if (a.kind === "MONITORING") {
    // Questions carry the asker's region and municipality only: no figures for other groupings (null).
    cols.push(raw(CONSULTATION_FIGURES.map((x) => `NULL::${x.kind === "int" ? "int" : "float8"} AS ${x.column}`).join(", ")));
  }
  withs.push(sql`rows AS (SELECT pf.gkey, pf.year, ${join(cols, ", ")} FROM pf ${join(joins, " ")})`);
  const shares: Sql[] = [];
  if (docs) shares.push(sql`${share("d_approved", "d_owed")} AS d_approved_share`);
  if (measures) shares.push(sql`${share("m_done_on_time", "m_due_so_far")} AS m_progress`);
  const g = groupColumnsSql(a.groupBy);
  const named = sql`SELECT x.*, ${shares.length ? sql`${join(shares, ", ")},` : empty} ${g.select} FROM rows x ${g.from}`;
  return pagedSql(join(withs, ",\n"), named, orderSql(a.order, [], FIGURE_COLUMNS), a.page);
}

export interface RiskReportArgs {
  filter: ReportFilter;
  groupBy: GroupBy;
  order: Order;
  page: Page;
}

/** Risk factors per group (and year): significance distribution and how often each is chosen. */
export function riskReportSql(a: RiskReportArgs, rc: RunContext): Sql {
  const f = a.filter;
  const c: Sql[] = [];
  if (f.riskFactorNumbers.length) c.push(sql`rf.number = ANY(${f.riskFactorNumbers}::int[])`);
  if (f.significances.length) c.push(sql`e.significance = ANY(${f.significances}::text[]::"Significance"[])`);
  const withs = sql`p0 AS (${participationsSql(f, rc, { chosenRiskFilter: false })}),
    pg AS (${groupedSql(a.groupBy, f)}),
    prof AS (SELECT gkey, year, count(*) FILTER (WHERE profile_id IS NOT NULL)::int AS r_profiles FROM pg GROUP BY gkey, year),
    rk AS (
      SELECT pg.gkey, pg.year, rf.id AS risk_factor_id, rf.number AS factor_number, rf.title AS factor_title,
        count(*)::int AS r_schools,
        count(*) FILTER (WHERE e.significance = 'HIGH')::int AS r_high,
        count(*) FILTER (WHERE e.significance = 'MEDIUM')::int AS r_medium,
        count(*) FILTER (WHERE e.significance = 'LOW')::int AS r_low,
        count(*) FILTER (WHERE e.chosen)::int AS r_chosen
      FROM pg JOIN "RiskProfileEntry" e ON e."profileId" = pg.profile_id JOIN "RiskFactor" rf ON rf.id = e."riskFactorId"
      WHERE ${and(c)}
      GROUP BY pg.gkey, pg.year, rf.id, rf.number, rf.title),
    rows AS (
      SELECT rk.*, prof.r_profiles, ${share("rk.r_chosen", "prof.r_profiles")} AS r_chosen_share,
        ${share("rk.r_high", "prof.r_profiles")} AS r_high_share
      FROM rk JOIN prof ON prof.gkey = rk.gkey AND prof.year = rk.year)`;
  const g = groupColumnsSql(a.groupBy);
  const named = sql`SELECT x.*, ${g.select} FROM rows x ${g.from}`;
  return pagedSql(withs, named, orderSql(a.order, ["factor_number ASC"], RISK_COLUMNS), a.page);
}

export interface ListArgs {
  filter: ReportFilter;
  order: Order;
  page: Page;
}

export interface DocumentItemRow {
  pid: string;
  school_id: string;
  municipality_id: string;
  region_id: string;
  year: number;
  kind: DocumentKind;
  risk_factor_id: string | null;
  factor_number: number | null;
  document_id: string | null;
  state: ItemState;
  submitted_at: Date | null;
  decided_at: Date | null;
  deadline: Date;
  overdue: boolean;
  waiting_days: number | null;
  school_name: string;
}

/** Drill-down to documents: every owed document of the filtered participations, with its state. */
export function documentListSql(a: ListArgs, rc: RunContext): Sql {
  const f = a.filter;
  const range =
    f.from || f.to
      ? sql`AND EXISTS (SELECT 1 FROM "Review" rr WHERE rr."documentId" = di.document_id
        AND ${and(inRange(storedDaySql(sql`rr."createdAt"`, sql`p0.tz`), f))})`
      : empty;
  const withs = sql`p0 AS (${participationsSql(f, rc, { chosenRiskFilter: true })}), ${documentItemsSql(f, rc.now)}`;
  const named = sql`SELECT di.*, p0.school_id, p0.municipality_id, p0.region_id, p0.year, s."shortName" AS school_name,
      rf.number AS factor_number, di.pid AS gkey, FALSE AS group_none, NULL::int AS group_code, s."shortName" AS group_name
    FROM di JOIN p0 ON p0.pid = di.pid JOIN "School" s ON s.id = p0.school_id
    LEFT JOIN "RiskFactor" rf ON rf.id = di.risk_factor_id
    WHERE TRUE ${range}`;
  return pagedSql(withs, named, orderSql(a.order, ["kind ASC", "factor_number ASC NULLS FIRST"], DOCUMENT_LIST_COLUMNS), a.page);
}

export interface MeasureItemRow {
  pid: string;
  measure_id: string;
  roadmap_id: string;
  school_id: string;
  municipality_id: string;
  region_id: string;
  year: number;
  position: number;
  title: string;
  status: MeasureStatus;
  due_date: Date | null;
  completed_at: Date | null;
  overdue: boolean;
  done_on_time: boolean;
  factor_number: number | null;
  indicator_name: string | null;
  indicator_unit: string | null;
  baseline_value: string | null;
  target_value: string | null;
  actual_value: string | null;
  attainment: number | null;
  school_name: string;
}

/** Drill-down to measures: the school-roadmap measures of the filtered participations. */
export function measureListSql(a: ListArgs, rc: RunContext): Sql {
  const withs = sql`p0 AS (${participationsSql(a.filter, rc, { chosenRiskFilter: false })}), ${measureItemsSql(a.filter)}`;
  const named = sql`SELECT mi.*, p0.school_id, p0.municipality_id, p0.region_id, p0.year, s."shortName" AS school_name,
      ms.position, ms.title, ms."indicatorName" AS indicator_name, ms."indicatorUnit" AS indicator_unit,
      ms."baselineValue"::text AS baseline_value, ms."targetValue"::text AS target_value, ms."actualValue"::text AS actual_value,
      rf.number AS factor_number, mi.pid AS gkey, FALSE AS group_none, NULL::int AS group_code, s."shortName" AS group_name
    FROM mi JOIN p0 ON p0.pid = mi.pid JOIN "School" s ON s.id = p0.school_id
    JOIN "Measure" ms ON ms.id = mi.measure_id LEFT JOIN "RiskFactor" rf ON rf.id = ms."riskFactorId"`;
  return pagedSql(withs, named, orderSql(a.order, ["position ASC", "measure_id ASC"], MEASURE_LIST_COLUMNS), a.page);
}

export interface RoadmapItemRow {
  pid: string;
  school_id: string;
  municipality_id: string;
  region_id: string;
  year: number;
  roadmap_id: string | null;
  status: "DRAFT" | "SUBMITTED" | "APPROVED" | "RETURNED" | null;
  approved: boolean;
  deadline: Date | null;
  overdue: boolean;
  school_name: string;
}

/**
 * Drill-down to school roadmaps against the year's `roadmapDue`: one row per filtered participation,
 * with the same rule as the figure `roadmapsOverdue` (roadmapSectionSql): overdue once the due day has
 * ended in the region and the roadmap is neither on review nor ever approved. `overdueOnly` keeps those.
 */
export function roadmapListSql(a: ListArgs, rc: RunContext): Sql {
  const withs = sql`p0 AS (${participationsSql(a.filter, rc, { chosenRiskFilter: false })}),
    ri AS (
      SELECT p0.pid, rm.id AS roadmap_id, rm.status::text AS status,
        EXISTS (SELECT 1 FROM "RoadmapReview" x WHERE x."roadmapId" = rm.id AND x.decision = 'APPROVED') AS approved,
        CASE WHEN p0.roadmap_due IS NOT NULL THEN ((p0.roadmap_due + 1)::timestamp AT TIME ZONE p0.tz) END AS deadline,
        p0.roadmap_due, p0.today
      FROM p0 LEFT JOIN "Roadmap" rm ON rm."participationId" = p0.pid),
    ro AS (
      SELECT ri.*, (ri.roadmap_due IS NOT NULL AND ri.today > ri.roadmap_due
        AND COALESCE(ri.status, '') <> 'SUBMITTED' AND NOT ri.approved) AS overdue
      FROM ri)`;
  const named = sql`SELECT ro.pid, ro.roadmap_id, ro.status, ro.approved, ro.deadline, ro.overdue,
      p0.school_id, p0.municipality_id, p0.region_id, p0.year, s."shortName" AS school_name,
      ro.pid AS gkey, FALSE AS group_none, NULL::int AS group_code, s."shortName" AS group_name
    FROM ro JOIN p0 ON p0.pid = ro.pid JOIN "School" s ON s.id = p0.school_id
    WHERE ${a.filter.overdueOnly ? sql`ro.overdue` : sql`TRUE`}`;
  return pagedSql(withs, named, orderSql(a.order, ["pid ASC"], ROADMAP_LIST_COLUMNS), a.page);
}
