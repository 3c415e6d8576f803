// The FAQ: entries published from answered questions, the search over them and its hits.
import { builder } from "../../../builder.ts";
import { FaqScope } from "../../../../../prisma/generated/client/enums.ts";
import { markup, searchFaq } from "../search.ts";
import { z } from "zod";
import { faqRegions, faqWhere } from "../../../auth/access.ts";
import { DomainError } from "../../../errors.ts";
import { publishFaqEntry } from "../faq.ts";
import { faqAnswer, faqQuestion, programmeYear, searchLimit, searchText } from "../validation.ts";
import { QuestionNode } from "./question.ts";
import { QuestionTopicNode } from "./question-topic.ts";

const errors = { types: [DomainError] };

export const FaqScopeEnum = builder.enumType(FaqScope, {
  name: "FaqScope",
  description: "Раздел «Вопросы и ответы»: FEDERAL — федеральный (виден всем), REGIONAL — региональный (виден в регионе).",
});

export const FaqEntryNode = builder.prismaNode("FaqEntry", {
  nullable: true,
  id: { field: "id" },
  description: "Запись раздела «Вопросы и ответы»: очищенный вопрос и ответ, без данных спрашивающего.",
  select: { scope: true, regionId: true },
  authScopes: (f) => (f.scope === "FEDERAL" || !f.regionId ? { signedIn: true } : { canSeeRegion: f.regionId }),
  fields: (t) => ({
    question: t.exposeString("question", { description: "Вопрос." }),
    answer: t.exposeString("answer", { description: "Ответ." }),
    topic: t.relation("topic", { description: "Тема." }),
    year: t.exposeInt("year", { description: "Год проекта." }),
    scope: t.expose("scope", { type: FaqScopeEnum, description: "Раздел: федеральный или региональный." }),
    regionName: t.string({ nullable: true, description: "Регион регионального раздела.", select: { region: { select: { name: true } } }, resolve: (f) => f.region?.name ?? null }),
    publishedAt: t.expose("publishedAt", { type: "DateTime", description: "Когда опубликовано." }),
    updatedAt: t.expose("updatedAt", { type: "DateTime", description: "Последнее изменение." }),
  }),
});

export interface FaqHit {
  entryId: string;
  rank: number;
  questionHeadline: string;
  answerHeadline: string;
}

export const FaqHitRef = builder.objectRef<FaqHit>("FaqHit").implement({
  description: "Найденная запись «Вопросов и ответов» с подсвеченными фрагментами.",
  fields: (t) => ({
    entry: t.prismaField({
      type: "FaqEntry",
      description: "Запись.",
      // findUnique calls of one tick are batched by Prisma into one query (no query per hit).
      resolve: async (query, h, _a, ctx) => {
        const entry = await ctx.db.faqEntry.findUnique({ ...query, where: { id: h.entryId } });
        if (!entry) throw new Error(`FAQ entry ${h.entryId} vanished`);
        return entry;
      },
    }),
    rank: t.float({ description: "Релевантность (больше — ближе к запросу).", resolve: (h) => h.rank }),
    questionHtml: t.string({ description: "Вопрос; совпадения в <mark>, остальной текст экранирован (безопасный HTML).", resolve: (h) => markup(h.questionHeadline) }),
    answerHtml: t.string({ description: "Фрагменты ответа с совпадениями в <mark> (безопасный HTML).", resolve: (h) => markup(h.answerHeadline) }),
  }),
});

export const FaqSearchModeEnum = builder.enumType("FaqSearchMode", {
  description: "Как найдены записи.",
  values: {
    FULL_TEXT: { description: "Полнотекстовый поиск по словам (с учётом словоформ)." },
    TYPO_TOLERANT: { description: "По словам запроса ничего не нашлось — слова исправлены по похожему написанию (опечатки) и найдено по исправленному запросу." },
    BROWSE: { description: "Запроса нет — новые записи сначала." },
  } as const,
});

export const FaqSearchResultRef = builder
  .objectRef<{ hits: FaqHit[]; total: number; capped: boolean; mode: "FULL_TEXT" | "TYPO_TOLERANT" | "BROWSE"; years: number[]; corrected: string | null }>("FaqSearchResult")
  .implement({
    description: "Результат поиска по «Вопросам и ответам».",
    fields: (t) => ({
      hits: t.field({ type: [FaqHitRef], description: "Записи страницы, самые релевантные сначала.", resolve: (r) => r.hits }),
      total: t.exposeInt("total", { description: "Всего найдено (при totalCapped — сколько ранжировано, найдено больше)." }),
      totalCapped: t.exposeBoolean("capped", {
        description: "Совпадений больше, чем ранжируется (1000): самые подходящие ищутся среди первых найденных, вопросы с совпадением в формулировке — первыми. Стоит уточнить запрос.",
      }),
      mode: t.field({ type: FaqSearchModeEnum, description: "Как найдено.", resolve: (r) => r.mode }),
      years: t.exposeIntList("years", { description: "Годы, за которые есть записи (для фильтра)." }),
      correctedText: t.string({ nullable: true, description: "Запрос с исправленными опечатками, по которому найдено (только TYPO_TOLERANT).", resolve: (r) => r.corrected }),
    }),
  });

const PublishFaqEntryInput = builder.inputType("PublishFaqEntryInput", {
  description: "Публикация отвеченного вопроса в «Вопросах и ответах»: отредактированные вопрос и ответ без персональных данных.",
  fields: (t) => ({
    questionId: t.globalID({ for: QuestionNode, description: "Отвеченный вопрос." }),
    scope: t.field({ type: FaqScopeEnum, description: "Раздел: федеральный или региональный (регион вопроса)." }),
    question: t.string({ validate: faqQuestion, description: "Очищенный вопрос (1–2000 символов)." }),
    answer: t.string({ validate: faqAnswer, description: "Очищенный ответ (1–10000 символов)." }),
    topicId: t.globalID({ for: QuestionTopicNode, required: false, description: "Тема записи (по умолчанию — тема вопроса)." }),
  }),
});

builder.queryFields((t) => ({
  faqSearch: t.withAuth({ signedIn: true }).field({
    type: FaqSearchResultRef,
    description:
      "Поиск по «Вопросам и ответам»: полнотекстовый по-русски (словоформы, ранжирование, подсвеченные фрагменты), при опечатках — по похожему написанию; фильтры по теме и году. Без текста — новые записи сначала.",
    args: {
      text: t.arg.string({ required: false, validate: searchText, description: "Запрос (до 300 значимых символов)." }),
      topicId: t.arg.globalID({ for: QuestionTopicNode, required: false, description: "Тема." }),
      year: t.arg.int({ required: false, validate: programmeYear, description: "Год проекта." }),
      first: t.arg.int({ required: false, validate: searchLimit, description: "Сколько записей (1–50, по умолчанию 20)." }),
      offset: t.arg.int({ required: false, validate: z.number().int().min(0, "Не меньше 0").max(5000, "Не больше 5000"), description: "Сколько пропустить (страницы)." }),
    },
    resolve: async (_r, args, ctx) => {
      const regions = faqRegions(ctx.viewer.read);
      const [found, years] = await Promise.all([
        searchFaq(ctx.db, {
          text: args.text,
          topicId: args.topicId?.id ?? null,
          year: args.year,
          regions,
          limit: args.first ?? 20,
          offset: args.offset ?? 0,
        }),
        ctx.db.faqEntry.findMany({ where: faqWhere(ctx.viewer.read), distinct: ["year"], select: { year: true }, orderBy: { year: "desc" }, take: 100 }),
      ]);
      return {
        total: found.total,
        capped: found.capped ?? false,
        mode: found.mode,
        corrected: found.corrected ?? null,
        years: years.map((y) => y.year),
        hits: found.hits.map((h) => ({ entryId: h.id, rank: h.rank, questionHeadline: h.questionHeadline, answerHeadline: h.answerHeadline })),
      };
    },
  }),
}));

builder.mutationFields((t) => ({
  publishFaqEntry: t.prismaField({
    type: "FaqEntry",
    description:
      "Опубликовать отвеченный вопрос в «Вопросах и ответах» (или обновить запись): федеральный раздел — федеральный координатор, региональный — координаторы региона. Текст с личными данными не принимается.",
    authScopes: { signedIn: true },
    errors,
    args: { input: t.arg({ type: PublishFaqEntryInput }) },
    resolve: async (query, _r, { input }, ctx) => {
      const { id } = await publishFaqEntry(ctx, {
        questionId: input.questionId.id,
        scope: input.scope,
        question: input.question,
        answer: input.answer,
        topicId: input.topicId?.id ?? null,
      });
      return ctx.db.faqEntry.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
}));
