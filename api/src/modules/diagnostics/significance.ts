// Significance rules as pure functions: which respondent group a question belongs to, how a rule turns
// the answers into an indicator value, which level the thresholds give, and the Russian explanation a
// profile shows («как получено»). No database here: the survey import, the rules editor and the
// benchmark all compute through these.
import type { IndicatorCombination, Significance } from "../../../../prisma/generated/client/enums.ts";

export type RespondentGroup = "LEADERS" | "TEACHERS" | "STUDENTS" | "PARENTS";

/**
 * The four questionnaires. A question code names its questionnaire by prefix (РУК-11 is question 11 of
 * the leaders' questionnaire), as in the federal forms, so a code alone says whose answers it holds.
 */
export const RESPONDENT_GROUPS: Record<RespondentGroup, { prefix: string; title: string; of: string; words: RegExp }> = {
  LEADERS: { prefix: "РУК", title: "руководители", of: "руководителей", words: /^(рук|руководител|администрац|директор)/ },
  TEACHERS: { prefix: "УЧ", title: "учителя", of: "учителей", words: /^(уч(ител|$)|педагог)/ },
  STUDENTS: { prefix: "ОБУЧ", title: "обучающиеся", of: "обучающихся", words: /^(обуч|учени|учащ|школьни)/ },
  PARENTS: { prefix: "РОД", title: "родители", of: "родителей", words: /^(род|законн)/ },
};

export const GROUP_ORDER: RespondentGroup[] = ["LEADERS", "TEACHERS", "STUDENTS", "PARENTS"];

const CODE = /^(РУК|УЧ|ОБУЧ|РОД)-(\d{1,3})$/;

/** A question code in its normal form: upper case, Cyrillic prefix, one hyphen («уч 31», «УЧ–31» → «УЧ-31»). */
export function normCode(raw: string): string {
  const s = raw
    .trim()
    .toUpperCase()
    // Latin look-alikes typed on an English layout.
    .replace(/[YCPOAKEHMTXB]/g, (c) => ({ Y: "У", C: "С", P: "Р", O: "О", A: "А", K: "К", E: "Е", H: "Н", M: "М", T: "Т", X: "Х", B: "В" })[c]!)
    .replace(/\s*[-–—_\s]\s*/g, "-");
  const m = /^([А-ЯЁ]+)-?(\d+)$/.exec(s);
  return m ? `${m[1]}-${m[2]}` : s;
}

/** The respondent group of a question code, or null when the code is not of the form РУК-11. */
export function groupOfCode(code: string): RespondentGroup | null {
  const m = CODE.exec(code);
  if (!m) return null;
  return GROUP_ORDER.find((g) => RESPONDENT_GROUPS[g].prefix === m[1]) ?? null;
}

/** A respondent group written in a file: «учителя», «Педагоги», «УЧ», «родители (законные представители)». */
export function parseGroup(raw: string): RespondentGroup | null {
  const s = raw.trim().toLowerCase().replace(/ё/g, "е");
  if (!s) return null;
  const byPrefix = GROUP_ORDER.find((g) => RESPONDENT_GROUPS[g].prefix.toLowerCase() === s);
  if (byPrefix) return byPrefix;
  return GROUP_ORDER.find((g) => RESPONDENT_GROUPS[g].words.test(s)) ?? null;
}

export const COMBINATION_TITLES: Record<IndicatorCombination, string> = {
  MEAN: "среднее",
  MAX: "наибольшее",
  MIN: "наименьшее",
};

export const LEVEL_TITLES: Record<Significance, string> = { HIGH: "высокая", MEDIUM: "средняя", LOW: "низкая" };
const LEVEL_RANK: Record<Significance, number> = { LOW: 0, MEDIUM: 1, HIGH: 2 };

export interface RuleSpec {
  riskFactorId: string;
  indicatorTitle: string;
  questionCodes: string[];
  combination: IndicatorCombination;
  highFrom: number;
  mediumFrom: number;
}

export function combine(values: number[], how: IndicatorCombination): number {
  if (how === "MAX") return Math.max(...values);
  if (how === "MIN") return Math.min(...values);
  return values.reduce((s, v) => s + v, 0) / values.length;
}

export const levelOf = (value: number, rule: Pick<RuleSpec, "highFrom" | "mediumFrom">): Significance => (value >= rule.highFrom ? "HIGH" : value >= rule.mediumFrom ? "MEDIUM" : "LOW");

/** A share as people read it: 0.625 → «62,5 %». */
export const percent = (v: number) => `${String(Math.round(v * 1000) / 10).replace(".", ",")} %`;

const questionsWord = (n: number) => (n % 10 === 1 && n % 100 !== 11 ? "вопросу" : "вопросам");

/** «анкет учителей и обучающихся» — whose answers a rule reads. */
function groupsOf(codes: string[]): string {
  const groups = GROUP_ORDER.filter((g) => codes.some((c) => groupOfCode(c) === g)).map((g) => RESPONDENT_GROUPS[g].of);
  const list = groups.length > 1 ? `${groups.slice(0, -1).join(", ")} и ${groups.at(-1)}` : (groups[0] ?? "");
  return `${groups.length > 1 ? "анкет" : "анкеты"} ${list}`;
}

/** One rule against one school's answers: the level and a sentence saying how it was reached. */
export function assessRule(rule: RuleSpec, answers: ReadonlyMap<string, number>): { level: Significance; line: string } {
  const present = rule.questionCodes.filter((c) => answers.has(c));
  const head = `Показатель «${rule.indicatorTitle}»`;
  const thresholds = `пороги: высокая — от ${percent(rule.highFrom)}, средняя — от ${percent(rule.mediumFrom)}`;
  if (!present.length) return { level: "LOW", line: `${head}: нет ответов на вопросы ${groupsOf(rule.questionCodes)} — не рассчитан, значимость низкая.` };
  const value = combine(
    present.map((c) => answers.get(c)!),
    rule.combination,
  );
  const level = levelOf(value, rule);
  const missing = rule.questionCodes.length - present.length;
  const gaps = missing ? ` (без ответов: ${missing} из ${rule.questionCodes.length} вопросов правила)` : "";
  return {
    level,
    line: `${head} = ${percent(value)} — ${COMBINATION_TITLES[rule.combination]} по ${present.length} ${questionsWord(present.length)} ${groupsOf(present)}${gaps}; ${thresholds} → ${LEVEL_TITLES[level]}.`,
  };
}

/**
 * A factor's significance from all its rules: the strongest indicator wins. A factor without rules is
 * «низкая» and says so, so a profile never shows a level without its reason.
 */
export function assessFactor(rules: RuleSpec[], answers: ReadonlyMap<string, number>): { significance: Significance; explanation: string } {
  if (!rules.length) return { significance: "LOW", explanation: "Для фактора не заданы правила значимости — значимость низкая." };
  let significance: Significance = "LOW";
  const lines = rules.map((r) => {
    const { level, line } = assessRule(r, answers);
    if (LEVEL_RANK[level] > LEVEL_RANK[significance]) significance = level;
    return line;
  });
  const head = rules.length > 1 ? `Значимость ${LEVEL_TITLES[significance]} — по наибольшему из ${rules.length} показателей.\n` : "";
  return { significance, explanation: head + lines.join("\n") };
}
