// Schools (образовательные организации), scoped to the viewer.
import { builder } from "../../builder.ts";
import { participationWhere, schoolWhere } from "../../auth/access.ts";
import type { SignedInContext } from "../../context.ts";
import type { Prisma } from "../../db.ts";
import { MunicipalityNode, RegionNode } from "../territory/schema.ts";
import { ParticipationStatusEnum } from "../programme/schema.ts";
import { requireViewer } from "../../auth/require-viewer.ts";

export const SchoolNode = builder.prismaNode("School", {
  nullable: true, // node(id) of a row that does not exist answers null, not an error
  id: { field: "id" },
  description: "Образовательная организация: участник проекта (ШНОР) и/или школа кураторов.",
  // Select mode (here and on the types a school list nests: municipality, region, participation, year,
  // curator assignment, user): a query reads only the columns its selection asks for, not whole rows —
  // the 500-school list built ~3× the JSON in PostgreSQL and parsed it in Node (issue 17).
  select: { id: true },
  authScopes: (s) => ({ canSeeSchool: s.id }),
  fields: (t) => ({
    fullName: t.exposeString("fullName", { description: "Полное наименование." }),
    shortName: t.exposeString("shortName", { description: "Краткое наименование." }),
    inn: t.exposeString("inn", { nullable: true, description: "ИНН." }),
    ogrn: t.exposeString("ogrn", { nullable: true, description: "ОГРН." }),
    address: t.exposeString("address", { nullable: true, description: "Адрес." }),
    canParticipate: t.exposeBoolean("canParticipate", { description: "Может быть участником проекта." }),
    canHostCurators: t.exposeBoolean("canHostCurators", { description: "Школа кураторов (эффективная школа)." }),
    municipality: t.relation("municipality", { description: "Муниципалитет." }),
    participations: t.relation("participations", {
      description: "Участие в проекте по годам (видимое пользователю), новые сначала.",
      query: (_a, ctx) => ({
        where: participationWhere(requireViewer(ctx).read),
        orderBy: [{ programmeYear: { year: "desc" } }],
      }),
    }),
  }),
});

const SchoolFilter = builder.inputType("SchoolFilter", {
  description: "Фильтр списка школ.",
  fields: (t) => ({
    regionId: t.globalID({ for: RegionNode, required: false, description: "Только школы субъекта." }),
    municipalityId: t.globalID({ for: MunicipalityNode, required: false, description: "Только школы муниципалитета." }),
    programmeYear: t.int({ required: false, description: "Только участники этого года проекта." }),
    participationStatus: t.field({ type: ParticipationStatusEnum, required: false, description: "Статус участия (вместе с годом или в любом году)." }),
    search: t.string({ required: false, description: "Поиск по наименованию (без учёта регистра)." }),
  }),
});

type SchoolFilterValue = typeof SchoolFilter.$inferInput;

function schoolsFilter(filter: SchoolFilterValue | null | undefined, ctx: SignedInContext): Prisma.SchoolWhereInput {
  const f = filter ?? {};
  const participation: Prisma.ParticipationWhereInput | null =
    f.programmeYear != null || f.participationStatus
      ? {
          ...(f.programmeYear != null ? { programmeYear: { year: f.programmeYear } } : {}),
          ...(f.participationStatus ? { status: f.participationStatus } : {}),
          AND: [participationWhere(ctx.viewer.read)],
        }
      : null;
  return {
    AND: [
      schoolWhere(ctx.viewer.read),
      f.regionId ? { municipality: { regionId: f.regionId.id } } : {},
      f.municipalityId ? { municipalityId: f.municipalityId.id } : {},
      participation ? { participations: { some: participation } } : {},
      f.search ? { OR: [{ shortName: { contains: f.search, mode: "insensitive" } }, { fullName: { contains: f.search, mode: "insensitive" } }] } : {},
    ],
  };
}

builder.queryFields((t) => ({
  schools: t.withAuth({ signedIn: true }).prismaConnection({
    type: "School",
    cursor: "id",
    description: "Школы в пределах доступа пользователя, по наименованию; фильтры по территории, году, статусу участия и поиск.",
    maxSize: 500,
    args: { filter: t.arg({ type: SchoolFilter, required: false }) },
    totalCount: (_c, args, ctx) => ctx.db.school.count({ where: schoolsFilter(args.filter, ctx) }),
    resolve: (query, _root, args, ctx) => ctx.db.school.findMany({ ...query, where: schoolsFilter(args.filter, ctx), orderBy: [{ shortName: "asc" }, { id: "asc" }] }),
  }),
}));
