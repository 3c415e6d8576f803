// Naming a programme year by its number. Years are unique per programme («500+ 2026» and «62+ 2026»
// both exist), so an operation that takes `year: Int` alone means the federal programme, as it did
// before regional programmes: the public contract stays as it was, and `programmeId` picks another.
import type { DB, Prisma } from "../../db.ts";
import { DomainError } from "../../errors.ts";

/** The federal programme «500+»: the one without a region (a unique index keeps it single). */
export const FEDERAL_PROGRAMME = { regionId: null } satisfies Prisma.ProgrammeWhereInput;

/** The year `year` of `programmeId`, or of the federal programme when no programme is named. */
export const yearWhere = (year: number, programmeId?: string | null): Prisma.ProgrammeYearWhereInput => ({
  year,
  programme: programmeId ? { id: programmeId } : FEDERAL_PROGRAMME,
});

/** Several year numbers of one programme (the federal one by default). */
export const yearsWhere = (years: number[], programmeId?: string | null): Prisma.ProgrammeYearWhereInput => ({
  year: { in: years },
  programme: programmeId ? { id: programmeId } : FEDERAL_PROGRAMME,
});

/** The id of a programme year by its number (federal programme unless `programmeId`); null when there is none. */
export async function findYearId(db: DB | Prisma.TransactionClient, year: number, programmeId?: string | null): Promise<string | null> {
  const y = await db.programmeYear.findFirst({ where: yearWhere(year, programmeId), select: { id: true } });
  return y?.id ?? null;
}

/** A programme year a participant list is written into, with the region its participants must lie in (null: any). */
export async function participantYear(db: DB, year: number, programmeId?: string | null) {
  return db.programmeYear.findFirst({
    where: yearWhere(year, programmeId),
    select: { id: true, title: true, programme: { select: { regionId: true, shortName: true, region: { select: { name: true } } } } },
  });
}

/** A regional programme takes schools of its own region only. */
export class ProgrammeRegionError extends DomainError {
  constructor(programme: string, region: string, schools: string[]) {
    super(`В «${programme}» участвуют только школы субъекта «${region}»: ${schools.slice(0, 10).join(", ")}${schools.length > 10 ? " и другие" : ""}`, "PROGRAMME_REGION_MISMATCH");
  }
}
