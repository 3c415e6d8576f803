// Recommendations per risk factor and significance: read with the factor and on every profile entry,
// written by the federal coordinator.
import { z } from "zod";
import { builder } from "../../../builder.ts";
import { DomainError } from "../../../errors.ts";
import { RiskFactorNode, SignificanceEnum } from "../schema.ts";
import { recommendationFor, saveRiskRecommendations } from "../recommendations.ts";

builder.prismaObject("RiskRecommendation", {
  description: "Рекомендация школе по фактору риска при данной значимости.",
  fields: (t) => ({
    id: t.exposeID("id"),
    significance: t.expose("significance", { type: SignificanceEnum, description: "Значимость, к которой относится рекомендация." }),
    text: t.exposeString("text", { description: "Текст рекомендации." }),
    updatedAt: t.expose("updatedAt", { type: "DateTime", description: "Когда изменена." }),
  }),
});

builder.prismaObjectFields("RiskFactor", (t) => ({
  recommendations: t.relation("recommendations", {
    description: "Рекомендации по фактору: для высокой, средней и низкой значимости (какие заданы).",
    query: { orderBy: { significance: "asc" } },
  }),
}));

builder.prismaObjectFields("RiskProfileEntry", (t) => ({
  recommendation: t.string({
    nullable: true,
    description: "Рекомендация по фактору при его значимости в этом профиле (пусто, если не задана).",
    select: { riskFactorId: true, significance: true },
    resolve: (e, _a, ctx) => recommendationFor(ctx, e.riskFactorId, e.significance),
  }),
}));

const recommendationText = z.string().max(5000, "Рекомендация не длиннее 5000 символов").nullish();

const SaveRiskRecommendationsInput = builder.inputType("SaveRiskRecommendationsInput", {
  description: "Рекомендации по одному фактору риска; пустой текст убирает рекомендацию, не переданный уровень не меняется.",
  fields: (t) => ({
    riskFactorId: t.globalID({ for: RiskFactorNode, description: "Фактор риска." }),
    high: t.string({ required: false, description: "При высокой значимости." }),
    medium: t.string({ required: false, description: "При средней значимости." }),
    low: t.string({ required: false, description: "При низкой значимости." }),
  }),
});

builder.mutationFields((t) => ({
  saveRiskRecommendations: t.prismaField({
    type: "RiskFactor",
    description: "Сохраняет рекомендации по фактору риска для высокой, средней и низкой значимости (федеральный координатор).",
    authScopes: { federal: true },
    errors: { types: [DomainError] },
    args: { input: t.arg({ type: SaveRiskRecommendationsInput }) },
    validate: z.object({ input: z.object({ high: recommendationText, medium: recommendationText, low: recommendationText }).passthrough() }),
    resolve: async (query, _r, { input }, ctx) => {
      const texts: Record<string, string | null> = {};
      if (input.high !== undefined) texts.HIGH = input.high ?? null;
      if (input.medium !== undefined) texts.MEDIUM = input.medium ?? null;
      if (input.low !== undefined) texts.LOW = input.low ?? null;
      const f = await saveRiskRecommendations(ctx, input.riskFactorId.id, texts);
      // A selection of only __typename gives an empty `select`, which Prisma refuses: read the row then.
      const empty = "select" in query && !!query.select && Object.keys(query.select).length === 0;
      return ctx.db.riskFactor.findUniqueOrThrow({ ...(empty ? {} : query), where: { id: f.id } });
    },
  }),
}));
