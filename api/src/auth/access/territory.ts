// Seeing territory, schools and participations, and the same rules as SQL filters: lists are filtered
// in the database, never fetched whole and filtered here.
import type { Prisma } from "../../../../prisma/generated/client/client.ts";
import type { Reach } from "../viewer.ts";
import { ids } from "./ids.ts";

export const canSeeRegion = (r: Reach, regionId: string) => r.all || r.regionIds.has(regionId) || r.contextRegionIds.has(regionId);

export const canSeeMunicipality = (r: Reach, municipalityId: string) => r.all || r.allMunicipalityIds.has(municipalityId) || r.contextMunicipalityIds.has(municipalityId);

/** Whole region / municipality authority (its figures, its people), not just its name. */
export const coversRegion = (r: Reach, regionId: string) => r.all || r.regionIds.has(regionId);
export const coversMunicipality = (r: Reach, municipalityId: string) => r.all || r.allMunicipalityIds.has(municipalityId);

export const canSeeSchool = (r: Reach, schoolId: string) => r.all || r.allSchoolIds.has(schoolId) || r.curatedSchoolIds.has(schoolId);

/** A curator reaches only the participations assigned to it, not the school's other years. */
export const canSeeParticipation = (r: Reach, p: { id: string; schoolId: string }) => r.all || r.allSchoolIds.has(p.schoolId) || r.curatedParticipationIds.has(p.id);

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
    OR: [{ municipality: { regionId: { in: ids(r.regionIds) } } }, { municipalityId: { in: ids(r.municipalityIds) } }, { id: { in: ids(new Set([...r.schoolIds, ...r.curatedSchoolIds])) } }],
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
