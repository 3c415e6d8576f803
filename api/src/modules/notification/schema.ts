// The bell: a viewer's notifications (newest first, unread count), marking read, and live delivery.
import { GraphQLError } from "graphql";
import { builder } from "../../builder.ts";
import { NotificationKind } from "../../../../prisma/generated/client/enums.ts";

export const NotificationKindEnum = builder.enumType(NotificationKind, { name: "NotificationKind", description: "Вид уведомления." });

export const NotificationNode = builder.prismaNode("Notification", {
  nullable: true, // node(id) of a row that does not exist answers null, not an error
  id: { field: "id" },
  description: "Уведомление пользователю.",
  // Only its recipient ever sees a notification.
  authScopes: (n, ctx) => n.recipientId === ctx.viewer?.id,
  fields: (t) => ({
    seq: t.exposeInt("id", { description: "Порядковый номер: курсор для догоняющего запроса notifications(since: …)." }),
    kind: t.expose("kind", { type: NotificationKindEnum, description: "Вид." }),
    title: t.exposeString("title", { description: "Текст уведомления." }),
    payload: t.expose("payload", { type: "JSON", description: "Связанные объекты (глобальные id)." }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "Когда создано." }),
    readAt: t.expose("readAt", { type: "DateTime", nullable: true, description: "Когда прочитано." }),
  }),
});

builder.queryFields((t) => ({
  notifications: t.withAuth({ signedIn: true }).prismaConnection({
    type: "Notification",
    cursor: "id",
    description: "Уведомления пользователя, новые сначала. Аргумент `since` (seq последнего полученного) возвращает всё, что пришло позже, — так клиент догоняет пропущенное после переподключения.",
    maxSize: 500,
    args: {
      unreadOnly: t.arg.boolean({ required: false, description: "Только непрочитанные." }),
      since: t.arg.int({ required: false, description: "Только уведомления с seq больше этого." }),
    },
    totalCount: (_c, args, ctx) =>
      ctx.db.notification.count({ where: { recipientId: ctx.viewer.id, ...(args.unreadOnly ? { readAt: null } : {}), ...(args.since != null ? { id: { gt: args.since } } : {}) } }),
    resolve: (query, _r, args, ctx) =>
      ctx.db.notification.findMany({
        ...query,
        where: { recipientId: ctx.viewer.id, ...(args.unreadOnly ? { readAt: null } : {}), ...(args.since != null ? { id: { gt: args.since } } : {}) },
        orderBy: { id: "desc" },
      }),
  }),
  unreadNotificationsCount: t.withAuth({ signedIn: true }).int({
    description: "Число непрочитанных уведомлений.",
    resolve: (_r, _a, ctx) => ctx.db.notification.count({ where: { recipientId: ctx.viewer.id, readAt: null } }),
  }),
}));

builder.mutationFields((t) => ({
  markNotificationsRead: t.withAuth({ signedIn: true }).int({
    description: "Отмечает уведомления прочитанными: перечисленные, или все при пустом списке. Возвращает число отмеченных.",
    args: { ids: t.arg.globalIDList({ for: NotificationNode, required: false, description: "Какие отметить; по умолчанию — все." }) },
    resolve: async (_r, args, ctx) => {
      const ids = args.ids?.map((g) => Number(g.id));
      if (ids?.some((n) => !Number.isInteger(n))) throw new GraphQLError("Неверный id уведомления", { extensions: { code: "BAD_USER_INPUT" } });
      const res = await ctx.db.notification.updateMany({
        where: { recipientId: ctx.viewer.id, readAt: null, ...(ids ? { id: { in: ids } } : {}) },
        data: { readAt: new Date() },
      });
      return res.count;
    },
  }),
}));

builder.subscriptionFields((t) => ({
  notificationReceived: t.withAuth({ signedIn: true }).prismaField({
    type: "Notification",
    description: "Каждое новое уведомление пользователя — сразу, как оно записано.",
    subscribe: (_r, _a, ctx) => ctx.pubsub.subscribe("notification:created", ctx.viewer.id),
    resolve: async (query, event: { notificationId: number }, _a, ctx) => ctx.db.notification.findUniqueOrThrow({ ...query, where: { id: event.notificationId } }),
  }),
}));
