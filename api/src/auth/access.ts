// The access rules, in one place. Pothos scopes, services and SQL filters all call these, so a rule
// changes here once. Every function takes a Reach (what a viewer may read, or act on).
import type { Prisma } from "../../../prisma/generated/client/client.ts";
import type { DB } from "../db.ts";
import type { Reach, Viewer } from "./viewer.ts";

export const canSeeRegion = (r: Reach, regionId: string) => r.all || r.regionIds.has(regionId) || r.contextRegionIds.has(regionId);

export const canSeeMunicipality = (r: Reach, municipalityId: string) => r.all || r.allMunicipalityIds.has(municipalityId) || r.contextMunicipalityIds.has(municipalityId);

/** Whole region / municipality authority (its figures, its people), not just its name. */
export const coversRegion = (r: Reach, regionId: string) => r.all || r.regionIds.has(regionId);
export const coversMunicipality = (r: Reach, municipalityId: string) => r.all || r.allMunicipalityIds.has(municipalityId);

export const canSeeSchool = (r: Reach, schoolId: string) => r.all || r.allSchoolIds.has(schoolId) || r.curatedSchoolIds.has(schoolId);

/** A curator reaches only the participations assigned to it, not the school's other years. */
export const canSeeParticipation = (r: Reach, p: { id: string; schoolId: string }) => r.all || r.allSchoolIds.has(p.schoolId) || r.curatedParticipationIds.has(p.id);

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

// ---- concept documents ----

/** Documents the viewer may see: those of the participations it may see. */
export function documentWhere(r: Reach): Prisma.DocumentWhereInput {
  if (r.all) return {};
  return { participation: participationWhere(r) };
}

/**
 * Only the school itself (the account of the participation's school; school scopes in `act` come from
 * SCHOOL roles only) uploads and submits its documents.
 */
export const canUploadDocument = (act: Reach, p: { schoolId: string }) => act.schoolIds.has(p.schoolId);

export interface ReviewTarget {
  participationId: string;
  municipalityId: string;
  /** ProgrammeYear.coordinatorsMayReview of the participation's year. */
  coordinatorsMayReview: boolean;
}

/**
 * Approving or returning a document: a curator assigned to the participation; or, when the programme
 * year allows it, a coordinator above the school (municipal, regional of its region, federal).
 */
export const canReviewDocument = (act: Reach, d: ReviewTarget) => act.curatedParticipationIds.has(d.participationId) || (d.coordinatorsMayReview && coversMunicipality(act, d.municipalityId));

/** SQL form of canReviewDocument: the documents the viewer may decide on. */
export function reviewableDocumentWhere(act: Reach): Prisma.DocumentWhereInput {
  const above: Prisma.ParticipationWhereInput = act.all
    ? {}
    : {
        school: {
          OR: [{ municipality: { regionId: { in: ids(act.regionIds) } } }, { municipalityId: { in: ids(act.municipalityIds) } }],
        },
      };
  return {
    OR: [{ participationId: { in: ids(act.curatedParticipationIds) } }, { participation: { programmeYear: { coordinatorsMayReview: true }, ...above } }],
  };
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

// ---- reports: the participation filter as raw SQL ----
import { Prisma as PrismaSql } from "../db.ts";

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

// ---- the consultation line ----

/** Where a question lies and who asked it: what its rules need to know. */
export interface QuestionPlace {
  authorId: string;
  regionId: string | null;
  municipalityId: string | null;
  schoolId: string | null;
  level: "REGION" | "FEDERAL";
}

/**
 * Readers of a question: its asker; whoever sees the asker's school (the school's account, its
 * curators, the coordinators over it); the coordinators of the asker's municipality and region; the
 * federal level. Observers read within their territory like coordinators.
 */
export const canSeeQuestion = (r: Reach, viewerId: string, q: QuestionPlace) =>
  r.all || q.authorId === viewerId || (!!q.schoolId && canSeeSchool(r, q.schoolId)) || (!!q.municipalityId && coversMunicipality(r, q.municipalityId)) || (!!q.regionId && coversRegion(r, q.regionId));

/** SQL form of canSeeQuestion. */
export function questionWhere(r: Reach, viewerId: string): Prisma.QuestionWhereInput {
  if (r.all) return {};
  return {
    OR: [
      { authorId: viewerId },
      { schoolId: { in: ids(new Set([...r.allSchoolIds, ...r.curatedSchoolIds])) } },
      { municipalityId: { in: ids(r.allMunicipalityIds) } },
      { regionId: { in: ids(r.regionIds) } },
    ],
  };
}

/** Asking: any participant with a role that acts (observers only read). */
export const canAskQuestion = (act: Reach, roles: { role: string }[]) => roles.some((x) => x.role !== "OBSERVER") || act.all;

/**
 * Handling (take in work, answer, pass on, publish): at the regional level the coordinators of the
 * question's region; the federal coordinator at either level (a question passed on is the federal
 * level's alone, regional coordinators then only read it).
 */
export const canHandleQuestion = (act: Reach, q: QuestionPlace) => act.all || (q.level === "REGION" && !!q.regionId && act.regionIds.has(q.regionId));

/** SQL form of canHandleQuestion: the inbox. */
export function handledQuestionWhere(act: Reach): Prisma.QuestionWhereInput {
  if (act.all) return {};
  return { level: "REGION", regionId: { in: ids(act.regionIds) } };
}

/** Replying to an answer (which reopens the question): the asker only. */
export const canReplyQuestion = (viewerId: string, q: QuestionPlace) => q.authorId === viewerId;

/**
 * Publishing to the FAQ: the federal FAQ is the federal coordinator's; a regional FAQ the coordinators
 * of that region (and the federal coordinator).
 */
export const canPublishFaq = (act: Reach, scope: "FEDERAL" | "REGIONAL", regionId: string | null) => act.all || (scope === "REGIONAL" && !!regionId && act.regionIds.has(regionId));

/** FAQ entries a reader sees: the federal FAQ, and the regional FAQs of regions it sees. */
export function faqWhere(r: Reach): Prisma.FaqEntryWhereInput {
  if (r.all) return {};
  return { OR: [{ scope: "FEDERAL" }, { regionId: { in: ids(new Set([...r.regionIds, ...r.contextRegionIds])) } }] };
}

/** The regions whose regional FAQ a reader sees (SQL searches), or "all". */
export const faqRegions = (r: Reach): string[] | "all" => (r.all ? "all" : [...new Set([...r.regionIds, ...r.contextRegionIds])]);

/** The list of topics is the federal coordinator's. */
export const canManageQuestionTopics = (act: Reach) => act.all;

// ---- events (webinars, seminars, meetings) ----

/** Where an event belongs: a region (its coordinators run it) or nowhere (a federal event). */
export interface EventPlace {
  id: string;
  regionId: string | null;
}

/** Creating and running an event (attendance, import): the federal coordinator anywhere, a regional one in its region. */
export const canManageEvent = (act: Reach, regionId: string | null) => act.all || (!!regionId && act.regionIds.has(regionId));

/** Seeing an event's figures and attendance list: whoever reads the whole region (observers too), the federal level for all. */
export const canOverseeEvent = (r: Reach, regionId: string | null) => r.all || (!!regionId && r.regionIds.has(regionId));

/** The events a viewer sees: those it is invited to, and those of the regions it oversees. */
export function eventWhere(r: Reach, viewerId: string): Prisma.EventWhereInput {
  if (r.all) return {};
  return { OR: [{ attendance: { some: { userId: viewerId } } }, { regionId: { in: ids(r.regionIds) } }] };
}

// ---- the methodical materials bank ----

/** Publishing a material and adding versions: the federal coordinator (federal or any region's), a regional one for its region. */
export const canPublishMaterial = (act: Reach, regionId: string | null) => act.all || (!!regionId && act.regionIds.has(regionId));

// ---- the positive-practices bank ----

/** Submitting a practice: the school's own staff or its curator. */
export const canSubmitPractice = (act: Reach, schoolId: string) => act.schoolIds.has(schoolId) || act.curatedSchoolIds.has(schoolId);

/** Publishing or returning a practice: the coordinator of the school's region, the federal level anywhere. */
export const canReviewPractice = (act: Reach, regionId: string | null) => act.all || (!!regionId && act.regionIds.has(regionId));

/** The practices a viewer sees: every published one; the others of schools it reaches, and its own. */
export function practiceWhere(r: Reach, viewerId: string): Prisma.PracticeWhereInput {
  if (r.all) return {};
  return {
    OR: [
      { status: "PUBLISHED" },
      { publishedById: viewerId },
      { school: { municipality: { regionId: { in: ids(r.regionIds) } } } },
      { school: { municipalityId: { in: ids(r.municipalityIds) } } },
      { schoolId: { in: ids(new Set([...r.schoolIds, ...r.curatedSchoolIds])) } },
    ],
  };
}
