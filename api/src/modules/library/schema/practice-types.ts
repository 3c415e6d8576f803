// Positive-practice types: the practice with its review history and linked measures.
import { encodeGlobalID } from "@pothos/plugin-relay";
import { builder } from "../../../builder.ts";
import { canReviewPractice, canSubmitPractice } from "../../../auth/access.ts";
import { PracticeStatus } from "../../../../../prisma/generated/client/enums.ts";

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
    schoolName: t.string({ nullable: true, description: "Краткое название школы-автора (видно всем, как и опубликованная практика).", select: { school: { select: { shortName: true } } }, resolve: (p) => p.school?.shortName ?? null }),
    riskFactor: t.relation("riskFactor", { nullable: true, description: "Фактор риска." }),
    regionName: t.string({ nullable: true, description: "Регион школы.", select: { school: { select: { municipality: { select: { region: { select: { name: true } } } } } } }, resolve: (p) => p.school?.municipality.region.name ?? null }),
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
