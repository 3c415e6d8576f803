// Concept documents: who sees, uploads and reviews them.
import type { Prisma } from "../../../../prisma/generated/client/client.ts";
import type { Reach } from "../viewer.ts";
import { ids } from "./ids.ts";
import { coversMunicipality, participationWhere } from "./territory.ts";

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
