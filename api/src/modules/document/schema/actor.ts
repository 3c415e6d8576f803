// Who uploaded, submitted or decided: the actor of a document's history.
import { encodeGlobalID } from "@pothos/plugin-relay";
import { builder } from "../../../builder.ts";
import type { Context } from "../../../context.ts";
import { actorOf, type Actor } from "../actors.ts";

export const ActorRef = builder.objectRef<Actor>("DocumentActor").implement({
  description: "Участник истории документа (кто загрузил, отправил или рассмотрел).",
  fields: (t) => ({
    id: t.id({ description: "Глобальный id пользователя.", resolve: (a) => encodeGlobalID("User", a.id) }),
    fullName: t.exposeString("fullName", { description: "ФИО." }),
  }),
});

export const actorField = (ctx: Context, id: string | null) => actorOf(ctx, id);
