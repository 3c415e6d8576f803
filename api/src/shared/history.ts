// History of changes as the API shows it: audit events of one entity (a risk profile, a measure), with
// who made the change, when, before/after and why. Read in batches so lists do not query per row.
import { builder } from "../builder.ts";
import type { Context } from "../context.ts";
import { load } from "./loader.ts";
import type { AuditEvent } from "../../../prisma/generated/client/client.ts";

type AuditRow = AuditEvent;

/** Names of the people behind audit events, one query per request tick. */
export const actorName = (ctx: Context, id: string) =>
  load(
    ctx,
    "history.actorName",
    async (ids: string[]) => {
      const users = await ctx.db.user.findMany({ where: { id: { in: ids } }, select: { id: true, fullName: true } });
      return new Map(users.map((u) => [u.id, u.fullName]));
    },
    id,
  );

export const ChangeRecord = builder.prismaObject("AuditEvent", {
  variant: "ChangeRecord",
  description: "Запись истории изменений: кто, когда, что было и стало, почему.",
  fields: (t) => ({
    seq: t.string({ description: "Порядковый номер записи.", resolve: (e) => String(e.id) }),
    action: t.exposeString("action", { description: "Код действия, например measure.update, riskProfile.confirm." }),
    at: t.expose("createdAt", { type: "DateTime", description: "Когда." }),
    actorName: t.string({
      nullable: true,
      description: "Кто внёс изменение (ФИО); пусто для автоматических действий.",
      resolve: async (e, _a, ctx) => (e.actorId ? ((await actorName(ctx, e.actorId)) ?? null) : null),
    }),
    before: t.expose("before", { type: "JSON", nullable: true, description: "Значения до изменения." }),
    after: t.expose("after", { type: "JSON", nullable: true, description: "Значения после изменения." }),
    reason: t.exposeString("reason", { nullable: true, description: "Причина изменения (обязательна после верификации или при отмене)." }),
  }),
});

/** The history of entities of one type, oldest first, batched per request tick. */
export const historyOf = (ctx: Context, entityType: string, entityId: string) =>
  load(
    ctx,
    `history.${entityType}`,
    async (ids: string[]) => {
      const rows = await ctx.db.auditEvent.findMany({ where: { entityType, entityId: { in: ids } }, orderBy: { id: "asc" } });
      const byId = new Map<string, AuditRow[]>(ids.map((id) => [id, []]));
      for (const r of rows) byId.get(r.entityId)!.push(r);
      return byId;
    },
    entityId,
  ).then((rows) => rows ?? []);
