// Batched, per-request lookups of where participations and roadmaps lie (school, municipality,
// region, time zone): what `viewerCan*` fields and time-zone-aware figures need for every row of a list.
import type { Context } from "../../context.ts";
import type { ParticipationPlace, RoadmapPlace } from "../../auth/access.ts";
import { load } from "../../shared/loader.ts";

export type RoadmapPlaceTz = RoadmapPlace & { timeZone: string; programmeYearId: string };

/** Where a participation lies; undefined when there is none. */
export const participationPlace = (ctx: Context, id: string) =>
  load(ctx, "place.participation", async (ids: string[]) => {
    const rows = await ctx.db.participation.findMany({
      where: { id: { in: ids } },
      select: { id: true, schoolId: true, school: { select: { municipalityId: true, municipality: { select: { regionId: true } } } } },
    });
    return new Map<string, ParticipationPlace>(
      rows.map((p) => [p.id, { participationId: p.id, schoolId: p.schoolId, municipalityId: p.school.municipalityId, regionId: p.school.municipality.regionId }]),
    );
  }, id);

/** Where a roadmap lies, with its region's time zone; undefined when there is none. */
export const roadmapPlace = (ctx: Context, id: string) =>
  load(ctx, "place.roadmap", async (ids: string[]) => {
    const rows = await ctx.db.roadmap.findMany({
      where: { id: { in: ids } },
      select: {
        id: true,
        programmeYearId: true,
        participation: {
          select: { id: true, schoolId: true, school: { select: { municipalityId: true, municipality: { select: { regionId: true, region: { select: { timeZone: true } } } } } } },
        },
        municipality: { select: { id: true, regionId: true, region: { select: { timeZone: true } } } },
      },
    });
    return new Map<string, RoadmapPlaceTz>(
      rows.map((r) => {
        const p = r.participation;
        const place: RoadmapPlaceTz = p
          ? {
              participationId: p.id,
              schoolId: p.schoolId,
              municipalityId: p.school.municipalityId,
              regionId: p.school.municipality.regionId,
              timeZone: p.school.municipality.region.timeZone,
              programmeYearId: r.programmeYearId,
            }
          : {
              participationId: null,
              schoolId: null,
              municipalityId: r.municipality!.id,
              regionId: r.municipality!.regionId,
              timeZone: r.municipality!.region.timeZone,
              programmeYearId: r.programmeYearId,
            };
        return [r.id, place];
      }),
    );
  }, id);
