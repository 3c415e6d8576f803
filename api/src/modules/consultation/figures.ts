// Figures of the consultation line for coordinators: per region how many questions were asked and
// answered, the median time to an answer, and how many wait longer than N days. One aggregate query,
// limited in SQL to the regions the viewer covers.
import { Prisma } from "../../db.ts";
import type { DB } from "../../db.ts";

export interface ConsultationRegionFigures {
  /** Null: questions asked at the federal level by those who have no region (the federal coordinator). */
  regionId: string | null;
  regionName: string;
  asked: number;
  answered: number;
  open: number;
  passedOn: number;
  /** Median hours from question to its (latest) answer; null when none is answered. */
  medianHoursToAnswer: number | null;
  /** Unanswered and asked more than `overdueDays` days ago. */
  unansweredOverdue: number;
}

/** The figures, one row per region the viewer covers (`regions`: ids or "all"), busiest first. */
export async function consultationFigures(db: DB, opts: { regions: string[] | "all"; overdueDays: number; year?: number | null; now?: Date }): Promise<ConsultationRegionFigures[]> {
  if (opts.regions !== "all" && !opts.regions.length) return [];
  const now = (opts.now ?? new Date()).toISOString();
  const reach = opts.regions === "all" ? Prisma.empty : Prisma.sql`AND q."regionId" = ANY(${opts.regions}::uuid[])`;
  const year = opts.year != null ? Prisma.sql`AND py.year = ${opts.year}::int` : Prisma.empty;
  const rows = await db.$queryRaw<(Omit<ConsultationRegionFigures, "medianHoursToAnswer"> & { medianHoursToAnswer: number | null })[]>`
    SELECT q."regionId"::text AS "regionId", COALESCE(r.name, 'Федеральный уровень') AS "regionName",
           count(*)::int AS asked,
           (count(*) FILTER (WHERE q.status = 'ANSWERED'))::int AS answered,
           (count(*) FILTER (WHERE q.status <> 'ANSWERED'))::int AS open,
           (count(*) FILTER (WHERE q."forwardedAt" IS NOT NULL))::int AS "passedOn",
           (percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM q."answeredAt" - q."createdAt") / 3600.0)
              FILTER (WHERE q.status = 'ANSWERED' AND q."answeredAt" IS NOT NULL))::float8 AS "medianHoursToAnswer",
           (count(*) FILTER (WHERE q.status <> 'ANSWERED'
              AND q."createdAt" AT TIME ZONE 'UTC' < ${now}::timestamptz - make_interval(days => ${opts.overdueDays}::int)))::int AS "unansweredOverdue"
    FROM "Question" q
    LEFT JOIN "Region" r ON r.id = q."regionId"
    LEFT JOIN "ProgrammeYear" py ON py.id = q."programmeYearId"
    WHERE TRUE ${reach} ${year}
    GROUP BY q."regionId", r.name
    ORDER BY asked DESC, "regionName"`;
  return rows.map((r) => ({ ...r, medianHoursToAnswer: r.medianHoursToAnswer == null ? null : Math.round(r.medianHoursToAnswer * 10) / 10 }));
}
