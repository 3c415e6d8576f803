// The access rules, in one place. Pothos scopes, services and SQL filters all call these, so a rule
// changes here once. Every function takes a Reach (what a viewer may read, or act on).
import type { Prisma } from "../../../prisma/generated/client/client.ts";
import type { DB } from "../db.ts";
import type { Reach, Viewer } from "./viewer.ts";

export const canSeeRegion = (r: Reach, regionId: string) =>
  r.all || r.regionIds.has(regionId) || r.contextRegionIds.has(regionId);

export const canSeeMunicipality = (r: Reach, municipalityId: string) =>
  r.all || r.allMunicipalityIds.has(municipalityId) || r.contextMunicipalityIds.has(municipalityId);

/** Whole region / municipality authority (its figures, its people), not just its name. */
export const coversRegion = (r: Reach, regionId: string) => r.all || r.regionIds.has(regionId);
export const coversMunicipality = (r: Reach, municipalityId: string) =>
  r.all || r.allMunicipalityIds.has(municipalityId);

export const canSeeSchool = (r: Reach, schoolId: string) =>
  r.all || r.allSchoolIds.has(schoolId) || r.curatedSchoolIds.has(schoolId);

/** A curator reaches only the participations assigned to it, not the school's other years. */
export const canSeeParticipation = (r: Reach, p: { id: string; schoolId: string }) =>
  r.all || r.allSchoolIds.has(p.schoolId) || r.curatedParticipationIds.has(p.id);

// ---- SQL filters: lists are filtered in the database, never fetched whole and filtered here ----

const NONE = "00000000-0000-0000-0000-000000000000";
const ids = (s: Set<string>) => (s.size ? [...s] : [NONE]);

export function regionWhere(r: Reach): Prisma.RegionWhereInput {
  if (r.all) return {};
  return { id: { in: ids(new Set([...r.regionIds, ...r.contextRegionIds])) } };
}

export function municipalityWhere(r: Reach): Prisma.MunicipalityWhereInput {
  if (r.all) return {};
  return { id: { in: ids(new Set([...r.allMunicipalityIds, ...r.contextMunicipalityIds])) } };
}

export function schoolWhere(r: Reach): Prisma.SchoolWhereInput {
  if (r.all) return {};
  return {
    OR: [
      { municipality: { regionId: { in: ids(r.regionIds) } } },
      { municipalityId: { in: ids(r.municipalityIds) } },
      { id: { in: ids(new Set([...r.schoolIds, ...r.curatedSchoolIds])) } },
    ],
  };
}

export function participationWhere(r: Reach): Prisma.ParticipationWhereInput {
  if (r.all) return {};
  return {
    OR: [
      { school: { municipality: { regionId: { in: ids(r.regionIds) } } } },
      { school: { municipalityId: { in: ids(r.municipalityIds) } } },
      { schoolId: { in: ids(r.schoolIds) } },
      { id: { in: ids(r.curatedParticipationIds) } },
    ],
  };
}

/** Whether `viewer` may see user `userId`: itself, or one of the user's roles, curatorships or school. */
export async function canSeeUser(db: DB, viewer: Viewer, userId: string): Promise<boolean> {
  const r = viewer.read;
  if (r.all || userId === viewer.id) return true;
  const u = await db.user.findUnique({
    where: { id: userId },
    select: {
      organisationId: true,
      roles: { select: { regionId: true, municipalityId: true, schoolId: true } },
      curatorships: { select: { participation: { select: { id: true, schoolId: true } } } },
    },
  });
  if (!u) return false;
  return (
    u.roles.some(
      (x) =>
        (x.regionId && coversRegion(r, x.regionId)) ||
        (x.municipalityId && coversMunicipality(r, x.municipalityId)) ||
        (x.schoolId && canSeeSchool(r, x.schoolId)),
    ) ||
    u.curatorships.some((c) => canSeeParticipation(r, c.participation)) ||
    (!!u.organisationId && r.allSchoolIds.has(u.organisationId))
  );
}

// ---- who manages whom ----

export interface RoleScope {
  role: import("../../../prisma/generated/client/client.ts").Role;
  regionId?: string | null;
  municipalityId?: string | null;
  schoolId?: string | null;
}

/**
 * Who may grant a role: the federal coordinator any; a regional coordinator municipal coordinators and
 * curators of its region; a municipal coordinator school accounts of its schools. `regionOf` tells
 * which region a municipality lies in (the caller loads it).
 */
export function canGrantRole(act: Reach, target: RoleScope, where: { regionId?: string | null; municipalityId?: string | null }): boolean {
  if (act.all) return true;
  switch (target.role) {
    case "MUNICIPAL_COORDINATOR":
      return !!target.municipalityId && !!where.regionId && act.regionIds.has(where.regionId);
    case "CURATOR":
      return !!where.regionId && act.regionIds.has(where.regionId);
    case "SCHOOL":
      return !!target.schoolId && !!where.municipalityId && (act.allMunicipalityIds.has(where.municipalityId));
    default:
      return false;
  }
}

/** Curators are assigned by the coordinators of the participation's region (or the federal one). */
export const canAssignCurator = (act: Reach, participationRegionId: string) => act.all || act.regionIds.has(participationRegionId);

/** Users the viewer may see: itself, anyone holding a role, curatorship or job inside its reach. */
export function userWhere(r: Reach, viewerId: string): Prisma.UserWhereInput {
  if (r.all) return {};
  return {
    OR: [
      { id: viewerId },
      { roles: { some: { regionId: { in: ids(r.regionIds) } } } },
      { roles: { some: { municipalityId: { in: ids(r.allMunicipalityIds) } } } },
      { roles: { some: { schoolId: { in: ids(new Set([...r.allSchoolIds, ...r.curatedSchoolIds])) } } } },
      { curatorships: { some: { participation: participationWhere(r) } } },
      { organisationId: { in: ids(r.allSchoolIds) } },
    ],
  };
}
