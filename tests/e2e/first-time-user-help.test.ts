// Help for a first-time user (issue 19, item 12): a «Справка» section in Russian for every role — what to
// do this month, how review works, how to report — the reporting guide from docs/ served in the app, and
// empty states that lead to it.
import { describe, expect, test } from "vitest";
import { MOBILE, mainText, screenshot, signIn, useE2E, openSection } from "./helpers/app.ts";

const app = useE2E();

const ROLES = [
  ["school.undino@demo.medk.ru", "Школа"],
  ["curator1@demo.medk.ru", "Куратор"],
  ["baley@demo.medk.ru", "Муниципальный координатор"],
  ["region75@demo.medk.ru", "Региональный координатор"],
  ["fioco@demo.medk.ru", "Федеральный координатор"],
  ["observer@demo.medk.ru", "Наблюдатель"],
] as const;

describe("first-time user: help", () => {
  for (const [email, role] of ROLES) {
    test(`${role} finds «Справка» in the menu: this month's tasks, review, reporting`, async () => {
      const page = await app().newPage();
      await signIn(page, email);
      await openSection(page, "Справка");
      await page.getByRole("heading", { level: 1, name: "Справка" }).waitFor();
      const month = page.locator("section").filter({ has: page.getByRole("heading", { name: /^Что сделать в этом месяце — / }) });
      expect((await month.locator("li").allInnerTexts()).length).toBeGreaterThan(0);
      expect(await mainText(page)).toContain(role);
      await page.getByRole("link", { name: "Как проходит проверка" }).click();
      await page.getByRole("heading", { level: 1, name: "Как проходит проверка" }).waitFor();
      await page.getByText("На доработке", { exact: true }).first().waitFor();
      await page.getByRole("link", { name: "Как отчитываться" }).click();
      await page.getByRole("heading", { level: 1, name: "Как отчитываться" }).waitFor();
    });
  }

  test("the reporting guide of docs/ is served in the app for coordinators", async () => {
    const page = await app().newPage(MOBILE);
    await signIn(page, "region75@demo.medk.ru");
    await page.goto("/help/graphql");
    await page.getByRole("heading", { level: 1, name: "Отчёты через GraphQL" }).waitFor();
    await page.getByRole("heading", { name: "1. Как дела в регионе в целом?" }).waitFor();
    expect(await page.locator("pre code").count()).toBeGreaterThan(5);
    await screenshot(page, "first-time-help-graphql-375");
  });

  test("an empty state leads to the help", async () => {
    const page = await app().newPage();
    await signIn(page, "region75@demo.medk.ru");
    await page.goto("/search?q=" + encodeURIComponent("Несуществующая школа"));
    await page.getByText("Ничего не нашлось").waitFor();
    await page.getByRole("link", { name: "Справка: что делать дальше" }).click();
    await page.getByRole("heading", { level: 1, name: "Справка" }).waitFor();
    await screenshot(page, "first-time-help-1280");
  });
});
