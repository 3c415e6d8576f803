// The aggregation SQL of the reports. Every report is ONE statement: participations in the viewer's
// reach and the filter (CTE p0), mapped to their group (pg), aggregated per participation and then per
// group in PostgreSQL (GROUP BY, FILTER, percentile_cont), ordered and cut to a page there too, with the
// total row count from the same statement. Nothing is loaded into Node to be counted.
//
// Composition uses Prisma.sql / Prisma.join only; the few raw fragments (column aliases, sort direction,
// group expressions) are constants chosen from whitelists below, never text from a request.
import { Prisma, type DB } from "../../db.ts";
import { reachSql } from "../../auth/access.ts";
import type { Reach } from "../../auth/viewer.ts";
import type {
  DocumentKind,
  DocumentStatus,
  MeasureStatus,
  ParticipationStatus,
  Significance,
} from "../../../../prisma/generated/client/enums.ts";
import { CONSULTATION_FIGURES, DOCUMENT_FIGURES, MEASURE_FIGURES, PARTICIPATION_FIGURES, RISK_FIGURES } from "./figures.ts";
import { reportTimeout } from "./errors.ts";
import { cached } from "./cache.ts";
import { localDaySql, storedDaySql } from "../../shared/local-day.ts";
import { measureAttainmentSql } from "../roadmap/progress.ts";
import { env } from "../../config.ts";

const { sql, join, raw, empty } = Prisma;
type Sql = Prisma.Sql;

export type GroupBy = "ALL" | "REGION" | "MUNICIPALITY" | "SCHOOL" | "CURATOR";
/** A required document's state: its status, or MISSING when nothing was uploaded. */
export type ItemState = DocumentStatus | "MISSING";

/** A report filter with global ids already decoded; an empty list means "no restriction". */
export interface ReportFilter {
  years: number[];
  /** Official region codes (75 — Забайкальский край), as analysts know them. */
  regionCodes: number[];
  regionIds: string[];
  municipalityIds: string[];
  schoolIds: string[];
  curatorIds: string[];
  participationStatuses: ParticipationStatus[];
  riskFactorNumbers: number[];
  /** Only schools without activity for at least this many days. */
  inactiveForDays: number | null;
  /** Calendar days, inclusive, in the region's time zone. */
  from: Date | null;
  to: Date | null;
  documentKinds: DocumentKind[];
  documentStates: ItemState[];
  measureStatuses: MeasureStatus[];
  significances: Significance[];
  /** Only overdue documents / measures. */
  overdueOnly: boolean;
}

export const emptyFilter = (years: number[]): ReportFilter => ({
  years,
  regionCodes: [],
  regionIds: [],
  municipalityIds: [],
  schoolIds: [],
  curatorIds: [],
  participationStatuses: [],
  riskFactorNumbers: [],
  inactiveForDays: null,
  from: null,
  to: null,
  documentKinds: [],
  documentStates: [],
  measureStatuses: [],
  significances: [],
  overdueOnly: false,
});

export interface Page {
  offset: number;
  limit: number;
}

/** `column` is a figure column (figures.ts) or one of the fixed keys of a list; `group` is the natural order. */
export interface Order {
  column: string;
  desc: boolean;
}

export interface RunContext {
  db: DB;
  reach: Reach;
  now: Date;
  /** Reuse the result of an equal query for this long (country-wide reports only; 0: always run). */
  cacheMs: number;
}

/** What every report row carries besides its figures: the year and the group with its parents. */
export interface GroupRow {
  year: number;
  region_id: string | null;
  municipality_id: string | null;
  school_id: string | null;
  curator_id: string | null;
  group_name: string;
  group_code: number | null;
}

export type FigureRow = GroupRow & { [column: string]: unknown };
export type RiskRow = FigureRow & { risk_factor_id: string; factor_number: number; factor_title: string };

export interface Paged<T> {
  total: number;
  rows: T[];
}

const ZERO = "00000000-0000-0000-0000-000000000000";
const nowUtc = (now: Date) => sql`(${now.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

function inRange(day: Sql, f: ReportFilter): Sql[] {
  const c: Sql[] = [];
  if (f.from) c.push(sql`${day} >= ${isoDay(f.from)}::date`);
  if (f.to) c.push(sql`${day} <= ${isoDay(f.to)}::date`);
  return c;
}

const and = (conds: Sql[]) => (conds.length ? join(conds, " AND ") : sql`TRUE`);

// ---------------------------------------------------------------- participations in scope (p0)

interface BaseOptions {
  /** Apply `riskFactorNumbers` as "schools that chose one of these" (not in the risk report, which filters factors). */
  chosenRiskFilter: boolean;
}

function participationsSql(f: ReportFilter, rc: RunContext, o: BaseOptions): Sql {
  const c: Sql[] = [sql`py.year = ANY(${f.years}::int[])`, reachSql(rc.reach)];
  if (f.regionCodes.length) c.push(sql`r.code = ANY(${f.regionCodes}::int[])`);
  if (f.regionIds.length) c.push(sql`m."regionId" = ANY(${f.regionIds}::uuid[])`);
  if (f.municipalityIds.length) c.push(sql`s."municipalityId" = ANY(${f.municipalityIds}::uuid[])`);
  if (f.schoolIds.length) c.push(sql`p."schoolId" = ANY(${f.schoolIds}::uuid[])`);
  if (f.curatorIds.length)
    c.push(sql`EXISTS (SELECT 1 FROM "CuratorAssignment" cf WHERE cf."participationId" = p.id AND cf."curatorId" = ANY(${f.curatorIds}::uuid[]))`);
  if (f.participationStatuses.length) c.push(sql`p.status = ANY(${f.participationStatuses}::text[]::"ParticipationStatus"[])`);
  if (f.inactiveForDays != null)
    c.push(sql`p."lastActivityAt" < ${nowUtc(rc.now)} - make_interval(days => ${f.inactiveForDays}::int)`);
  if (o.chosenRiskFilter && f.riskFactorNumbers.length)
    c.push(sql`EXISTS (SELECT 1 FROM "RiskProfileEntry" ef JOIN "RiskFactor" rff ON rff.id = ef."riskFactorId"
      WHERE ef."profileId" = rp.id AND ef.chosen AND rff.number = ANY(${f.riskFactorNumbers}::int[]))`);
  return sql`SELECT p.id AS pid, p."schoolId" AS school_id, s."municipalityId" AS municipality_id, m."regionId" AS region_id,
      py.year, py."conceptDocumentsDue" AS docs_due, py."roadmapDue" AS roadmap_due, r."timeZone" AS tz,
      ${localDaySql(rc.now, sql`r."timeZone"`)} AS today,
      p.status, p."lastActivityAt" AS last_activity, rp.id AS profile_id, (rp."verifiedAt" IS NOT NULL) AS verified,
      EXISTS (SELECT 1 FROM "CuratorAssignment" ch WHERE ch."participationId" = p.id) AS has_curator
    FROM "Participation" p
    JOIN "ProgrammeYear" py ON py.id = p."programmeYearId"
    JOIN "School" s ON s.id = p."schoolId"
    JOIN "Municipality" m ON m.id = s."municipalityId"
    JOIN "Region" r ON r.id = m."regionId"
    LEFT JOIN "RiskProfile" rp ON rp."participationId" = p.id
    WHERE ${and(c)}`;
}

/** pg: p0 with its group key `gkey` (a curator grouping repeats a participation once per curator). */
function groupedSql(groupBy: GroupBy, f: ReportFilter): Sql {
  switch (groupBy) {
    case "ALL":
      return sql`SELECT p0.*, ${ZERO}::uuid AS gkey FROM p0`;
    case "REGION":
      return sql`SELECT p0.*, p0.region_id AS gkey FROM p0`;
    case "MUNICIPALITY":
      return sql`SELECT p0.*, p0.municipality_id AS gkey FROM p0`;
    case "SCHOOL":
      return sql`SELECT p0.*, p0.school_id AS gkey FROM p0`;
    case "CURATOR": {
      const only = f.curatorIds.length ? sql`AND ca."curatorId" = ANY(${f.curatorIds}::uuid[])` : empty;
      return sql`SELECT p0.*, COALESCE(ca."curatorId", ${ZERO}::uuid) AS gkey
        FROM p0 LEFT JOIN "CuratorAssignment" ca ON ca."participationId" = p0.pid ${only}`;
    }
  }
}

/** The group's own row: name, natural order, and the territory above it. */
function groupColumnsSql(groupBy: GroupBy): { select: Sql; from: Sql } {
  switch (groupBy) {
    case "ALL":
      return {
        select: sql`NULL::uuid AS region_id, NULL::uuid AS municipality_id, NULL::uuid AS school_id, NULL::uuid AS curator_id,
          'Итого'::text AS group_name, NULL::int AS group_code, FALSE AS group_none`,
        from: empty,
      };
    case "REGION":
      return {
        select: sql`g.id AS region_id, NULL::uuid AS municipality_id, NULL::uuid AS school_id, NULL::uuid AS curator_id,
          g.name AS group_name, g.code AS group_code, FALSE AS group_none`,
        from: sql`JOIN "Region" g ON g.id = x.gkey`,
      };
    case "MUNICIPALITY":
      return {
        select: sql`g."regionId" AS region_id, g.id AS municipality_id, NULL::uuid AS school_id, NULL::uuid AS curator_id,
          g.name AS group_name, NULL::int AS group_code, FALSE AS group_none`,
        from: sql`JOIN "Municipality" g ON g.id = x.gkey`,
      };
    case "SCHOOL":
      return {
        select: sql`gm."regionId" AS region_id, g."municipalityId" AS municipality_id, g.id AS school_id, NULL::uuid AS curator_id,
          g."shortName" AS group_name, NULL::int AS group_code, FALSE AS group_none`,
        from: sql`JOIN "School" g ON g.id = x.gkey JOIN "Municipality" gm ON gm.id = g."municipalityId"`,
      };
    case "CURATOR":
      return {
        select: sql`NULL::uuid AS region_id, NULL::uuid AS municipality_id, NULL::uuid AS school_id, g.id AS curator_id,
          COALESCE(g."fullName", 'Без куратора') AS group_name, NULL::int AS group_code, (g.id IS NULL) AS group_none`,
        from: sql`LEFT JOIN "User" g ON g.id = x.gkey`,
      };
  }
}

// ---------------------------------------------------------------- sections

function participationSectionSql(inactiveDays: number, now: Date): Sql {
  return sql`pf AS (
    SELECT gkey, year,
      count(*)::int AS participants,
      count(*) FILTER (WHERE status = 'PARTICIPATING')::int AS participating,
      count(*) FILTER (WHERE status = 'LEFT_LOW_RESULTS')::int AS left_low_results,
      count(*) FILTER (WHERE status = 'WITHDRAWN')::int AS withdrawn,
      count(*) FILTER (WHERE has_curator)::int AS with_curator,
      count(*) FILTER (WHERE verified)::int AS profiles_verified,
      count(*) FILTER (WHERE last_activity < ${nowUtc(now)} - make_interval(days => ${inactiveDays}::int))::int AS inactive,
      max(last_activity) AS last_activity_at
    FROM pg GROUP BY gkey, year)`;
}

/** The owed documents of p0, one row each, with their state (CTEs `items`, `di`). */
function documentItemsSql(f: ReportFilter, now: Date): Sql {
  const c: Sql[] = [];
  if (f.documentKinds.length) c.push(sql`i.kind = ANY(${f.documentKinds}::text[]::"DocumentKind"[])`);
  if (f.documentStates.length) c.push(sql`COALESCE(d.status::text, 'MISSING') = ANY(${f.documentStates}::text[])`);
  if (f.overdueOnly) c.push(sql`p0.today > p0.docs_due AND (d.status IS NULL OR d.status IN ('DRAFT', 'RETURNED'))`);
  return sql`items AS (
      SELECT p0.pid, k.kind, NULL::uuid AS risk_factor_id
        FROM p0 CROSS JOIN unnest(ARRAY['CONCEPT', 'MEDIUM_TERM_PROGRAMME']::"DocumentKind"[]) AS k(kind)
      UNION ALL
      SELECT p0.pid, 'ANTI_RISK_PROGRAMME'::"DocumentKind", e."riskFactorId"
        FROM p0 JOIN "RiskProfileEntry" e ON e."profileId" = p0.profile_id AND e.chosen),
    di AS (
      SELECT i.pid, i.kind, i.risk_factor_id, d.id AS document_id, COALESCE(d.status::text, 'MISSING') AS state,
        d."submittedAt" AS submitted_at, d."decidedAt" AS decided_at,
        (p0.today > p0.docs_due AND (d.status IS NULL OR d.status IN ('DRAFT', 'RETURNED'))) AS overdue,
        ((p0.docs_due + 1)::timestamp AT TIME ZONE p0.tz) AS deadline,
        CASE WHEN d.status = 'SUBMITTED' THEN EXTRACT(EPOCH FROM (${nowUtc(now)} - d."submittedAt")) / 86400.0 END AS waiting_days
      FROM items i JOIN p0 ON p0.pid = i.pid
      LEFT JOIN "Document" d ON d."participationId" = i.pid AND d.kind = i.kind
        AND COALESCE(d."riskFactorId", ${ZERO}::uuid) = COALESCE(i.risk_factor_id, ${ZERO}::uuid)
      WHERE ${and(c)})`;
}

function documentSectionSql(f: ReportFilter, now: Date): Sql {
  const kinds = f.documentKinds.length ? f.documentKinds : ["CONCEPT", "MEDIUM_TERM_PROGRAMME", "ANTI_RISK_PROGRAMME"];
  return sql`${documentItemsSql(f, now)},
    dp AS (
      SELECT pid,
        count(*) AS owed,
        count(*) FILTER (WHERE state = 'MISSING') AS missing,
        count(*) FILTER (WHERE state = 'DRAFT') AS draft,
        count(*) FILTER (WHERE state IN ('SUBMITTED', 'APPROVED', 'RETURNED')) AS submitted,
        count(*) FILTER (WHERE state = 'SUBMITTED') AS awaiting_review,
        count(*) FILTER (WHERE state = 'APPROVED') AS approved,
        count(*) FILTER (WHERE state = 'RETURNED') AS returned,
        count(*) FILTER (WHERE overdue) AS overdue
      FROM di GROUP BY pid),
    dg AS (
      SELECT pg.gkey, pg.year,
        sum(dp.owed)::int AS d_owed, sum(dp.missing)::int AS d_missing, sum(dp.draft)::int AS d_draft,
        sum(dp.submitted)::int AS d_submitted, sum(dp.awaiting_review)::int AS d_awaiting_review,
        sum(dp.approved)::int AS d_approved, sum(dp.returned)::int AS d_returned, sum(dp.overdue)::int AS d_overdue
      FROM pg JOIN dp ON dp.pid = pg.pid GROUP BY pg.gkey, pg.year),
    rv AS (
      SELECT pg.gkey, pg.year,
        count(*)::int AS d_decisions,
        count(*) FILTER (WHERE rw.decision = 'APPROVED')::int AS d_approvals,
        count(*) FILTER (WHERE rw.decision = 'RETURNED')::int AS d_returns,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM (rw."createdAt" - v."submittedAt")) / 86400.0) AS d_median_days
      FROM pg
      JOIN "Document" d ON d."participationId" = pg.pid
      JOIN "Review" rw ON rw."documentId" = d.id
      JOIN "DocumentVersion" v ON v.id = rw."versionId"
      WHERE v."submittedAt" IS NOT NULL AND d.kind = ANY(${kinds}::text[]::"DocumentKind"[])
        AND ${and(inRange(storedDaySql(sql`rw."createdAt"`, sql`pg.tz`), f))}
      GROUP BY pg.gkey, pg.year)`;
}

/**
 * The school-roadmap measures of p0, one row each, with their timeliness (CTE `mi`). The definitions are
 * the roadmap screen's (roadmap/progress.ts): due so far, done on time, overdue, and the attainment of a
 * measure's indicator (0..1, partial progress counts).
 */
function measureItemsSql(f: ReportFilter): Sql {
  const c: Sql[] = [];
  if (f.measureStatuses.length) c.push(sql`m.status = ANY(${f.measureStatuses}::text[]::"MeasureStatus"[])`);
  if (f.riskFactorNumbers.length)
    c.push(sql`m."riskFactorId" IN (SELECT rfm.id FROM "RiskFactor" rfm WHERE rfm.number = ANY(${f.riskFactorNumbers}::int[]))`);
  c.push(...inRange(sql`m."dueDate"`, f));
  if (f.overdueOnly) c.push(sql`m.status IN ('PLANNED', 'IN_PROGRESS') AND m."dueDate" < p0.today`);
  return sql`mi AS (
      SELECT p0.pid, m.id AS measure_id, rm.id AS roadmap_id, m.status, m."dueDate" AS due_date, m."completedAt" AS completed_at,
        (m.status = 'DONE' AND m."confirmedAt" IS NOT NULL) AS confirmed,
        (m.status <> 'CANCELLED' AND m."dueDate" <= p0.today) AS due_so_far,
        (m.status = 'DONE' AND m."dueDate" <= p0.today
          AND ${storedDaySql(sql`m."completedAt"`, sql`p0.tz`)} <= m."dueDate") AS done_on_time,
        (m.status IN ('PLANNED', 'IN_PROGRESS') AND m."dueDate" < p0.today) AS overdue,
        (m.status <> 'CANCELLED' AND m."targetValue" IS NOT NULL) AS with_indicator,
        (m.status <> 'CANCELLED' AND m."targetValue" IS NOT NULL AND m."actualValue" IS NOT NULL) AS indicator_reported,
        CASE WHEN m.status <> 'CANCELLED' AND m."targetValue" IS NOT NULL THEN (${measureAttainmentSql})::float8 END AS attainment
      FROM p0
      JOIN "Roadmap" rm ON rm."participationId" = p0.pid
      JOIN "Measure" m ON m."roadmapId" = rm.id
      WHERE ${and(c)})`;
}

function measureSectionSql(f: ReportFilter): Sql {
  return sql`${measureItemsSql(f)},
    mp AS (
      SELECT pid,
        count(*) FILTER (WHERE status <> 'CANCELLED') AS measures,
        count(*) FILTER (WHERE status = 'PLANNED') AS planned,
        count(*) FILTER (WHERE status = 'IN_PROGRESS') AS in_progress,
        count(*) FILTER (WHERE status = 'DONE') AS done,
        count(*) FILTER (WHERE confirmed) AS done_confirmed,
        count(*) FILTER (WHERE status = 'CANCELLED') AS cancelled,
        count(*) FILTER (WHERE due_so_far) AS due_so_far,
        count(*) FILTER (WHERE done_on_time) AS done_on_time,
        count(*) FILTER (WHERE overdue) AS overdue,
        count(*) FILTER (WHERE with_indicator) AS with_indicator,
        count(*) FILTER (WHERE indicator_reported) AS indicators_reported,
        count(*) FILTER (WHERE attainment >= 1) AS indicators_attained,
        sum(attainment) AS attainment_sum
      FROM mi GROUP BY pid),
    mg AS (
      SELECT pg.gkey, pg.year,
        count(*) FILTER (WHERE mp.measures > 0)::int AS m_schools_with_roadmap,
        sum(mp.measures)::int AS m_measures, sum(mp.planned)::int AS m_planned, sum(mp.in_progress)::int AS m_in_progress,
        sum(mp.done)::int AS m_done, sum(mp.done_confirmed)::int AS m_done_confirmed,
        (sum(mp.done) - sum(mp.done_confirmed))::int AS m_done_awaiting, sum(mp.cancelled)::int AS m_cancelled, sum(mp.due_so_far)::int AS m_due_so_far,
        sum(mp.done_on_time)::int AS m_done_on_time, sum(mp.overdue)::int AS m_overdue,
        sum(mp.with_indicator)::int AS m_with_indicator, sum(mp.indicators_reported)::int AS m_indicators_reported,
        sum(mp.indicators_attained)::int AS m_indicators_attained,
        (sum(mp.attainment_sum) / NULLIF(sum(mp.with_indicator), 0))::float8 AS m_indicator_attainment
      FROM pg JOIN mp ON mp.pid = pg.pid GROUP BY pg.gkey, pg.year),
    ${roadmapSectionSql()}`;
}

/**
 * The review state of each participation's roadmap against the year's `roadmapDue` (CTEs `rr`, `rg`):
 * the deadline is met once the roadmap is on review or was ever approved — the deadline scan's rule
 * (deadline/scan.ts) — and missed when the due day has ended in the region and it is not.
 */
function roadmapSectionSql(): Sql {
  return sql`rr AS (
      SELECT p0.pid,
        EXISTS (SELECT 1 FROM "RoadmapVersion" v WHERE v."roadmapId" = rm.id) AS submitted,
        COALESCE(rm.status = 'SUBMITTED', FALSE) AS awaiting_review,
        COALESCE(rm.status = 'RETURNED', FALSE) AS returned,
        EXISTS (SELECT 1 FROM "RoadmapReview" x WHERE x."roadmapId" = rm.id AND x.decision = 'APPROVED') AS approved
      FROM p0 LEFT JOIN "Roadmap" rm ON rm."participationId" = p0.pid),
    rg AS (
      SELECT pg.gkey, pg.year,
        count(*) FILTER (WHERE rr.submitted)::int AS m_roadmaps_submitted,
        count(*) FILTER (WHERE rr.awaiting_review)::int AS m_roadmaps_awaiting_review,
        count(*) FILTER (WHERE rr.approved)::int AS m_roadmaps_approved,
        count(*) FILTER (WHERE rr.returned)::int AS m_roadmaps_returned,
        count(*) FILTER (WHERE pg.roadmap_due IS NOT NULL AND pg.today > pg.roadmap_due
          AND NOT rr.awaiting_review AND NOT rr.approved)::int AS m_roadmaps_overdue
      FROM pg JOIN rr ON rr.pid = pg.pid GROUP BY pg.gkey, pg.year)`;
}

// ---------------------------------------------------------------- ordering and paging

const share = (num: string, den: string) => raw(`CASE WHEN ${den} > 0 THEN ${num}::float8 / ${den} END`);
/** Columns a figure report may be ordered by. */
const FIGURE_COLUMNS: ReadonlySet<string> = new Set(
  [...PARTICIPATION_FIGURES, ...DOCUMENT_FIGURES, ...MEASURE_FIGURES, ...CONSULTATION_FIGURES].map((x) => x.column),
);
const RISK_COLUMNS: ReadonlySet<string> = new Set([...RISK_FIGURES.map((x) => x.column), "factor_number"]);
const DOCUMENT_LIST_COLUMNS: ReadonlySet<string> = new Set(["submitted_at", "decided_at", "waiting_days", "deadline", "state"]);
const MEASURE_LIST_COLUMNS: ReadonlySet<string> = new Set(["due_date", "completed_at", "status"]);
const ROADMAP_LIST_COLUMNS: ReadonlySet<string> = new Set(["deadline", "status"]);

/**
 * ORDER BY: the chosen column, then the group's natural order, then keys, so pages never overlap.
 * `allowed` is the whitelist of the report: the column is spliced in as an identifier.
 */
function orderSql(order: Order, tieBreak: string[], allowed: ReadonlySet<string>): Sql {
  const dir = raw(order.desc ? "DESC" : "ASC");
  const natural = raw(`group_none ASC, group_code ASC NULLS LAST, group_name ASC, gkey ASC, ${["year ASC", ...tieBreak].join(", ")}`);
  if (order.column === "group") return sql`ORDER BY group_none ASC, group_code ${dir} NULLS LAST, group_name ${dir}, gkey ${dir}, ${raw(["year ASC", ...tieBreak].join(", "))}`;
  if (order.column === "year") return sql`ORDER BY year ${dir}, ${natural}`;
  if (!allowed.has(order.column)) throw new Error(`unknown report column ${order.column}`);
  return sql`ORDER BY ${raw(order.column)} ${dir} NULLS LAST, ${natural}`;
}

/**
 * The consultation line per territory and year (CTE `cg`): questions of the filter's years asked from
 * the group's region or municipality, in the viewer's reach (the same reachSql as the participations,
 * on the question's own region, municipality and school; curators reach none), with the territory and
 * school filters. «Overdue»: unanswered for longer than the year's questionAnswerDays, as the deadline
 * scan alerts it. Participation, document and measure filters do not apply to questions.
 */
function consultationSectionSql(groupBy: "REGION" | "MUNICIPALITY", f: ReportFilter, rc: RunContext): Sql {
  const c: Sql[] = [
    sql`py.year = ANY(${f.years}::int[])`,
    reachSql(rc.reach, { regionId: sql`q."regionId"`, municipalityId: sql`q."municipalityId"`, schoolId: sql`q."schoolId"`, participationId: sql`NULL::uuid` }),
  ];
  if (f.regionCodes.length) c.push(sql`q."regionId" IN (SELECT id FROM "Region" WHERE code = ANY(${f.regionCodes}::int[]))`);
  if (f.regionIds.length) c.push(sql`q."regionId" = ANY(${f.regionIds}::uuid[])`);
  if (f.municipalityIds.length) c.push(sql`q."municipalityId" = ANY(${f.municipalityIds}::uuid[])`);
  if (f.schoolIds.length) c.push(sql`q."schoolId" = ANY(${f.schoolIds}::uuid[])`);
  const gkey = groupBy === "REGION" ? sql`q."regionId"` : sql`q."municipalityId"`;
  return sql`cg AS (
    SELECT ${gkey} AS gkey, py.year,
      count(*)::int AS c_asked,
      count(*) FILTER (WHERE q.status = 'ANSWERED')::int AS c_answered,
      count(*) FILTER (WHERE q.status <> 'ANSWERED')::int AS c_open,
      count(*) FILTER (WHERE q."forwardedAt" IS NOT NULL)::int AS c_passed_on,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM (q."answeredAt" - q."createdAt")) / 86400.0)
        FILTER (WHERE q.status = 'ANSWERED' AND q."answeredAt" IS NOT NULL) AS c_median_days,
      count(*) FILTER (WHERE q.status <> 'ANSWERED'
        AND q."createdAt" < ${nowUtc(rc.now)} - make_interval(days => py."questionAnswerDays"))::int AS c_unanswered_overdue
    FROM "Question" q JOIN "ProgrammeYear" py ON py.id = q."programmeYearId"
    WHERE ${gkey} IS NOT NULL AND ${and(c)}
    GROUP BY 1, 2)`;
}

/** One statement: the total of `named` and one page of it (the page may be empty; the total is still there). */
function pagedSql(withs: Sql, named: Sql, order: Sql, page: Page): Sql {
  return sql`WITH ${withs}, named AS (${named})
    SELECT c.total, f.* FROM (SELECT count(*)::int AS total FROM named) c
    LEFT JOIN LATERAL (SELECT * FROM named ${order} LIMIT ${page.limit} OFFSET ${page.offset}) f ON TRUE`;
}

function unpage<T>(rows: (T & { total: number; year: number | null })[]): Paged<T> {
  const total = rows[0]?.total ?? 0;
  return { total, rows: rows.filter((r) => r.year != null).map(({ total: _t, ...r }) => r as T) };
}

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

/** Monitoring, documents or measures per group (and year): one statement. */
export function figureReportSql(a: FigureReportArgs, rc: RunContext): Sql {
  const docs = a.kind !== "MEASURES";
  const measures = a.kind !== "DOCUMENTS";
  const withs: Sql[] = [
    sql`p0 AS (${participationsSql(a.filter, rc, { chosenRiskFilter: true })})`,
    sql`pg AS (${groupedSql(a.groupBy, a.filter)})`,
    participationSectionSql(a.inactiveDays, rc.now),
  ];
  const cols: Sql[] = [raw(PARTICIPATION_FIGURES.map((x) => `pf.${x.column}`).join(", "))];
  const joins: Sql[] = [];
  if (docs) {
    withs.push(documentSectionSql(a.filter, rc.now));
    joins.push(sql`LEFT JOIN dg ON dg.gkey = pf.gkey AND dg.year = pf.year LEFT JOIN rv ON rv.gkey = pf.gkey AND rv.year = pf.year`);
    const counts = DOCUMENT_FIGURES.filter((x) => x.kind === "int").map((x) => x.column);
    cols.push(raw(counts.map((c) => `COALESCE(${c}, 0) AS ${c}`).join(", ")), raw(`rv.d_median_days`));
  }
  if (measures) {
    withs.push(measureSectionSql(a.filter));
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
  if (measures)
    shares.push(sql`${share("m_done_on_time", "m_due_so_far")} AS m_progress`);
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
  const range = f.from || f.to
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

// ---------------------------------------------------------------- execution

/** Report SQL may run this long before PostgreSQL cancels it (REPORT_STATEMENT_TIMEOUT_MS, default 10 s). */
export const reportStatementTimeoutMs = () => env.reportStatementTimeoutMs();

/**
 * Runs report SQL with `SET LOCAL statement_timeout`, so one careless query cannot hold a connection
 * for minutes; a cancelled statement becomes a clear REPORT_TIMEOUT error. With `cacheMs`, an equal
 * query (same text and parameters) within that period reuses the result (cache.ts).
 */
export function runReportSql<T>(db: DB, query: Sql, cacheMs = 0): Promise<Paged<T>> {
  if (cacheMs <= 0) return runUncached<T>(db, query);
  return cached(db, `${query.text}\u0000${JSON.stringify(query.values)}`, cacheMs, () => runUncached<T>(db, query));
}

async function runUncached<T>(db: DB, query: Sql, timeoutMs = reportStatementTimeoutMs()): Promise<Paged<T>> {
  const ms = Math.max(1, Math.floor(timeoutMs));
  try {
    const rows = await db.$transaction(
      async (tx) => {
        await tx.$executeRawUnsafe(`SET LOCAL statement_timeout = ${ms}`);
        return tx.$queryRaw<(T & { total: number; year: number | null })[]>(query);
      },
      { maxWait: 10_000, timeout: ms + 5_000 },
    );
    return unpage<T>(rows);
  } catch (e) {
    if (isStatementTimeout(e)) throw reportTimeout(ms);
    throw e;
  }
}

function isStatementTimeout(e: unknown): boolean {
  const x = e as { code?: string; meta?: { code?: string }; message?: string; cause?: { code?: string } };
  return x?.meta?.code === "57014" || x?.cause?.code === "57014" || /statement timeout/i.test(x?.message ?? "");
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
