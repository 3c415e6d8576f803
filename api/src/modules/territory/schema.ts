// Regions (субъекты РФ) and municipalities, scoped to the viewer.
import { builder } from "../../builder.ts";
import { municipalityWhere, regionWhere } from "../../auth/access.ts";
import type { SignedInContext } from "../../context.ts";
import type { Prisma } from "../../db.ts";
import { requireViewer } from "../../auth/require-viewer.ts";

export const RegionNode = builder.prismaNode("Region", {
  nullable: true, // node(id) of a row that does not exist answers null, not an error
  id: { field: "id" },
  description: "Субъект Российской Федерации.",
  select: { id: true },
  authScopes: (region) => ({ canSeeRegion: region.id }),
  fields: (t) => ({
    code: t.exposeInt("code", { description: "Официальный код субъекта (например, 75 — Забайкальский край)." }),
    name: t.exposeString("name", { description: "Наименование субъекта." }),
    timeZone: t.exposeString("timeZone", { description: "Часовой пояс (IANA); сроки считаются по нему." }),
    municipalities: t.relatedConnection("municipalities", {
      description: "Муниципалитеты субъекта, видимые пользователю.",
      cursor: "id",
      totalCount: true,
      query: (_args, ctx) => ({ where: municipalityWhere(requireViewer(ctx).read), orderBy: [{ name: "asc" }, { id: "asc" }] }),
    }),
  }),
});

export const MunicipalityNode = builder.prismaNode("Municipality", {
  nullable: true, // node(id) of a row that does not exist answers null, not an error
  id: { field: "id" },
  description: "Муниципальное образование (ОМСУ).",
  select: { id: true },
  authScopes: (m) => ({ canSeeMunicipality: m.id }),
  fields: (t) => ({
    name: t.exposeString("name", { description: "Наименование муниципального образования." }),
    region: t.relation("region", { description: "Субъект РФ." }),
  }),
});

builder.queryFields((t) => ({
  regions: t.withAuth({ signedIn: true }).prismaConnection({
    type: "Region",
    cursor: "id",
    description: "Субъекты РФ в пределах доступа пользователя, по коду.",
    maxSize: 500,
    args: {
      search: t.arg.string({ required: false, description: "Поиск по названию (без учёта регистра) или коду." }),
      participatingIn: t.arg.int({ required: false, description: "Только регионы со школами-участниками этого года проекта." }),
    },
    totalCount: (_c, args, ctx) => ctx.db.region.count({ where: regionsFilter(args, ctx) }),
    resolve: (query, _root, args, ctx) => ctx.db.region.findMany({ ...query, where: regionsFilter(args, ctx), orderBy: [{ code: "asc" }, { id: "asc" }] }),
  }),
  region: t.withAuth({ signedIn: true }).prismaField({
    type: "Region",
    nullable: true,
    description: "Субъект РФ по глобальному id или по официальному коду.",
    args: { id: t.arg.globalID({ for: RegionNode, required: false }), code: t.arg.int({ required: false }) },
    resolve: (query, _root, args, ctx) => {
      const where = args.id ? { id: args.id.id } : args.code != null ? { code: args.code } : null;
      if (!where) return null;
      return ctx.db.region.findFirst({ ...query, where: { AND: [where, regionWhere(ctx.viewer.read)] } });
    },
  }),
  municipalities: t.withAuth({ signedIn: true }).prismaConnection({
    type: "Municipality",
    cursor: "id",
    description: "Муниципалитеты в пределах доступа, с фильтром по субъекту и поиском по названию.",
    maxSize: 500,
    args: { regionId: t.arg.globalID({ for: RegionNode, required: false }), search: t.arg.string({ required: false }) },
    totalCount: (_c, args, ctx) => ctx.db.municipality.count({ where: municipalitiesFilter(args, ctx) }),
    resolve: (query, _root, args, ctx) => ctx.db.municipality.findMany({ ...query, where: municipalitiesFilter(args, ctx), orderBy: [{ name: "asc" }, { id: "asc" }] }),
  }),
}));

function municipalitiesFilter(args: { regionId?: { id: string } | null; search?: string | null }, ctx: SignedInContext): Prisma.MunicipalityWhereInput {
  return {
    AND: [municipalityWhere(ctx.viewer.read), args.regionId ? { regionId: args.regionId.id } : {}, args.search ? { name: { contains: args.search, mode: "insensitive" } } : {}],
  };
}

function regionsFilter(args: { search?: string | null; participatingIn?: number | null }, ctx: SignedInContext): Prisma.RegionWhereInput {
  const code = args.search && /^\d{1,2}$/.test(args.search.trim()) ? Number(args.search.trim()) : null;
  return {
    AND: [
      regionWhere(ctx.viewer.read),
      args.search ? { OR: [{ name: { contains: args.search.trim(), mode: "insensitive" } }, ...(code != null ? [{ code }] : [])] } : {},
      args.participatingIn != null ? { municipalities: { some: { schools: { some: { participations: { some: { programmeYear: { year: args.participatingIn } } } } } } } } : {},
    ],
  };
}
