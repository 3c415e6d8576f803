// Programmes, programme years, risk recommendations, significance rules and the registry.
import type { Prisma } from "../../../../prisma/generated/client/client.ts";
import type { Reach } from "../viewer.ts";

// ---- programmes: the federal «500+» and the regions' twins ----

/** The regions a viewer belongs to: those granted to it and those its schools and municipalities lie in. */
const ownRegionIds = (read: Reach) => new Set([...read.regionIds, ...read.contextRegionIds]);

/** The federal programme is everyone's; a region's programme is seen by that region's people and the federal level only. */
export const canSeeProgramme = (read: Reach, regionId: string | null) => read.all || regionId === null || ownRegionIds(read).has(regionId);

/** Programmes a viewer sees, as a Prisma filter (see canSeeProgramme). */
export function programmeWhere(read: Reach): Prisma.ProgrammeWhereInput {
  return read.all ? {} : { OR: [{ regionId: null }, { regionId: { in: [...ownRegionIds(read)] } }] };
}

/**
 * A programme, its years, settings and risk-factor lists are run by the federal coordinator (any
 * programme) and by the coordinator of the region that owns a regional programme.
 */
export const canManageProgramme = (act: Reach, regionId: string | null) => act.all || (!!regionId && act.regionIds.has(regionId));

// ---- programme years and the registry ----

/** Recommendations per risk factor and significance are written by the federal coordinator. */
export const canEditRiskRecommendations = (act: Reach) => act.all;

/** The significance rules (questions → indicators → thresholds) of a year: the federal coordinator; everyone signed in reads them. */
export const canEditSignificanceRules = (act: Reach) => act.all;

/** Programme years (create, copy, settings, risk-factor lists) are run by the federal coordinator. */
export const canManageProgrammeYears = (act: Reach) => act.all;

/**
 * The school registry, municipalities, decree participant lists, participation statuses and bulk
 * onboarding: the federal coordinator anywhere (`regionId` null: the whole country), a regional
 * coordinator in its own region only.
 */
export const canManageRegistry = (act: Reach, regionId: string | null) => act.all || (!!regionId && act.regionIds.has(regionId));
