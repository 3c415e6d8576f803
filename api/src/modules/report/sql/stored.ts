// Stored per-participation figures: the fast path of the figure reports.
//
// Measured on the national data set (bench/SCALE.md): the country-wide dashboard spends almost all of its
// time aggregating the year's 150k measures, 21k owed documents and 22k reviews per participation; the
// per-group step over 5,000 participations is cheap. So the per-participation step is stored:
//
// - `ParticipationFigures` holds, per participation, the counts the sections (sections.ts) compute per
//   participation (dp, mp, rr and the review decisions with their day counts for the median), computed by
//   {@link perParticipationSql} from one snapshot, with the generation it was computed at.
// - Every write to a source row (measures, documents, versions, reviews, profiles and their entries,
//   roadmaps and their versions and reviews, and the territory that sets the time zone) bumps the
//   generation and clears `fresh` in the writing transaction (deferred triggers, migration
//   202612072230_participation_figures). A row computed from a snapshot without a write is therefore
//   always invalidated after it was stored: {@link refreshStoredFigures} stores a row only if its
//   generation is still the one it read in the same statement.
// - Date-dependent measure counts (due so far, done on time, overdue) are exact from the day they were
//   computed for (`day`, region time) to `validTo`, the day before the next due date that would change one.
// - A report uses a stored row only while it is fresh and the report's day is in that range; it computes
//   the other participations live with the same {@link perParticipationSql}, so a report is exact
//   whether or not the job has run: the job only decides how fast it is.
// - Figures that depend on the report's own moment or the programme year's settings (documents and
//   roadmaps overdue, inactivity) are applied at report time from the stored counts.
//
// Used when the filter does not narrow documents or measures (kinds, states, statuses, risk factors,
// period, overdue only): those reports run the reference sections.
import { Prisma, type DB } from "../../../db.ts";
import { measureAttainmentSql } from "../../roadmap/progress.ts";
import { localDaySql, storedDaySql } from "../../../shared/local-day.ts";
import { env } from "../../../config.ts";
import { ZERO, type ReportFilter, type Sql } from "./base.ts";

const { sql, raw } = Prisma;

/** STORED_REPORT_FIGURES=0 turns the stored figures off (every report runs the reference sections). */
export const storedFiguresEnabled = () => env.storedReportFigures();

/** Whether a filter leaves every document and measure of a participation in: the stored figures apply. */
export const storedFiguresApply = (f: ReportFilter) =>
  storedFiguresEnabled() && !f.documentKinds.length && !f.documentStates.length && !f.measureStatuses.length && !f.riskFactorNumbers.length && !f.overdueOnly && !f.from && !f.to;

/** The stored columns, in the table's order (after the bookkeeping ones). */
export const STORED_COLUMNS = [
  "d_owed",
  "d_missing",
  "d_draft",
  "d_submitted",
  "d_awaiting_review",
  "d_approved",
  "d_returned",
  "d_open",
  "d_decisions",
  "d_approvals",
  "d_returns",
  "d_decision_days",
  "m_measures",
  "m_planned",
  "m_in_progress",
  "m_done",
  "m_done_confirmed",
  "m_cancelled",
  "m_due_so_far",
  "m_done_on_time",
  "m_overdue",
  "m_with_indicator",
  "m_indicators_reported",
  "m_indicators_attained",
  "m_attainment_sum",
  "r_rows",
  "r_submitted",
  "r_awaiting_review",
  "r_approved",
  "r_returned",
  "r_open",
] as const;
const cols = (prefix: string) => raw(STORED_COLUMNS.map((c) => `${prefix}${c}`).join(", "));

/**
 * The per-participation figures of the participations in CTE `src` (columns pid, tz, today, profile_id),
 * as a query with one row per pid: the stored columns, `day` (= today) and `valid_to`. Each part is a
 * LATERAL subquery per participation, so the cost follows the number of participations asked for.
 * The expressions are those of sections.ts (documentItemsSql, documentSectionSql, measureItemsSql,
 * measureSectionSql, roadmapSectionSql) without filters.
 */
export function perParticipationSql(src: string): Sql {
  const s = raw(src);
  return sql`SELECT s.pid, s.today AS day,
      d.d_owed, d.d_missing, d.d_draft, d.d_submitted, d.d_awaiting_review, d.d_approved, d.d_returned, d.d_open,
      v.d_decisions, v.d_approvals, v.d_returns, v.d_decision_days,
      m.m_measures, m.m_planned, m.m_in_progress, m.m_done, m.m_done_confirmed, m.m_cancelled, m.m_due_so_far,
      m.m_done_on_time, m.m_overdue, m.m_with_indicator, m.m_indicators_reported, m.m_indicators_attained, m.m_attainment_sum,
      r.r_rows, r.r_submitted, r.r_awaiting_review, r.r_approved, r.r_returned, r.r_open,
      m.valid_to
    FROM ${s} s
    CROSS JOIN LATERAL (
      SELECT count(*)::int AS d_owed,
        count(*) FILTER (WHERE d.status IS NULL)::int AS d_missing,
        count(*) FILTER (WHERE d.status = 'DRAFT')::int AS d_draft,
        count(*) FILTER (WHERE d.status IN ('SUBMITTED', 'APPROVED', 'RETURNED'))::int AS d_submitted,
        count(*) FILTER (WHERE d.status = 'SUBMITTED')::int AS d_awaiting_review,
        count(*) FILTER (WHERE d.status = 'APPROVED')::int AS d_approved,
        count(*) FILTER (WHERE d.status = 'RETURNED')::int AS d_returned,
        count(*) FILTER (WHERE d.status IS NULL OR d.status IN ('DRAFT', 'RETURNED'))::int AS d_open
      FROM (SELECT k.kind, NULL::uuid AS risk_factor_id FROM unnest(ARRAY['CONCEPT', 'MEDIUM_TERM_PROGRAMME']::"DocumentKind"[]) AS k(kind)
            UNION ALL
            SELECT 'ANTI_RISK_PROGRAMME'::"DocumentKind", e."riskFactorId" FROM "RiskProfileEntry" e WHERE e."profileId" = s.profile_id AND e.chosen) i
      LEFT JOIN "Document" d ON d."participationId" = s.pid AND d.kind = i.kind
        AND COALESCE(d."riskFactorId", ${ZERO}::uuid) = COALESCE(i.risk_factor_id, ${ZERO}::uuid)
    ) d
    CROSS JOIN LATERAL (
      SELECT count(*)::int AS d_decisions,
        count(*) FILTER (WHERE rw.decision = 'APPROVED')::int AS d_approvals,
        count(*) FILTER (WHERE rw.decision = 'RETURNED')::int AS d_returns,
        COALESCE(array_agg((EXTRACT(EPOCH FROM (rw."createdAt" - dv."submittedAt")) / 86400.0)::float8), '{}') AS d_decision_days
      FROM "Document" dd JOIN "Review" rw ON rw."documentId" = dd.id JOIN "DocumentVersion" dv ON dv.id = rw."versionId"
      WHERE dd."participationId" = s.pid AND dv."submittedAt" IS NOT NULL
        AND dd.kind IN ('CONCEPT', 'MEDIUM_TERM_PROGRAMME', 'ANTI_RISK_PROGRAMME')
    ) v
    CROSS JOIN LATERAL (
      SELECT count(*) FILTER (WHERE m.status <> 'CANCELLED')::int AS m_measures,
        count(*) FILTER (WHERE m.status = 'PLANNED')::int AS m_planned,
        count(*) FILTER (WHERE m.status = 'IN_PROGRESS')::int AS m_in_progress,
        count(*) FILTER (WHERE m.status = 'DONE')::int AS m_done,
        count(*) FILTER (WHERE m.status = 'DONE' AND m."confirmedAt" IS NOT NULL)::int AS m_done_confirmed,
        count(*) FILTER (WHERE m.status = 'CANCELLED')::int AS m_cancelled,
        count(*) FILTER (WHERE m.status <> 'CANCELLED' AND m."dueDate" <= s.today)::int AS m_due_so_far,
        count(*) FILTER (WHERE m.status = 'DONE' AND m."dueDate" <= s.today
          AND ${storedDaySql(sql`m."completedAt"`, sql`s.tz`)} <= m."dueDate")::int AS m_done_on_time,
        count(*) FILTER (WHERE m.status IN ('PLANNED', 'IN_PROGRESS') AND m."dueDate" < s.today)::int AS m_overdue,
        count(*) FILTER (WHERE m.status <> 'CANCELLED' AND m."targetValue" IS NOT NULL)::int AS m_with_indicator,
        count(*) FILTER (WHERE m.status <> 'CANCELLED' AND m."targetValue" IS NOT NULL AND m."actualValue" IS NOT NULL)::int AS m_indicators_reported,
        count(*) FILTER (WHERE m.status <> 'CANCELLED' AND m."targetValue" IS NOT NULL AND (${measureAttainmentSql})::float8 >= 1)::int AS m_indicators_attained,
        sum(CASE WHEN m.status <> 'CANCELLED' AND m."targetValue" IS NOT NULL THEN (${measureAttainmentSql})::float8 END) AS m_attainment_sum,
        -- The last day the three date-dependent counts above stay what they are today: the day before the
        -- next due date of a measure not cancelled, or the due date of an open measure due today or later
        -- (it turns overdue the day after).
        COALESCE(LEAST(
          min(m."dueDate") FILTER (WHERE m.status <> 'CANCELLED' AND m."dueDate" > s.today) - 1,
          min(m."dueDate") FILTER (WHERE m.status IN ('PLANNED', 'IN_PROGRESS') AND m."dueDate" >= s.today)), 'infinity'::date) AS valid_to
      FROM "Roadmap" rm JOIN "Measure" m ON m."roadmapId" = rm.id
      WHERE rm."participationId" = s.pid
    ) m
    CROSS JOIN LATERAL (
      SELECT count(*)::int AS r_rows,
        count(*) FILTER (WHERE x.submitted)::int AS r_submitted,
        count(*) FILTER (WHERE x.awaiting_review)::int AS r_awaiting_review,
        count(*) FILTER (WHERE x.approved)::int AS r_approved,
        count(*) FILTER (WHERE x.returned)::int AS r_returned,
        count(*) FILTER (WHERE NOT x.awaiting_review AND NOT x.approved)::int AS r_open
      FROM (SELECT EXISTS (SELECT 1 FROM "RoadmapVersion" rv WHERE rv."roadmapId" = rm.id) AS submitted,
              COALESCE(rm.status = 'SUBMITTED', FALSE) AS awaiting_review,
              COALESCE(rm.status = 'RETURNED', FALSE) AS returned,
              EXISTS (SELECT 1 FROM "RoadmapReview" rr WHERE rr."roadmapId" = rm.id AND rr.decision = 'APPROVED') AS approved
            FROM (SELECT 1) one LEFT JOIN "Roadmap" rm ON rm."participationId" = s.pid) x
    ) r`;
}

/**
 * CTEs `pp` (the per-participation figures of every participation of p0: stored where fresh and valid
 * on the report's day, live otherwise) and the per-group sections `dg`, `rv`, `mg`, `rg` with the
 * columns and meaning of sections.ts.
 */
export function storedSectionsSql(): Sql {
  return sql`sf AS (
      SELECT p0.pid, ${cols("f.")} FROM p0 JOIN "ParticipationFigures" f ON f."participationId" = p0.pid
      WHERE f.fresh AND p0.today BETWEEN f.day AND f."validTo"),
    sl AS (SELECT p0.pid, p0.tz, p0.today, p0.profile_id FROM p0 WHERE NOT EXISTS (SELECT 1 FROM sf WHERE sf.pid = p0.pid)),
    pp AS (SELECT * FROM sf UNION ALL SELECT pid, ${cols("")} FROM (${perParticipationSql("sl")}) live),
    -- One pass over the participations of each group for every count (the sections below only rename).
    ga AS (
      SELECT pg.gkey, pg.year,
        sum(pp.d_owed)::int AS d_owed, sum(pp.d_missing)::int AS d_missing, sum(pp.d_draft)::int AS d_draft,
        sum(pp.d_submitted)::int AS d_submitted, sum(pp.d_awaiting_review)::int AS d_awaiting_review,
        sum(pp.d_approved)::int AS d_approved, sum(pp.d_returned)::int AS d_returned,
        sum(CASE WHEN pg.today > pg.docs_due THEN pp.d_open ELSE 0 END)::int AS d_overdue,
        sum(pp.d_decisions)::int AS d_decisions, sum(pp.d_approvals)::int AS d_approvals, sum(pp.d_returns)::int AS d_returns,
        count(*) FILTER (WHERE pp.m_measures > 0)::int AS m_schools_with_roadmap,
        sum(pp.m_measures)::int AS m_measures, sum(pp.m_planned)::int AS m_planned, sum(pp.m_in_progress)::int AS m_in_progress,
        sum(pp.m_done)::int AS m_done, sum(pp.m_done_confirmed)::int AS m_done_confirmed,
        (sum(pp.m_done) - sum(pp.m_done_confirmed))::int AS m_done_awaiting, sum(pp.m_cancelled)::int AS m_cancelled,
        sum(pp.m_due_so_far)::int AS m_due_so_far, sum(pp.m_done_on_time)::int AS m_done_on_time, sum(pp.m_overdue)::int AS m_overdue,
        sum(pp.m_with_indicator)::int AS m_with_indicator, sum(pp.m_indicators_reported)::int AS m_indicators_reported,
        sum(pp.m_indicators_attained)::int AS m_indicators_attained,
        (sum(pp.m_attainment_sum) / NULLIF(sum(pp.m_with_indicator), 0))::float8 AS m_indicator_attainment,
        sum(pp.r_submitted)::int AS m_roadmaps_submitted,
        sum(pp.r_awaiting_review)::int AS m_roadmaps_awaiting_review,
        sum(pp.r_approved)::int AS m_roadmaps_approved,
        sum(pp.r_returned)::int AS m_roadmaps_returned,
        sum(CASE WHEN pg.roadmap_due IS NOT NULL AND pg.today > pg.roadmap_due THEN pp.r_open ELSE 0 END)::int AS m_roadmaps_overdue
      FROM pg JOIN pp ON pp.pid = pg.pid GROUP BY pg.gkey, pg.year),
    rvm AS (
      SELECT pg.gkey, pg.year, percentile_cont(0.5) WITHIN GROUP (ORDER BY x.days) AS d_median_days
      FROM pg JOIN pp ON pp.pid = pg.pid CROSS JOIN LATERAL unnest(pp.d_decision_days) AS x(days)
      GROUP BY pg.gkey, pg.year),
    dg AS (SELECT gkey, year, d_owed, d_missing, d_draft, d_submitted, d_awaiting_review, d_approved, d_returned, d_overdue FROM ga),
    rv AS (
      SELECT ga.gkey, ga.year, ga.d_decisions, ga.d_approvals, ga.d_returns, rvm.d_median_days
      FROM ga LEFT JOIN rvm ON rvm.gkey = ga.gkey AND rvm.year = ga.year),
    mg AS (
      SELECT gkey, year, m_schools_with_roadmap, m_measures, m_planned, m_in_progress, m_done, m_done_confirmed, m_done_awaiting,
        m_cancelled, m_due_so_far, m_done_on_time, m_overdue, m_with_indicator, m_indicators_reported, m_indicators_attained,
        m_indicator_attainment
      FROM ga),
    rg AS (
      SELECT gkey, year, m_roadmaps_submitted, m_roadmaps_awaiting_review, m_roadmaps_approved, m_roadmaps_returned, m_roadmaps_overdue
      FROM ga)`;
}

/**
 * Recomputes stored figures that are missing, stale (a write since) or out of their date range, at most
 * `batch` per statement until none is left (or `maxRows` were written); returns how many rows it stored.
 * Each statement reads the generations and the source rows from one snapshot and stores a row only if
 * its generation has not moved since (a concurrent write's deferred trigger bumps it at commit).
 */
export async function refreshStoredFigures(db: DB, opts: { batch?: number; maxRows?: number; now?: Date } = {}): Promise<number> {
  const batch = opts.batch ?? 2000;
  const maxRows = opts.maxRows ?? Number.POSITIVE_INFINITY;
  // Rows for participations that never had one (new ones, or written while the triggers were off).
  await db.$executeRaw`INSERT INTO "ParticipationFigures" ("participationId")
    SELECT p.id FROM "Participation" p WHERE NOT EXISTS (SELECT 1 FROM "ParticipationFigures" f WHERE f."participationId" = p.id)
    ORDER BY p.id ON CONFLICT DO NOTHING`;
  let stored = 0;
  for (;;) {
    const now = opts.now ?? new Date();
    const n = await db.$executeRaw`WITH src AS (
        SELECT f."participationId" AS pid, f.generation, r."timeZone" AS tz, ${localDaySql(now, sql`r."timeZone"`)} AS today, rp.id AS profile_id
        FROM "ParticipationFigures" f
        JOIN "Participation" p ON p.id = f."participationId"
        JOIN "School" sc ON sc.id = p."schoolId" JOIN "Municipality" mu ON mu.id = sc."municipalityId" JOIN "Region" r ON r.id = mu."regionId"
        LEFT JOIN "RiskProfile" rp ON rp."participationId" = p.id
        WHERE NOT f.fresh OR f."validTo" < ${localDaySql(now, sql`r."timeZone"`)} OR f.day > ${localDaySql(now, sql`r."timeZone"`)}
        ORDER BY f."participationId" LIMIT ${batch}),
      c AS (${perParticipationSql("src")})
      UPDATE "ParticipationFigures" f SET fresh = TRUE, day = c.day, "validTo" = c.valid_to, "computedAt" = ${now},
        ${raw(STORED_COLUMNS.map((x) => `${x} = c.${x}`).join(", "))}
      FROM c JOIN src ON src.pid = c.pid
      WHERE f."participationId" = c.pid AND f.generation = src.generation`;
    stored += n;
    if (n === 0 || stored >= maxRows) return stored;
  }
}
