// Roadmap queries, mutations and the live subscription.
import { z } from "zod";
import { builder } from "../../../builder.ts";
import { canSeeRoadmap, loadRoadmapPlace, roadmapWhere } from "../../../auth/access.ts";
import { type AccessEnded, liveEvent, whileAllowed } from "../../../auth/live-access.ts";
import { DomainError, ErrorInterface } from "../../../errors.ts";
import { MunicipalityNode } from "../../territory/schema.ts";
import {
  addMeasureEvidenceFile,
  addMeasureEvidenceLink,
  cancelMeasure,
  commentMeasure,
  createMeasure,
  MeasureInvalidError,
  reorderMeasures,
  reportMeasureProgress,
  updateMeasure,
  type MeasurePlan,
} from "../service.ts";
import { commentBody, evidenceNote, evidenceUrl, measureFieldShapes, measureTitle, reasonText } from "../validation.ts";
import { importRoadmap, RoadmapImportError } from "../transfer.ts";
import { MeasureNode, MeasureStatusEnum, RoadmapNode } from "./types.ts";
import { RiskFactorNode } from "../../diagnostics/schema.ts";
import { ParticipationNode } from "../../programme/schema.ts";
import { yearWhere } from "../../programme/years.ts";

// ---- errors ----

const MeasureProblem = builder.objectRef<{ field: string; message: string }>("MeasureProblem").implement({
  description: "Одна ошибка в данных мероприятия.",
  fields: (t) => ({
    field: t.exposeString("field", { description: "Поле (например, dueDate)." }),
    message: t.exposeString("message", { description: "Что не так." }),
  }),
});

builder.objectType(MeasureInvalidError, {
  name: "MeasureInvalidError",
  description: "Данные мероприятия противоречат друг другу (срок раньше начала, значение не подходит к единице измерения…).",
  interfaces: [ErrorInterface],
  isTypeOf: (v) => v instanceof MeasureInvalidError,
  fields: (t) => ({
    problems: t.field({ type: [MeasureProblem], description: "Все найденные ошибки.", resolve: (e) => e.problems }),
  }),
});

export const errors = { types: [MeasureInvalidError, DomainError] };

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

// ---- queries ----

builder.queryFields((t) => ({
  roadmap: t.withAuth({ signedIn: true }).prismaField({
    type: "Roadmap",
    nullable: true,
    description: "Дорожная карта: по id, по участию школы (participationId) или муниципальная — по муниципалитету и году. Пусто, если её нет или она не видна пользователю.",
    args: {
      id: t.arg.globalID({ for: RoadmapNode, required: false, description: "Дорожная карта." }),
      participationId: t.arg.globalID({ for: ParticipationNode, required: false, description: "Участие школы в году проекта." }),
      municipalityId: t.arg.globalID({ for: MunicipalityNode, required: false, description: "Муниципалитет (вместе с year)." }),
      year: t.arg.int({ required: false, description: "Год проекта (для муниципальной дорожной карты)." }),
    },
    resolve: (query, _r, args, ctx) => {
      const where = args.id
        ? { id: args.id.id }
        : args.participationId
          ? { participationId: args.participationId.id }
          : args.municipalityId && args.year != null
            ? { municipalityId: args.municipalityId.id, programmeYear: yearWhere(args.year) }
            : null;
      if (!where) return null;
      return ctx.db.roadmap.findFirst({ ...query, where: { AND: [where, roadmapWhere(ctx.viewer.read)] } });
    },
  }),
}));

// ---- inputs ----

const decimalInput = (t: any, description: string) => t.field({ type: "Decimal", required: false, description });

const MeasurePlanFields = (t: any) => ({
  description: t.string({ required: false, validate: measureFieldShapes.description, description: "Подробности." }),
  startDate: t.field({ type: "Date", required: false, description: "Дата начала." }),
  dueDate: t.field({ type: "Date", required: false, description: "Срок выполнения (включительно)." }),
  periodLabel: t.string({ required: false, validate: measureFieldShapes.periodLabel, description: "Срок словами, если точной даты нет: «январь–февраль»." }),
  responsible: t.stringList({ required: false, validate: measureFieldShapes.responsible, description: "Ответственные." }),
  riskFactorId: t.globalID({ for: RiskFactorNode, required: false, description: "Фактор риска (для школьной карты — из выбранных в профиле)." }),
  indicatorName: t.string({ required: false, validate: measureFieldShapes.indicatorName, description: "Показатель реализации." }),
  indicatorUnit: t.string({ required: false, validate: measureFieldShapes.indicatorUnit, description: "Единица измерения (%, чел., шт.)." }),
  baselineValue: decimalInput(t, "Базовое значение показателя."),
  targetValue: decimalInput(t, "Целевое значение показателя."),
});

const CreateMeasureInput = builder.inputType("CreateMeasureInput", {
  description: "Новое мероприятие. Дорожная карта — по id, по участию школы или по муниципалитету с годом (создаётся с первым мероприятием).",
  fields: (t) => ({
    roadmapId: t.globalID({ for: RoadmapNode, required: false, description: "Дорожная карта." }),
    participationId: t.globalID({ for: ParticipationNode, required: false, description: "Участие школы (школьная дорожная карта)." }),
    municipalityId: t.globalID({ for: MunicipalityNode, required: false, description: "Муниципалитет (муниципальная дорожная карта, вместе с year)." }),
    year: t.int({ required: false, description: "Год проекта муниципальной дорожной карты." }),
    title: t.string({ validate: measureTitle, description: "Описание действий (что будет сделано)." }),
    ...MeasurePlanFields(t),
  }),
});

const UpdateMeasureInput = builder.inputType("UpdateMeasureInput", {
  description: "Изменение плана мероприятия: переданные поля меняются, null очищает, непереданные остаются.",
  fields: (t) => ({
    id: t.globalID({ for: MeasureNode, description: "Мероприятие." }),
    revision: t.int({ required: false, description: "Редакция, которую вы видели; если мероприятие уже изменили, правка отклоняется." }),
    title: t.string({ required: false, validate: measureTitle, description: "Описание действий." }),
    ...MeasurePlanFields(t),
  }),
});

const EvidenceLinkInput = builder.inputType("EvidenceLinkInput", {
  description: "Ссылка-подтверждение выполнения.",
  fields: (t) => ({
    url: t.string({ validate: evidenceUrl, description: "Адрес (http:// или https://)." }),
    note: t.string({ required: false, validate: evidenceNote, description: "Пояснение." }),
  }),
});

const ReportStatusEnum = builder.enumType("ReportedMeasureStatus", {
  description: "Статус, о котором отчитывается школа (отмена — отдельным действием с причиной).",
  values: { PLANNED: { description: "Запланировано." }, IN_PROGRESS: { description: "Выполняется." }, DONE: { description: "Выполнено." } } as const,
});

const ReportMeasureProgressInput = builder.inputType("ReportMeasureProgressInput", {
  description: "Отчёт о выполнении: фактическое значение, статус, подтверждения, комментарий.",
  fields: (t) => ({
    id: t.globalID({ for: MeasureNode, description: "Мероприятие." }),
    revision: t.int({ required: false, description: "Редакция, которую вы видели." }),
    status: t.field({ type: ReportStatusEnum, required: false, description: "Новый статус; «выполнено» требует подтверждения или комментария, почему его нет." }),
    actualValue: t.field({ type: "Decimal", required: false, description: "Фактическое значение показателя (null — очистить)." }),
    evidenceLinks: t.field({ type: [EvidenceLinkInput], required: false, validate: z.array(z.any()).max(20, "Не больше 20 ссылок за раз"), description: "Ссылки-подтверждения." }),
    comment: t.string({ required: false, validate: commentBody.nullish(), description: "Комментарий (в том числе — почему нет подтверждения)." }),
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

const planOf = (input: Record<string, any>): Partial<MeasurePlan> => {
  const plan: Record<string, unknown> = {};
  for (const k of ["title", "description", "startDate", "dueDate", "periodLabel", "responsible", "indicatorName", "indicatorUnit", "baselineValue", "targetValue"])
    if (k in input && input[k] !== undefined) plan[k] = input[k];
  if ("riskFactorId" in input && input.riskFactorId !== undefined) plan.riskFactorId = input.riskFactorId?.id ?? null;
  return plan as Partial<MeasurePlan>;
};

const measureById = (ctx: { db: any }, id: string) => ctx.db.measure.findUniqueOrThrow({ where: { id } });
const roadmapById = (ctx: { db: any }, id: string) => ctx.db.roadmap.findUniqueOrThrow({ where: { id } });

// ---- mutations ----

builder.mutationFields((t) => ({
  createMeasure: t.field({
    type: MeasureNode,
    description: "Добавляет мероприятие в конец дорожной карты. Школа — в свою карту, муниципальный координатор — в муниципальную; координаторы региона — в пределах региона.",
    authScopes: { signedIn: true },
    errors,
    args: { input: t.arg({ type: CreateMeasureInput }) },
    resolve: async (_r, { input }, ctx) => {
      const { id } = await createMeasure(
        ctx,
        { roadmapId: input.roadmapId?.id, participationId: input.participationId?.id, municipalityId: input.municipalityId?.id, year: input.year },
        planOf(input) as MeasurePlan,
      );
      return measureById(ctx, id);
    },
  }),
  updateMeasure: t.field({
    type: MeasureNode,
    description: "Меняет план мероприятия (что, когда, кто, риск, показатель, база и цель). Каждая правка попадает в историю.",
    authScopes: { signedIn: true },
    errors,
    args: { input: t.arg({ type: UpdateMeasureInput }) },
    resolve: async (_r, { input }, ctx) => {
      const { id } = await updateMeasure(ctx, input.id.id, planOf(input), input.revision);
      return measureById(ctx, id);
    },
  }),
  reportMeasureProgress: t.field({
    type: MeasureNode,
    description: "Отчёт школы о выполнении: факт, статус, ссылки-подтверждения, комментарий. «Выполнено» требует подтверждения или комментария, почему его нет.",
    authScopes: { signedIn: true },
    errors,
    args: { input: t.arg({ type: ReportMeasureProgressInput }) },
    resolve: async (_r, { input }, ctx) => {
      const { id } = await reportMeasureProgress(ctx, input.id.id, { status: input.status, actualValue: input.actualValue, comment: input.comment, links: input.evidenceLinks }, input.revision);
      return measureById(ctx, id);
    },
  }),
  cancelMeasure: t.field({
    type: MeasureNode,
    description: "Отменяет мероприятие с указанием причины (оно остаётся в карте и истории, но не учитывается в ходе выполнения).",
    authScopes: { signedIn: true },
    errors,
    args: {
      id: t.arg.globalID({ for: MeasureNode, description: "Мероприятие." }),
      reason: t.arg.string({ validate: reasonText, description: "Причина отмены." }),
    },
    resolve: async (_r, args, ctx) => measureById(ctx, (await cancelMeasure(ctx, args.id.id, args.reason)).id),
  }),
  reorderMeasures: t.field({
    type: RoadmapNode,
    description: "Задаёт порядок мероприятий: список должен содержать каждое мероприятие карты ровно один раз.",
    authScopes: { signedIn: true },
    errors,
    args: {
      roadmapId: t.arg.globalID({ for: RoadmapNode, description: "Дорожная карта." }),
      measureIds: t.arg.globalIDList({ for: MeasureNode, validate: z.array(z.any()).min(1, "Пустой список").max(2000), extensions: { maxItems: 2000 }, description: "Мероприятия в новом порядке." }),
    },
    resolve: async (_r, args, ctx) =>
      roadmapById(
        ctx,
        (
          await reorderMeasures(
            ctx,
            args.roadmapId.id,
            args.measureIds.map((g) => g.id),
          )
        ).id,
      ),
  }),
  commentMeasure: t.field({
    type: MeasureNode,
    description: "Комментарий к мероприятию: школа, её куратор, координаторы. Остальные участники получают уведомление.",
    authScopes: { signedIn: true },
    errors,
    args: {
      id: t.arg.globalID({ for: MeasureNode, description: "Мероприятие." }),
      body: t.arg.string({ validate: commentBody, description: "Текст комментария." }),
    },
    resolve: async (_r, args, ctx) => measureById(ctx, (await commentMeasure(ctx, args.id.id, args.body)).id),
  }),
  addMeasureEvidence: t.field({
    type: MeasureNode,
    description: "Прикладывает подтверждение выполнения: ссылку (url) или файл (file, multipart) — файлы проходят те же проверки и хранилище, что и документы (размер, формат по содержимому).",
    authScopes: { signedIn: true },
    errors,
    args: {
      measureId: t.arg.globalID({ for: MeasureNode, description: "Мероприятие." }),
      url: t.arg.string({ required: false, validate: evidenceUrl, description: "Ссылка-подтверждение." }),
      file: t.arg({ type: "File", required: false, description: "Файл-подтверждение: PDF, DOC, DOCX, ODT, XLS, XLSX, ODS или RTF." }),
      note: t.arg.string({ required: false, validate: evidenceNote, description: "Пояснение." }),
    },
    validate: z
      .object({ url: z.string().nullish(), file: z.unknown().optional() })
      .passthrough()
      .refine((a) => !!a.url !== !!a.file, { message: "Приложите либо ссылку (url), либо файл (file)" }),
    resolve: async (_r, args, ctx) =>
      measureById(ctx, (args.file ? await addMeasureEvidenceFile(ctx, args.measureId.id, args.file, args.note) : await addMeasureEvidenceLink(ctx, args.measureId.id, args.url!, args.note)).id),
  }),
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

// ---- live ----

builder.subscriptionFields((t) => ({
  roadmapUpdated: t.prismaField({
    type: "Roadmap",
    description: "Дорожная карта изменилась (мероприятия, выполнение, подтверждения, комментарии, порядок): присылает её заново.",
    authScopes: (_r, args) => ({ canSeeRoadmapId: args.id.id }),
    args: { id: t.arg.globalID({ for: RoadmapNode, description: "Дорожная карта." }) },
    // Access is asked again whenever the viewer's access changes (a curator unassigned, a role taken away).
    subscribe: (_r, args, ctx) =>
      whileAllowed(ctx, ctx.pubsub.subscribe("roadmap:updated", args.id.id), async (v) => {
        const place = await loadRoadmapPlace(ctx.db, args.id.id);
        return !!place && canSeeRoadmap(v.read, place);
      }),
    resolve: (query, event: { roadmapId: string } | AccessEnded, _a, ctx) => ctx.db.roadmap.findUniqueOrThrow({ ...query, where: { id: liveEvent(event).roadmapId } }),
  }),
}));

export { MeasureStatusEnum };
