// The roadmap's measure: its type, its typed invalid-data error, and adding, changing, reporting and cancelling it.
import { builder } from "../../../builder.ts";
import { DomainError, ErrorInterface } from "../../../errors.ts";
import { MeasureStatus } from "../../../../../prisma/generated/client/enums.ts";
import { ChangeRecord, historyOf } from "../../../shared/history.ts";
import { MunicipalityNode } from "../../territory/schema.ts";
import { RiskFactorNode } from "../../diagnostics/schema.ts";
import { ParticipationNode } from "../../programme/schema.ts";
import { roadmapPlace } from "../places.ts";
import { cancelMeasure, createMeasure, MeasureInvalidError, reportMeasureProgress, updateMeasure, type MeasurePlan } from "../service.ts";
import { commentBody, evidenceNote, evidenceUrl, measureFieldShapes, measureTitle, reasonText } from "../validation.ts";
import { z } from "zod";
import { rights } from "./rights.ts";
import { RoadmapNode } from "./roadmap.ts";

export const MeasureStatusEnum = builder.enumType(MeasureStatus, {
  name: "MeasureStatus",
  description: "Статус мероприятия: запланировано, выполняется, выполнено, отменено.",
});

/** Today in an IANA time zone, as a Date at UTC midnight (how `@db.Date` columns come back). */
export function dayIn(timeZone: string, now = new Date()): Date {
  const [y, m, d] = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now).split("-").map(Number);
  return new Date(Date.UTC(y!, m! - 1, d!));
}

export const MeasureNode = builder.prismaNode("Measure", {
  nullable: true, // node(id) of a row that does not exist answers null, not an error
  id: { field: "id" },
  description: "Мероприятие дорожной карты: что, когда, кто, какой риск, какой показатель, как выполнено.",
  authScopes: (m) => ({ canSeeRoadmapId: m.roadmapId }),
  fields: (t) => ({
    roadmap: t.relation("roadmap", { description: "Дорожная карта." }),
    position: t.exposeInt("position", { description: "Номер по порядку (№)." }),
    title: t.exposeString("title", { description: "Описание действий (что будет сделано)." }),
    description: t.exposeString("description", { nullable: true, description: "Подробности." }),
    startDate: t.expose("startDate", { type: "Date", nullable: true, description: "Дата начала." }),
    dueDate: t.expose("dueDate", { type: "Date", nullable: true, description: "Срок выполнения (включительно, по времени региона)." }),
    periodLabel: t.exposeString("periodLabel", { nullable: true, description: "Срок словами: «январь–февраль», «в течение всего периода»." }),
    responsible: t.exposeStringList("responsible", { description: "Ответственные." }),
    riskFactor: t.relation("riskFactor", { nullable: true, description: "Фактор риска, на который направлено мероприятие." }),
    indicatorName: t.exposeString("indicatorName", { nullable: true, description: "Показатель реализации." }),
    indicatorUnit: t.exposeString("indicatorUnit", { nullable: true, description: "Единица измерения показателя (%, чел., шт.)." }),
    baselineValue: t.expose("baselineValue", { type: "Decimal", nullable: true, description: "Базовое значение показателя." }),
    targetValue: t.expose("targetValue", { type: "Decimal", nullable: true, description: "Целевое значение показателя." }),
    actualValue: t.expose("actualValue", { type: "Decimal", nullable: true, description: "Фактическое значение показателя." }),
    status: t.expose("status", { type: MeasureStatusEnum, description: "Статус." }),
    completedAt: t.expose("completedAt", { type: "DateTime", nullable: true, description: "Когда отмечено выполненным." }),
    cancelReason: t.exposeString("cancelReason", { nullable: true, description: "Причина отмены." }),
    revision: t.exposeInt("revision", { description: "Номер редакции: передайте его в изменение, чтобы не затереть чужую правку." }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "Когда добавлено." }),
    updatedAt: t.expose("updatedAt", { type: "DateTime", description: "Последнее изменение." }),
    overdue: t.boolean({
      description: "Просрочено: не выполнено и не отменено, а срок прошёл (день срока закончился по времени региона).",
      resolve: async (m, _a, ctx) => {
        if (!m.dueDate || m.status === "DONE" || m.status === "CANCELLED") return false;
        const place = await roadmapPlace(ctx, m.roadmapId);
        return !!place && m.dueDate < dayIn(place.timeZone);
      },
    }),
    evidence: t.relation("evidence", { description: "Подтверждения выполнения (файлы и ссылки).", query: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] } }),
    comments: t.relation("comments", { description: "Комментарии (куратора, школы, координаторов), старые сначала.", query: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] } }),
    history: t.field({
      type: [ChangeRecord],
      description: "История изменений мероприятия: кто, когда, что было и стало, почему.",
      resolve: (m, _a, ctx) => historyOf(ctx, "Measure", m.id),
    }),
    viewerCanEdit: t.boolean({
      description: "Может ли текущий пользователь менять план мероприятия и отменять его.",
      resolve: async (m, _a, ctx) => m.status !== "CANCELLED" && (await rights(ctx, m.roadmapId)).edit,
    }),
    viewerCanReport: t.boolean({
      description: "Может ли текущий пользователь отчитаться о выполнении (факт, статус, подтверждения).",
      resolve: async (m, _a, ctx) => m.status !== "CANCELLED" && (await rights(ctx, m.roadmapId)).report,
    }),
    viewerCanComment: t.boolean({
      description: "Может ли текущий пользователь комментировать мероприятие.",
      resolve: async (m, _a, ctx) => (await rights(ctx, m.roadmapId)).comment,
    }),
  }),
});

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

const planOf = (input: Record<string, any>): Partial<MeasurePlan> => {
  const plan: Record<string, unknown> = {};
  for (const k of ["title", "description", "startDate", "dueDate", "periodLabel", "responsible", "indicatorName", "indicatorUnit", "baselineValue", "targetValue"])
    if (k in input && input[k] !== undefined) plan[k] = input[k];
  if ("riskFactorId" in input && input.riskFactorId !== undefined) plan.riskFactorId = input.riskFactorId?.id ?? null;
  return plan as Partial<MeasurePlan>;
};

export const measureById = (ctx: { db: any }, id: string) => ctx.db.measure.findUniqueOrThrow({ where: { id } });

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
}));
