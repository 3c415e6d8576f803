// The significance rules editor: the federal coordinator adds, changes and removes a year's rules (which
// questions of which questionnaires, how combined, the thresholds for высокая / средняя). Every change is
// audited against the year (so removed rules keep their history) and recomputes, in the same transaction,
// the profiles of the year's schools that have survey results: a rule change shows on the profiles at once.
import type { Context } from "../../context.ts";
import type { Prisma } from "../../db.ts";
import { DomainError, forbidden, notFound } from "../../errors.ts";
import { canEditSignificanceRules } from "../../auth/access.ts";
import { requireViewer } from "../../auth/require-viewer.ts";
import type { IndicatorCombination } from "../../../../prisma/generated/client/enums.ts";
import { audit } from "../audit/service.ts";
import { recomputeProfiles } from "./compute.ts";

/** A year of 5,000 schools is recomputed inside the change: give it time. */
const TX = { maxWait: 15_000, timeout: 120_000 } as const;

/** History of a year's rules: audit events on the year, so a removed rule's history stays. */
export const RULES_ENTITY = "SignificanceRules";

export interface RuleInput {
  riskFactorId: string;
  indicatorTitle: string;
  questionCodes: string[];
  combination: IndicatorCombination;
  highFrom: number;
  mediumFrom: number;
}

export class RuleFactorError extends DomainError {
  constructor(message: string) {
    super(message, "UNKNOWN_RISK_FACTOR");
  }
}

const plain = (r: { indicatorTitle: string; questionCodes: string[]; combination: string; highFrom: unknown; mediumFrom: unknown; riskFactor: { number: number } }) => ({
  factor: r.riskFactor.number,
  indicatorTitle: r.indicatorTitle,
  questionCodes: r.questionCodes,
  combination: r.combination,
  highFrom: Number(r.highFrom),
  mediumFrom: Number(r.mediumFrom),
});

function assertEditor(ctx: Context) {
  const viewer = ctx.viewer;
  if (!viewer || !canEditSignificanceRules(viewer.act)) throw forbidden("Правила значимости ведёт федеральный координатор");
  return viewer;
}

async function factorOf(ctx: Context, riskFactorId: string) {
  const f = await ctx.db.riskFactor.findUnique({ where: { id: riskFactorId }, select: { id: true, number: true, programmeYearId: true } });
  if (!f) throw new RuleFactorError("Фактор риска не найден");
  return f;
}

/** A fresh internal code for a rule (unique per year; users never see it). */
const codeFor = (factor: number) => `F${String(factor).padStart(2, "0")}_${Date.now().toString(36).toUpperCase()}${Math.random().toString(36).slice(2, 5).toUpperCase()}`;

async function afterChange(tx: Prisma.TransactionClient, ctx: Context, programmeYearId: string) {
  return recomputeProfiles(tx, requireViewer(ctx).id, programmeYearId, null);
}

/** Adds a rule to the factor's year (federal coordinator); recomputes the year's profiles. */
export async function createSignificanceRule(ctx: Context, input: RuleInput) {
  const viewer = assertEditor(ctx);
  const factor = await factorOf(ctx, input.riskFactorId);
  const { rule, publish } = await ctx.db.$transaction(async (tx) => {
    const rule = await tx.significanceRule.create({
      data: { ...input, programmeYearId: factor.programmeYearId, indicatorCode: codeFor(factor.number) },
      include: { riskFactor: { select: { number: true } } },
    });
    await audit(tx, { actorId: viewer.id, action: "significanceRule.create", entityType: RULES_ENTITY, entityId: factor.programmeYearId, after: plain(rule) });
    const r = await afterChange(tx, ctx, factor.programmeYearId);
    return { rule, publish: r.publish };
  }, TX);
  publish(ctx.pubsub);
  return rule;
}

/** Changes a rule (its factor may change within the same year); recomputes the year's profiles. */
export async function updateSignificanceRule(ctx: Context, id: string, input: RuleInput) {
  const viewer = assertEditor(ctx);
  const before = await ctx.db.significanceRule.findUnique({ where: { id }, include: { riskFactor: { select: { number: true } } } });
  if (!before) throw notFound("Правило значимости не найдено");
  const factor = await factorOf(ctx, input.riskFactorId);
  if (factor.programmeYearId !== before.programmeYearId) throw new RuleFactorError("Фактор риска относится к другому году проекта");
  const { rule, publish } = await ctx.db.$transaction(async (tx) => {
    const rule = await tx.significanceRule.update({ where: { id }, data: input, include: { riskFactor: { select: { number: true } } } });
    await audit(tx, { actorId: viewer.id, action: "significanceRule.update", entityType: RULES_ENTITY, entityId: before.programmeYearId, before: plain(before), after: plain(rule) });
    const r = await afterChange(tx, ctx, before.programmeYearId);
    return { rule, publish: r.publish };
  }, TX);
  publish(ctx.pubsub);
  return rule;
}

/** Removes a rule; its factor then follows its other rules (or is «низкая» without any). */
export async function deleteSignificanceRule(ctx: Context, id: string) {
  const viewer = assertEditor(ctx);
  const before = await ctx.db.significanceRule.findUnique({ where: { id }, include: { riskFactor: { select: { number: true } } } });
  if (!before) throw notFound("Правило значимости не найдено");
  const publish = await ctx.db.$transaction(async (tx) => {
    await tx.significanceRule.delete({ where: { id } });
    await audit(tx, { actorId: viewer.id, action: "significanceRule.delete", entityType: RULES_ENTITY, entityId: before.programmeYearId, before: plain(before) });
    return (await afterChange(tx, ctx, before.programmeYearId)).publish;
  }, TX);
  publish(ctx.pubsub);
  return before;
}
