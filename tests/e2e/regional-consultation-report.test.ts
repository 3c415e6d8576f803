// The report builder offers the consultation line's figures (questions asked, answered, median days to
// an answer, unanswered past the year's days) per municipality; in a school grouping they show «—».
import { describe, expect, test } from "vitest";
import { DESKTOP, MOBILE, screenshot, signIn, useE2E } from "./helpers/app.ts";

const app = useE2E();
const FIGS = ["participants", "consultation.asked", "consultation.answered", "consultation.medianDaysToAnswer", "consultation.unansweredOverdue"];
const url = (group: string) => `/reports?report=MONITORING&group=${group}&${FIGS.map((f) => `f=${encodeURIComponent(f)}`).join("&")}`;

describe("regional coordinator: consultation figures in the report builder", () => {
  for (const [name, viewport] of [
    ["1280", DESKTOP],
    ["375", MOBILE],
  ] as const) {
    test(`per municipality, with the consultation columns, at ${name} px`, async () => {
      const page = await app().newPage(viewport);
      await signIn(page, "region75@demo.medk.ru");
      await page.goto(url("MUNICIPALITY"));
      const table = page.locator("main table").first();
      await table.waitFor();
      const text = (await table.innerText()).replace(/\s+/g, " ");
      for (const h of ["Вопросов задано", "Вопросов отвечено", "Медиана дней до ответа", "Вопросов без ответа дольше срока"]) expect(text).toContain(h);
      // Counts in every municipality row (0 where nobody asked), never «—».
      const asked = await table.locator('td[data-label="Вопросов задано"]').allInnerTexts();
      expect(asked.length).toBeGreaterThan(0);
      expect(asked.every((v) => /^\d[\d\s]*$/.test(v.trim()))).toBe(true);
      // The choice of figures is kept in the URL, so the report can be shared.
      expect(decodeURIComponent(page.url())).toContain("f=consultation.asked");
      await screenshot(page, `regional-consultation-report-${name}`);
    });
  }

  test("a school grouping shows «—» for the consultation figures", async () => {
    const page = await app().newPage();
    await signIn(page, "region75@demo.medk.ru");
    await page.goto(url("SCHOOL"));
    const table = page.locator("main table").first();
    await table.waitFor();
    const asked = await table.locator('td[data-label="Вопросов задано"]').allInnerTexts();
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.every((v) => v.trim() === "—")).toBe(true);
  });
});
