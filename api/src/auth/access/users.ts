// Seeing users, and who manages whom: granting roles and assigning curators.
import type { Prisma } from "../../../../prisma/generated/client/client.ts";
import type { DB } from "../../db.ts";
import type { Reach, Viewer } from "../viewer.ts";
import { ids } from "./ids.ts";
import { canSeeParticipation, canSeeSchool, coversMunicipality, coversRegion, participationWhere } from "./territory.ts";

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
    u.roles.some((x) => (x.regionId && coversRegion(r, x.regionId)) || (x.municipalityId && coversMunicipality(r, x.municipalityId)) || (x.schoolId && canSeeSchool(r, x.schoolId))) ||
    u.curatorships.some((c) => canSeeParticipation(r, c.participation)) ||
    (!!u.organisationId && r.allSchoolIds.has(u.organisationId))
  );
}

// ---- who manages whom ----

export interface RoleScope {
  role: import("../../../../prisma/generated/client/client.ts").Role;
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
  // Every territory field is judged, not just the first one set: a mixed scope is never granted.
  if (roleScopeProblem(target)) return false;
  if (act.all) return true;
  switch (target.role) {
    case "MUNICIPAL_COORDINATOR":
      return !!target.municipalityId && !!where.regionId && act.regionIds.has(where.regionId);
    case "CURATOR":
      return !!where.regionId && act.regionIds.has(where.regionId);
    case "SCHOOL":
      return !!target.schoolId && !!where.municipalityId && act.allMunicipalityIds.has(where.municipalityId);
    default:
      return false;
  }
}

/**
 * The territory fields a role takes, all of them checked (issue 16.11): a regional coordinator a region only,
 * a municipal coordinator a municipality only, a school user a school only, federal coordinators and
 * curators none (a curator's place is its own school, `organisationId`), an observer at most one.
 * Returns the Russian explanation of what is wrong, or null.
 */
export function roleScopeProblem(t: RoleScope): string | null {
  const set = (["regionId", "municipalityId", "schoolId"] as const).filter((k) => !!t[k]);
  const only = (field: (typeof set)[number], text: string) => (set.length === 1 && set[0] === field ? null : text);
  switch (t.role) {
    case "REGIONAL_COORDINATOR":
      return only("regionId", "Для регионального координатора укажите субъект РФ и только его (без муниципалитета и школы)");
    case "MUNICIPAL_COORDINATOR":
      return only("municipalityId", "Для муниципального координатора укажите муниципалитет и только его (без субъекта и школы)");
    case "SCHOOL":
      return only("schoolId", "Для пользователя школы укажите школу и только её (без субъекта и муниципалитета)");
    case "FEDERAL_COORDINATOR":
      return set.length ? "Федеральному координатору территория не указывается" : null;
    case "CURATOR":
      return set.length ? "Куратору территория не указывается: укажите только школу, где он работает (organisationId)" : null;
    case "OBSERVER":
      return set.length > 1 ? "Наблюдателю укажите не больше одной территории: субъект, муниципалитет или школу" : null;
    default:
      return "Неизвестная роль";
  }
}

/**
 * Curators are assigned by the coordinators of the participation's region (or the federal one). The rule for
 * a curator from elsewhere (README «Кто назначает кураторов»): a regional coordinator assigns only curators of
 * its own region — those whose own school (`organisationId`) lies in the participation's region; for a curator
 * with no school recorded, those whose existing curatorships all lie there (none yet: any). Only the federal
 * coordinator assigns across regions. Without `curatorHomeRegionIds` it answers whether the viewer assigns
 * curators to that participation at all.
 */
export const canAssignCurator = (act: Reach, participationRegionId: string, curatorHomeRegionIds?: string[]) =>
  act.all || (act.regionIds.has(participationRegionId) && (curatorHomeRegionIds ?? []).every((r) => r === participationRegionId));

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
