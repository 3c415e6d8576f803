import { describe, expect, test } from "vitest";
import { mainText, screenshot, signIn, useE2E, viewerInfo } from "./helpers/app.ts";

const app = useE2E();

describe("regional coordinator", () => {
  test("of Забайкальский край lands on its region with its municipalities only", async () => {
    const page = await app().newPage();
    await signIn(page, "region75@demo.medk.ru");

    expect(new URL(page.url()).pathname).toMatch(/^\/regions\/[^/]+$/);
    await page.getByRole("heading", { level: 1, name: "Забайкальский край" }).waitFor();
    await viewerInfo(page).getByText("Региональный координатор").waitFor();
    expect(await viewerInfo(page).getByTestId("territory").innerText()).toBe("Забайкальский край");
    for (const m of ["Балейский район", "Нерчинский район", "Шилкинский район"]) {
      await page.getByRole("link", { name: m }).waitFor();
    }
    const text = await mainText(page);
    expect(text).not.toContain("Рязанская область");
    expect(text).not.toContain("Касимовский район");
    await screenshot(page, "regional");

    // Search narrows the list, and says so when nothing matches.
    await page.getByRole("searchbox", { name: "Поиск муниципалитета" }).fill("Нерч");
    await page.getByRole("button", { name: "Найти" }).click();
    await page.waitForURL(/q=/);
    await page.getByText("Всего: 1 муниципалитет").waitFor();
    expect(await page.getByRole("link", { name: "Балейский район" }).count()).toBe(0);
    await page.getByRole("searchbox", { name: "Поиск муниципалитета" }).fill("Касимов");
    await page.getByRole("button", { name: "Найти" }).click();
    await page.getByText("Ничего не найдено по запросу «Касимов»").waitFor();
  });

  test("of Рязанская область lands on its own region", async () => {
    const page = await app().newPage();
    await signIn(page, "region62@demo.medk.ru");
    await page.getByRole("heading", { level: 1, name: "Рязанская область" }).waitFor();
    await page.getByRole("link", { name: "Касимовский район" }).waitFor();
    expect(await mainText(page)).not.toContain("Балейский район");
  });
});
