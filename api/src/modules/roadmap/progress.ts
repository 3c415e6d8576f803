// Roadmap figures, computed in SQL for any set of roadmaps at once (the roadmap screen, reports).
import { Prisma } from "../../db.ts";
import { localDaySql, storedDaySql } from "../../shared/local-day.ts";
import type { DB } from "../../db.ts";

/**
 * The figures of one roadmap at a moment `now`, all counted over its measures in the database.
 *
 * - **today** — the calendar day at `now` in the time zone of the roadmap's region (the school's region
 *   for a school roadmap, the municipality's for a municipal one): a measure due «today» is due, but
 *   not overdue, until that day ends there.
 * - **measuresTotal** — measures not CANCELLED; **done** — of them, DONE.
 * - **dueSoFar** — measures not CANCELLED whose `dueDate` ≤ today. Measures with only a period label
 *   (no due date) are never counted as due.
 * - **doneOnTime** — of the due ones, DONE with the day of `completedAt` (region time) ≤ `dueDate`.
 * - **overdue** — PLANNED or IN_PROGRESS with `dueDate` < today.
 * - **progress** = doneOnTime / dueSoFar, a share 0..1; null while nothing is due.
 * - **indicatorCount** — measures not CANCELLED with a target value.
 * - **attainment** — the mean, over those, of each measure's attainment (see {@link measureAttainmentSql});
 *   null when no measure has a target.
 */
export interface RoadmapFigures {
  roadmapId: string;
  today: Date;
  measuresTotal: number;
  done: number;
  dueSoFar: number;
  doneOnTime: number;
  overdue: number;
  progress: number | null;
  indicatorCount: number;
  attainment: number | null;
}

/**
 * One measure's indicator attainment as an SQL expression over the measure alias `m`, clamped to 0..1:
 * no actual value → 0; with a baseline different from the target → (actual − baseline) / (target −
 * baseline), so indicators meant to fall («доля неуспевающих с 12 % до 5 %») work as well as rising
 * ones; otherwise actual / target; a zero target without a baseline is met when actual ≤ 0.
 */
export const measureAttainmentSql = Prisma.sql`
  CASE
    WHEN m."actualValue" IS NULL THEN 0
    WHEN m."baselineValue" IS NOT NULL AND m."baselineValue" <> m."targetValue" THEN
      LEAST(1, GREATEST(0, (m."actualValue" - m."baselineValue") / (m."targetValue" - m."baselineValue")))
    WHEN m."targetValue" <> 0 THEN LEAST(1, GREATEST(0, m."actualValue" / m."targetValue"))
    WHEN m."actualValue" <= 0 THEN 1
    ELSE 0
  END`;

/**
 * The figures query for the roadmaps selected by `roadmapFilter` (an SQL condition over the roadmap
 * alias `r`, e.g. `r.id = ANY(...)` or `r."programmeYearId" = ...`), one row per roadmap. Reporting
 * joins or wraps it; {@link roadmapFigures} runs it for a list of ids.
 */
export function roadmapFiguresSql(roadmapFilter: Prisma.Sql, now: Date): Prisma.Sql {
  return Prisma.sql`
    WITH rm AS (
      SELECT r.id, rg."timeZone" AS tz, ${localDaySql(now, Prisma.sql`rg."timeZone"`)} AS today
      FROM "Roadmap" r
      LEFT JOIN "Participation" p ON p.id = r."participationId"
      LEFT JOIN "School" s ON s.id = p."schoolId"
      JOIN "Municipality" mu ON mu.id = COALESCE(s."municipalityId", r."municipalityId")
      JOIN "Region" rg ON rg.id = mu."regionId"
      WHERE ${roadmapFilter}
    )
    SELECT
      rm.id::text AS "roadmapId",
      rm.today AS today,
      count(m.id) FILTER (WHERE m.status <> 'CANCELLED')::int AS "measuresTotal",
      count(m.id) FILTER (WHERE m.status = 'DONE')::int AS done,
      count(m.id) FILTER (WHERE m.status <> 'CANCELLED' AND m."dueDate" <= rm.today)::int AS "dueSoFar",
      count(m.id) FILTER (
        WHERE m.status = 'DONE' AND m."dueDate" <= rm.today
          AND ${storedDaySql(Prisma.sql`m."completedAt"`, Prisma.sql`rm.tz`)} <= m."dueDate")::int AS "doneOnTime",
      count(m.id) FILTER (WHERE m.status IN ('PLANNED', 'IN_PROGRESS') AND m."dueDate" < rm.today)::int AS overdue,
      count(m.id) FILTER (WHERE m.status <> 'CANCELLED' AND m."targetValue" IS NOT NULL)::int AS "indicatorCount",
      (avg(${measureAttainmentSql}) FILTER (WHERE m.status <> 'CANCELLED' AND m."targetValue" IS NOT NULL))::float8 AS attainment
    FROM rm
    LEFT JOIN "Measure" m ON m."roadmapId" = rm.id
    GROUP BY rm.id, rm.today`;
}

/** Figures of the given roadmaps at `now` (default: the current moment), keyed by roadmap id. */
export async function roadmapFigures(db: DB, roadmapIds: string[], now = new Date()): Promise<Map<string, RoadmapFigures>> {
  if (!roadmapIds.length) return new Map();
  const rows = await db.$queryRaw<Omit<RoadmapFigures, "progress">[]>(roadmapFiguresSql(Prisma.sql`r.id = ANY(${roadmapIds}::uuid[])`, now));
  return new Map(rows.map((r) => [r.roadmapId, { ...r, attainment: r.attainment == null ? null : Number(r.attainment), progress: r.dueSoFar ? r.doneOnTime / r.dueSoFar : null }]));
}
