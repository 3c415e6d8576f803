// Pure parts of the seeds: reference data, the significance arithmetic, the PRNG, apportioning, PDFs.
import { describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS } from "./demo.ts";
import { demoPdf, minimalPdf } from "./lib/storage.ts";
import { pdfPages, pdfTitle } from "../../tests/testkit/pdf.ts";
import { Prng } from "./lib/prng.ts";
import { apportion } from "./national/territory.ts";
import { PROGRAMME_REGIONS, REGIONS, regionByCode } from "./regions.ts";
import { assessFactor, RISK_FACTORS, SIGNIFICANCE_RULES } from "./risk-factors.ts";

describe("reference data", () => {
  it("lists every subject once, with a code the database accepts and a real time zone", () => {
    expect(new Set(REGIONS.map((r) => r.code)).size).toBe(REGIONS.length);
    expect(new Set(REGIONS.map((r) => r.name)).size).toBe(REGIONS.length);
    for (const r of REGIONS) {
      expect(r.code).toBeGreaterThanOrEqual(1);
      expect(r.code).toBeLessThanOrEqual(99);
      expect(() => new Intl.DateTimeFormat("ru", { timeZone: r.timeZone })).not.toThrow();
    }
    expect(PROGRAMME_REGIONS).toHaveLength(85);
    expect(regionByCode(75)).toMatchObject({ name: "Забайкальский край", timeZone: "Asia/Chita" });
    expect(regionByCode(62)).toMatchObject({
      name: "Рязанская область",
      timeZone: "Europe/Moscow",
    });
  });

  it("has ten risk factors, each with at least one significance rule", () => {
    expect(RISK_FACTORS.map((f) => f.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    for (const f of RISK_FACTORS) expect(SIGNIFICANCE_RULES.some((r) => r.factor === f.number)).toBe(true);
    for (const r of SIGNIFICANCE_RULES) expect(r.highFrom).toBeGreaterThanOrEqual(r.mediumFrom);
  });

  it("holds the demo accounts of API.md with their roles", () => {
    const role = Object.fromEntries(DEMO_ACCOUNTS.map((a) => [a.email, a.role]));
    expect(role).toMatchObject({
      "fioco@demo.medk.ru": "FEDERAL_COORDINATOR",
      "region75@demo.medk.ru": "REGIONAL_COORDINATOR",
      "region62@demo.medk.ru": "REGIONAL_COORDINATOR",
      "baley@demo.medk.ru": "MUNICIPAL_COORDINATOR",
      "curator1@demo.medk.ru": "CURATOR",
      "curator2@demo.medk.ru": "CURATOR",
      "school.undino@demo.medk.ru": "SCHOOL",
      "school.zhidka@demo.medk.ru": "SCHOOL",
      "observer@demo.medk.ru": "OBSERVER",
    });
  });
});

describe("assessFactor", () => {
  const rules = SIGNIFICANCE_RULES.filter((r) => r.factor === 10); // two indicators
  it("takes the strongest indicator and explains each against its thresholds", () => {
    const { significance, explanation } = assessFactor(rules, [0.25, 0.21]);
    expect(significance).toBe("HIGH"); // 0.21 ≥ 0.20 for F10_ABSENCE
    expect(explanation).toContain("= 0,25; пороги: высокая от 0,40, средняя от 0,20 → средняя");
    expect(explanation).toContain("= 0,21");
    // What a user reads has no internal indicator codes.
    expect(explanation).not.toMatch(/F\d\d_[A-Z]/);
  });
  it("is low below every medium threshold", () => {
    expect(assessFactor(rules, [0.1, 0.05]).significance).toBe("LOW");
  });
});

describe("national helpers", () => {
  it("apportions exactly, respecting the minimum", () => {
    const parts = apportion(2400, [1, 2, 0.5, 3], 3);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(2400);
    expect(Math.min(...parts)).toBeGreaterThanOrEqual(3);
  });
  it("the PRNG repeats itself for a seed and makes valid v4 UUIDs", () => {
    const a = new Prng("x");
    const b = new Prng("x");
    const ids = Array.from({ length: 5 }, () => a.uuid());
    expect(ids).toEqual(Array.from({ length: 5 }, () => b.uuid()));
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a.hex64()).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("minimalPdf", () => {
  it("is a PDF whose cross-reference table is where the trailer says", () => {
    const pdf = minimalPdf(["Hello (world)", "Привет"]);
    const text = pdf.toString("latin1");
    expect(text.startsWith("%PDF-1.4\n")).toBe(true);
    const offset = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)![1]);
    expect(text.slice(offset, offset + 4)).toBe("xref");
    expect(text).toContain("(Hello \\(world\\)) Tj");
  });
});

describe("demoPdf", () => {
  it("is a Russian document titled by its name (what a PDF viewer shows), with no ids in it, the same bytes every time", async () => {
    const title = "Концепция развития МКОУ «Ундино-Посельская СОШ»";
    const pdf = await demoPdf(title, ["Анализ текущего состояния школы.", "Цели и задачи."]);
    expect(await pdfTitle(pdf)).toBe(title);
    const [page, ...rest] = await pdfPages(pdf);
    expect(rest).toEqual([]);
    expect(page).toContain(title);
    expect(page).toContain("Анализ текущего состояния школы.");
    expect(page).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}|MEDK|Participation/);
    expect(Buffer.compare(await demoPdf(title, ["Анализ текущего состояния школы.", "Цели и задачи."], "другой автор"), pdf)).not.toBe(0);
    expect(Buffer.compare(await demoPdf(title, ["Анализ текущего состояния школы.", "Цели и задачи."]), pdf)).toBe(0);
  });
});
