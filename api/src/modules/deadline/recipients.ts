// Who hears about a school or a municipality: its school accounts, its curators, its municipal
// coordinators. Services ask here; the deadline scan uses the same definition in set-based SQL (scan.ts).
import type { DB, Prisma } from "../../db.ts";

export type Audience = "school" | "curators" | "municipal";

export interface AudiencePlace {
  participationId: string | null;
  schoolId: string | null;
  municipalityId: string;
}

/**
 * Active users of the asked audiences: `school` — accounts with the SCHOOL role of the school;
 * `curators` — curators assigned to the participation; `municipal` — coordinators of the municipality.
 * `except` (the actor) is left out: nobody is notified of their own action.
 */
export async function audienceOf(
  db: DB | Prisma.TransactionClient,
  place: AudiencePlace,
  audiences: Audience[],
  except?: string,
): Promise<string[]> {
  const or: Prisma.UserWhereInput[] = [];
  if (audiences.includes("school") && place.schoolId) or.push({ roles: { some: { role: "SCHOOL", schoolId: place.schoolId } } });
  if (audiences.includes("curators") && place.participationId)
    or.push({ curatorships: { some: { participationId: place.participationId } }, roles: { some: { role: "CURATOR" } } });
  if (audiences.includes("municipal")) or.push({ roles: { some: { role: "MUNICIPAL_COORDINATOR", municipalityId: place.municipalityId } } });
  if (!or.length) return [];
  const users = await db.user.findMany({
    where: { active: true, OR: or, ...(except ? { NOT: { id: except } } : {}) },
    select: { id: true },
    orderBy: { id: "asc" },
  });
  return users.map((u) => u.id);
}
