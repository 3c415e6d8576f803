// The scope initializer: one per request, from ctx.viewer. Booleans for roles, loaders for rows.
import type { Context } from "../context.ts";
import {
  canSeeProgramme,
  canSeeMunicipality,
  coversMunicipality,
  canSeeParticipation,
  canSeeQuestion,
  canSeeRegion,
  canSeeRoadmap,
  canSeeSchool,
  canSeeUser,
  canOverseeEvent,
  loadRoadmapPlace,
  type EventPlace,
  type QuestionPlace,
} from "./access.ts";
import { hasRole } from "./viewer.ts";

export interface Scopes {
  /** Open to everyone, signed in or not (sign-in itself, the viewer query). */
  public: boolean;
  signedIn: boolean;
  federal: boolean;
  regionAdmin: boolean;
  municipalityAdmin: boolean;
  curator: boolean;
  schoolStaff: boolean;
  observer: boolean;
  canSeeRegion: string;
  canSeeMunicipality: string;
  /** Authority over a municipality (its figures, its roadmap), not just its name. */
  coversMunicipality: string;
  canSeeSchool: string;
  canSeeParticipation: { id: string; schoolId: string };
  /** For rows that only carry a participation id (documents, roadmaps): one lookup, cached per request. */
  canSeeParticipationId: string;
  /** A user is visible to itself and to whoever reaches one of its roles, curatorships or its school. */
  canSeeUser: string;
  /** For rows that only carry a roadmap id (measures and their evidence): one lookup, cached per request. */
  canSeeRoadmapId: string;
  /** A consultation-line question: its asker, the coordinators over its place, the federal level. */
  canSeeQuestion: QuestionPlace;
  /** An event: the people it invites, the coordinators over its region, the federal level. */
  canSeeEvent: EventPlace;
  /** A programme (and its years) by id: the federal one for all, a region's for that region and the federal level. */
  canSeeProgrammeId: string;
}

export function scopesFor(ctx: Context) {
  const v = ctx.viewer;
  // Loaders read the viewer when called, not when the scopes were built: signIn and acceptInvitation
  // set ctx.viewer mid-request, and their payload's nested objects must be checked against it.
  const readOf = () => ctx.viewer?.read;
  return {
    public: true,
    signedIn: !!v,
    federal: !!v?.act.all,
    regionAdmin: hasRole(v, "REGIONAL_COORDINATOR"),
    municipalityAdmin: hasRole(v, "MUNICIPAL_COORDINATOR"),
    curator: hasRole(v, "CURATOR"),
    schoolStaff: hasRole(v, "SCHOOL"),
    observer: hasRole(v, "OBSERVER"),
    canSeeRegion: (id: string) => !!readOf() && canSeeRegion(readOf()!, id),
    canSeeMunicipality: (id: string) => !!readOf() && canSeeMunicipality(readOf()!, id),
    coversMunicipality: (id: string) => !!readOf() && coversMunicipality(readOf()!, id),
    canSeeSchool: (id: string) => !!readOf() && canSeeSchool(readOf()!, id),
    canSeeParticipation: (p: { id: string; schoolId: string }) => !!readOf() && canSeeParticipation(readOf()!, p),
    canSeeParticipationId: async (id: string) => {
      const read = readOf();
      if (!read) return false;
      if (read.all || read.curatedParticipationIds.has(id)) return true;
      const p = await ctx.db.participation.findUnique({ where: { id }, select: { id: true, schoolId: true } });
      return !!p && canSeeParticipation(read, p);
    },
    // Answered without a promise where the reach alone decides (everything, or oneself): a list's hundreds of
    // nested users (curators) then cost no asynchronous step each.
    canSeeUser: (id: string) => {
      const viewer = ctx.viewer;
      if (!viewer) return false;
      if (viewer.read.all || viewer.id === id) return true;
      return canSeeUser(ctx.db, viewer, id);
    },
    canSeeRoadmapId: async (id: string) => {
      const read = readOf();
      if (!read) return false;
      if (read.all) return true;
      const place = await loadRoadmapPlace(ctx.db, id);
      return !!place && canSeeRoadmap(read, place);
    },
    canSeeQuestion: (q: QuestionPlace) => !!ctx.viewer && canSeeQuestion(ctx.viewer.read, ctx.viewer.id, q),
    canSeeProgrammeId: async (id: string) => {
      const read = readOf();
      if (!read) return false;
      if (read.all) return true;
      const p = await ctx.db.programme.findUnique({ where: { id }, select: { regionId: true } });
      return !!p && canSeeProgramme(read, p.regionId);
    },
    canSeeEvent: async (e: EventPlace) => {
      const v = ctx.viewer;
      if (!v) return false;
      if (canOverseeEvent(v.read, e.regionId)) return true;
      return !!(await ctx.db.attendance.findUnique({ where: { eventId_userId: { eventId: e.id, userId: v.id } }, select: { id: true } }));
    },
  };
}
