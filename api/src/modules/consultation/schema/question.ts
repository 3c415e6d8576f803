// A consultation-line question with its thread (answers, attachments): the lists (mine, the inbox), one
// question, similar questions while typing; ask, take, answer, pass on, reply.
import { encodeGlobalID } from "@pothos/plugin-relay";
import { builder } from "../../../builder.ts";
import { canPublishFaq, faqRegions, handledQuestionWhere, questionWhere } from "../../../auth/access.ts";
import { QuestionLevel, QuestionStatus } from "../../../../../prisma/generated/client/enums.ts";
import { actorOf, type Actor } from "../../document/actors.ts";
import { questionFilePath } from "../files.ts";
import { viewerMayHandle, answerQuestion, askQuestion, forwardQuestion, replyToQuestion, takeQuestion } from "../service.ts";
import { STATUS_LABEL, answerBody, programmeYear, questionBody, replyBody, searchLimit, searchText } from "../validation.ts";
import { z } from "zod";
import type { Context, SignedInContext } from "../../../context.ts";
import type { Prisma } from "../../../db.ts";
import { DomainError } from "../../../errors.ts";
import { searchFaq } from "../search.ts";
import { FaqHitRef } from "./faq-entry.ts";
import { QuestionTopicNode } from "./question-topic.ts";

const errors = { types: [DomainError] };

export const QuestionStatusEnum = builder.enumType(QuestionStatus, {
  name: "QuestionStatus",
  description: "Статус вопроса: NEW — новый, IN_PROGRESS — в работе, ANSWERED — отвечен, FORWARDED — передан на федеральный уровень.",
});

export const QuestionLevelEnum = builder.enumType(QuestionLevel, {
  name: "QuestionLevel",
  description: "Где вопрос ждёт ответа: REGION — у регионального координатора, FEDERAL — у федерального.",
});

export const QuestionActorRef = builder.objectRef<Actor>("QuestionActor").implement({
  description: "Участник переписки по вопросу (кто ответил, кто уточнил).",
  fields: (t) => ({
    id: t.id({ description: "Глобальный id пользователя.", resolve: (a) => encodeGlobalID("User", a.id) }),
    fullName: t.exposeString("fullName", { description: "ФИО." }),
  }),
});

/** What every loaded question carries for its access check. */
const placeSelect = { authorId: true, regionId: true, municipalityId: true, schoolId: true, level: true } as const;

export const QuestionNode = builder.prismaNode("Question", {
  nullable: true,
  id: { field: "id" },
  description: "Вопрос консультационной линии с перепиской. Виден спрашивающему, координаторам его территории и федеральному уровню.",
  select: placeSelect,
  authScopes: (q) => ({ canSeeQuestion: q }),
  fields: (t) => ({
    topic: t.relation("topic", { description: "Тема." }),
    body: t.exposeString("body", { description: "Текст вопроса." }),
    status: t.expose("status", { type: QuestionStatusEnum, description: "Статус." }),
    statusLabel: t.string({ description: "Статус по-русски: новый, в работе, отвечен, передан.", select: { status: true }, resolve: (q) => STATUS_LABEL[q.status] }),
    level: t.expose("level", { type: QuestionLevelEnum, description: "Уровень, на котором вопрос ждёт ответа." }),
    year: t.int({ nullable: true, description: "Год проекта.", select: { programmeYear: { select: { year: true } } }, resolve: (q) => q.programmeYear?.year ?? null }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "Когда задан." }),
    forwardedAt: t.expose("forwardedAt", { type: "DateTime", nullable: true, description: "Когда передан на федеральный уровень." }),
    answeredAt: t.expose("answeredAt", { type: "DateTime", nullable: true, description: "Когда отвечен (последний ответ)." }),
    askedBy: t.field({ type: QuestionActorRef, description: "Кто спросил.", resolve: (q, _a, ctx) => actorOf(ctx, q.authorId).then((a) => a ?? { id: q.authorId, fullName: "—" }) }),
    answeredBy: t.field({ type: QuestionActorRef, nullable: true, description: "Кто ответил.", select: { answeredById: true }, resolve: (q, _a, ctx) => actorOf(ctx, q.answeredById) }),
    assignee: t.field({ type: QuestionActorRef, nullable: true, description: "Кто взял вопрос в работу.", select: { assigneeId: true }, resolve: (q, _a, ctx) => actorOf(ctx, q.assigneeId) }),
    schoolName: t.string({ nullable: true, description: "Школа спрашивающего.", select: { school: { select: { shortName: true } } }, resolve: (q) => q.school?.shortName ?? null }),
    regionName: t.string({ nullable: true, description: "Регион спрашивающего.", select: { region: { select: { name: true } } }, resolve: (q) => q.region?.name ?? null }),
    attachment: t.field({
      type: AttachmentRef,
      nullable: true,
      description: "Приложенный файл.",
      select: { id: true, attachment: { select: { originalName: true, size: true, mediaType: true } } },
      resolve: (q) => (q.attachment ? { ...q.attachment, url: questionFilePath(q.id) } : null),
    }),
    messages: t.relation("answers", { query: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] }, description: "Переписка: ответы и уточнения, по порядку." }),
    faqEntry: t.relation("faqEntry", { nullable: true, description: "Запись в «Вопросах и ответах», если вопрос опубликован." }),
    viewerCanHandle: t.boolean({ description: "Пользователь может взять вопрос в работу, ответить, передать и опубликовать.", resolve: (q, _a, ctx) => viewerMayHandle(ctx.viewer, q) }),
    viewerCanForward: t.boolean({ description: "Пользователь может передать вопрос на федеральный уровень.", resolve: (q, _a, ctx) => q.level === "REGION" && viewerMayHandle(ctx.viewer, q) }),
    viewerCanReply: t.boolean({ description: "Пользователь — спрашивающий и может уточнить вопрос (это откроет его снова).", resolve: (q, _a, ctx) => !!ctx.viewer && ctx.viewer.id === q.authorId }),
    viewerCanPublishFederal: t.boolean({
      description: "Пользователь может опубликовать вопрос в федеральном разделе.",
      resolve: (_q, _a, ctx) => !!ctx.viewer && canPublishFaq(ctx.viewer.act, "FEDERAL", null),
    }),
    viewerCanPublishRegional: t.boolean({
      description: "Пользователь может опубликовать вопрос в разделе своего региона.",
      resolve: (q, _a, ctx) => !!ctx.viewer && canPublishFaq(ctx.viewer.act, "REGIONAL", q.regionId),
    }),
  }),
});

const AttachmentRef = builder.objectRef<{ originalName: string; size: number; mediaType: string; url: string }>("QuestionAttachment").implement({
  description: "Файл, приложенный к вопросу.",
  fields: (t) => ({
    name: t.exposeString("originalName", { description: "Имя файла." }),
    size: t.exposeInt("size", { description: "Размер в байтах." }),
    mediaType: t.exposeString("mediaType", { description: "MIME-тип." }),
    url: t.exposeString("url", { description: "Путь для скачивания (/files/questions/<id>)." }),
  }),
});

builder.prismaObject("Answer", {
  name: "QuestionMessage",
  description: "Сообщение в переписке: ответ координатора или уточнение спрашивающего.",
  fields: (t) => ({
    id: t.id({ description: "Глобальный id.", resolve: (a) => encodeGlobalID("Answer", a.id) }),
    body: t.exposeString("body", { description: "Текст." }),
    isReply: t.exposeBoolean("isReply", { description: "Уточнение спрашивающего (а не ответ)." }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "Когда написано." }),
    author: t.field({ type: QuestionActorRef, nullable: true, description: "Автор.", resolve: (a, _x, ctx) => actorOf(ctx, a.authorId) }),
  }),
});

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

const AskQuestionInput = builder.inputType("AskQuestionInput", {
  description: "Новый вопрос: тема из списка, текст, год проекта (по умолчанию — текущий) и необязательный файл.",
  fields: (t) => ({
    topicId: t.globalID({ for: QuestionTopicNode, description: "Тема." }),
    body: t.string({ validate: questionBody, description: "Вопрос (1–5000 символов)." }),
    year: t.int({ required: false, validate: programmeYear, description: "Год проекта." }),
    file: t.field({ type: "File", required: false, description: "Файл (PDF, DOC, DOCX, ODT, XLS, XLSX, ODS или RTF; формат проверяется по содержимому)." }),
  }),
});

builder.queryFields((t) => ({
  questions: t.withAuth({ signedIn: true }).prismaConnection({
    type: "Question",
    cursor: "id",
    description: "Вопросы консультационной линии в пределах доступа, новые сначала: свои, входящие координатора или все видимые.",
    maxSize: 200,
    args: { filter: t.arg({ type: QuestionFilter, required: false }) },
    totalCount: (_c, args, ctx) => ctx.db.question.count({ where: questionsWhere(args.filter, ctx) }),
    resolve: (query, _r, args, ctx) => ctx.db.question.findMany({ ...query, where: questionsWhere(args.filter, ctx), orderBy: [{ createdAt: "desc" }, { id: "desc" }] }),
  }),
  question: t.withAuth({ signedIn: true }).prismaField({
    type: "Question",
    nullable: true,
    description: "Вопрос по глобальному id (в пределах доступа).",
    args: { id: t.arg.globalID({ for: QuestionNode }) },
    resolve: (query, _r, args, ctx) => ctx.db.question.findFirst({ ...query, where: { AND: [{ id: args.id.id }, questionWhere(ctx.viewer.read, ctx.viewer.id)] } }),
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
}));

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
}));
