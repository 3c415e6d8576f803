// Significance rules: read by everyone signed in (a profile's «как получено» refers to them), written by
// the federal coordinator. Profile entries show the computed level beside the level in force.
import { z } from "zod";
import { builder } from "../../../builder.ts";
import { DomainError } from "../../../errors.ts";
import { IndicatorCombination } from "../../../../../prisma/generated/client/enums.ts";
import { ChangeRecord, historyOf } from "../../../shared/history.ts";
import { RiskFactorNode, SignificanceEnum } from "../schema.ts";
import { yearWhere } from "../../programme/years.ts";
import { createSignificanceRule, deleteSignificanceRule, RULES_ENTITY, updateSignificanceRule, type RuleInput } from "../rules.ts";
import { GROUP_ORDER, groupOfCode, normCode, RESPONDENT_GROUPS, type RespondentGroup } from "../significance.ts";

export const IndicatorCombinationEnum = builder.enumType(IndicatorCombination, {
  name: "IndicatorCombination",
  description: "Как ответы на вопросы правила складываются в показатель: среднее, наибольшее или наименьшее значение.",
});

export const RespondentGroupEnum = builder.enumType("RespondentGroup", {
  description: "Группа респондентов анкетирования (анкета): руководители, учителя, обучающиеся, родители.",
  values: Object.fromEntries(GROUP_ORDER.map((g) => [g, { description: `${RESPONDENT_GROUPS[g].title} (коды вопросов ${RESPONDENT_GROUPS[g].prefix}-…)` }])) as Record<
    RespondentGroup,
    { description: string }
  >,
});

const RuleQuestion = builder.objectRef<{ code: string; group: RespondentGroup }>("RuleQuestion").implement({
  description: "Вопрос анкеты в правиле значимости.",
  fields: (t) => ({
    code: t.exposeString("code", { description: "Код вопроса, например УЧ-31 (префикс — анкета)." }),
    group: t.field({ type: RespondentGroupEnum, description: "Чья анкета.", resolve: (q) => q.group }),
  }),
});

builder.prismaObject("SignificanceRule", {
  description: "Правило значимости: какие вопросы каких анкет, как они складываются в показатель и пороги высокой и средней значимости фактора.",
  fields: (t) => ({
    id: t.exposeID("id", { description: "Идентификатор правила." }),
    riskFactor: t.relation("riskFactor", { description: "Фактор риска, значимость которого определяет правило." }),
    indicatorTitle: t.exposeString("indicatorTitle", { description: "Наименование показателя (так его видят в профиле)." }),
    questions: t.field({
      type: [RuleQuestion],
      description: "Вопросы анкет, из ответов на которые складывается показатель.",
      select: { questionCodes: true },
      resolve: (r) => r.questionCodes.map((code) => ({ code, group: groupOfCode(code) ?? "LEADERS" })),
    }),
    combination: t.expose("combination", { type: IndicatorCombinationEnum, description: "Как складываются ответы." }),
    highFrom: t.float({ description: "Значение показателя (доля 0…1), начиная с которого значимость высокая.", select: { highFrom: true }, resolve: (r) => Number(r.highFrom) }),
    mediumFrom: t.float({ description: "Значение показателя (доля 0…1), начиная с которого значимость средняя.", select: { mediumFrom: true }, resolve: (r) => Number(r.mediumFrom) }),
    updatedAt: t.expose("updatedAt", { type: "DateTime", description: "Когда правило менялось в последний раз." }),
  }),
});

builder.prismaObjectFields("RiskProfileEntry", (t) => ({
  computedSignificance: t.expose("computedSignificance", {
    type: SignificanceEnum,
    nullable: true,
    description: "Значимость по правилам из результатов анкетирования (пусто, если профиль загружен как данные).",
  }),
  computedExplanation: t.exposeString("computedExplanation", { nullable: true, description: "Как правила получили вычисленную значимость: показатели, значения, пороги." }),
  corrected: t.exposeBoolean("corrected", {
    description: "Значимость исправлена вручную (с причиной в истории): повторная загрузка анкет её сохраняет и обновляет только вычисленную.",
  }),
}));

const share = (what: string) =>
  z
    .number({ error: `${what}: укажите число` })
    .min(0, `${what}: не меньше 0`)
    .max(1, `${what}: не больше 1 (100 %)`);

const ruleShape = z
  .object({
    indicatorTitle: z.string().trim().min(3, "Наименование показателя — не короче 3 символов").max(300, "Наименование показателя — не длиннее 300 символов"),
    questionCodes: z.array(z.string().max(20, "Код вопроса не длиннее 20 символов")).min(1, "Укажите хотя бы один вопрос анкеты").max(20, "Не больше 20 вопросов в правиле"),
    highFrom: share("Порог высокой значимости"),
    mediumFrom: share("Порог средней значимости"),
  })
  .passthrough()
  .refine((r) => r.highFrom >= r.mediumFrom, { message: "Порог высокой значимости не может быть ниже порога средней", path: ["highFrom"] });

const SignificanceRuleInput = builder.inputType("SignificanceRuleInput", {
  description: "Правило значимости: фактор, показатель, вопросы анкет, способ сложения и пороги (доли 0…1).",
  fields: (t) => ({
    riskFactorId: t.globalID({ for: RiskFactorNode, description: "Фактор риска (его год — год правила)." }),
    indicatorTitle: t.string({ description: "Наименование показателя." }),
    questionCodes: t.stringList({ description: "Коды вопросов: РУК-…, УЧ-…, ОБУЧ-…, РОД-… (до 20)." }),
    combination: t.field({ type: IndicatorCombinationEnum, required: false, description: "Как складываются ответы (по умолчанию — среднее)." }),
    highFrom: t.float({ description: "Высокая значимость — от этого значения." }),
    mediumFrom: t.float({ description: "Средняя значимость — от этого значения." }),
  }),
});

export class InvalidQuestionCodeError extends DomainError {
  constructor(message: string) {
    super(message, "INVALID_QUESTION_CODE");
  }
}

/** Question codes in normal form, each of a known questionnaire, each once. */
function codesOf(raw: string[]): string[] {
  const codes = raw.map(normCode);
  const bad = codes.filter((c) => !groupOfCode(c));
  if (bad.length) throw new InvalidQuestionCodeError(`Код вопроса «${bad[0]!.slice(0, 20)}» не похож на код анкеты: РУК-11, УЧ-31, ОБУЧ-09 или РОД-06`);
  const twice = codes.find((c, i) => codes.indexOf(c) !== i);
  if (twice) throw new InvalidQuestionCodeError(`Вопрос ${twice} указан в правиле дважды`);
  return codes;
}

type RawInput = { riskFactorId: { id: string }; indicatorTitle: string; questionCodes: string[]; combination?: IndicatorCombination | null; highFrom: number; mediumFrom: number };
const toInput = (i: RawInput): RuleInput => ({
  riskFactorId: i.riskFactorId.id,
  indicatorTitle: i.indicatorTitle.trim(),
  questionCodes: codesOf(i.questionCodes),
  combination: i.combination ?? "MEAN",
  highFrom: i.highFrom,
  mediumFrom: i.mediumFrom,
});

const errors = { types: [DomainError] };
/** A selection of only __typename gives an empty `select`, which Prisma refuses: read the row then. */
const usable = <Q extends object>(query: Q) => ("select" in query && !!query.select && Object.keys(query.select as object).length === 0 ? {} : query);
const yearArg = z.number().int().min(2020, "Год проекта — с 2020").max(2100, "Год проекта — до 2100");

builder.queryFields((t) => ({
  significanceRules: t.prismaField({
    type: ["SignificanceRule"],
    description: "Правила значимости года проекта по номеру фактора (читают все вошедшие, меняет федеральный координатор).",
    authScopes: { signedIn: true },
    args: { year: t.arg.int({ validate: yearArg, description: "Год проекта." }) },
    resolve: (query, _r, args, ctx) =>
      ctx.db.significanceRule.findMany({ ...query, where: { programmeYear: yearWhere(args.year) }, orderBy: [{ riskFactor: { number: "asc" } }, { indicatorTitle: "asc" }], take: 500 }),
  }),
  significanceRuleHistory: t.field({
    type: [ChangeRecord],
    description: "История правил значимости года: кто, когда и что добавил, изменил или удалил (до и после).",
    authScopes: { signedIn: true },
    args: { year: t.arg.int({ validate: yearArg, description: "Год проекта." }) },
    resolve: async (_r, args, ctx) => {
      const y = await ctx.db.programmeYear.findFirst({ where: yearWhere(args.year), select: { id: true } });
      return y ? historyOf(ctx, RULES_ENTITY, y.id) : [];
    },
  }),
}));

builder.mutationFields((t) => ({
  createSignificanceRule: t.prismaField({
    type: "SignificanceRule",
    description: "Добавляет правило значимости (федеральный координатор); профили школ года с результатами анкетирования пересчитываются сразу.",
    authScopes: { federal: true },
    errors,
    args: { input: t.arg({ type: SignificanceRuleInput, validate: ruleShape }) },
    resolve: async (query, _r, { input }, ctx) => {
      const rule = await createSignificanceRule(ctx, toInput(input));
      return ctx.db.significanceRule.findUniqueOrThrow({ ...usable(query), where: { id: rule.id } });
    },
  }),
  updateSignificanceRule: t.prismaField({
    type: "SignificanceRule",
    description: "Меняет правило значимости (федеральный координатор); профили, где изменилась значимость, снова ждут подтверждения сторон.",
    authScopes: { federal: true },
    errors,
    args: {
      id: t.arg.id({ validate: z.string().uuid("Неверный идентификатор правила"), description: "Правило." }),
      input: t.arg({ type: SignificanceRuleInput, validate: ruleShape }),
    },
    resolve: async (query, _r, args, ctx) => {
      const rule = await updateSignificanceRule(ctx, String(args.id), toInput(args.input));
      return ctx.db.significanceRule.findUniqueOrThrow({ ...usable(query), where: { id: rule.id } });
    },
  }),
  deleteSignificanceRule: t.id({
    description: "Удаляет правило значимости (федеральный координатор); возвращает его идентификатор. Профили пересчитываются.",
    authScopes: { federal: true },
    errors,
    args: { id: t.arg.id({ validate: z.string().uuid("Неверный идентификатор правила"), description: "Правило." }) },
    resolve: async (_r, args, ctx) => (await deleteSignificanceRule(ctx, String(args.id))).id,
  }),
}));
