// The report SQL's common part: the filter, the participations in the viewer's reach and the filter
// (CTE p0), their group key (pg) and the group's own columns. Every report is ONE statement built from
// these and the sections (sections.ts): aggregated per participation and then per group in PostgreSQL
// (GROUP BY, FILTER, percentile_cont), ordered and cut to a page there too, with the total row count
// from the same statement (run.ts). Nothing is loaded into Node to be counted.
//
// Composition uses Prisma.sql / Prisma.join only; the few raw fragments (column aliases, sort direction,
// group expressions) are constants chosen from whitelists, never text from a request.
import { Prisma, type DB } from "../../../db.ts";
import { reachSql } from "../../../auth/access.ts";
import type { Reach } from "../../../auth/viewer.ts";
import type { DocumentKind, DocumentStatus, MeasureStatus, ParticipationStatus, Significance } from "../../../../../prisma/generated/client/enums.ts";
import { localDaySql } from "../../../shared/local-day.ts";

const { sql, join, raw, empty } = Prisma;
export type Sql = Prisma.Sql;

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

export const ZERO = "00000000-0000-0000-0000-000000000000";
export const nowUtc = (now: Date) => sql`(${now.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;
export const isoDay = (d: Date) => d.toISOString().slice(0, 10);

export function inRange(day: Sql, f: ReportFilter): Sql[] {
  const c: Sql[] = [];
  if (f.from) c.push(sql`${day} >= ${isoDay(f.from)}::date`);
  if (f.to) c.push(sql`${day} <= ${isoDay(f.to)}::date`);
  return c;
}

export const and = (conds: Sql[]) => (conds.length ? join(conds, " AND ") : sql`TRUE`);

// ---------------------------------------------------------------- participations in scope (p0)

export interface BaseOptions {
  /** Apply `riskFactorNumbers` as "schools that chose one of these" (not in the risk report, which filters factors). */
  chosenRiskFilter: boolean;
}

/** The programme year aliased `alias` belongs to the federal programme (the one programme without a region). */
export const federalYearSql = (alias: "py" | "y"): Sql => sql`${raw(alias)}."programmeId" = (SELECT fp.id FROM "Programme" fp WHERE fp."regionId" IS NULL)`;

export function participationsSql(f: ReportFilter, rc: RunContext, o: BaseOptions): Sql {
  // A year number names the federal programme «500+» (as in the public API); regional twins such as «62+»
  // have years with the same numbers and are not counted into its figures.
  const c: Sql[] = [sql`py.year = ANY(${f.years}::int[])`, federalYearSql("py"), reachSql(rc.reach)];
  if (f.regionCodes.length) c.push(sql`r.code = ANY(${f.regionCodes}::int[])`);
  if (f.regionIds.length) c.push(sql`m."regionId" = ANY(${f.regionIds}::uuid[])`);
  if (f.municipalityIds.length) c.push(sql`s."municipalityId" = ANY(${f.municipalityIds}::uuid[])`);
  if (f.schoolIds.length) c.push(sql`p."schoolId" = ANY(${f.schoolIds}::uuid[])`);
  if (f.curatorIds.length) c.push(sql`EXISTS (SELECT 1 FROM "CuratorAssignment" cf WHERE cf."participationId" = p.id AND cf."curatorId" = ANY(${f.curatorIds}::uuid[]))`);
  if (f.participationStatuses.length) c.push(sql`p.status = ANY(${f.participationStatuses}::text[]::"ParticipationStatus"[])`);
  if (f.inactiveForDays != null) c.push(sql`p."lastActivityAt" < ${nowUtc(rc.now)} - make_interval(days => ${f.inactiveForDays}::int)`);
  if (o.chosenRiskFilter && f.riskFactorNumbers.length)
    c.push(sql`EXISTS (SELECT 1 FROM "RiskProfileEntry" ef JOIN "RiskFactor" rff ON rff.id = ef."riskFactorId"
      WHERE ef."profileId" = rp.id AND ef.chosen AND rff.number = ANY(${f.riskFactorNumbers}::int[]))`);
  return sql`SELECT p.id AS pid, p."schoolId" AS school_id, s."municipalityId" AS municipality_id, m."regionId" AS region_id,
      py.year, py."conceptDocumentsDue" AS docs_due, py."roadmapDue" AS roadmap_due, r."timeZone" AS tz,
      r.today,
      p.status, p."lastActivityAt" AS last_activity, rp.id AS profile_id, (rp."verifiedAt" IS NOT NULL) AS verified,
      EXISTS (SELECT 1 FROM "CuratorAssignment" ch WHERE ch."participationId" = p.id) AS has_curator
    FROM "Participation" p
    JOIN "ProgrammeYear" py ON py.id = p."programmeYearId"
    JOIN "School" s ON s.id = p."schoolId"
    JOIN "Municipality" m ON m.id = s."municipalityId"
    -- The day in each region's time zone, computed once per region rather than once per participation.
    JOIN (SELECT rg.id, rg.code, rg."timeZone", ${localDaySql(rc.now, sql`rg."timeZone"`)} AS today FROM "Region" rg) r ON r.id = m."regionId"
    LEFT JOIN "RiskProfile" rp ON rp."participationId" = p.id
    WHERE ${and(c)}`;
}

/** pg: p0 with its group key `gkey` (a curator grouping repeats a participation once per curator). */
export function groupedSql(groupBy: GroupBy, f: ReportFilter): Sql {
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
export function groupColumnsSql(groupBy: GroupBy): { select: Sql; from: Sql } {
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
