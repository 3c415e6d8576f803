// Comments on a measure, and commenting.
import { builder } from "../../../builder.ts";
import { actorName } from "../../../shared/history.ts";
import { commentMeasure } from "../service.ts";
import { commentBody } from "../validation.ts";
import { errors, measureById, MeasureNode } from "./measure.ts";

builder.prismaObject("MeasureComment", {
  description: "Комментарий к мероприятию.",
  fields: (t) => ({
    id: t.exposeID("id"),
    body: t.exposeString("body", { description: "Текст." }),
    authorName: t.string({
      nullable: true,
      description: "Автор (ФИО).",
      select: { authorId: true },
      resolve: async (c, _a, ctx) => (await actorName(ctx, c.authorId)) ?? null,
    }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "Когда написан." }),
  }),
});

builder.mutationFields((t) => ({
  commentMeasure: t.field({
    type: MeasureNode,
    description: "Комментарий к мероприятию: школа, её куратор, координаторы. Остальные участники получают уведомление.",
    authScopes: { signedIn: true },
    errors,
    args: {
      id: t.arg.globalID({ for: MeasureNode, description: "Мероприятие." }),
      body: t.arg.string({ validate: commentBody, description: "Текст комментария." }),
    },
    resolve: async (_r, args, ctx) => measureById(ctx, (await commentMeasure(ctx, args.id.id, args.body)).id),
  }),
}));
