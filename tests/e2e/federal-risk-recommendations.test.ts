// Recommendations per risk factor and significance: the federal coordinator writes one on the year's
// «Рекомендации по факторам риска» page, and the school sees it on its profile beside that factor.
import { describe, expect, test } from "vitest";
import { MOBILE, screenshot, signIn, useE2E } from "./helpers/app.ts";

const app = useE2E();
const LEVEL = { HIGH: "высокая", MEDIUM: "средняя", LOW: "низкая" } as const;

describe("federal coordinator", () => {
  test("writes a recommendation for a factor's significance, and the school reads it on its profile", async () => {
    const school = await app().db.school.findFirstOrThrow({ where: { shortName: "МКОУ «Ундино-Посельская СОШ»" } });
    const entry = await app().db.riskProfileEntry.findFirstOrThrow({
      where: { profile: { participation: { schoolId: school.id, programmeYear: { year: 2026 } } }, riskFactor: { number: 1 } },
    });
    const text = `Провести аудит оснащения кабинетов и составить план закупок (${Date.now()})`;

    const page = await app().newPage();
    await signIn(page, "fioco@demo.medk.ru");
    await page.goto("/programme-years/2026");
    await page.getByRole("link", { name: "Рекомендации по факторам риска" }).click();
    await page.getByRole("heading", { level: 1, name: "Рекомендации по факторам риска" }).waitFor();
    const form = page.getByRole("form", { name: "Рекомендации по фактору № 1", exact: true });
    const save = form.getByRole("button", { name: "Сохранить рекомендации № 1", exact: true });
    expect(await save.isDisabled()).toBe(true);
    await form.getByLabel(`При значимости «${LEVEL[entry.significance]}»`).fill(text);
    await save.click();
    await page.getByText("Рекомендации по фактору № 1 сохранены.").waitFor();
    expect(await app().db.riskRecommendation.count({ where: { riskFactorId: entry.riskFactorId, significance: entry.significance, text } })).toBe(1);
    await screenshot(page, "federal-risk-recommendations");
    const mobile = await app().newPage(MOBILE);
    await signIn(mobile, "fioco@demo.medk.ru");
    await mobile.goto("/programme-years/2026/recommendations");
    await mobile.getByRole("heading", { level: 1, name: "Рекомендации по факторам риска" }).waitFor();
    await screenshot(mobile, "federal-risk-recommendations-375");

    const schoolPage = await app().newPage();
    await signIn(schoolPage, "school.undino@demo.medk.ru");
    await schoolPage.getByRole("link", { name: "Рисковый профиль" }).click();
    await schoolPage.getByRole("heading", { level: 1, name: "Рисковый профиль" }).waitFor();
    const row = schoolPage.locator("tbody tr").first();
    const details = row.locator("details.recommendation");
    if (!((await details.getAttribute("open")) !== null)) await details.getByText("Рекомендации").click();
    await row.getByText(text).waitFor();
    await screenshot(schoolPage, "school-risk-profile-recommendation");
  });
});
