// Limits on what one GraphQL document may ask for. Regional analysts write their own queries, so a
// careless or hostile one must be refused before it runs: too deep, too many aliases or directives, too
// many tokens, too costly (graphql-armor). Each refusal is a GraphQL error in Russian naming the limit,
// with `extensions.code = QUERY_LIMIT` and `extensions.limit`. The values are tuned so that every page of
// the web app and every documented report query (docs/reporting.md) passes with room to spare.
// Page sizes are capped separately by the connections themselves (500 rows).
import { EnvelopArmorPlugin } from "@escape.tech/graphql-armor";
import { GraphQLError, Kind, type ASTNode, type ValidationContext, type ValidationRule } from "graphql";
import type { Plugin } from "graphql-yoga";

export const QUERY_LIMITS = {
  /** Nesting of selections (a report row → its school → municipality → region is 6–7). */
  maxDepth: 12,
  /** Aliased fields in one document (comparing a few regions side by side needs a handful). */
  maxAliases: 20,
  maxDirectives: 30,
  /** Lexical tokens of the document (the longest documented report is ~200). */
  maxTokens: 4000,
  /**
   * graphql-armor's cost: objects 2, scalars 1, ×1.5 per level, × a literal first/last (at most 500).
   * One page of 500 rows with deep fields (a school's roadmap of 500 measures) is ≈300 000; a page of
   * pages (500 regions × 500 municipalities) is tens of millions.
   */
  maxCost: 1_000_000,
};

/** The largest page a connection returns: a larger `first` costs what it can actually fetch. */
const PAGE_CAP = 500;

type LimitName = keyof typeof QUERY_LIMITS;

const WHAT: Record<LimitName, string> = {
  maxDepth: "глубина вложенности полей",
  maxAliases: "число псевдонимов (aliases)",
  maxDirectives: "число директив",
  maxTokens: "длина запроса в лексемах",
  maxCost: "оценочная стоимость запроса",
};

const HINT: Record<LimitName, string> = {
  maxDepth: "Разбейте запрос на несколько или уберите лишние уровни.",
  maxAliases: "Запросите строки одним полем с фильтром вместо многих псевдонимов.",
  maxDirectives: "Уберите повторяющиеся директивы.",
  maxTokens: "Сократите запрос или разбейте его на несколько.",
  maxCost: "Уменьшите first/last, число полей или вложенность; листайте страницами.",
};

/** The Russian error of a broken limit; `found` is the document's value when armor reports it. */
export function limitError(limit: LimitName, found?: number): GraphQLError {
  const max = QUERY_LIMITS[limit];
  const value = found != null ? ` — ${found}, а` : ":";
  return new GraphQLError(`Запрос отклонён (лимит ${limit}): ${WHAT[limit]}${value} допустимо не больше ${max}. ${HINT[limit]}`, {
    extensions: { code: "QUERY_LIMIT", limit, max, ...(found != null ? { found } : {}), http: { status: 400 } },
  });
}

const foundIn = (e: GraphQLError) => {
  const m = /found (\d+(?:\.\d+)?)/.exec(e.message);
  return m ? Math.round(Number(m[1])) : undefined;
};

/** armor reports through the validation context, so a refusal is an ordinary validation error. */
const report = (limit: LimitName) => ({
  exposeLimits: true,
  propagateOnRejection: false,
  onReject: [(ctx: ValidationContext | null, e: GraphQLError) => ctx?.reportError(limitError(limit, foundIn(e)))],
});

/**
 * The cost of an operation by graphql-armor's formula (objects 2, scalars 1, each level ×1.5, a list
 * × its literal `first`/`last`), except that a page counts at most 500 rows — connections never return
 * more, so `first: 100000` costs what 500 rows cost instead of being refused — and that fragments cost
 * what their fields cost, wherever they are spread: a spread counts its whole expansion (two spreads of
 * a fragment cost twice as much). A fragment's cost does not depend on where it is spread, so each is
 * walked once per document (`memo`) and the walk is linear in the document's size: fragments that spread
 * the previous one twice cost 2^n without 2^n steps. Introspection is free.
 */
export function operationCost(node: ASTNode, ctx: ValidationContext, memo = new Map<string, number>(), visiting = new Set<string>()): number {
  const sum = (selections: readonly ASTNode[]) => selections.reduce((total, child) => total + operationCost(child, ctx, memo, visiting), 0);
  switch (node.kind) {
    case Kind.OPERATION_DEFINITION:
    case Kind.FRAGMENT_DEFINITION:
    case Kind.INLINE_FRAGMENT:
      return sum(node.selectionSet.selections);
    case Kind.FRAGMENT_SPREAD: {
      const name = node.name.value;
      const known = memo.get(name);
      if (known !== undefined) return known;
      const fragment = ctx.getFragment(name);
      // A cycle is reported by the NoFragmentCycles rule; here it just ends the walk.
      if (!fragment || visiting.has(name)) return 0;
      visiting.add(name);
      const cost = operationCost(fragment, ctx, memo, visiting);
      visiting.delete(name);
      memo.set(name, cost);
      return cost;
    }
    case Kind.FIELD: {
      if (node.name.value === "__schema" || node.name.value === "__type") return 0;
      if (!node.selectionSet) return 1;
      const page = node.arguments?.find((a) => a.name.value === "first" || a.name.value === "last");
      const rows = page?.value.kind === Kind.INT ? Math.min(Math.max(Number(page.value.value), 1), PAGE_CAP) : 1;
      return rows * (2 + 1.5 * sum(node.selectionSet.selections));
    }
    default:
      return 0;
  }
}

const costRule: ValidationRule = (ctx) => ({
  OperationDefinition(op) {
    const cost = Math.min(Math.round(operationCost(op, ctx)), Number.MAX_SAFE_INTEGER);
    if (cost > QUERY_LIMITS.maxCost) ctx.reportError(limitError("maxCost", cost));
  },
});

/** The envelop plugins of the limits, for createYoga's `plugins`. */
export function useQueryLimits(): Plugin[] {
  const armor = EnvelopArmorPlugin({
    maxDepth: { n: QUERY_LIMITS.maxDepth, ...report("maxDepth") },
    maxAliases: { n: QUERY_LIMITS.maxAliases, ...report("maxAliases") },
    maxDirectives: { n: QUERY_LIMITS.maxDirectives, ...report("maxDirectives") },
    // Cost is ours (costRule): armor's counts `first: 100000` as 100000 rows although a page stops at 500.
    costLimit: { enabled: false },
    // The token limit acts while parsing, before any validation context exists: it throws, and the
    // plugin below turns that into the same kind of error.
    maxTokens: { n: QUERY_LIMITS.maxTokens, exposeLimits: true },
    blockFieldSuggestion: { enabled: true, mask: "[подсказка скрыта]" },
  });
  const tokens: Plugin = {
    onParse({ parseFn, setParseFn }) {
      setParseFn((source, options) => {
        try {
          return parseFn(source, options);
        } catch (e) {
          if (e instanceof GraphQLError && /Token limit of \d+ exceeded/.test(e.message)) throw limitError("maxTokens");
          throw e;
        }
      });
    },
  };
  const cost: Plugin = {
    onValidate({ addValidationRule }) {
      addValidationRule(costRule);
    },
  };
  return [armor as Plugin, tokens, cost];
}
