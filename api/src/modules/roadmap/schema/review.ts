// The review of a roadmap as GraphQL: its state, versions (dated plan snapshots) with their decisions
// and differences, the viewer's rights, and the submit / approve / return / ask-for-help mutations.
import { encodeGlobalID } from "@pothos/plugin-relay";
import { builder } from "../../../builder.ts";
import type { Context } from "../../../context.ts";
import { DomainError } from "../../../errors.ts";
import { canReviewRoadmap, canSubmitRoadmap } from "../../../auth/access.ts";
import { RoadmapStatus } from "../../../../../prisma/generated/client/enums.ts";
import { load } from "../../../shared/loader.ts";
import { ChangeRecord, actorName, historyOf } from "../../../shared/history.ts";
import { roadmapPlace } from "../places.ts";
import { decideRoadmap, requestRoadmapHelp, submitRoadmap, currentPlan } from "../review.ts";
import { diffPlans, type FieldChange, type MeasureChange, type PlanDiff, type PlannedMeasure } from "../plan-diff.ts";
import { commentBody } from "../validation.ts";
import { RoadmapNode } from "./roadmap.ts";

export const RoadmapStatusEnum = builder.enumType(RoadmapStatus, {
  name: "RoadmapStatus",
  description: "Состояние дорожной карты: черновик, на проверке, принята, на доработке (с комментарием).",
});

const PlannedMeasureRef = builder.objectRef<PlannedMeasure>("PlannedMeasure").implement({
  description: "Мероприятие в редакции дорожной карты (план на момент отправки).",
  fields: (t) => ({
    measureId: t.id({ description: "Мероприятие (глобальный id).", resolve: (m) => encodeGlobalID("Measure", m.measureId) }),
    position: t.exposeInt("position", { description: "№." }),
    title: t.exposeString("title", { description: "Описание действий." }),
    startDate: t.exposeString("startDate", { nullable: true, description: "Дата начала (ГГГГ-ММ-ДД)." }),
    dueDate: t.exposeString("dueDate", { nullable: true, description: "Срок выполнения (ГГГГ-ММ-ДД)." }),
    periodLabel: t.exposeString("periodLabel", { nullable: true, description: "Срок словами." }),
    responsible: t.exposeStringList("responsible", { description: "Ответственные." }),
    indicatorName: t.exposeString("indicatorName", { nullable: true, description: "Показатель." }),
    indicatorUnit: t.exposeString("indicatorUnit", { nullable: true, description: "Единица измерения." }),
    baselineValue: t.exposeString("baselineValue", { nullable: true, description: "Базовое значение." }),
    targetValue: t.exposeString("targetValue", { nullable: true, description: "Целевое значение." }),
  }),
});

const FieldChangeRef = builder.objectRef<FieldChange>("PlanFieldChange").implement({
  description: "Изменённое поле мероприятия: было и стало.",
  fields: (t) => ({
    field: t.exposeString("field", { description: "Поле (например, dueDate)." }),
    label: t.exposeString("label", { description: "Название поля по-русски." }),
    before: t.exposeString("before", { nullable: true, description: "Было." }),
    after: t.exposeString("after", { nullable: true, description: "Стало." }),
  }),
});

const MeasureChangeRef = builder.objectRef<MeasureChange>("PlanMeasureChange").implement({
  description: "Изменённое мероприятие.",
  fields: (t) => ({
    measureId: t.id({ description: "Мероприятие (глобальный id).", resolve: (m) => encodeGlobalID("Measure", m.measureId) }),
    title: t.exposeString("title", { description: "Описание действий (как сейчас)." }),
    fields: t.field({ type: [FieldChangeRef], description: "Изменённые поля.", resolve: (m) => m.fields }),
  }),
});

type Diff = PlanDiff & { comparedToNumber: number };
const PlanDiffRef = builder.objectRef<Diff>("RoadmapPlanDiff").implement({
  description: "Отличия плана от другой редакции: добавленные, удалённые (или отменённые) и изменённые мероприятия.",
  fields: (t) => ({
    comparedToNumber: t.exposeInt("comparedToNumber", { description: "Номер редакции, с которой сравнивается." }),
    added: t.field({ type: [PlannedMeasureRef], description: "Добавлены.", resolve: (d) => d.added }),
    removed: t.field({ type: [PlannedMeasureRef], description: "Удалены или отменены.", resolve: (d) => d.removed }),
    changed: t.field({ type: [MeasureChangeRef], description: "Изменены.", resolve: (d) => d.changed }),
    empty: t.boolean({ description: "Отличий нет.", resolve: (d) => !d.added.length && !d.removed.length && !d.changed.length }),
  }),
});

/** All versions of the roadmaps in a request, oldest first, in one query per tick. */
const versionsOf = (ctx: Context, roadmapId: string) =>
  load(
    ctx,
    "roadmap.versions",
    async (ids: string[]) => {
      const rows = await ctx.db.roadmapVersion.findMany({ where: { roadmapId: { in: ids } }, orderBy: { number: "asc" }, include: { review: true } });
      const by = new Map<string, typeof rows>(ids.map((id) => [id, []]));
      for (const v of rows) by.get(v.roadmapId)!.push(v);
      return by;
    },
    roadmapId,
  ).then((v) => v ?? []);

type VersionRow = Awaited<ReturnType<typeof versionsOf>>[number];
const planOf = (v: { measures: unknown }) => v.measures as PlannedMeasure[];

const RoadmapReviewRef = builder.prismaObject("RoadmapReview", {
  description: "Решение по редакции дорожной карты.",
  fields: (t) => ({
    decision: t.exposeString("decision", { description: "APPROVED — принята, RETURNED — возвращена на доработку." }),
    comment: t.exposeString("comment", { nullable: true, description: "Комментарий проверяющего (обязателен при возврате)." }),
    reviewerName: t.string({ nullable: true, description: "Кто принял решение (ФИО).", resolve: async (r, _a, ctx) => (await actorName(ctx, r.reviewerId)) ?? null }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "Когда." }),
  }),
});

const RoadmapVersionRef = builder.objectRef<VersionRow>("RoadmapVersion").implement({
  description: "Редакция дорожной карты: снимок плана на момент отправки на проверку, с решением по ней.",
  fields: (t) => ({
    id: t.id({ description: "Редакция (глобальный id).", resolve: (v) => encodeGlobalID("RoadmapVersion", v.id) }),
    number: t.exposeInt("number", { description: "Номер редакции (1, 2, …)." }),
    submittedAt: t.expose("submittedAt", { type: "DateTime", description: "Когда отправлена на проверку." }),
    submittedByName: t.string({ nullable: true, description: "Кто отправил (ФИО).", resolve: async (v, _a, ctx) => (await actorName(ctx, v.submittedById)) ?? null }),
    measures: t.field({ type: [PlannedMeasureRef], description: "Мероприятия редакции в порядке плана.", resolve: (v) => planOf(v) }),
    review: t.field({ type: RoadmapReviewRef, nullable: true, description: "Решение по редакции (пусто, пока на проверке).", resolve: (v) => v.review }),
    changes: t.field({
      type: PlanDiffRef,
      nullable: true,
      description: "Отличия от предыдущей редакции (пусто для первой).",
      resolve: async (v, _a, ctx) => {
        const all = await versionsOf(ctx, v.roadmapId);
        const prev = all.filter((x) => x.number < v.number).at(-1);
        return prev ? { ...diffPlans(planOf(prev), planOf(v)), comparedToNumber: prev.number } : null;
      },
    }),
  }),
});

async function reviewRights(ctx: Context, roadmapId: string) {
  const place = await roadmapPlace(ctx, roadmapId);
  const act = ctx.viewer?.act;
  if (!place || !act) return { submit: false, review: false };
  return { submit: canSubmitRoadmap(act, place), review: canReviewRoadmap(act, place) };
}

builder.prismaObjectFields("Roadmap", (t) => ({
  status: t.expose("status", { type: RoadmapStatusEnum, description: "Состояние проверки." }),
  revision: t.exposeInt("revision", { description: "Редакция строки: передайте её в отправку и решение, чтобы не решить по устаревшему плану." }),
  submittedAt: t.expose("submittedAt", { type: "DateTime", nullable: true, description: "Когда последний раз отправлена на проверку." }),
  decidedAt: t.expose("decidedAt", { type: "DateTime", nullable: true, description: "Когда принято последнее решение." }),
  editHelpRequested: t.boolean({ description: "Школа просит куратора и координаторов помочь с планом.", resolve: (r) => !!r.editHelpRequestedAt }),
  versions: t.field({
    type: [RoadmapVersionRef],
    description: "Редакции (снимки плана при каждой отправке), новые сначала.",
    resolve: async (r, _a, ctx) => [...(await versionsOf(ctx, r.id))].reverse(),
  }),
  changesSinceApproved: t.field({
    type: PlanDiffRef,
    nullable: true,
    description: "Чем нынешний план отличается от последней принятой редакции (пусто, если принятой ещё нет).",
    resolve: async (r, _a, ctx) => {
      const approved = (await versionsOf(ctx, r.id)).filter((v) => v.review?.decision === "APPROVED").at(-1);
      return approved ? { ...diffPlans(planOf(approved), await currentPlan(ctx.db, r.id)), comparedToNumber: approved.number } : null;
    },
  }),
  history: t.field({
    type: [ChangeRecord],
    description: "История дорожной карты: отправки, решения, переоткрытия после изменений, просьбы о помощи, порядок, импорт.",
    resolve: (r, _a, ctx) => historyOf(ctx, "Roadmap", r.id),
  }),
  viewerCanSubmit: t.boolean({
    description: "Может ли текущий пользователь отправить дорожную карту на проверку сейчас (черновик или на доработке).",
    resolve: async (r, _a, ctx) => (r.status === "DRAFT" || r.status === "RETURNED") && (await reviewRights(ctx, r.id)).submit,
  }),
  viewerCanRequestHelp: t.boolean({
    description: "Может ли текущий пользователь попросить куратора и координаторов помочь с планом (владелец карты, если год это разрешает).",
    resolve: async (r, _a, ctx) => {
      const y = await ctx.db.programmeYear.findUnique({ where: { id: r.programmeYearId }, select: { roadmapAssistedEditing: true } });
      return !!y?.roadmapAssistedEditing && (await reviewRights(ctx, r.id)).submit;
    },
  }),
  viewerCanReview: t.boolean({
    description: "Может ли текущий пользователь принять или вернуть дорожную карту сейчас (она на проверке).",
    resolve: async (r, _a, ctx) => r.status === "SUBMITTED" && (await reviewRights(ctx, r.id)).review,
  }),
}));

const roadmapById = (ctx: Context, id: string) => ctx.db.roadmap.findUniqueOrThrow({ where: { id } });
const errors = { types: [DomainError] };

builder.mutationFields((t) => ({
  submitRoadmap: t.field({
    type: RoadmapNode,
    description:
      "Отправляет дорожную карту на проверку (черновик или на доработке → на проверке): план становится новой датированной редакцией. Только школа (для муниципальной карты — муниципальный координатор).",
    authScopes: { signedIn: true },
    errors,
    args: {
      id: t.arg.globalID({ for: RoadmapNode, description: "Дорожная карта." }),
      revision: t.arg.int({ required: false, description: "Редакция строки, которую вы видели." }),
    },
    resolve: async (_r, a, ctx) => roadmapById(ctx, (await submitRoadmap(ctx, a.id.id, a.revision)).id),
  }),
  approveRoadmap: t.field({
    type: RoadmapNode,
    description: "Принимает отправленную дорожную карту. Назначенный куратор (координаторы — если год это разрешает); муниципальную — координатор региона.",
    authScopes: { signedIn: true },
    errors,
    args: {
      id: t.arg.globalID({ for: RoadmapNode, description: "Дорожная карта." }),
      comment: t.arg.string({ required: false, validate: commentBody.nullish(), description: "Комментарий." }),
      revision: t.arg.int({ required: false, description: "Редакция строки, которую вы видели." }),
    },
    resolve: async (_r, a, ctx) => roadmapById(ctx, (await decideRoadmap(ctx, a.id.id, "APPROVED", a.comment ?? null, a.revision)).id),
  }),
  returnRoadmap: t.field({
    type: RoadmapNode,
    description: "Возвращает отправленную дорожную карту на доработку с обязательным комментарием.",
    authScopes: { signedIn: true },
    errors,
    args: {
      id: t.arg.globalID({ for: RoadmapNode, description: "Дорожная карта." }),
      comment: t.arg.string({ validate: commentBody, description: "Что нужно доработать (обязательно)." }),
      revision: t.arg.int({ required: false, description: "Редакция строки, которую вы видели." }),
    },
    resolve: async (_r, a, ctx) => roadmapById(ctx, (await decideRoadmap(ctx, a.id.id, "RETURNED", a.comment, a.revision)).id),
  }),
  requestRoadmapHelp: t.field({
    type: RoadmapNode,
    description: "Школа просит куратора и координаторов помочь с планом (requested: true) или снимает просьбу. Править они смогут, только если это разрешено в году проекта.",
    authScopes: { signedIn: true },
    errors,
    args: {
      id: t.arg.globalID({ for: RoadmapNode, description: "Дорожная карта." }),
      requested: t.arg.boolean({ description: "Просить помощи (true) или снять просьбу (false)." }),
    },
    resolve: async (_r, a, ctx) => roadmapById(ctx, (await requestRoadmapHelp(ctx, a.id.id, a.requested)).id),
  }),
}));
