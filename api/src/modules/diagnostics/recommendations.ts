// Recommendations per risk factor and significance: what a school does about a factor that came out
// high, medium or low. The federal coordinator writes them; every profile shows the one matching each
// factor's significance. Service order: assert → write with audit in one transaction.
import type { Context } from "../../context.ts";
import { forbidden, notFound } from "../../errors.ts";
import { canEditRiskRecommendations } from "../../auth/access.ts";
import type { Significance } from "../../../../prisma/generated/client/enums.ts";
import { load } from "../../shared/loader.ts";
import { audit } from "../audit/service.ts";

export const LEVELS: Significance[] = ["HIGH", "MEDIUM", "LOW"];

/** The texts for one factor: a level left empty (or null) has no recommendation. */
export type RecommendationTexts = Partial<Record<Significance, string | null>>;

/**
 * Replaces the recommendations of one factor for the levels given (an empty text removes that level's
 * recommendation; a level not given stays as it is). Federal coordinator only; audited with before/after.
 */
export async function saveRiskRecommendations(ctx: Context, riskFactorId: string, texts: RecommendationTexts) {
  const viewer = ctx.viewer;
  if (!viewer || !canEditRiskRecommendations(viewer.act)) throw forbidden("Рекомендации по факторам риска ведёт федеральный координатор");
  const factor = await ctx.db.riskFactor.findUnique({ where: { id: riskFactorId }, select: { id: true, number: true } });
  if (!factor) throw notFound("Фактор риска не найден");
  await ctx.db.$transaction(async (tx) => {
    const before = await tx.riskRecommendation.findMany({ where: { riskFactorId }, select: { significance: true, text: true } });
    for (const level of LEVELS) {
      if (!(level in texts)) continue;
      const text = texts[level]?.trim() ?? "";
      const where = { riskFactorId_significance: { riskFactorId, significance: level } };
      if (text) await tx.riskRecommendation.upsert({ where, create: { riskFactorId, significance: level, text }, update: { text } });
      else await tx.riskRecommendation.deleteMany({ where: { riskFactorId, significance: level } });
    }
    const after = await tx.riskRecommendation.findMany({ where: { riskFactorId }, select: { significance: true, text: true } });
    const plain = (rows: { significance: Significance; text: string }[]) => Object.fromEntries(rows.map((r) => [r.significance, r.text]));
    await audit(tx, {
      actorId: viewer.id,
      action: "riskFactor.recommendations",
      entityType: "RiskFactor",
      entityId: riskFactorId,
      before: { factor: factor.number, ...plain(before) },
      after: { factor: factor.number, ...plain(after) },
    });
  });
  return factor;
}

/** The recommendation for a factor at a significance, batched per request (one query for a profile). */
export const recommendationFor = (ctx: Context, riskFactorId: string, significance: Significance) =>
  load(
    ctx,
    "diagnostics.recommendation",
    async (keys: string[]) => {
      const ids = [...new Set(keys.map((k) => k.split(":")[0]!))];
      const rows = await ctx.db.riskRecommendation.findMany({ where: { riskFactorId: { in: ids } }, select: { riskFactorId: true, significance: true, text: true } });
      return new Map(rows.map((r) => [`${r.riskFactorId}:${r.significance}`, r.text]));
    },
    `${riskFactorId}:${significance}`,
  ).then((t) => t ?? null);
