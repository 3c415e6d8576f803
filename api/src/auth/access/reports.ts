// Reports: the participation filter as raw SQL, region figures and the federal scoring.
import { Prisma as PrismaSql } from "../../db.ts";
import type { Reach } from "../viewer.ts";

/** Column expressions a report query names the participation, its school and municipality by. */
export interface ReachColumns {
  participationId: PrismaSql.Sql;
  schoolId: PrismaSql.Sql;
  municipalityId: PrismaSql.Sql;
  regionId: PrismaSql.Sql;
}

const defaultReachColumns: ReachColumns = {
  participationId: PrismaSql.raw(`p.id`),
  schoolId: PrismaSql.raw(`p."schoolId"`),
  municipalityId: PrismaSql.raw(`s."municipalityId"`),
  regionId: PrismaSql.raw(`m."regionId"`),
};

/**
 * SQL form of participationWhere for the aggregation queries of reports: a boolean condition over the
 * participation (alias `p`), its school (`s`) and municipality (`m`) unless other columns are named.
 * Whatever else a report is asked for, it is ANDed with this, so a filter naming territory outside the
 * reach yields nothing rather than the other territory's figures.
 */
export function reachSql(r: Reach, c: ReachColumns = defaultReachColumns): PrismaSql.Sql {
  if (r.all) return PrismaSql.sql`TRUE`;
  // Only the kinds of reach the viewer has: a single condition lets the planner walk an index
  // (region → municipalities → schools) instead of scanning every participation of the year.
  const parts: [PrismaSql.Sql, Set<string>][] = [
    [c.regionId, r.regionIds],
    [c.municipalityId, r.municipalityIds],
    [c.schoolId, r.schoolIds],
    [c.participationId, r.curatedParticipationIds],
  ];
  const conds = parts.filter(([, set]) => set.size).map(([col, set]) => PrismaSql.sql`${col} = ANY(${[...set]}::uuid[])`);
  return conds.length ? PrismaSql.sql`(${PrismaSql.join(conds, " OR ")})` : PrismaSql.sql`FALSE`;
}

/** Region figures (scores) are for whoever covers the whole region, not for those who only see its name. */
export const regionsCovered = (r: Reach): string[] | "all" => (r.all ? "all" : [...r.regionIds]);

/** The federal scoring of regions (criteria, zones, stored scores) is edited by the federal coordinator only. */
export const canEditScoring = (act: Reach) => act.all;
