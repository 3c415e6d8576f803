// The Programme type («500+», «62+»), the list of programmes a viewer sees and the mutations a region's
// coordinator opens and edits its programme with. Years hang under their programme.
import { z } from "zod";
import { builder } from "../../builder.ts";
import { canManageProgramme, programmeWhere } from "../../auth/access.ts";
import { DomainError } from "../../errors.ts";
import { RegionNode } from "../territory/schema.ts";
import { createProgramme, updateProgramme } from "./programmes-service.ts";
import { requireViewer } from "../../auth/require-viewer.ts";

const errors = { types: [DomainError] };
const text = (max: number, what: string) => z.string().trim().min(1, `${what}: не заполнено`).max(max, `${what}: не длиннее ${max} символов`);
const description = z.string().trim().max(2000, "Описание: не длиннее 2000 символов");

export const ProgrammeNode = builder.prismaNode("Programme", {
  nullable: true, // node(id) of a row that does not exist or is not visible answers null
  id: { field: "id" },
  description: "Проект: федеральный «500+» или региональный аналог («62+» в Рязанской области) со своими годами, сроками и настройками.",
  authScopes: (p) => ({ canSeeProgrammeId: p.id }),
  fields: (t) => ({
    name: t.exposeString("name", { description: "Полное название." }),
    shortName: t.exposeString("shortName", { description: "Краткое название, которое стоит перед годом («500+», «62+»)." }),
    description: t.exposeString("description", { nullable: true, description: "Описание." }),
    isFederal: t.boolean({ description: "Федеральный проект (не принадлежит субъекту).", resolve: (p) => p.regionId === null }),
    region: t.relation("region", { nullable: true, description: "Субъект, который ведёт проект; пусто у федерального." }),
    years: t.relation("years", { description: "Годы проекта, новые сначала.", query: { orderBy: { year: "desc" } } }),
    viewerCanManage: t.boolean({
      description: "Пользователь может вести проект: годы, сроки, настройки, перечни (федеральный координатор — любой, региональный — проект своего субъекта).",
      resolve: (p, _a, ctx) => !!ctx.viewer && canManageProgramme(ctx.viewer.act, p.regionId),
    }),
  }),
});

builder.prismaObjectFields("ProgrammeYear", (t) => ({
  programme: t.relation("programme", { description: "Проект, к которому относится год." }),
}));

builder.queryFields((t) => ({
  programmes: t.prismaField({
    type: ["Programme"],
    description: "Проекты, которые видит пользователь: федеральный «500+» и проект своего субъекта (федеральному — все); федеральный первым.",
    authScopes: { signedIn: true },
    resolve: (query, _r, _a, ctx) =>
      ctx.db.programme
        .findMany({ ...query, where: programmeWhere(requireViewer(ctx).read), orderBy: [{ shortName: "asc" }] })
        // The federal programme first, then the regions' (a handful of rows).
        .then((rows) => rows.sort((a, b) => Number(a.regionId !== null) - Number(b.regionId !== null))),
  }),
}));

const ProgrammeFieldsInput = builder.inputType("ProgrammeFieldsInput", {
  description: "Название и описание проекта; незаполненные поля при правке не меняются.",
  fields: (t) => ({
    name: t.string({ required: false, validate: text(300, "Название"), description: "Полное название." }),
    shortName: t.string({ required: false, validate: text(40, "Краткое название"), description: "Краткое название («62+»)." }),
    description: t.string({ required: false, validate: description, description: "Описание." }),
  }),
});

builder.mutationFields((t) => ({
  createProgramme: t.prismaField({
    type: "Programme",
    description: "Открывает региональный проект (координатор субъекта — для своего субъекта, федеральный — для любого). Годы открываются затем createProgrammeYear с programmeId.",
    authScopes: { federal: true, regionAdmin: true },
    errors,
    args: {
      name: t.arg.string({ validate: text(300, "Название"), description: "Полное название." }),
      shortName: t.arg.string({ validate: text(40, "Краткое название"), description: "Краткое название, уникальное («62+»)." }),
      description: t.arg.string({ required: false, validate: description, description: "Описание." }),
      regionId: t.arg.globalID({ for: RegionNode, required: false, description: "Субъект (координатору одного субъекта не нужен)." }),
    },
    resolve: async (query, _r, args, ctx) => {
      const p = await createProgramme(ctx, { name: args.name.trim(), shortName: args.shortName.trim(), description: args.description?.trim() || null, regionId: args.regionId?.id ?? null });
      return ctx.db.programme.findUniqueOrThrow({ ...query, where: { id: p.id } });
    },
  }),
  updateProgramme: t.prismaField({
    type: "Programme",
    description: "Меняет название или описание проекта (кто ведёт проект).",
    authScopes: { federal: true, regionAdmin: true },
    errors,
    args: {
      id: t.arg.globalID({ for: ProgrammeNode, description: "Проект." }),
      fields: t.arg({ type: ProgrammeFieldsInput, description: "Что изменить." }),
    },
    resolve: async (query, _r, args, ctx) => {
      const f = args.fields;
      await updateProgramme(ctx, args.id.id, {
        name: f.name?.trim() || undefined,
        shortName: f.shortName?.trim() || undefined,
        description: f.description == null ? undefined : f.description.trim() || null,
      });
      return ctx.db.programme.findUniqueOrThrow({ ...query, where: { id: args.id.id } });
    },
  }),
}));
