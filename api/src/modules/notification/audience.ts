// Who hears about a school or a municipality — the one definition: its school accounts (SCHOOL role of
// the school), its curators (assigned to the participation AND still holding the CURATOR role), its
// municipal coordinators, and for a municipality's own roadmap the regional coordinators. Services
// ask `audienceOf`; the deadline scan uses `audienceSql`, the same rules in set-based SQL.
import { Prisma, type DB } from "../../db.ts";

export type Audience = "school" | "curators" | "municipal";

export interface AudiencePlace {
  participationId: string | null;
  schoolId: string | null;
  municipalityId: string;
}

/**
 * Active users of the asked audiences: `school` — accounts with the SCHOOL role of the school;
 * `curators` — curators assigned to the participation; `municipal` — coordinators of the municipality.
 * `except` (the actor) is left out: nobody is notified of their own action.
 */
export async function audienceOf(db: DB | Prisma.TransactionClient, place: AudiencePlace, audiences: Audience[], except?: string): Promise<string[]> {
  const or: Prisma.UserWhereInput[] = [];
  if (audiences.includes("school") && place.schoolId) or.push({ roles: { some: { role: "SCHOOL", schoolId: place.schoolId } } });
  if (audiences.includes("curators") && place.participationId)
    // An assignment outlives a revoked role: only users who are still curators hear about the school.
    or.push({ curatorships: { some: { participationId: place.participationId } }, roles: { some: { role: "CURATOR" } } });
  if (audiences.includes("municipal")) or.push({ roles: { some: { role: "MUNICIPAL_COORDINATOR", municipalityId: place.municipalityId } } });
  if (!or.length) return [];
  const users = await db.user.findMany({
    where: { active: true, OR: or, ...(except ? { NOT: { id: except } } : {}) },
    select: { id: true },
    orderBy: { id: "asc" },
  });
  return users.map((u) => u.id);
}

/** Where a set-based audience reads its place: SQL expressions over the candidate rows' alias. */
export interface AudienceColumns {
  /** The candidate's id, returned as the first column of every row. */
  key: string;
  participationId?: string;
  schoolId?: string;
  municipalityId?: string;
  regionId?: string;
}

/** One audience of the set-based form, with an optional SQL condition over the candidate row. */
export interface AudiencePart {
  audience: Audience | "regional";
  when?: string;
}

/**
 * The rows (key, "recipientId") of everyone who hears about each candidate row of `from` — the same
 * rules as `audienceOf`, for the deadline scan's single statement. Inactive users are left out by the
 * caller's join on "User" (the scan joins every recipient once). Identifiers and conditions are code
 * constants, never input.
 */
export function audienceSql(from: string, cols: AudienceColumns, parts: AudiencePart[]): Prisma.Sql {
  const selects = parts.map(({ audience, when }) => {
    const where = when ? ` WHERE ${when}` : "";
    switch (audience) {
      case "school":
        return `SELECT ${cols.key} AS key, ra."userId" AS "recipientId" FROM ${from} JOIN "RoleAssignment" ra ON ra.role = 'SCHOOL' AND ra."schoolId" = ${cols.schoolId}${where}`;
      case "curators":
        return (
          `SELECT ${cols.key} AS key, ca."curatorId" AS "recipientId" FROM ${from} JOIN "CuratorAssignment" ca ON ca."participationId" = ${cols.participationId}` +
          ` WHERE EXISTS (SELECT 1 FROM "RoleAssignment" cr WHERE cr."userId" = ca."curatorId" AND cr.role = 'CURATOR')${when ? ` AND (${when})` : ""}`
        );
      case "municipal":
        return `SELECT ${cols.key} AS key, ra."userId" AS "recipientId" FROM ${from} JOIN "RoleAssignment" ra ON ra.role = 'MUNICIPAL_COORDINATOR' AND ra."municipalityId" = ${cols.municipalityId}${where}`;
      case "regional":
        return `SELECT ${cols.key} AS key, ra."userId" AS "recipientId" FROM ${from} JOIN "RoleAssignment" ra ON ra.role = 'REGIONAL_COORDINATOR' AND ra."regionId" = ${cols.regionId}${where}`;
    }
  });
  return Prisma.raw(selects.join("\n      UNION\n      "));
}
