// Matrix entries of the significance rules (kept beside the matrix so its file does not grow past reading).
// Everyone signed in reads the rules and their history; only the federal coordinator adds, changes and
// removes them. Writes act on the matrix's own year (no survey answers: nothing is recomputed) and are undone.
// The survey import itself goes through previewRegistryImport/applyRegistryImport (registry matrix).
import { expect } from "vitest";
import type { TestServer } from "../../testkit/server.ts";
import { gid } from "../../testkit/seed.ts";

export interface SurveyMatrixContext<R extends string> {
  s: () => TestServer;
  as: (role: R) => { token?: string };
  who: (role: R) => { all: boolean };
  factorId: () => string;
}

const codeOf = (r: { errors?: { extensions?: { code?: string } }[] }) => r.errors?.[0]?.extensions?.code;

export function surveyMatrix<R extends string>(c: SurveyMatrixContext<R>): Record<string, (role: R) => Promise<void>> {
  const anon = (role: R) => role === "anonymous";
  const denied = (role: R) => (anon(role) ? "UNAUTHENTICATED" : "FORBIDDEN");
  const readable = (query: string, field: string) => async (role: R) => {
    const r = await c.s().gql(query, {}, c.as(role));
    if (anon(role)) return expect(codeOf(r)).toBe("UNAUTHENTICATED");
    expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    expect(Array.isArray(r.data[field])).toBe(true);
  };
  const title = () => `Матрица ${Math.random().toString(36).slice(2, 8)}`;
  const ownRule = async () => {
    const f = await c.s().db.riskFactor.findUniqueOrThrow({ where: { id: c.factorId() } });
    return c.s().db.significanceRule.create({
      data: {
        programmeYearId: f.programmeYearId,
        riskFactorId: f.id,
        indicatorCode: `MATRIX_${Math.random().toString(36).slice(2, 10)}`,
        indicatorTitle: title(),
        questionCodes: ["УЧ-90"],
        highFrom: 0.5,
        mediumFrom: 0.2,
      },
    });
  };
  const input = (indicatorTitle: string) => ({ riskFactorId: gid("RiskFactor", c.factorId()), indicatorTitle, questionCodes: ["УЧ-90", "РОД-90"], combination: "MAX", highFrom: 0.6, mediumFrom: 0.3 });

  return {
    significanceRules: readable("{ significanceRules(year: 2026) { id indicatorTitle questions { code group } } }", "significanceRules"),
    significanceRuleHistory: readable("{ significanceRuleHistory(year: 2026) { action } }", "significanceRuleHistory"),
    createSignificanceRule: async (role) => {
      const t = title();
      const r = await c.s().gql("mutation($i: SignificanceRuleInput!){ createSignificanceRule(input: $i){ __typename ... on Error { code message } } }", { i: input(t) }, c.as(role));
      const made = await c.s().db.significanceRule.findMany({ where: { indicatorTitle: t } });
      await c.s().db.significanceRule.deleteMany({ where: { indicatorTitle: t } });
      if (c.who(role).all) {
        expect(r.data?.createSignificanceRule?.__typename, JSON.stringify(r)).toBe("MutationCreateSignificanceRuleSuccess");
        expect(made).toHaveLength(1);
      } else {
        expect(codeOf(r), `${role} createSignificanceRule`).toBe(denied(role));
        expect(made).toHaveLength(0);
      }
    },
    updateSignificanceRule: async (role) => {
      const rule = await ownRule();
      try {
        const t = title();
        const r = await c.s().gql("mutation($id: ID!, $i: SignificanceRuleInput!){ updateSignificanceRule(id: $id, input: $i){ __typename } }", { id: rule.id, i: input(t) }, c.as(role));
        const after = await c.s().db.significanceRule.findUniqueOrThrow({ where: { id: rule.id } });
        if (c.who(role).all) {
          expect(r.data?.updateSignificanceRule?.__typename, JSON.stringify(r)).toBe("MutationUpdateSignificanceRuleSuccess");
          expect([after.indicatorTitle, after.combination]).toEqual([t, "MAX"]);
        } else {
          expect(codeOf(r), `${role} updateSignificanceRule`).toBe(denied(role));
          expect(after.indicatorTitle).toBe(rule.indicatorTitle);
        }
      } finally {
        await c.s().db.significanceRule.deleteMany({ where: { id: rule.id } });
      }
    },
    deleteSignificanceRule: async (role) => {
      const rule = await ownRule();
      try {
        const r = await c.s().gql("mutation($id: ID!){ deleteSignificanceRule(id: $id){ __typename } }", { id: rule.id }, c.as(role));
        const left = await c.s().db.significanceRule.count({ where: { id: rule.id } });
        if (c.who(role).all) {
          expect(r.data?.deleteSignificanceRule?.__typename, JSON.stringify(r)).toBe("MutationDeleteSignificanceRuleSuccess");
          expect(left).toBe(0);
        } else {
          expect(codeOf(r), `${role} deleteSignificanceRule`).toBe(denied(role));
          expect(left).toBe(1);
        }
      } finally {
        await c.s().db.significanceRule.deleteMany({ where: { id: rule.id } });
      }
    },
  };
}
