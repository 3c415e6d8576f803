// A document's history: every upload, submission and decision in order.
import { builder } from "../../../builder.ts";
import { ActorRef, actorField } from "./actor.ts";

const HistoryActionEnum = builder.enumType("DocumentHistoryAction", {
  description: "Событие истории документа.",
  values: {
    UPLOADED: { description: "Загружена версия." },
    SUBMITTED: { description: "Версия отправлена на проверку." },
    APPROVED: { description: "Документ принят." },
    RETURNED: { description: "Документ возвращён на доработку." },
  } as const,
});

export interface HistoryEntry {
  at: Date;
  action: "UPLOADED" | "SUBMITTED" | "APPROVED" | "RETURNED";
  actorId: string | null;
  versionNumber: number;
  comment: string | null;
  key: string;
}

export const HistoryEntryRef = builder.objectRef<HistoryEntry>("DocumentHistoryEntry").implement({
  description: "Событие истории документа.",
  fields: (t) => ({
    at: t.expose("at", { type: "DateTime", description: "Когда." }),
    action: t.field({ type: HistoryActionEnum, description: "Что произошло.", resolve: (e) => e.action }),
    actor: t.field({ type: ActorRef, nullable: true, description: "Кто.", resolve: (e, _a, ctx) => actorField(ctx, e.actorId) }),
    versionNumber: t.exposeInt("versionNumber", { description: "Номер версии." }),
    comment: t.exposeString("comment", { nullable: true, description: "Комментарий решения или примечание к версии." }),
  }),
});
