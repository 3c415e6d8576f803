// Batched, per-request lookups of where participations and roadmaps lie (school, municipality,
// region, time zone): what `viewerCan*` fields and time-zone-aware figures need for every row of a list.
// The shapes are those of auth/access.ts, loaded for many ids at once.
import type { Context } from "../../context.ts";
import { participationPlaceSelect, roadmapPlaceSelect, toParticipationPlace, toRoadmapPlace } from "../../auth/access.ts";
import { load } from "../../shared/loader.ts";

/** Where a participation lies; undefined when there is none. */
export const participationPlace = (ctx: Context, id: string) =>
  load(
    ctx,
    "place.participation",
    async (ids: string[]) => {
      const rows = await ctx.db.participation.findMany({ where: { id: { in: ids } }, select: participationPlaceSelect });
      return new Map(rows.map((p) => [p.id, toParticipationPlace(p)]));
    },
    id,
  );

/** Where a roadmap lies, with its region's time zone; undefined when there is none. */
export const roadmapPlace = (ctx: Context, id: string) =>
  load(
    ctx,
    "place.roadmap",
    async (ids: string[]) => {
      const rows = await ctx.db.roadmap.findMany({ where: { id: { in: ids } }, select: roadmapPlaceSelect });
      return new Map(rows.map((r) => [r.id, toRoadmapPlace(r)]));
    },
    id,
  );
