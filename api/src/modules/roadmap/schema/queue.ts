// The reviewer's queue of roadmaps: those on review that the viewer may decide on, longest waiting first
// (the roadmap counterpart of the documents' reviewQueue).
import { builder } from "../../../builder.ts";
import type { SignedInContext } from "../../../context.ts";
import type { Prisma } from "../../../db.ts";
import { reviewableRoadmapWhere, roadmapWhere } from "../../../auth/access.ts";

const queueWhere = (ctx: SignedInContext): Prisma.RoadmapWhereInput => ({
  AND: [roadmapWhere(ctx.viewer.read), { status: "SUBMITTED" }, reviewableRoadmapWhere(ctx.viewer.act)],
});

builder.queryFields((t) => ({
  roadmapReviewQueue: t.withAuth({ signedIn: true }).prismaConnection({
    type: "Roadmap",
    cursor: "id",
    description: "Очередь проверки дорожных карт: карты на проверке, по которым пользователь может принять решение, — дольше всех ждущие сначала.",
    maxSize: 500,
    totalCount: (_c, _a, ctx) => ctx.db.roadmap.count({ where: queueWhere(ctx) }),
    resolve: (query, _r, _a, ctx) => ctx.db.roadmap.findMany({ ...query, where: queueWhere(ctx), orderBy: [{ submittedAt: "asc" }, { id: "asc" }] }),
  }),
}));
