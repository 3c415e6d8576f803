// Region scoring: the criteria and zones the federal coordinator edits per programme year, and the
// computed scores («6 из 6 баллов, зелёная зона») with the points of every criterion.
import { encodeGlobalID } from "@pothos/plugin-relay";
import { builder } from "../../../builder.ts";
import type { Context } from "../../../context.ts";
import { DomainError } from "../../../errors.ts";
import { load } from "../../../shared/loader.ts";
import { ScoringZoneColor } from "../../../../../prisma/generated/client/enums.ts";
import { roundFigure } from "../figures.ts";
import { metricTitle, zoneLabel, type CriterionResult } from "../scoring.ts";
import { checkedIds, deleteScoringCriterion, regionScorings, saveRegionScores, setScoringZones, upsertScoringCriterion, type RegionScoringRow } from "../service.ts";
import { SCORING_METRICS, scoringCriterionSchema, scoringZonesSchema } from "../validation.ts";
import { connectionFields, connectionOf, loadBy, pageOf, SortDirectionEnum } from "./common.ts";
import { MonitoringRowRef } from "./reports.ts";
import { z } from "zod";
import { RegionNode } from "../../territory/schema.ts";
import { yearWhere } from "../../programme/years.ts";

const ScoringMetricEnum = builder.enumType("ScoringMetric", {
  description: "Показатель, который читает критерий оценки регионов (доля от 0 до 1 по школам-участникам региона, кроме исключённых).",
  values: Object.fromEntries(Object.entries(SCORING_METRICS).map(([k, d]) => [k, { description: d }])) as Record<keyof typeof SCORING_METRICS, { description: string }>,
});

export const ScoringZoneColorEnum = builder.enumType(ScoringZoneColor, { name: "ScoringZoneColor", description: "Цвет зоны оценки региона." });

const year = z.number().int().min(2020, "Год проекта не раньше 2020").max(2100, "Год проекта не позже 2100");

export const ScoringCriterionNode = builder.prismaNode("ScoringCriterion", {
  nullable: true, // node(id) of a row that does not exist answers null, not an error
  id: { field: "id" },
  description: "Критерий оценки регионов на год проекта: показатель, порог и баллы (редактирует федеральный координатор).",
  fields: (t) => ({
    code: t.exposeString("code", { description: "Код критерия (уникален в году)." }),
    title: t.exposeString("title", { description: "Формулировка, например «Доля утверждённых концептуальных документов не ниже 90 %»." }),
    metric: t.field({ type: ScoringMetricEnum, description: "Показатель.", resolve: (c) => c.metric as keyof typeof SCORING_METRICS }),
    metricTitle: t.string({ description: "Что считает показатель.", resolve: (c) => metricTitle(c.metric) }),
    threshold: t.float({ description: "Порог: доля, которую нужно достичь, чтобы получить баллы.", resolve: (c) => Number(c.threshold) }),
    points: t.exposeInt("points", { description: "Баллы за выполнение критерия." }),
    programmeYear: t.relation("programmeYear", { description: "Год проекта." }),
  }),
});

const ScoringZoneRef = builder.prismaObject("ScoringZone", {
  description: "Зона оценки: регион попадает в зону с наибольшим порогом, не превышающим его сумму баллов.",
  fields: (t) => ({
    color: t.expose("color", { type: ScoringZoneColorEnum, description: "Цвет зоны." }),
    minPoints: t.exposeInt("minPoints", { description: "С какой суммы баллов начинается зона." }),
    title: t.string({ description: "Название: «зелёная зона»…", resolve: (z) => zoneLabel(z.color) }),
  }),
});

const CriterionScoreRef = builder.objectRef<CriterionResult>("RegionCriterionScore").implement({
  description: "Вклад одного критерия в оценку региона: значение показателя, порог и полученные баллы.",
  fields: (t) => ({
    criterionId: t.id({ description: "Глобальный id критерия.", resolve: (r) => encodeGlobalID("ScoringCriterion", r.criterion.id) }),
    code: t.string({ description: "Код критерия.", resolve: (r) => r.criterion.code }),
    title: t.string({ description: "Формулировка критерия.", resolve: (r) => r.criterion.title }),
    metric: t.field({ type: ScoringMetricEnum, description: "Показатель.", resolve: (r) => r.criterion.metric as keyof typeof SCORING_METRICS }),
    threshold: t.float({ description: "Порог (доля).", resolve: (r) => r.criterion.threshold }),
    value: t.float({ nullable: true, description: "Значение показателя региона (доля); null — нет данных (знаменатель 0).", resolve: (r) => roundFigure("share", r.value) }),
    met: t.exposeBoolean("met", { description: "Порог достигнут." }),
    points: t.exposeInt("points", { description: "Полученные баллы." }),
    maxPoints: t.int({ description: "Баллы критерия.", resolve: (r) => r.criterion.points }),
    explanation: t.exposeString("explanation", { description: "Пояснение, например «92 % ≥ 90 % — 1 балл»." }),
  }),
});

type Snapshot = { points: number; computedAt: Date; details: unknown };

/** The stored snapshot of a region's score for a year (one query for the page). */
const snapshotOf = (ctx: Context, r: RegionScoringRow) =>
  load(
    ctx,
    "report.regionScore",
    async (keys: string[]) => {
      const pairs = keys.map((k) => k.split(":") as [string, string]);
      const rows = await ctx.db.regionScore.findMany({
        where: { OR: pairs.map(([regionId, y]) => ({ regionId, programmeYear: yearWhere(Number(y)) })) },
        include: { programmeYear: { select: { year: true } } },
      });
      return new Map<string, Snapshot>(rows.map((s) => [`${s.regionId}:${s.programmeYear.year}`, s]));
    },
    `${r.regionId}:${r.year}`,
  );

const RegionScoringRef = builder.objectRef<RegionScoringRow>("RegionScoring").implement({
  description: "Оценка региона за год проекта по критериям ФИОКО: сумма баллов, зона и вклад каждого критерия.",
  fields: (t) => ({
    year: t.exposeInt("year", { description: "Год проекта." }),
    region: t.prismaField({
      type: "Region",
      description: "Субъект РФ.",
      resolve: (q, r, _a, ctx) => loadBy(ctx, "region", "id", q, (qq, ids: string[]) => ctx.db.region.findMany({ ...qq, where: { id: { in: ids } } }), r.regionId) as never,
    }),
    points: t.int({ description: "Сумма баллов.", resolve: (r) => r.scoring.points }),
    maxPoints: t.int({ description: "Максимум баллов (сумма баллов всех критериев года).", resolve: (r) => r.scoring.maxPoints }),
    zone: t.field({ type: ScoringZoneColorEnum, nullable: true, description: "Зона; null, если зоны года не заданы.", resolve: (r) => r.scoring.zone }),
    zoneTitle: t.string({ description: "Название зоны.", resolve: (r) => zoneLabel(r.scoring.zone) }),
    summary: t.string({ description: "Итог словами: «6 из 6 баллов, зелёная зона».", resolve: (r) => r.scoring.summary }),
    criteria: t.field({ type: [CriterionScoreRef], description: "Критерии по порядку кодов: какой критерий дал какой балл.", resolve: (r) => r.scoring.criteria }),
    figures: t.field({ type: MonitoringRowRef, description: "Цифры мониторинга региона, из которых посчитаны показатели.", resolve: (r) => r.figures }),
    savedPoints: t.int({
      nullable: true,
      description: "Баллы сохранённого снимка оценки за этот год (для сравнения лет); null, если снимка нет.",
      resolve: async (r, _a, ctx) => (await snapshotOf(ctx, r))?.points ?? null,
    }),
    savedAt: t.field({ type: "DateTime", nullable: true, description: "Когда сохранён снимок.", resolve: async (r, _a, ctx) => (await snapshotOf(ctx, r))?.computedAt ?? null }),
  }),
});

const RegionScoreOrderField = builder.enumType("RegionScoreOrderField", {
  description: "Поле сортировки оценок регионов.",
  values: { REGION: { description: "По коду субъекта." }, POINTS: { description: "По сумме баллов." } } as const,
});
const RegionScoreOrder = builder.inputType("RegionScoreOrder", {
  description: "Сортировка оценок регионов (затем по коду субъекта и году).",
  fields: (t) => ({
    field: t.field({ type: RegionScoreOrderField, description: "Поле." }),
    direction: t.field({ type: SortDirectionEnum, required: false, defaultValue: "ASC", description: "Направление." }),
  }),
});

builder.queryFields((t) => ({
  scoringCriteria: t.prismaField({
    type: ["ScoringCriterion"],
    description: "Критерии оценки регионов года проекта, по коду.",
    authScopes: { signedIn: true },
    args: { year: t.arg.int({ validate: year, description: "Год проекта." }) },
    resolve: (q, _r, args, ctx) => ctx.db.scoringCriterion.findMany({ ...q, where: { programmeYear: yearWhere(args.year) }, orderBy: [{ code: "asc" }, { id: "asc" }] }),
  }),
  scoringZones: t.prismaField({
    type: ["ScoringZone"],
    description: "Зоны оценки регионов года проекта, от высшего порога к низшему.",
    authScopes: { signedIn: true },
    args: { year: t.arg.int({ validate: year, description: "Год проекта." }) },
    resolve: (q, _r, args, ctx) => ctx.db.scoringZone.findMany({ ...q, where: { programmeYear: yearWhere(args.year) }, orderBy: [{ minPoints: "desc" }, { id: "asc" }] }),
  }),
  regionScores: t.connection(
    {
      type: RegionScoringRef,
      description:
        "Оценки регионов по критериям года (строка — регион × год). Федеральному координатору — все регионы с участниками, " +
        "региональному — свой; у остальных ролей список пуст (оценка — цифра всего региона).",
      authScopes: { signedIn: true },
      args: {
        years: t.arg.intList({ validate: z.array(year).min(1, "Укажите хотя бы один год").max(10, "Не больше 10 лет"), description: "Годы проекта." }),
        regionCodes: t.arg.intList({ required: false, description: "Только субъекты с этими кодами (в пределах доступа)." }),
        regionIds: t.arg.globalIDList({ for: RegionNode, required: false, description: "Только эти субъекты (в пределах доступа)." }),
        orderBy: t.arg({ type: RegionScoreOrder, required: false, description: "Сортировка." }),
      },
      resolve: async (_r, args, ctx) => {
        const page = pageOf(args);
        const rows = await regionScorings(
          ctx,
          [...new Set(args.years)],
          { regionIds: checkedIds(args.regionIds, "Region", "regionIds"), regionCodes: args.regionCodes ?? [] },
          { by: args.orderBy?.field ?? "REGION", desc: args.orderBy?.direction === "DESC" },
        );
        return connectionOf(page, { total: rows.length, rows: rows.slice(page.offset, page.offset + page.limit) });
      },
    },
    connectionFields("RegionScoring"),
  ),
}));

const CriterionInput = builder.inputType("UpsertScoringCriterionInput", {
  description: "Критерий оценки регионов: создаётся или меняется по году и коду.",
  fields: (t) => ({
    year: t.int({ description: "Год проекта." }),
    code: t.string({ description: "Код (латиница, цифры, _), уникален в году." }),
    title: t.string({ description: "Формулировка." }),
    metric: t.field({ type: ScoringMetricEnum, description: "Показатель." }),
    threshold: t.float({ description: "Порог — доля от 0 до 1." }),
    points: t.int({ description: "Баллы за выполнение." }),
  }),
});

const ZoneInput = builder.inputType("ScoringZoneInput", {
  description: "Зона оценки: цвет и порог баллов.",
  fields: (t) => ({
    color: t.field({ type: ScoringZoneColorEnum, description: "Цвет." }),
    minPoints: t.int({ description: "С какой суммы баллов начинается зона." }),
  }),
});

const errors = { types: [DomainError] };
const federal = { federal: true } as const;

builder.mutationFields((t) => ({
  upsertScoringCriterion: t.field({
    type: ScoringCriterionNode,
    description: "Создаёт или меняет критерий оценки регионов (федеральный координатор). Изменение записывается в журнал.",
    authScopes: federal,
    errors,
    args: { input: t.arg({ type: CriterionInput, validate: scoringCriterionSchema }) },
    resolve: (_r, { input }, ctx) => upsertScoringCriterion(ctx, input),
  }),
  deleteScoringCriterion: t.id({
    description: "Удаляет критерий оценки регионов (федеральный координатор); возвращает его глобальный id.",
    authScopes: federal,
    errors,
    args: { id: t.arg.globalID({ for: ScoringCriterionNode, description: "Критерий." }) },
    resolve: async (_r, args, ctx) => encodeGlobalID("ScoringCriterion", await deleteScoringCriterion(ctx, args.id.id)),
  }),
  setScoringZones: t.field({
    type: [ScoringZoneRef],
    description: "Задаёт зоны оценки года целиком: не перечисленные цвета удаляются (федеральный координатор).",
    authScopes: federal,
    errors,
    args: {
      year: t.arg.int({ validate: year, description: "Год проекта." }),
      zones: t.arg({ type: [ZoneInput], validate: scoringZonesSchema, description: "Зоны." }),
    },
    resolve: (_r, args, ctx) => setScoringZones(ctx, args.year, args.zones),
  }),
  saveRegionScores: t.int({
    description: "Сохраняет текущие оценки всех регионов за год как снимок для сравнения лет (федеральный координатор); возвращает число регионов.",
    authScopes: federal,
    errors,
    args: { year: t.arg.int({ validate: year, description: "Год проекта." }) },
    resolve: (_r, args, ctx) => saveRegionScores(ctx, args.year),
  }),
}));
