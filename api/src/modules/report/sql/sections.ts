// The sections of the figure reports, each a few CTEs over p0/pg (base.ts): participations (pf),
// concept documents (di, dp, dg, rv), school-roadmap measures (mi, mp, mg), roadmap reviews (rr, rg) and
// the consultation line (cg). These are the reference definitions of the figures: the stored
// per-participation figures (stored.ts) are checked against them (tests/api/report/stored-figures.test.ts).
import { Prisma } from "../../../db.ts";
import { reachSql } from "../../../auth/access.ts";
import { measureAttainmentSql } from "../../roadmap/progress.ts";
import { storedDaySql } from "../../../shared/local-day.ts";
import { and, inRange, nowUtc, ZERO, type ReportFilter, type RunContext, type Sql } from "./base.ts";

const { sql } = Prisma;

// ---------------------------------------------------------------- sections

export function participationSectionSql(inactiveDays: number, now: Date): Sql {
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
export function documentItemsSql(f: ReportFilter, now: Date): Sql {
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

export function documentSectionSql(f: ReportFilter, now: Date): Sql {
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
export function measureItemsSql(f: ReportFilter): Sql {
  const c: Sql[] = [];
  if (f.measureStatuses.length) c.push(sql`m.status = ANY(${f.measureStatuses}::text[]::"MeasureStatus"[])`);
  if (f.riskFactorNumbers.length) c.push(sql`m."riskFactorId" IN (SELECT rfm.id FROM "RiskFactor" rfm WHERE rfm.number = ANY(${f.riskFactorNumbers}::int[]))`);
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

export function measureSectionSql(f: ReportFilter): Sql {
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
export function roadmapSectionSql(): Sql {
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

/**
 * The consultation line per territory and year (CTE `cg`): questions of the filter's years asked from
 * the group's region or municipality, in the viewer's reach (the same reachSql as the participations,
 * on the question's own region, municipality and school; curators reach none), with the territory and
 * school filters. «Overdue»: unanswered for longer than the year's questionAnswerDays, as the deadline
 * scan alerts it. Participation, document and measure filters do not apply to questions.
 */
export function consultationSectionSql(groupBy: "REGION" | "MUNICIPALITY", f: ReportFilter, rc: RunContext): Sql {
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
