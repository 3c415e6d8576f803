// Municipal roadmaps as lists and rights: the regional coordinator's list of its municipalities' roadmaps
// (the federal coordinator's, filterable by region), and whether the viewer may start a municipality's
// roadmap before it exists.
import { z } from "zod";
import { builder } from "../../../builder.ts";
import type { Context } from "../../../context.ts";
import type { Prisma } from "../../../db.ts";
import { canEditRoadmap, roadmapWhere } from "../../../auth/access.ts";
import { requireViewer } from "../../../auth/require-viewer.ts";
import { RegionNode } from "../../territory/schema.ts";
import { RoadmapStatusEnum } from "./review.ts";
import { yearWhere } from "../../programme/years.ts";

builder.prismaObjectFields("Municipality", (t) => ({
  viewerCanEditRoadmap: t.boolean({
    description:
      "Может ли текущий пользователь вести муниципальную дорожную карту (в том числе начать её, пока её нет): муниципальный координатор этого муниципалитета. Когда карта есть, отвечает её viewerCanEdit.",
    select: { regionId: true },
    resolve: (m, _a, ctx) => !!ctx.viewer && canEditRoadmap(ctx.viewer.act, { participationId: null, schoolId: null, municipalityId: m.id, regionId: m.regionId }),
  }),
}));

interface ListArgs {
  year: number;
  regionIds?: { id: string }[] | null;
  statuses?: string[] | null;
  search?: string | null;
}

/** The municipal roadmaps of a year inside the viewer's reach, narrowed by region, status and name. */
function municipalRoadmapsWhere(args: ListArgs, ctx: Context): Prisma.RoadmapWhereInput {
  const municipality: Prisma.MunicipalityWhereInput = {};
  if (args.regionIds?.length) municipality.regionId = { in: args.regionIds.map((r) => r.id) };
  if (args.search?.trim()) municipality.name = { contains: args.search.trim(), mode: "insensitive" };
  return {
    AND: [
      { municipalityId: { not: null }, programmeYear: yearWhere(args.year), municipality },
      args.statuses?.length ? { status: { in: args.statuses as never } } : {},
      roadmapWhere(requireViewer(ctx).read),
    ],
  };
}

builder.queryFields((t) => ({
  municipalRoadmaps: t.prismaConnection({
    type: "Roadmap",
    cursor: "id",
    description:
      "Муниципальные дорожные карты года в пределах доступа: региональный координатор и наблюдатель — своего субъекта, федеральный — всех (фильтр по субъектам). " +
      "По субъекту и названию муниципалитета; ход выполнения, просрочка и состояние проверки — в полях карты (progress, status).",
    authScopes: { signedIn: true },
    maxSize: 500,
    args: {
      year: t.arg.int({ validate: z.number().int().min(2000, "Неверный год").max(2100, "Неверный год"), description: "Год проекта." }),
      regionIds: t.arg.globalIDList({
        for: RegionNode,
        required: false,
        validate: z.array(z.any()).max(100, "Не больше 100 субъектов"),
        description: "Только муниципалитеты этих субъектов РФ.",
      }),
      statuses: t.arg({ type: [RoadmapStatusEnum], required: false, description: "Только карты в этих состояниях проверки." }),
      search: t.arg.string({ required: false, validate: z.string().max(200, "Слишком длинный запрос (до 200 символов)").nullish(), description: "Часть названия муниципалитета." }),
    },
    totalCount: (_c, args, ctx) => ctx.db.roadmap.count({ where: municipalRoadmapsWhere(args as ListArgs, ctx) }),
    resolve: (query, _r, args, ctx) =>
      ctx.db.roadmap.findMany({
        ...query,
        where: municipalRoadmapsWhere(args as ListArgs, ctx),
        orderBy: [{ municipality: { region: { code: "asc" } } }, { municipality: { name: "asc" } }, { id: "asc" }],
      }),
  }),
}));
