// The consultation line's types: topics, questions with their thread, FAQ entries and search hits.
import { encodeGlobalID } from "@pothos/plugin-relay";
import { builder } from "../../../builder.ts";
import { canPublishFaq } from "../../../auth/access.ts";
import { FaqScope, QuestionLevel, QuestionStatus } from "../../../../../prisma/generated/client/enums.ts";
import { actorOf, type Actor } from "../../document/actors.ts";
import { questionFilePath } from "../files.ts";
import { markup } from "../search.ts";
import { viewerMayHandle } from "../service.ts";
import { STATUS_LABEL } from "../validation.ts";

export const QuestionStatusEnum = builder.enumType(QuestionStatus, {
  name: "QuestionStatus",
  description: "Статус вопроса: NEW — новый, IN_PROGRESS — в работе, ANSWERED — отвечен, FORWARDED — передан на федеральный уровень.",
});
export const QuestionLevelEnum = builder.enumType(QuestionLevel, {
  name: "QuestionLevel",
  description: "Где вопрос ждёт ответа: REGION — у регионального координатора, FEDERAL — у федерального.",
});
export const FaqScopeEnum = builder.enumType(FaqScope, {
  name: "FaqScope",
  description: "Раздел «Вопросы и ответы»: FEDERAL — федеральный (виден всем), REGIONAL — региональный (виден в регионе).",
});

export const QuestionActorRef = builder.objectRef<Actor>("QuestionActor").implement({
  description: "Участник переписки по вопросу (кто ответил, кто уточнил).",
  fields: (t) => ({
    id: t.id({ description: "Глобальный id пользователя.", resolve: (a) => encodeGlobalID("User", a.id) }),
    fullName: t.exposeString("fullName", { description: "ФИО." }),
  }),
});

export const QuestionTopicNode = builder.prismaNode("QuestionTopic", {
  id: { field: "id" },
  description: "Тема консультационной линии (список ведёт федеральный координатор).",
  fields: (t) => ({
    title: t.exposeString("title", { description: "Название темы." }),
    position: t.exposeInt("position", { description: "Порядок в списке." }),
    active: t.exposeBoolean("active", { description: "Доступна для новых вопросов." }),
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
    viewerCanPublishFederal: t.boolean({ description: "Пользователь может опубликовать вопрос в федеральном разделе.", resolve: (_q, _a, ctx) => !!ctx.viewer && canPublishFaq(ctx.viewer.act, "FEDERAL", null) }),
    viewerCanPublishRegional: t.boolean({ description: "Пользователь может опубликовать вопрос в разделе своего региона.", resolve: (q, _a, ctx) => !!ctx.viewer && canPublishFaq(ctx.viewer.act, "REGIONAL", q.regionId) }),
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

export const FaqSearchResultRef = builder.objectRef<{ hits: FaqHit[]; total: number; capped: boolean; mode: "FULL_TEXT" | "TYPO_TOLERANT" | "BROWSE"; years: number[]; corrected: string | null }>("FaqSearchResult").implement({
  description: "Результат поиска по «Вопросам и ответам».",
  fields: (t) => ({
    hits: t.field({ type: [FaqHitRef], description: "Записи страницы, самые релевантные сначала.", resolve: (r) => r.hits }),
    total: t.exposeInt("total", { description: "Всего найдено (при totalCapped — сколько ранжировано, найдено больше)." }),
    totalCapped: t.exposeBoolean("capped", { description: "Совпадений больше, чем ранжируется (1000): самые подходящие ищутся среди первых найденных, вопросы с совпадением в формулировке — первыми. Стоит уточнить запрос." }),
    mode: t.field({ type: FaqSearchModeEnum, description: "Как найдено.", resolve: (r) => r.mode }),
    years: t.exposeIntList("years", { description: "Годы, за которые есть записи (для фильтра)." }),
    correctedText: t.string({ nullable: true, description: "Запрос с исправленными опечатками, по которому найдено (только TYPO_TOLERANT).", resolve: (r) => r.corrected }),
  }),
});
