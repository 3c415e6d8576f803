// Materials bank types: a material with its versions (the latest is «актуальная версия»).
import { builder } from "../../../builder.ts";
import { canPublishMaterial } from "../../../auth/access.ts";
import { MaterialKind } from "../../../../../prisma/generated/client/enums.ts";
import { materialFilePath } from "../files.ts";
import { MATERIAL_KIND_LABEL } from "../validation.ts";

export const MaterialKindEnum = builder.enumType(MaterialKind, {
  name: "MaterialKind",
  description:
    "Вид материала: METHODICAL — методика, NORMATIVE — нормативный акт, TEMPLATE — шаблон, WEBINAR_RECORDING — запись вебинара, PRESENTATION — презентация, OTHER — другое.",
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
