// Importing measures from an Excel table into a roadmap, with the typed per-row error.
import { builder } from "../../../builder.ts";
import { DomainError, ErrorInterface } from "../../../errors.ts";
import { MunicipalityNode } from "../../territory/schema.ts";
import { ParticipationNode } from "../../programme/schema.ts";
import { importRoadmap, RoadmapImportError } from "../transfer.ts";
import { RoadmapNode } from "./roadmap.ts";

const RoadmapImportProblem = builder.objectRef<{ row: number | null; message: string }>("RoadmapImportProblem").implement({
  description: "Ошибка в импортируемой таблице.",
  fields: (t) => ({
    row: t.exposeInt("row", { nullable: true, description: "Номер строки, как его показывает Excel (пусто — ошибка всего файла)." }),
    message: t.exposeString("message", { description: "Что не так (со столбцом)." }),
  }),
});

builder.objectType(RoadmapImportError, {
  name: "RoadmapImportError",
  description: "Таблица не импортирована (ничего не записано): файл не читается или в строках ошибки.",
  interfaces: [ErrorInterface],
  isTypeOf: (v) => v instanceof RoadmapImportError,
  fields: (t) => ({
    problems: t.field({ type: [RoadmapImportProblem], description: "Все найденные ошибки по строкам.", resolve: (e) => e.problems }),
  }),
});

const ImportRoadmapInput = builder.inputType("ImportRoadmapInput", {
  description: "Таблица для импорта и дорожная карта, в которую добавить мероприятия (по id, участию школы или муниципалитету с годом).",
  fields: (t) => ({
    roadmapId: t.globalID({ for: RoadmapNode, required: false, description: "Дорожная карта." }),
    participationId: t.globalID({ for: ParticipationNode, required: false, description: "Участие школы (школьная дорожная карта)." }),
    municipalityId: t.globalID({ for: MunicipalityNode, required: false, description: "Муниципалитет (вместе с year)." }),
    year: t.int({ required: false, description: "Год проекта муниципальной дорожной карты." }),
    file: t.field({ type: "File", description: "Файл .xlsx (не больше 5 МБ, до 1000 строк)." }),
  }),
});

const ImportRoadmapPayload = builder.objectRef<{ roadmapId: string; imported: number }>("ImportRoadmapPayload").implement({
  description: "Результат импорта.",
  fields: (t) => ({
    roadmap: t.prismaField({
      type: "Roadmap",
      description: "Дорожная карта с добавленными мероприятиями.",
      resolve: (query, p, _a, ctx) => ctx.db.roadmap.findUniqueOrThrow({ ...query, where: { id: p.roadmapId } }),
    }),
    imported: t.exposeInt("imported", { description: "Сколько мероприятий добавлено." }),
  }),
});

builder.mutationFields((t) => ({
  importRoadmap: t.field({
    type: ImportRoadmapPayload,
    description:
      "Импорт мероприятий из таблицы Excel (.xlsx) — «№, описание действий, сроки реализации, показатель» и необязательные столбцы выгрузки — в конец дорожной карты. Ошибка в любой строке отменяет весь импорт и называет строку.",
    authScopes: { signedIn: true },
    errors: { types: [RoadmapImportError, DomainError] },
    args: { input: t.arg({ type: ImportRoadmapInput }) },
    resolve: (_r, { input }, ctx) =>
      importRoadmap(ctx, { roadmapId: input.roadmapId?.id, participationId: input.participationId?.id, municipalityId: input.municipalityId?.id, year: input.year }, input.file),
  }),
}));
