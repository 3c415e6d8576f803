// Consultation-line queries and mutations: topics, questions (mine, the inbox), the FAQ search, similar
// questions while typing, the coordinators' figures; ask, take, answer, pass on, reply, publish.
import { encodeGlobalID } from "@pothos/plugin-relay";
import { z } from "zod";
import { builder } from "../../../builder.ts";
import { faqRegions, faqWhere, handledQuestionWhere, questionWhere, regionsCovered } from "../../../auth/access.ts";
import type { Context, SignedInContext } from "../../../context.ts";
import type { Prisma } from "../../../db.ts";
import { DomainError } from "../../../errors.ts";
import { consultationFigures } from "../figures.ts";
import { searchFaq } from "../search.ts";
import {
  answerQuestion,
  askQuestion,
  createQuestionTopic,
  forwardQuestion,
  publishFaqEntry,
  replyToQuestion,
  takeQuestion,
  updateQuestionTopic,
} from "../service.ts";
import {
  answerBody,
  faqAnswer,
  faqQuestion,
  overdueDays,
  programmeYear,
  questionBody,
  replyBody,
  searchLimit,
  searchText,
  topicTitle,
} from "../validation.ts";
import { FaqScopeEnum, FaqSearchResultRef, FaqHitRef, QuestionLevelEnum, QuestionNode, QuestionStatusEnum, QuestionTopicNode } from "./types.ts";

const errors = { types: [DomainError] };


const reloadQuestion = (ctx: Context, id: string) => ctx.db.question.findUniqueOrThrow({ where: { id } });

// ---- lists ----

const QuestionBox = builder.enumType("QuestionBox", {
  description: "Какие вопросы показать.",
  values: {
    MINE: { description: "Заданные пользователем." },
    INBOX: { description: "Те, что пользователь может обработать (входящие координатора)." },
    VISIBLE: { description: "Все видимые пользователю (своя территория)." },
  } as const,
});

const QuestionFilter = builder.inputType("QuestionFilter", {
  description: "Фильтр списка вопросов.",
  fields: (t) => ({
    box: t.field({ type: QuestionBox, required: false, description: "Мои, входящие или все видимые (по умолчанию — все видимые)." }),
    status: t.field({ type: [QuestionStatusEnum], required: false, validate: z.array(z.string()).max(4, "Не больше 4 статусов"), description: "Статусы." }),
    level: t.field({ type: QuestionLevelEnum, required: false, description: "Уровень." }),
    topicId: t.globalID({ for: QuestionTopicNode, required: false, description: "Тема." }),
    year: t.int({ required: false, validate: programmeYear, description: "Год проекта." }),
  }),
});

function questionsWhere(f: typeof QuestionFilter.$inferInput | null | undefined, ctx: SignedInContext): Prisma.QuestionWhereInput {
  const v = ctx.viewer;
  const topicId = f?.topicId?.id ?? null;
  return {
    AND: [
      questionWhere(v.read, v.id),
      f?.box === "MINE" ? { authorId: v.id } : {},
      f?.box === "INBOX" ? handledQuestionWhere(v.act) : {},
      f?.status?.length ? { status: { in: f.status } } : {},
      f?.level ? { level: f.level } : {},
      topicId ? { topicId } : {},
      f?.year != null ? { programmeYear: { year: f.year } } : {},
    ],
  };
}

builder.queryFields((t) => ({
  questionTopics: t.prismaField({
    type: ["QuestionTopic"],
    description: "Темы консультационной линии по порядку (неактивные — только если попросить).",
    authScopes: { signedIn: true },
    args: { includeInactive: t.arg.boolean({ required: false, description: "Включить снятые с использования темы." }) },
    resolve: (query, _r, args, ctx) =>
      ctx.db.questionTopic.findMany({ ...query, where: args.includeInactive ? {} : { active: true }, orderBy: [{ position: "asc" }, { title: "asc" }], take: 500 }),
  }),
  questions: t.withAuth({ signedIn: true }).prismaConnection({
    type: "Question",
    cursor: "id",
    description: "Вопросы консультационной линии в пределах доступа, новые сначала: свои, входящие координатора или все видимые.",
    maxSize: 200,
    args: { filter: t.arg({ type: QuestionFilter, required: false }) },
    totalCount: (_c, args, ctx) => ctx.db.question.count({ where: questionsWhere(args.filter, ctx) }),
    resolve: (query, _r, args, ctx) =>
      ctx.db.question.findMany({ ...query, where: questionsWhere(args.filter, ctx), orderBy: [{ createdAt: "desc" }, { id: "desc" }] }),
  }),
  question: t.withAuth({ signedIn: true }).prismaField({
    type: "Question",
    nullable: true,
    description: "Вопрос по глобальному id (в пределах доступа).",
    args: { id: t.arg.globalID({ for: QuestionNode }) },
    resolve: (query, _r, args, ctx) =>
      ctx.db.question.findFirst({ ...query, where: { AND: [{ id: args.id.id }, questionWhere(ctx.viewer.read, ctx.viewer.id)] } }),
  }),
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
  similarQuestions: t.withAuth({ signedIn: true }).field({
    type: [FaqHitRef],
    description: "Похожие уже отвеченные и опубликованные вопросы — пока пользователь пишет свой (поиск по любому из слов, самые близкие сначала).",
    args: {
      text: t.arg.string({ validate: searchText, description: "Текст вопроса, который пишет пользователь." }),
      first: t.arg.int({ required: false, validate: searchLimit, description: "Сколько (1–50, по умолчанию 5)." }),
    },
    resolve: async (_r, args, ctx) => {
      const found = await searchFaq(ctx.db, { text: args.text, regions: faqRegions(ctx.viewer.read), limit: args.first ?? 5, match: "any" });
      if (found.mode === "BROWSE") return [];
      return found.hits.map((h) => ({ entryId: h.id, rank: h.rank, questionHeadline: h.questionHeadline, answerHeadline: h.answerHeadline }));
    },
  }),
  consultationFigures: t.withAuth({ signedIn: true }).field({
    type: [ConsultationRegionFiguresRef],
    description:
      "Показатели консультационной линии по регионам, которые пользователь курирует целиком (федеральный — все): вопросов задано и отвечено, медиана времени ответа, без ответа дольше N дней.",
    args: {
      overdueDays: t.arg.int({ required: false, validate: overdueDays, description: "N: сколько дней без ответа считать просрочкой (по умолчанию 5)." }),
      year: t.arg.int({ required: false, validate: programmeYear, description: "Год проекта." }),
    },
    resolve: (_r, args, ctx) => consultationFigures(ctx.db, { regions: regionsCovered(ctx.viewer.read), overdueDays: args.overdueDays ?? 5, year: args.year }),
  }),
}));

const ConsultationRegionFiguresRef = builder
  .objectRef<Awaited<ReturnType<typeof consultationFigures>>[number]>("ConsultationRegionFigures")
  .implement({
    description: "Показатели консультационной линии одного региона.",
    fields: (t) => ({
      regionId: t.id({ nullable: true, description: "Глобальный id региона (пусто — вопросы федерального уровня без региона).", resolve: (r) => (r.regionId ? encodeGlobalID("Region", r.regionId) : null) }),
      regionName: t.exposeString("regionName", { description: "Регион." }),
      asked: t.exposeInt("asked", { description: "Задано вопросов." }),
      answered: t.exposeInt("answered", { description: "Отвечено." }),
      open: t.exposeInt("open", { description: "Ждут ответа (новые, в работе, переданные)." }),
      passedOn: t.exposeInt("passedOn", { description: "Передано на федеральный уровень." }),
      medianHoursToAnswer: t.float({ nullable: true, description: "Медиана времени до ответа, часов.", resolve: (r) => r.medianHoursToAnswer }),
      unansweredOverdue: t.exposeInt("unansweredOverdue", { description: "Без ответа дольше N дней." }),
    }),
  });

// ---- mutations ----

const AskQuestionInput = builder.inputType("AskQuestionInput", {
  description: "Новый вопрос: тема из списка, текст, год проекта (по умолчанию — текущий) и необязательный файл.",
  fields: (t) => ({
    topicId: t.globalID({ for: QuestionTopicNode, description: "Тема." }),
    body: t.string({ validate: questionBody, description: "Вопрос (1–5000 символов)." }),
    year: t.int({ required: false, validate: programmeYear, description: "Год проекта." }),
    file: t.field({ type: "File", required: false, description: "Файл (PDF, DOC, DOCX, ODT, XLS, XLSX, ODS или RTF; формат проверяется по содержимому)." }),
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


builder.mutationFields((t) => ({
  askQuestion: t.field({
    type: QuestionNode,
    description: "Задать вопрос консультационной линии (можно с файлом, GraphQL multipart). Вопрос уходит координаторам региона спрашивающего; они получают уведомление.",
    authScopes: { signedIn: true },
    errors,
    args: { input: t.arg({ type: AskQuestionInput }) },
    resolve: async (_r, { input }, ctx) => {
      const topicId = input.topicId.id;
      const q = await askQuestion(ctx, { topicId, body: input.body, year: input.year, file: input.file });
      return reloadQuestion(ctx, q.id);
    },
  }),
  takeQuestion: t.field({
    type: QuestionNode,
    description: "Взять вопрос в работу (новый или переданный → в работе).",
    authScopes: { signedIn: true },
    errors,
    args: { id: t.arg.globalID({ for: QuestionNode, description: "Вопрос." }) },
    resolve: async (_r, args, ctx) => reloadQuestion(ctx, (await takeQuestion(ctx, args.id.id)).id),
  }),
  answerQuestion: t.field({
    type: QuestionNode,
    description: "Ответить на вопрос (→ отвечен). Спрашивающий получает уведомление QUESTION_ANSWERED.",
    authScopes: { signedIn: true },
    errors,
    args: { id: t.arg.globalID({ for: QuestionNode, description: "Вопрос." }), body: t.arg.string({ validate: answerBody, description: "Ответ (1–10000 символов)." }) },
    resolve: async (_r, args, ctx) => reloadQuestion(ctx, (await answerQuestion(ctx, args.id.id, args.body)).id),
  }),
  forwardQuestion: t.field({
    type: QuestionNode,
    description: "Передать вопрос региона на федеральный уровень (→ передан). Федеральные координаторы получают уведомление.",
    authScopes: { signedIn: true },
    errors,
    args: {
      id: t.arg.globalID({ for: QuestionNode, description: "Вопрос." }),
      comment: t.arg.string({ required: false, validate: z.string().max(2000, "Комментарий не длиннее 2000 символов"), description: "Комментарий для федерального уровня (до 2000 символов)." }),
    },
    resolve: async (_r, args, ctx) => reloadQuestion(ctx, (await forwardQuestion(ctx, args.id.id, args.comment ?? null)).id),
  }),
  replyToQuestion: t.field({
    type: QuestionNode,
    description: "Уточнить отвеченный вопрос (только спрашивающий): вопрос снова открывается на своём уровне.",
    authScopes: { signedIn: true },
    errors,
    args: { id: t.arg.globalID({ for: QuestionNode, description: "Вопрос." }), body: t.arg.string({ validate: replyBody, description: "Уточнение (1–5000 символов)." }) },
    resolve: async (_r, args, ctx) => reloadQuestion(ctx, (await replyToQuestion(ctx, args.id.id, args.body)).id),
  }),
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
  createQuestionTopic: t.field({
    type: QuestionTopicNode,
    description: "Добавить тему консультационной линии (федеральный координатор).",
    authScopes: { signedIn: true },
    errors,
    args: { title: t.arg.string({ validate: topicTitle, description: "Название (1–200 символов)." }) },
    resolve: async (_r, args, ctx) => ctx.db.questionTopic.findUniqueOrThrow({ where: { id: (await createQuestionTopic(ctx, args.title)).id } }),
  }),
  updateQuestionTopic: t.field({
    type: QuestionTopicNode,
    description: "Переименовать тему, изменить порядок или снять её с использования (федеральный координатор).",
    authScopes: { signedIn: true },
    errors,
    args: {
      id: t.arg.globalID({ for: QuestionTopicNode, description: "Тема." }),
      title: t.arg.string({ required: false, validate: topicTitle, description: "Новое название." }),
      active: t.arg.boolean({ required: false, description: "Доступна для новых вопросов." }),
      position: t.arg.int({ required: false, validate: z.number().int().min(0, "Не меньше 0").max(10000, "Не больше 10000"), description: "Порядок в списке." }),
    },
    resolve: async (_r, args, ctx) =>
      ctx.db.questionTopic.findUniqueOrThrow({ where: { id: (await updateQuestionTopic(ctx, args.id.id, args)).id } }),
  }),
}));
