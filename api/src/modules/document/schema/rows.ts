// What every loaded document, version and review carries, shared by the document's types.
import type { Prisma } from "../../../db.ts";
import { endOfDayIn } from "../deadline.ts";

// What every loaded document carries: where it belongs (for access, deadline and rules) and its risk's title.
export const documentContext = {
  riskFactor: { select: { title: true } },
  participation: {
    select: {
      id: true,
      schoolId: true,
      status: true,
      school: { select: { shortName: true, municipalityId: true, municipality: { select: { region: { select: { timeZone: true } } } } } },
      programmeYear: { select: { year: true, conceptDocumentsDue: true, coordinatorsMayReview: true } },
    },
  },
} satisfies Prisma.DocumentInclude;

/** Versions are always read newest first, so every field asking for them shares one query. */
export const VERSIONS = { orderBy: { number: "desc" } } satisfies Prisma.Document$versionsArgs;
export const REVIEWS = { orderBy: [{ createdAt: "desc" }, { id: "desc" }] } satisfies Prisma.Document$reviewsArgs;

export const documentOwner = { select: { participationId: true, participation: { select: { schoolId: true } } } } as const;

export type DocumentRow = Prisma.DocumentGetPayload<{ include: typeof documentContext }>;
export type VersionRow = Prisma.DocumentVersionGetPayload<{ include: { file: true; document: typeof documentOwner } }>;
export type ReviewRow = Prisma.ReviewGetPayload<{ include: { document: typeof documentOwner } }>;

export const deadlineOf = (d: DocumentRow) => endOfDayIn(d.participation.programmeYear.conceptDocumentsDue, d.participation.school.municipality.region.timeZone);
