// A reviewer's decision on a submitted version.
import { builder } from "../../../builder.ts";
import { ReviewDecision } from "../../../../../prisma/generated/client/enums.ts";
import { ActorRef, actorField } from "./actor.ts";
import { documentOwner } from "./rows.ts";

export const ReviewDecisionEnum = builder.enumType(ReviewDecision, {
  name: "ReviewDecision",
  description: "Решение проверяющего: APPROVED — принять, RETURNED — вернуть на доработку.",
});

export const ReviewRef = builder.prismaObject("Review", {
  description: "Решение по отправленной версии документа.",
  include: { document: documentOwner },
  authScopes: (r) => ({ canSeeParticipation: { id: r.document.participationId, schoolId: r.document.participation.schoolId } }),
  fields: (t) => ({
    id: t.exposeID("id", { description: "Идентификатор решения." }),
    decision: t.expose("decision", { type: ReviewDecisionEnum, description: "Решение." }),
    comment: t.exposeString("comment", { nullable: true, description: "Комментарий (обязателен при возврате)." }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "Когда принято решение." }),
    reviewer: t.field({ type: ActorRef, nullable: true, description: "Кто принял решение.", resolve: (r, _a, ctx) => actorField(ctx, r.reviewerId) }),
    version: t.relation("version", { description: "Рассмотренная версия." }),
  }),
});
