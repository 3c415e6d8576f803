// The positive-practices bank: a practice with its reviews; search, the submissions boxes, one practice;
// submit, resubmit, publish, return, copy into a school's roadmap.
import { encodeGlobalID } from "@pothos/plugin-relay";
import { builder } from "../../../builder.ts";
import { canReviewPractice, canSubmitPractice, practiceWhere } from "../../../auth/access.ts";
import { PracticeStatus } from "../../../../../prisma/generated/client/enums.ts";
import { z } from "zod";
import type { Context, SignedInContext } from "../../../context.ts";
import type { Prisma } from "../../../db.ts";
import { DomainError } from "../../../errors.ts";
import { copyPracticeToRoadmap, decidePractice, resubmitPractice, submitPractice } from "../practices.ts";
import { searchPractices } from "../search.ts";
import { materialSearchText, materialUrl } from "../validation.ts";
import { MeasureNode } from "../../roadmap/schema/measure.ts";
import { RegionNode } from "../../territory/schema.ts";
import { RiskFactorNode } from "../../diagnostics/schema.ts";
import { SchoolNode } from "../../school/schema.ts";
import { ParticipationNode } from "../../programme/schema.ts";

export const PracticeStatusEnum = builder.enumType(PracticeStatus, {
  name: "PracticeStatus",
  description: "Статус практики: SUBMITTED — на проверке, PUBLISHED — опубликована, RETURNED — на доработке.",
});

export const PRACTICE_STATUS_LABEL: Record<PracticeStatus, string> = { SUBMITTED: "на проверке", PUBLISHED: "опубликована", RETURNED: "на доработке" };

export const PracticeReviewRef = builder.prismaObject("PracticeReview", {
  description: "Решение по практике: опубликована или возвращена с комментарием.",
  fields: (t) => ({
    id: t.exposeID("id", { description: "id решения (uuid)." }),
    decision: t.expose("decision", { type: PracticeStatusEnum, description: "Решение." }),
    comment: t.exposeString("comment", { nullable: true, description: "Комментарий (обязателен при возврате)." }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "Когда." }),
  }),
});

export const PracticeNode = builder.prismaNode("Practice", {
  id: { field: "id" },
  description: "Положительная практика: опубликованные видят все; предложенные и возвращённые — школа, куратор, координаторы и автор.",
  select: { status: true, publishedById: true, schoolId: true, school: { select: { municipality: { select: { regionId: true } } } } },
  authScopes: (p, ctx) => (p.status === "PUBLISHED" || p.publishedById === ctx.viewer?.id ? { signedIn: true } : { canSeeSchool: p.schoolId ?? "" }),
  fields: (t) => ({
    title: t.exposeString("title", { description: "Название." }),
    description: t.exposeString("description", { description: "Что сделано." }),
    result: t.exposeString("result", { nullable: true, description: "Результат с цифрами." }),
    url: t.exposeString("url", { nullable: true, description: "Ссылка на материалы практики." }),
    status: t.expose("status", { type: PracticeStatusEnum, description: "Статус." }),
    statusLabel: t.string({ description: "Статус по-русски.", resolve: (p) => PRACTICE_STATUS_LABEL[p.status] }),
    school: t.relation("school", { nullable: true, description: "Школа (объект — тем, кому школа видна; название — в schoolName)." }),
    schoolName: t.string({
      nullable: true,
      description: "Краткое название школы-автора (видно всем, как и опубликованная практика).",
      select: { school: { select: { shortName: true } } },
      resolve: (p) => p.school?.shortName ?? null,
    }),
    riskFactor: t.relation("riskFactor", { nullable: true, description: "Фактор риска." }),
    regionName: t.string({
      nullable: true,
      description: "Регион школы.",
      select: { school: { select: { municipality: { select: { region: { select: { name: true } } } } } } },
      resolve: (p) => p.school?.municipality.region.name ?? null,
    }),
    submittedAt: t.expose("submittedAt", { type: "DateTime", nullable: true, description: "Когда отправлена на проверку." }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "Когда предложена." }),
    reviews: t.relation("reviews", { description: "Решения, новые сначала.", query: { orderBy: { createdAt: "desc" }, take: 50 } }),
    measureTitles: t.stringList({
      description: "Мероприятия дорожной карты, из которых выросла практика.",
      select: { measures: { take: 50, select: { measure: { select: { title: true } } } } },
      resolve: (p) => p.measures.map((m) => m.measure.title),
    }),
    viewerCanReview: t.boolean({
      description: "Пользователь может опубликовать или вернуть практику (сейчас она на проверке).",
      resolve: (p, _a, ctx) => p.status === "SUBMITTED" && !!ctx.viewer && canReviewPractice(ctx.viewer.act, p.school?.municipality.regionId ?? null),
    }),
    viewerCanResubmit: t.boolean({
      description: "Пользователь может исправить и снова отправить практику (она на доработке).",
      resolve: (p, _a, ctx) => p.status === "RETURNED" && !!ctx.viewer && !!p.schoolId && canSubmitPractice(ctx.viewer.act, p.schoolId),
    }),
    authorId: t.id({ description: "Глобальный id автора.", resolve: (p) => encodeGlobalID("User", p.publishedById) }),
  }),
});

const errors = { types: [DomainError] };

const practiceTitle = z.string().trim().min(1, "Укажите название практики").max(300, "Название не длиннее 300 символов");

const practiceText = z.string().trim().min(1, "Опишите, что сделано").max(10_000, "Описание не длиннее 10000 символов");

const practiceResult = z.string().trim().max(5000, "Результат не длиннее 5000 символов");

const returnComment = z.string().trim().min(1, "Напишите, что доработать").max(5000, "Комментарий не длиннее 5000 символов");

const PracticeSearchResult = builder.objectRef<{ total: number; ids: string[] }>("PracticeSearchResult").implement({
  description: "Страница результатов поиска по банку практик.",
  fields: (t) => ({
    total: t.exposeInt("total", { description: "Сколько практик подходит." }),
    practices: t.prismaField({
      type: ["Practice"],
      description: "Практики страницы, по релевантности (без запроса — недавно опубликованные сначала).",
      resolve: async (query, parent, _a, ctx) => {
        const rows = await ctx.db.practice.findMany({ ...query, where: { id: { in: parent.ids } } });
        const order = new Map(parent.ids.map((id, i) => [id, i]));
        return rows.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
      },
    }),
  }),
});

const PracticeBox = builder.enumType("PracticeBox", {
  description: "Какие предложенные практики показать.",
  values: {
    MINE: { description: "Практики моих школ (школа, куратор) и предложенные мной." },
    REVIEW: { description: "Ждут моего решения (координатор региона)." },
  } as const,
});

function boxWhere(box: "MINE" | "REVIEW", ctx: SignedInContext): Prisma.PracticeWhereInput {
  const v = ctx.viewer;
  if (box === "REVIEW") {
    const act = v.act;
    return { AND: [{ status: "SUBMITTED" }, act.all ? {} : { school: { municipality: { regionId: { in: act.regionIds.size ? [...act.regionIds] : ["00000000-0000-0000-0000-000000000000"] } } } }] };
  }
  const schools = [...new Set([...v.act.schoolIds, ...v.act.curatedSchoolIds])];
  return { AND: [practiceWhere(v.read, v.id), { OR: [{ publishedById: v.id }, { schoolId: { in: schools.length ? schools : ["00000000-0000-0000-0000-000000000000"] } }] }] };
}

const PracticeInput = builder.inputType("PracticeInput", {
  description: "Практика: что сделано, результат с цифрами, фактор риска, мероприятия дорожной карты, из которых она выросла.",
  fields: (t) => ({
    title: t.string({ validate: practiceTitle, description: "Название (1–300 символов)." }),
    description: t.string({ validate: practiceText, description: "Что сделано (до 10000 символов)." }),
    result: t.string({ required: false, validate: practiceResult, description: "Результат с цифрами (до 5000 символов)." }),
    riskFactorId: t.globalID({ for: RiskFactorNode, required: false, description: "Фактор риска." }),
    url: t.string({ required: false, validate: materialUrl, description: "Ссылка на материалы практики." }),
    measureIds: t.globalIDList({ for: MeasureNode, required: false, validate: z.array(z.any()).max(50, "Не больше 50 мероприятий"), description: "Мероприятия дорожной карты школы (до 50)." }),
  }),
});

const fieldsOf = (input: typeof PracticeInput.$inferInput) => ({
  title: input.title,
  description: input.description,
  result: input.result,
  url: input.url,
  riskFactorId: input.riskFactorId?.id ?? null,
  measureIds: input.measureIds ? input.measureIds.map((m) => m.id) : null,
});

const reload = (ctx: Context, id: string) => ctx.db.practice.findUniqueOrThrow({ where: { id }, include: { school: { select: { municipality: { select: { regionId: true } } } } } });

builder.queryFields((t) => ({
  practices: t.field({
    type: PracticeSearchResult,
    description: "Банк положительных практик (опубликованные): полнотекстовый поиск по-русски, фильтры по фактору риска и региону.",
    authScopes: { signedIn: true },
    args: {
      text: t.arg.string({ required: false, validate: materialSearchText, description: "Запрос." }),
      riskFactor: t.arg.int({ required: false, validate: z.number().int().min(1).max(30), description: "Номер фактора риска." }),
      regionId: t.arg.globalID({ for: RegionNode, required: false, description: "Регион школы." }),
      first: t.arg.int({ required: false, validate: z.number().int().min(1).max(50, "Не больше 50 результатов"), description: "Размер страницы (до 50)." }),
      offset: t.arg.int({ required: false, validate: z.number().int().min(0).max(10_000), description: "Сколько пропустить." }),
    },
    resolve: (_r, args, ctx) => searchPractices(ctx.db, { text: args.text, riskFactor: args.riskFactor, regionId: args.regionId?.id ?? null, limit: args.first ?? 20, offset: args.offset ?? 0 }),
  }),
  practiceSubmissions: t.withAuth({ signedIn: true }).prismaField({
    type: ["Practice"],
    description: "Предложенные практики: мои (школа, куратор) или ждущие решения координатора; новые сначала, до 200.",
    args: { box: t.arg({ type: PracticeBox, description: "Мои или на проверку." }) },
    resolve: (query, _r, args, ctx) =>
      ctx.db.practice.findMany({ ...query, where: boxWhere(args.box, ctx), orderBy: [{ submittedAt: { sort: "desc", nulls: "last" } }, { createdAt: "desc" }], take: 200 }),
  }),
  practice: t.withAuth({ signedIn: true }).prismaField({
    type: "Practice",
    nullable: true,
    description: "Практика по глобальному id (если видна пользователю).",
    args: { id: t.arg.globalID({ for: PracticeNode }) },
    resolve: (query, _r, args, ctx) => ctx.db.practice.findFirst({ ...query, where: { AND: [{ id: args.id.id }, practiceWhere(ctx.viewer.read, ctx.viewer.id)] } }),
  }),
}));

builder.mutationFields((t) => ({
  submitPractice: t.field({
    type: PracticeNode,
    description: "Предложить практику школы в банк (школа или её куратор). Координаторы региона получают уведомление PRACTICE_SUBMITTED.",
    authScopes: { signedIn: true },
    errors,
    args: { schoolId: t.arg.globalID({ for: SchoolNode, description: "Школа." }), input: t.arg({ type: PracticeInput }) },
    resolve: async (_r, args, ctx) => reload(ctx, (await submitPractice(ctx, args.schoolId.id, fieldsOf(args.input))).id),
  }),
  resubmitPractice: t.field({
    type: PracticeNode,
    description: "Исправить возвращённую практику и снова отправить на проверку.",
    authScopes: { signedIn: true },
    errors,
    args: { id: t.arg.globalID({ for: PracticeNode, description: "Практика." }), input: t.arg({ type: PracticeInput }) },
    resolve: async (_r, args, ctx) => reload(ctx, (await resubmitPractice(ctx, args.id.id, fieldsOf(args.input))).id),
  }),
  publishPractice: t.field({
    type: PracticeNode,
    description: "Опубликовать практику в банке (координатор региона школы). Автор получает уведомление.",
    authScopes: { federal: true, regionAdmin: true },
    errors,
    args: { id: t.arg.globalID({ for: PracticeNode, description: "Практика." }) },
    resolve: async (_r, args, ctx) => reload(ctx, (await decidePractice(ctx, args.id.id, "PUBLISHED")).id),
  }),
  returnPractice: t.field({
    type: PracticeNode,
    description: "Вернуть практику на доработку с комментарием (обязателен). Автор получает уведомление.",
    authScopes: { federal: true, regionAdmin: true },
    errors,
    args: { id: t.arg.globalID({ for: PracticeNode, description: "Практика." }), comment: t.arg.string({ validate: returnComment, description: "Что доработать." }) },
    resolve: async (_r, args, ctx) => reload(ctx, (await decidePractice(ctx, args.id.id, "RETURNED", args.comment)).id),
  }),
  copyPracticeToRoadmap: t.field({
    type: "Int",
    description: "Скопировать опубликованную практику в дорожную карту школы черновыми мероприятиями (права — как на правку дорожной карты). Возвращает число созданных мероприятий.",
    authScopes: { signedIn: true },
    errors,
    args: {
      id: t.arg.globalID({ for: PracticeNode, description: "Практика." }),
      participationId: t.arg.globalID({ for: ParticipationNode, description: "Участие школы (год), в чью дорожную карту копировать." }),
    },
    resolve: async (_r, args, ctx) => (await copyPracticeToRoadmap(ctx, args.id.id, args.participationId.id)).length,
  }),
}));
