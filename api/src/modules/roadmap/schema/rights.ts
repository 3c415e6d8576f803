// The viewer's rights on a roadmap, shared by the roadmap's and its measures' viewerCan* fields.
import type { Context } from "../../../context.ts";
import { canCommentRoadmap, canEditRoadmap } from "../../../auth/access.ts";
import { load } from "../../../shared/loader.ts";
import { roadmapPlace } from "../places.ts";

/** The viewer's rights on a roadmap, from where it lies (one batched lookup per request tick). */
export async function rights(ctx: Context, roadmapId: string) {
  const [place, status] = await Promise.all([roadmapPlace(ctx, roadmapId), roadmapStatus(ctx, roadmapId)]);
  const act = ctx.viewer?.act;
  if (!place || !act) return { edit: false, report: false, comment: false };
  const report = canEditRoadmap(act, place);
  // The plan is frozen while on review; progress is reported regardless.
  return { edit: report && status !== "SUBMITTED", report, comment: canCommentRoadmap(act, place) };
}

const roadmapStatus = (ctx: Context, id: string) =>
  load(
    ctx,
    "roadmap.status",
    async (ids: string[]) => {
      const rows = await ctx.db.roadmap.findMany({ where: { id: { in: ids } }, select: { id: true, status: true } });
      return new Map(rows.map((r) => [r.id, r.status]));
    },
    id,
  );
