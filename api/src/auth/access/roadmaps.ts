// Risk profiles and roadmaps: where a participation or a roadmap lies, and who sees, changes, comments
// and reviews it.
import type { Prisma } from "../../../../prisma/generated/client/client.ts";
import type { DB } from "../../db.ts";
import type { Reach } from "../viewer.ts";
import { ids } from "./ids.ts";
import { canSeeParticipation, coversMunicipality, coversRegion, participationWhere } from "./territory.ts";

// ---- risk profiles (diagnostics) ----

/** Where a participation lies: what the risk-profile and roadmap rules need to know about it. */
export interface ParticipationPlace {
  participationId: string;
  schoolId: string;
  municipalityId: string;
  regionId: string;
}

export type ProfileParty = "SCHOOL" | "CURATOR" | "MUNICIPALITY";

/**
 * The parties a viewer may confirm a risk profile as: the school's own account, a curator assigned to
 * the participation, the coordinator of the school's municipality. Federal and regional coordinators
 * are not parties of the verification.
 */
export function profilePartiesOf(act: Reach, p: ParticipationPlace): ProfileParty[] {
  const parties: ProfileParty[] = [];
  if (act.schoolIds.has(p.schoolId)) parties.push("SCHOOL");
  if (act.curatedParticipationIds.has(p.participationId)) parties.push("CURATOR");
  if (act.municipalityIds.has(p.municipalityId)) parties.push("MUNICIPALITY");
  return parties;
}

/** Loading profile data (until questionnaires compute it) is for the federal and the region's coordinators. */
export const canLoadRiskProfile = (act: Reach, p: ParticipationPlace) => act.all || act.regionIds.has(p.regionId);

/** Choosing risks and correcting significance: any of the three parties, or whoever may load the profile. */
export const canEditRiskProfile = (act: Reach, p: ParticipationPlace) => profilePartiesOf(act, p).length > 0 || canLoadRiskProfile(act, p);

// ---- roadmaps ----

/**
 * A roadmap's owner: a participation (school roadmap) or a municipality (municipal roadmap). `assist`
 * is true while the owner asks for help with the plan and its year allows it
 * (ProgrammeYear.roadmapAssistedEditing and Roadmap.editHelpRequestedAt).
 */
export interface RoadmapPlace {
  participationId: string | null;
  schoolId: string | null;
  municipalityId: string;
  regionId: string;
  assist?: boolean;
  /** ProgrammeYear.coordinatorsMayReview of the roadmap's year (school roadmaps). */
  coordinatorsMayReview?: boolean;
}

/**
 * Readers: whoever sees the participation; a municipal roadmap only those with authority over its
 * municipality (its municipal coordinator, the region's coordinators and observers, the federal level) —
 * not the schools and curators who merely know the municipality's name.
 */
export const canSeeRoadmap = (r: Reach, p: RoadmapPlace) =>
  p.participationId && p.schoolId ? canSeeParticipation(r, { id: p.participationId, schoolId: p.schoolId }) : coversMunicipality(r, p.municipalityId);

// Who may change a roadmap — THE rule (README «Кто меняет дорожную карту»):
// - the owner keeps the plan and reports on it: the school its own roadmap (SCHOOL role), the municipal
//   coordinator the municipal roadmap of its municipality;
// - those above the owner — the school's curator and the coordinators over the school (municipal,
//   regional, federal), or the regional and federal coordinators over a municipality — comment and
//   review; they change the plan or report progress only while the owner asks for help and the year
//   allows it (`assist`). Observers only read (they have no `act` reach).

/** The owner of a roadmap: the school itself, or the municipal coordinator of a municipal roadmap. */
export const ownsRoadmap = (act: Reach, p: RoadmapPlace) => (p.schoolId ? act.schoolIds.has(p.schoolId) : act.municipalityIds.has(p.municipalityId));

/** Those above the owner: the curator of the participation and the coordinators over the school / municipality. */
export const overseesRoadmap = (act: Reach, p: RoadmapPlace) =>
  p.participationId && p.schoolId ? act.curatedParticipationIds.has(p.participationId) || coversMunicipality(act, p.municipalityId) : coversRegion(act, p.regionId);

/** Editors of the plan and reporters of progress (measures, progress, evidence, import): see the rule above. */
export const canEditRoadmap = (act: Reach, p: RoadmapPlace) => ownsRoadmap(act, p) || (!!p.assist && overseesRoadmap(act, p));

/** Commenters: the owner and everyone above it. */
export const canCommentRoadmap = (act: Reach, p: RoadmapPlace) => ownsRoadmap(act, p) || overseesRoadmap(act, p);

/** Submitting the plan for review and asking for help with it: the owner only. */
export const canSubmitRoadmap = ownsRoadmap;

/**
 * Approving or returning a roadmap: for a school roadmap the curator assigned to the participation, or
 * (when the year lets coordinators review, as for documents) a coordinator above the school; for a
 * municipal roadmap the coordinators of its region and the federal coordinator.
 */
export const canReviewRoadmap = (act: Reach, p: RoadmapPlace) =>
  p.participationId && p.schoolId ? act.curatedParticipationIds.has(p.participationId) || (!!p.coordinatorsMayReview && coversMunicipality(act, p.municipalityId)) : coversRegion(act, p.regionId);

/** SQL filter: the roadmaps a reach may see ({@link canSeeRoadmap}; school roadmaps through their participation). */
export function roadmapWhere(r: Reach): Prisma.RoadmapWhereInput {
  if (r.all) return {};
  return {
    OR: [{ participation: participationWhere(r) }, { municipalityId: { in: ids(r.allMunicipalityIds) } }],
  };
}

/** What to select of a participation to know where it lies (see {@link toParticipationPlace}). */
export const participationPlaceSelect = { id: true, schoolId: true, school: { select: { municipalityId: true, municipality: { select: { regionId: true } } } } } as const;
export const toParticipationPlace = (p: { id: string; schoolId: string; school: { municipalityId: string; municipality: { regionId: string } } }): ParticipationPlace => ({
  participationId: p.id,
  schoolId: p.schoolId,
  municipalityId: p.school.municipalityId,
  regionId: p.school.municipality.regionId,
});

/** What to select of a roadmap to know where it lies, with its region's time zone (see {@link toRoadmapPlace}). */
export const roadmapPlaceSelect = {
  id: true,
  programmeYearId: true,
  editHelpRequestedAt: true,
  programmeYear: { select: { roadmapAssistedEditing: true, coordinatorsMayReview: true } },
  participation: { select: { ...participationPlaceSelect, school: { select: { municipalityId: true, municipality: { select: { regionId: true, region: { select: { timeZone: true } } } } } } } },
  municipality: { select: { id: true, regionId: true, region: { select: { timeZone: true } } } },
} as const;
type RoadmapPlaceRow = Prisma.RoadmapGetPayload<{ select: typeof roadmapPlaceSelect }>;

/** Where a roadmap lies, with its region's time zone and programme year. */
export function toRoadmapPlace(r: RoadmapPlaceRow): RoadmapPlace & { timeZone: string; programmeYearId: string } {
  const p = r.participation;
  const year = { assist: r.programmeYear.roadmapAssistedEditing && !!r.editHelpRequestedAt, coordinatorsMayReview: r.programmeYear.coordinatorsMayReview };
  return p
    ? { ...toParticipationPlace(p), timeZone: p.school.municipality.region.timeZone, programmeYearId: r.programmeYearId, ...year }
    : {
        ...year,
        participationId: null,
        schoolId: null,
        municipalityId: r.municipality!.id,
        regionId: r.municipality!.regionId,
        timeZone: r.municipality!.region.timeZone,
        programmeYearId: r.programmeYearId,
      };
}

/** Where a participation lies (null when there is no such participation). */
export async function loadParticipationPlace(db: DB, participationId: string): Promise<ParticipationPlace | null> {
  const p = await db.participation.findUnique({ where: { id: participationId }, select: participationPlaceSelect });
  return p && toParticipationPlace(p);
}

/** Where a roadmap lies (null when there is no such roadmap). */
export async function loadRoadmapPlace(db: DB, roadmapId: string): Promise<RoadmapPlace | null> {
  const r = await db.roadmap.findUnique({ where: { id: roadmapId }, select: roadmapPlaceSelect });
  return r && toRoadmapPlace(r);
}

/**
 * SQL filter: the roadmaps a reach may decide on ({@link canReviewRoadmap} as a where clause) — school
 * roadmaps of curated participations, or of schools below a coordinator when the year lets coordinators
 * review; municipal roadmaps of the coordinator's regions.
 */
export function reviewableRoadmapWhere(act: Reach): Prisma.RoadmapWhereInput {
  const above: Prisma.RoadmapWhereInput = act.all
    ? {}
    : { participation: { school: { OR: [{ municipality: { regionId: { in: ids(act.regionIds) } } }, { municipalityId: { in: ids(act.allMunicipalityIds) } }] } } };
  return {
    OR: [
      { participationId: { in: ids(act.curatedParticipationIds) } },
      { programmeYear: { coordinatorsMayReview: true }, participationId: { not: null }, ...above },
      act.all ? { municipalityId: { not: null } } : { municipality: { regionId: { in: ids(act.regionIds) } } },
    ],
  };
}
