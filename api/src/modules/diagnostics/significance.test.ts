import { describe, expect, it } from "vitest";
import { assessFactor, groupOfCode, normCode, parseGroup, type RuleSpec } from "./significance.ts";
import { parseShare } from "./survey-import.ts";

const rule = (over: Partial<RuleSpec> = {}): RuleSpec => ({
  riskFactorId: "f",
  indicatorTitle: "Доля учителей без наставника",
  questionCodes: ["УЧ-25", "УЧ-26"],
  combination: "MEAN",
  highFrom: 0.5,
  mediumFrom: 0.3,
  ...over,
});

describe("question codes and groups", () => {
  it("normalises what people type and finds the questionnaire by the prefix", () => {
    expect(normCode(" уч 31 ")).toBe("УЧ-31");
    expect(normCode("РОД–06")).toBe("РОД-06");
    expect(normCode("PYK-11")).toBe("РУК-11"); // Latin look-alikes typed on an English layout
    expect(groupOfCode("ОБУЧ-09")).toBe("STUDENTS");
    expect(groupOfCode("ВАХ-1")).toBeNull();
    expect(["учителя", "Педагоги", "УЧ", "родители (законные представители)", "Обучающиеся", "администрация", "вахтёры"].map(parseGroup)).toEqual([
      "TEACHERS",
      "TEACHERS",
      "TEACHERS",
      "PARENTS",
      "STUDENTS",
      "LEADERS",
      null,
    ]);
  });

  it("reads shares and percents, and refuses what is not a number", () => {
    expect(["0,62", "0.62", "62 %", "62%", "1", "много", "", "0,123456"].map(parseShare)).toEqual([0.62, 0.62, 0.62, 0.62, 1, null, null, 0.1235]);
  });
});

describe("a factor's significance from its rules", () => {
  it("combines the answers, compares with the thresholds and says how in Russian", () => {
    const r = assessFactor(
      [rule()],
      new Map([
        ["УЧ-25", 0.6],
        ["УЧ-26", 0.5],
      ]),
    );
    expect(r).toEqual({
      significance: "HIGH",
      explanation: "Показатель «Доля учителей без наставника» = 55 % — среднее по 2 вопросам анкеты учителей; пороги: высокая — от 50 %, средняя — от 30 % → высокая.",
    });
  });

  it("the threshold itself belongs to the higher level; the strongest indicator wins", () => {
    expect(
      assessFactor(
        [rule()],
        new Map([
          ["УЧ-25", 0.3],
          ["УЧ-26", 0.3],
        ]),
      ).significance,
    ).toBe("MEDIUM");
    const two = assessFactor(
      [rule({ combination: "MIN" }), rule({ indicatorTitle: "Другой", questionCodes: ["РОД-01"], combination: "MAX" })],
      new Map([
        ["УЧ-25", 0.9],
        ["УЧ-26", 0.1],
        ["РОД-01", 0.35],
      ]),
    );
    expect(two.significance).toBe("MEDIUM");
    expect(two.explanation.split("\n")[0]).toBe("Значимость средняя — по наибольшему из 2 показателей.");
    expect(two.explanation).toContain("= 10 % — наименьшее по 2 вопросам анкеты учителей");
  });

  it("missing answers and missing rules give «низкая» with the reason", () => {
    expect(assessFactor([rule()], new Map()).explanation).toBe("Показатель «Доля учителей без наставника»: нет ответов на вопросы анкеты учителей — не рассчитан, значимость низкая.");
    expect(assessFactor([rule()], new Map([["УЧ-25", 0.2]])).explanation).toContain("(без ответов: 1 из 2 вопросов правила)");
    expect(assessFactor([], new Map())).toEqual({ significance: "LOW", explanation: "Для фактора не заданы правила значимости — значимость низкая." });
  });
});
