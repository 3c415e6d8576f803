import { describe, expect, it } from "vitest";
import { csvTextField, neutraliseFormula } from "./csv.ts";

describe("CSV formula neutralisation", () => {
  it("prefixes every text that a spreadsheet would run as a formula", () => {
    for (const s of ['=HYPERLINK("http://evil.example","Нажмите")', "+7 (900) 000-00-00", "-2+3", "@SUM(A1)", "\tx", "\rx"]) expect(neutraliseFormula(s)).toBe(`'${s}`);
  });

  it("leaves ordinary text alone", () => {
    for (const s of ["Школа № 5", "", "5 = 5", "a-b", "'уже"]) expect(neutraliseFormula(s)).toBe(s);
  });

  it("quotes a neutralised field that holds the separator or quotes", () => {
    expect(csvTextField('=HYPERLINK("x";"y")')).toBe(`"'=HYPERLINK(""x"";""y"")"`);
    expect(csvTextField("Школа; корпус 2")).toBe('"Школа; корпус 2"');
    expect(csvTextField("=1", ",")).toBe("'=1");
  });
});
