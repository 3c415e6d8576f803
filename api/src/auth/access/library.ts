// The methodical materials bank and the positive-practices bank.
import type { Prisma } from "../../../../prisma/generated/client/client.ts";
import type { Reach } from "../viewer.ts";
import { ids } from "./ids.ts";

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
