// The methodical materials bank: a material with its versions; search, one material; publish a material,
// add a version.
import { builder } from "../../../builder.ts";
import { canPublishMaterial } from "../../../auth/access.ts";
import { MaterialKind } from "../../../../../prisma/generated/client/enums.ts";
import { materialFilePath } from "../files.ts";
import { MATERIAL_KIND_LABEL, MATERIAL_SEARCH_LIMIT, materialDescription, materialSearchText, materialTitle, materialUrl, riskFactorNumbers, versionNote } from "../validation.ts";
import { DomainError } from "../../../errors.ts";
import { programmeYear } from "../../consultation/validation.ts";
import { searchMaterials } from "../search.ts";
import { addMaterialVersion, publishMaterial } from "../service.ts";
import { z } from "zod";
import { RegionNode } from "../../territory/schema.ts";

export const MaterialKindEnum = builder.enumType(MaterialKind, {
  name: "MaterialKind",
  description: "Вид материала: METHODICAL — методика, NORMATIVE — нормативный акт, TEMPLATE — шаблон, WEBINAR_RECORDING — запись вебинара, PRESENTATION — презентация, OTHER — другое.",
});

export const MaterialVersionRef = builder.prismaObject("MaterialVersion", {
  description: "Версия материала: файл или ссылка; прежние версии сохраняются.",
  fields: (t) => ({
    id: t.exposeID("id", { description: "id версии (uuid)." }),
    number: t.exposeInt("number", { description: "Номер версии (1, 2, …)." }),
    url: t.exposeString("url", { nullable: true, description: "Ссылка (если материал — ссылка)." }),
    note: t.exposeString("note", { nullable: true, description: "Что изменилось." }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "Когда добавлена." }),
    fileName: t.string({ nullable: true, description: "Имя файла.", select: { file: { select: { originalName: true } } }, resolve: (v) => v.file?.originalName ?? null }),
    fileSize: t.int({ nullable: true, description: "Размер файла, байт.", select: { file: { select: { size: true } } }, resolve: (v) => v.file?.size ?? null }),
    downloadPath: t.string({ nullable: true, description: "Путь для скачивания файла (/files/materials/…).", select: { fileId: true }, resolve: (v) => (v.fileId ? materialFilePath(v.id) : null) }),
  }),
});

export const MaterialNode = builder.prismaNode("Material", {
  id: { field: "id" },
  description: "Методический материал открытого банка (видят все участники проекта).",
  select: { regionId: true },
  fields: (t) => ({
    kind: t.expose("kind", { type: MaterialKindEnum, description: "Вид." }),
    kindLabel: t.string({ description: "Вид по-русски.", select: { kind: true }, resolve: (m) => MATERIAL_KIND_LABEL[m.kind] }),
    title: t.exposeString("title", { description: "Название." }),
    description: t.exposeString("description", { nullable: true, description: "Описание." }),
    year: t.int({ nullable: true, description: "Год проекта.", select: { programmeYear: { select: { year: true } } }, resolve: (m) => m.programmeYear?.year ?? null }),
    region: t.relation("region", { nullable: true, description: "Регион (пусто — федеральный материал)." }),
    riskFactorNumbers: t.exposeIntList("riskFactorNumbers", { description: "Номера факторов риска, к которым относится материал." }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "Когда опубликован." }),
    updatedAt: t.expose("updatedAt", { type: "DateTime", description: "Когда обновлён (последняя версия)." }),
    versions: t.relation("versions", { description: "Версии, новые сначала; первая в списке — актуальная.", query: { orderBy: { number: "desc" }, take: 100 } }),
    currentVersion: t.field({
      type: MaterialVersionRef,
      nullable: true,
      description: "Актуальная версия.",
      select: (_a, _c, nested) => ({ versions: nested({ orderBy: { number: "desc" }, take: 1 }) }),
      resolve: (m) => m.versions[0] ?? null,
    }),
    viewerCanAddVersion: t.boolean({ description: "Пользователь может добавить новую версию.", resolve: (m, _a, ctx) => !!ctx.viewer && canPublishMaterial(ctx.viewer.act, m.regionId) }),
  }),
});

const errors = { types: [DomainError] };

const MaterialSearchResult = builder.objectRef<{ total: number; ids: string[] }>("MaterialSearchResult").implement({
  description: "Страница результатов поиска по банку материалов.",
  fields: (t) => ({
    total: t.exposeInt("total", { description: "Сколько материалов подходит." }),
    materials: t.prismaField({
      type: ["Material"],
      description: "Материалы страницы, по релевантности (без запроса — обновлённые недавно сначала).",
      resolve: async (query, parent, _a, ctx) => {
        const rows = await ctx.db.material.findMany({ ...query, where: { id: { in: parent.ids } } });
        const order = new Map(parent.ids.map((id, i) => [id, i]));
        return rows.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
      },
    }),
  }),
});

const PublishMaterialInput = builder.inputType("PublishMaterialInput", {
  description: "Новый материал: файл или ссылка.",
  fields: (t) => ({
    kind: t.field({ type: MaterialKindEnum, description: "Вид." }),
    title: t.string({ validate: materialTitle, description: "Название (1–300 символов)." }),
    description: t.string({ required: false, validate: materialDescription, description: "Описание (до 5000 символов)." }),
    year: t.int({ required: false, validate: programmeYear, description: "Год проекта." }),
    regionId: t.globalID({ for: RegionNode, required: false, description: "Регион (пусто — федеральный материал)." }),
    riskFactorNumbers: t.intList({ required: false, validate: riskFactorNumbers, description: "Номера факторов риска." }),
    file: t.field({ type: "File", required: false, description: "Файл (PDF, DOC, DOCX, ODT, XLS, XLSX, ODS или RTF; формат проверяется по содержимому)." }),
    url: t.string({ required: false, validate: materialUrl, description: "Ссылка (вместо файла)." }),
  }),
});

const AddMaterialVersionInput = builder.inputType("AddMaterialVersionInput", {
  description: "Новая версия материала: файл или ссылка; прежние версии сохраняются.",
  fields: (t) => ({
    materialId: t.globalID({ for: MaterialNode, description: "Материал." }),
    note: t.string({ required: false, validate: versionNote, description: "Что изменилось (до 1000 символов)." }),
    file: t.field({ type: "File", required: false, description: "Файл." }),
    url: t.string({ required: false, validate: materialUrl, description: "Ссылка (вместо файла)." }),
  }),
});

builder.queryFields((t) => ({
  materials: t.field({
    type: MaterialSearchResult,
    description: "Банк методических материалов: полнотекстовый поиск по-русски (словоформы, «ё» = «е»), фильтры по виду, году, региону и фактору риска.",
    authScopes: { signedIn: true },
    args: {
      text: t.arg.string({ required: false, validate: materialSearchText, description: "Запрос (до 300 значимых символов)." }),
      kind: t.arg({ type: MaterialKindEnum, required: false, description: "Вид." }),
      year: t.arg.int({ required: false, validate: programmeYear, description: "Год проекта." }),
      regionId: t.arg.globalID({ for: RegionNode, required: false, description: "Только материалы этого региона." }),
      riskFactor: t.arg.int({ required: false, validate: z.number().int().min(1).max(30), description: "Номер фактора риска." }),
      first: t.arg.int({ required: false, validate: z.number().int().min(1).max(MATERIAL_SEARCH_LIMIT, `Не больше ${MATERIAL_SEARCH_LIMIT} результатов`), description: "Размер страницы (до 50)." }),
      offset: t.arg.int({ required: false, validate: z.number().int().min(0).max(10_000), description: "Сколько пропустить." }),
    },
    resolve: async (_r, args, ctx) => {
      const r = await searchMaterials(ctx.db, {
        text: args.text,
        kind: args.kind,
        year: args.year,
        regionId: args.regionId?.id ?? null,
        riskFactor: args.riskFactor,
        limit: args.first ?? 20,
        offset: args.offset ?? 0,
      });
      return r;
    },
  }),
  material: t.prismaField({
    type: "Material",
    nullable: true,
    description: "Материал по глобальному id.",
    authScopes: { signedIn: true },
    args: { id: t.arg.globalID({ for: MaterialNode }) },
    resolve: (query, _r, args, ctx) => ctx.db.material.findUnique({ ...query, where: { id: args.id.id } }),
  }),
}));

builder.mutationFields((t) => ({
  publishMaterial: t.field({
    type: MaterialNode,
    description: "Опубликовать материал в банке (версия 1). Федеральный координатор — федеральный или любого региона, региональный — своего региона.",
    authScopes: { federal: true, regionAdmin: true },
    errors,
    args: { input: t.arg({ type: PublishMaterialInput }) },
    resolve: async (_r, { input }, ctx) => {
      const m = await publishMaterial(ctx, { ...input, regionId: input.regionId?.id ?? null, file: input.file as File | null | undefined });
      return ctx.db.material.findUniqueOrThrow({ where: { id: m.id } });
    },
  }),
  addMaterialVersion: t.field({
    type: MaterialNode,
    description: "Добавить новую версию материала: она становится актуальной, прежние сохраняются.",
    authScopes: { federal: true, regionAdmin: true },
    errors,
    args: { input: t.arg({ type: AddMaterialVersionInput }) },
    resolve: async (_r, { input }, ctx) => {
      await addMaterialVersion(ctx, input.materialId.id, { file: input.file as File | null | undefined, url: input.url, note: input.note });
      return ctx.db.material.findUniqueOrThrow({ where: { id: input.materialId.id } });
    },
  }),
}));
