// The consultation line: questions, answers, the FAQ and its topics.
import type { Prisma } from "../../../../prisma/generated/client/client.ts";
import type { Reach } from "../viewer.ts";
import { ids } from "./ids.ts";
import { canSeeSchool, coversMunicipality, coversRegion } from "./territory.ts";

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
