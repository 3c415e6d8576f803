// The municipal roadmaps' figures for dashboards and reports: how many municipalities keep one, where the
// roadmaps stand in review, and their measures' progress and overdue — one SQL statement in the viewer's
// reach. Kept apart from sql.ts (the school reports) on purpose: different rows (municipalities, not
// participations) and a different reach rule (authority over the municipality, see canSeeRoadmap).
import { Prisma } from "../../db.ts";
import type { DB } from "../../db.ts";
import type { Reach } from "../../auth/viewer.ts";
import { roadmapFiguresSql } from "../roadmap/progress.ts";
import { federalYearSql } from "./sql/base.ts";

/** What narrows the figures: the years (required) and the territory; empty lists mean no restriction. */
export interface MunicipalFilter {
  years: number[];
  regionCodes: number[];
  regionIds: string[];
  municipalityIds: string[];
}

/**
 * The municipal roadmaps of the filter's years inside the reach, in figures:
 * - **municipalities** — municipalities in the reach and filter (those that could keep a roadmap);
 * - **roadmaps** — municipal roadmaps (one per municipality and year), by review state;
 * - measures, counted as on the roadmap screen (roadmap/progress.ts): **measuresTotal** without cancelled,
 *   **done**, **confirmed** (done and confirmed by the region's coordinator), **dueSoFar**, **doneOnTime**,
 *   **overdue**; **roadmapsWithOverdue** — roadmaps with at least one overdue measure;
 * - **progress** = doneOnTime / dueSoFar over all the roadmaps; **attainment** — the mean indicator
 *   attainment over all measures with a target.
 */
export interface MunicipalRoadmapFigures {
  municipalities: number;
  roadmaps: number;
  drafts: number;
  awaitingReview: number;
  approved: number;
  returned: number;
  measuresTotal: number;
  done: number;
  confirmed: number;
  dueSoFar: number;
  doneOnTime: number;
  overdue: number;
  roadmapsWithOverdue: number;
  progress: number | null;
  attainment: number | null;
}

const NONE = "00000000-0000-0000-0000-000000000000";

/** The municipality condition over alias `mu`: the reach (authority, not mere context) and the filter. */
function municipalitySql(reach: Reach, f: MunicipalFilter): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  if (!reach.all) {
    const ids = reach.allMunicipalityIds.size ? [...reach.allMunicipalityIds] : [NONE];
    parts.push(Prisma.sql`mu.id = ANY(${ids}::uuid[])`);
  }
  if (f.regionCodes.length) parts.push(Prisma.sql`rg.code = ANY(${f.regionCodes}::int[])`);
  if (f.regionIds.length) parts.push(Prisma.sql`mu."regionId" = ANY(${f.regionIds}::uuid[])`);
  if (f.municipalityIds.length) parts.push(Prisma.sql`mu.id = ANY(${f.municipalityIds}::uuid[])`);
  return parts.length ? Prisma.join(parts, " AND ") : Prisma.sql`TRUE`;
}

/** One statement: the municipalities, their roadmaps of the years, and the roadmaps' measure figures at `now`. */
export function municipalRoadmapFiguresSql(reach: Reach, f: MunicipalFilter, now: Date): Prisma.Sql {
  return Prisma.sql`
    WITH mun AS (
      SELECT mu.id FROM "Municipality" mu JOIN "Region" rg ON rg.id = mu."regionId"
      WHERE ${municipalitySql(reach, f)}
    ),
    rmap AS (
      SELECT r.id, r.status FROM "Roadmap" r JOIN "ProgrammeYear" y ON y.id = r."programmeYearId"
      WHERE r."municipalityId" IN (SELECT id FROM mun) AND y.year = ANY(${f.years}::int[])
        AND ${federalYearSql("y")}
    ),
    fig AS (${roadmapFiguresSql(Prisma.sql`r.id IN (SELECT id FROM rmap)`, now)}),
    conf AS (
      SELECT count(*)::int AS confirmed FROM "Measure" m
      WHERE m."roadmapId" IN (SELECT id FROM rmap) AND m.status = 'DONE' AND m."confirmedAt" IS NOT NULL
    )
    SELECT
      (SELECT count(*)::int FROM mun) AS municipalities,
      count(rmap.id)::int AS roadmaps,
      count(rmap.id) FILTER (WHERE rmap.status = 'DRAFT')::int AS drafts,
      count(rmap.id) FILTER (WHERE rmap.status = 'SUBMITTED')::int AS "awaitingReview",
      count(rmap.id) FILTER (WHERE rmap.status = 'APPROVED')::int AS approved,
      count(rmap.id) FILTER (WHERE rmap.status = 'RETURNED')::int AS returned,
      COALESCE(sum(fig."measuresTotal"), 0)::int AS "measuresTotal",
      COALESCE(sum(fig.done), 0)::int AS done,
      (SELECT confirmed FROM conf) AS confirmed,
      COALESCE(sum(fig."dueSoFar"), 0)::int AS "dueSoFar",
      COALESCE(sum(fig."doneOnTime"), 0)::int AS "doneOnTime",
      COALESCE(sum(fig.overdue), 0)::int AS overdue,
      count(rmap.id) FILTER (WHERE fig.overdue > 0)::int AS "roadmapsWithOverdue",
      (sum(fig.attainment * fig."indicatorCount") / NULLIF(sum(fig."indicatorCount") FILTER (WHERE fig.attainment IS NOT NULL), 0))::float8 AS attainment
    FROM rmap LEFT JOIN fig ON fig."roadmapId" = rmap.id::text`;
}

/** The figures of the municipal roadmaps in `reach` narrowed by `f`, at `now`. */
export async function municipalRoadmapFigures(db: DB, reach: Reach, f: MunicipalFilter, now = new Date()): Promise<MunicipalRoadmapFigures> {
  const [row] = await db.$queryRaw<Omit<MunicipalRoadmapFigures, "progress">[]>(municipalRoadmapFiguresSql(reach, f, now));
  const r = row!;
  return { ...r, attainment: r.attainment == null ? null : Number(r.attainment), progress: r.dueSoFar ? r.doneOnTime / r.dueSoFar : null };
}
