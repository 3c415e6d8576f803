// Curator verification of measures reported done: where a measure stands, who confirmed it, why it was
// returned, whether the viewer may decide; and the two decisions.
import { builder } from "../../../builder.ts";
import { canReviewRoadmap } from "../../../auth/access.ts";
import { DomainError } from "../../../errors.ts";
import { actorName } from "../../../shared/history.ts";
import { roadmapPlace } from "../places.ts";
import { commentBody } from "../validation.ts";
import { confirmMeasure, returnMeasure, verificationOf } from "../verification.ts";
import { MeasureNode } from "./measure.ts";

export const MeasureVerificationEnum = builder.enumType("MeasureVerification", {
  description: "Проверка выполнения мероприятия куратором.",
  values: {
    PENDING: { description: "Отмечено выполненным, ожидает подтверждения куратора." },
    CONFIRMED: { description: "Выполнение подтверждено куратором." },
    RETURNED: { description: "Возвращено куратором на доработку с комментарием." },
  } as const,
});

builder.prismaObjectFields("Measure", (t) => ({
  verification: t.field({
    type: MeasureVerificationEnum,
    nullable: true,
    description: "Проверка выполнения: ожидает подтверждения, подтверждено, возвращено; пусто, пока мероприятие не отмечено выполненным.",
    select: { status: true, confirmedAt: true, returnedAt: true },
    resolve: (m) => verificationOf(m),
  }),
  confirmedAt: t.expose("confirmedAt", { type: "DateTime", nullable: true, description: "Когда куратор подтвердил выполнение." }),
  confirmedByName: t.string({
    nullable: true,
    description: "Кто подтвердил выполнение (ФИО).",
    select: { confirmedById: true },
    resolve: async (m, _a, ctx) => (m.confirmedById ? ((await actorName(ctx, m.confirmedById)) ?? null) : null),
  }),
  returnedAt: t.expose("returnedAt", { type: "DateTime", nullable: true, description: "Когда мероприятие возвращено на доработку." }),
  returnComment: t.exposeString("returnComment", { nullable: true, description: "Что доработать: комментарий куратора при возврате." }),
  viewerCanVerify: t.boolean({
    description: "Может ли текущий пользователь подтвердить выполнение или вернуть мероприятие (оно ожидает подтверждения).",
    select: { status: true, confirmedAt: true, roadmapId: true },
    resolve: async (m, _a, ctx) => {
      if (m.status !== "DONE" || m.confirmedAt || !ctx.viewer) return false;
      const place = await roadmapPlace(ctx, m.roadmapId);
      return !!place && canReviewRoadmap(ctx.viewer.act, place);
    },
  }),
}));

const errors = { types: [DomainError] };
const measureById = (ctx: { db: { measure: { findUniqueOrThrow(a: { where: { id: string } }): Promise<unknown> } } }, id: string) => ctx.db.measure.findUniqueOrThrow({ where: { id } });

builder.mutationFields((t) => ({
  confirmMeasure: t.field({
    type: MeasureNode,
    description: "Подтверждает выполнение мероприятия по его подтверждениям (куратор школы; для муниципальной карты — региональный координатор). Школа получает уведомление.",
    authScopes: { signedIn: true },
    errors,
    args: {
      id: t.arg.globalID({ for: MeasureNode, description: "Мероприятие, отмеченное выполненным." }),
      comment: t.arg.string({ required: false, validate: commentBody.nullish(), description: "Комментарий (необязательно)." }),
      revision: t.arg.int({ required: false, description: "Редакция, которую видел проверяющий." }),
    },
    resolve: async (_r, args, ctx) => measureById(ctx, (await confirmMeasure(ctx, args.id.id, args.comment, args.revision)).id) as never,
  }),
  returnMeasure: t.field({
    type: MeasureNode,
    description: "Возвращает мероприятие, отмеченное выполненным, на доработку с комментарием: оно снова «в работе», школа получает уведомление.",
    authScopes: { signedIn: true },
    errors,
    args: {
      id: t.arg.globalID({ for: MeasureNode, description: "Мероприятие, отмеченное выполненным." }),
      comment: t.arg.string({ validate: commentBody, description: "Что доработать (обязательно)." }),
      revision: t.arg.int({ required: false, description: "Редакция, которую видел проверяющий." }),
    },
    resolve: async (_r, args, ctx) => measureById(ctx, (await returnMeasure(ctx, args.id.id, args.comment, args.revision)).id) as never,
  }),
}));
