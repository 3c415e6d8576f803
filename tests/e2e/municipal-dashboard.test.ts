// The municipal coordinator's dashboard: its schools in charts and in the table, the Excel export of that
// table, the overdue list of its municipality, and its own school accounts to manage.
import { describe, expect, test } from "vitest";
import { MOBILE, mainText, screenshot, signIn, useE2E, openSection } from "./helpers/app.ts";

const app = useE2E();

describe("municipal coordinator", () => {
  test("reads its schools' year in charts and lists what is overdue", async () => {
    const page = await app().newPage();
    await signIn(page, "baley@demo.medk.ru");
    await page.getByRole("heading", { level: 1, name: "Балейский район" }).waitFor();
    const chart = page.getByRole("img", { name: /^Концептуальные документы \d{4} по статусам, по школам$/ });
    await chart.locator("svg").waitFor();
    // The chart's data, for those who do not see it: a table behind «Показать таблицей».
    await page.getByText("Показать таблицей").first().click();
    const data = page.getByRole("table", { name: "Документы по статусам, по школам" });
    await data.getByRole("link", { name: "МКОУ «Ундино-Посельская СОШ»" }).waitFor();
    await screenshot(page, "dashboard-municipal");

    // A bar opens its school.
    await page.getByText("Показать таблицей").first().click();
    await chart.locator('path[fill="#1e8a4f"]').first().click();
    await page.waitForURL(/\/schools\//);
    await page.getByRole("heading", { level: 1 }).waitFor();

    await openSection(page, "Просрочки");
    await page.getByRole("heading", { level: 1, name: "Просроченное" }).waitFor();
    const text = await mainText(page);
    expect(text).not.toContain("Шилкинский район");
    expect(await page.getByLabel("Муниципалитет").count()).toBe(0);
    await screenshot(page, "overdue-municipal");
  });

  test("manages its schools' accounts only", async () => {
    const page = await app().newPage();
    await signIn(page, "baley@demo.medk.ru");
    await openSection(page, "Люди");
    await page.getByRole("heading", { level: 1, name: "Люди" }).waitFor();
    await page.getByRole("link", { name: "Добавить пользователя" }).click();
    await page.getByRole("heading", { level: 1, name: "Новый пользователь" }).waitFor();
    const roles = await page.getByRole("radio").evaluateAll((rs) => rs.map((r) => (r as HTMLInputElement).value));
    expect(roles).toEqual(["SCHOOL"]);
  });

  test("reads the dashboard on a phone", async () => {
    const page = await app().newPage(MOBILE);
    await signIn(page, "baley@demo.medk.ru");
    await page
      .getByRole("img", { name: /по школам$/ })
      .first()
      .locator("svg")
      .waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await screenshot(page, "dashboard-municipal-375");
  });
});
