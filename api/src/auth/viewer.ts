// Who is asking and how far they reach. Built once per request (or WebSocket connection) from the
// session, so every access rule below is a set lookup and lists can be filtered in SQL.
import type { Role } from "../../../prisma/generated/client/client.ts";
import type { DB } from "../db.ts";
import type { SessionRow } from "./session.ts";

/** One kind of reach: what a viewer may see ("read") or act on ("act", observers excluded). */
export interface Reach {
  /** Everything (federal coordinator; a federal-level observer reads everything). */
  all: boolean;
  /** Territories granted directly by role assignments. */
  regionIds: Set<string>;
  municipalityIds: Set<string>;
  schoolIds: Set<string>;
  /** Expanded: every municipality and school inside the granted territories. */
  allMunicipalityIds: Set<string>;
  allSchoolIds: Set<string>;
  /** Curatorships: the participations assigned to the viewer and their schools. */
  curatedParticipationIds: Set<string>;
  curatedSchoolIds: Set<string>;
  /** Regions and municipalities the viewer may see as context (those its schools lie in). */
  contextRegionIds: Set<string>;
  contextMunicipalityIds: Set<string>;
}

export interface Viewer {
  id: string;
  email: string;
  fullName: string;
  session: SessionRow;
  roles: { role: Role; regionId: string | null; municipalityId: string | null; schoolId: string | null }[];
  read: Reach;
  act: Reach;
}

const emptyReach = (): Reach => ({
  all: false,
  regionIds: new Set(),
  municipalityIds: new Set(),
  schoolIds: new Set(),
  allMunicipalityIds: new Set(),
  allSchoolIds: new Set(),
  curatedParticipationIds: new Set(),
  curatedSchoolIds: new Set(),
  contextRegionIds: new Set(),
  contextMunicipalityIds: new Set(),
});

/** Loads the active user of a session with the reach of all its role assignments (their union). */
export async function loadViewer(db: DB, session: SessionRow): Promise<Viewer | null> {
  const user = await db.user.findUnique({
    where: { id: session.userId },
    select: {
      id: true,
      email: true,
      fullName: true,
      active: true,
      roles: { select: { role: true, regionId: true, municipalityId: true, schoolId: true } },
    },
  });
  if (!user || !user.active) return null;
  const read = emptyReach();
  const act = emptyReach();
  let curator = false;
  for (const r of user.roles) {
    const targets = r.role === "OBSERVER" ? [read] : [read, act];
    for (const reach of targets) {
      if (r.role === "FEDERAL_COORDINATOR" || (r.role === "OBSERVER" && !r.regionId && !r.municipalityId && !r.schoolId)) reach.all = true;
      if (r.regionId) reach.regionIds.add(r.regionId);
      if (r.municipalityId) reach.municipalityIds.add(r.municipalityId);
      if (r.schoolId) reach.schoolIds.add(r.schoolId);
    }
    if (r.role === "CURATOR") curator = true;
  }
  // Without an observer role both reaches are granted the same territories: expand once and share.
  if (user.roles.some((r) => r.role === "OBSERVER")) await Promise.all([expandTerritory(db, read), expandTerritory(db, act)]);
  else {
    await expandTerritory(db, read);
    for (const k of ["allMunicipalityIds", "allSchoolIds", "contextRegionIds", "contextMunicipalityIds"] as const) act[k] = new Set(read[k]);
  }
  if (curator) {
    const assigned = await db.curatorAssignment.findMany({
      where: { curatorId: user.id },
      select: { participationId: true, participation: { select: { schoolId: true, school: { select: { municipalityId: true, municipality: { select: { regionId: true } } } } } } },
    });
    for (const reach of [read, act])
      for (const a of assigned) {
        reach.curatedParticipationIds.add(a.participationId);
        reach.curatedSchoolIds.add(a.participation.schoolId);
        reach.contextMunicipalityIds.add(a.participation.school.municipalityId);
        reach.contextRegionIds.add(a.participation.school.municipality.regionId);
      }
  }
  const { roles, id, email, fullName } = user;
  return { id, email, fullName, session, roles, read, act };
}

// Two queries side by side (one for a school account): the schools and municipalities inside the granted territories.
async function expandTerritory(db: DB, reach: Reach) {
  if (reach.all || (!reach.regionIds.size && !reach.municipalityIds.size && !reach.schoolIds.size)) return;
  const regionIds = [...reach.regionIds];
  const municipalityIds = [...reach.municipalityIds];
  const schoolIds = [...reach.schoolIds];
  const [municipalities, schools] = await Promise.all([
    // A school account (the most numerous viewer, one per live socket) is granted no municipality at all.
    regionIds.length || municipalityIds.length
      ? db.municipality.findMany({
          where: { OR: [{ regionId: { in: regionIds } }, { id: { in: municipalityIds } }] },
          select: { id: true, regionId: true },
        })
      : [],
    db.school.findMany({
      where: {
        OR: [{ municipality: { regionId: { in: regionIds } } }, { municipalityId: { in: municipalityIds } }, { id: { in: schoolIds } }],
      },
      select: { id: true, municipalityId: true, municipality: { select: { regionId: true } } },
    }),
  ]);
  for (const m of municipalities) {
    reach.allMunicipalityIds.add(m.id);
    reach.contextRegionIds.add(m.regionId);
  }
  for (const s of schools) {
    reach.allSchoolIds.add(s.id);
    reach.contextMunicipalityIds.add(s.municipalityId);
    reach.contextRegionIds.add(s.municipality.regionId);
  }
}

export const hasRole = (viewer: Viewer | null, role: Role) => !!viewer?.roles.some((r) => r.role === role);
