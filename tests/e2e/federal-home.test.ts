import { describe, expect, test } from "vitest";
import { screenshot, signIn, useE2E, viewerInfo } from "./helpers/app.ts";

const app = useE2E();

describe("federal coordinator", () => {
  test("signs in to the overview of every region and drills down to a school", async () => {
    const page = await app().newPage();
    await signIn(page, "fioco@demo.medk.ru");

    expect(new URL(page.url()).pathname).toBe("/regions");
    await page.getByRole("heading", { level: 1, name: "Обзор проекта «500+»" }).waitFor();
    await viewerInfo(page).getByText("Соколова Марина Викторовна").waitFor();
    await viewerInfo(page).getByText("Федеральный координатор").waitFor();
    expect(await viewerInfo(page).getByTestId("territory").innerText()).toBe("Все субъекты РФ");
    // This year's participants region by region, with their documents and roadmaps.
    const participants = page.getByRole("table", { name: /^Участники \d{4} по субъектам РФ$/ });
    await participants.getByRole("link", { name: "Забайкальский край" }).waitFor();
    await participants.getByRole("link", { name: "Рязанская область" }).waitFor();
    expect(await participants.locator("tbody tr").count()).toBe(2);
    await page.getByText("Документов принято").waitFor();
    await screenshot(page, "federal");

    // Every region of the registry, in pages of twenty by code: Забайкальский край (75) is a few pages on.
    const all = page.getByRole("table", { name: "Все субъекты РФ: муниципалитеты и участники" });
    await all.getByRole("cell", { name: "Республика Адыгея" }).waitFor();
    const region = all.getByRole("link", { name: "Забайкальский край" });
    for (let pages = 1; !(await region.count()); pages++) {
      expect(pages, "Забайкальский край not found in the paged list").toBeLessThan(6);
      const first = await all.locator("tbody td").first().textContent();
      await page.getByRole("link", { name: "Далее →" }).click();
      await expect.poll(() => all.locator("tbody td").first().textContent()).not.toBe(first);
    }
    await page.getByRole("link", { name: "← Назад" }).waitFor();
    await region.click();
    await page.getByRole("heading", { level: 1, name: "Забайкальский край" }).waitFor();
    await page.getByRole("link", { name: "Балейский район" }).click();
    await page.getByRole("heading", { level: 1, name: "Балейский район" }).waitFor();
    await page.getByRole("link", { name: "МКОУ «Ундино-Посельская СОШ»" }).click();
    await page.getByRole("heading", { level: 1, name: "МКОУ «Ундино-Посельская СОШ»" }).waitFor();
    // Breadcrumbs lead back up the hierarchy.
    const crumbs = page.getByRole("navigation", { name: "Путь" });
    await crumbs.getByRole("link", { name: "Забайкальский край" }).waitFor();
    await crumbs.getByRole("link", { name: "Балейский район" }).waitFor();
  });
});
