import { describe, expect, test } from "vitest";
import { MOBILE, mainText, screenshot, signIn, useE2E, viewerInfo } from "./helpers/app.ts";

const app = useE2E();

describe("municipal coordinator", () => {
  test("lands on its municipality with its schools, their participation and curators", async () => {
    const page = await app().newPage();
    await signIn(page, "baley@demo.medk.ru");

    expect(new URL(page.url()).pathname).toMatch(/^\/municipalities\/[^/]+$/);
    await page.getByRole("heading", { level: 1, name: "Балейский район" }).waitFor();
    await viewerInfo(page).getByText("Муниципальный координатор").waitFor();
    expect(await viewerInfo(page).getByTestId("territory").innerText()).toBe("Балейский район, Забайкальский край");
    const table = page.getByRole("table", { name: "Школы муниципалитета Балейский район" });
    await table.getByRole("link", { name: "МКОУ «Ундино-Посельская СОШ»" }).waitFor();
    await table.getByRole("link", { name: "МКОУ «Жидкинская ООШ»" }).waitFor();
    await table.getByText("Белова Татьяна Николаевна").waitFor();
    await table.getByRole("columnheader", { name: "Документы" }).waitFor();
    expect(await mainText(page)).not.toContain("Шилкинский район");
    await screenshot(page, "municipal");

    await table.getByRole("link", { name: "МКОУ «Жидкинская ООШ»" }).click();
    await page.getByRole("heading", { level: 1, name: "МКОУ «Жидкинская ООШ»" }).waitFor();
    await page.locator("main").getByText("Орлова Ксения Владимировна").first().waitFor();
  });

  test("uses the app at 375 px through the menu", async () => {
    const page = await app().newPage(MOBILE);
    await signIn(page, "baley@demo.medk.ru");
    await page.getByRole("heading", { level: 1, name: "Балейский район" }).waitFor();
    // Sections fold into «Меню».
    expect(await page.getByRole("link", { name: "Школы", exact: true }).isVisible()).toBe(false);
    await page.getByRole("button", { name: "Меню" }).click();
    await page.getByRole("link", { name: "Школы", exact: true }).waitFor();
    await page.getByTestId("viewer-menu").getByText("Муниципальный координатор · Балейский район, Забайкальский край").waitFor();
    // Nothing sticks out sideways.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, "municipal-mobile");
  });
});
