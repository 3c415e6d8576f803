import { describe, expect, test } from "vitest";
import { MOBILE, gid, mainText, screenshot, signIn, useE2E, viewerInfo } from "./helpers/app.ts";

const app = useE2E();

const schoolId = async (shortName: string) => gid("School", (await app().db.school.findFirstOrThrow({ where: { shortName } })).id);

describe("school", () => {
  test("lands on its own school page with its participations by year and curators", async () => {
    const page = await app().newPage();
    await signIn(page, "school.undino@demo.medk.ru");

    expect(new URL(page.url()).pathname).toBe(`/schools/${await schoolId("МКОУ «Ундино-Посельская СОШ»")}`);
    await page.getByRole("heading", { level: 1, name: "МКОУ «Ундино-Посельская СОШ»" }).waitFor();
    await viewerInfo(page).getByText("Школа", { exact: true }).waitFor();
    expect(await viewerInfo(page).getByTestId("territory").innerText()).toBe("МКОУ «Ундино-Посельская СОШ»");
    await page.getByText("Балейский район, Забайкальский край").first().waitFor();
    await page.getByRole("heading", { name: "500+ 2026", exact: true }).waitFor();
    // This year's documents and roadmap at a glance.
    await page.getByRole("heading", { name: "500+ 2026: документы и дорожная карта" }).waitFor();
    await page.getByText("Документов принято").waitFor();
    await page.locator("main").getByText("Белова Татьяна Николаевна").first().waitFor();
    // Dates read in Russian.
    expect(await mainText(page)).toMatch(/до \d{1,2} (января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря) \d{4} г\./);
    await screenshot(page, "school");
  });

  test("opening another school's page shows «Нет доступа»", async () => {
    const page = await app().newPage();
    await signIn(page, "school.undino@demo.medk.ru");
    const response = await page.goto(`/schools/${await schoolId("МКОУ «Жидкинская ООШ»")}`);
    expect(response?.status()).toBe(403);
    await page.getByRole("heading", { level: 1, name: "Нет доступа" }).waitFor();
    expect(await mainText(page)).not.toContain("Жидкинская");
    // The shell stays, so the way home is one click.
    await page.getByRole("link", { name: "Моя школа" }).click();
    await page.getByRole("heading", { level: 1, name: "МКОУ «Ундино-Посельская СОШ»" }).waitFor();
  });

  test("an unknown id shows «Страница не найдена»", async () => {
    const page = await app().newPage();
    await signIn(page, "school.undino@demo.medk.ru");
    const response = await page.goto(`/schools/${gid("School", "00000000-0000-4000-8000-000000000000")}`);
    expect(response?.status()).toBe(404);
    await page.getByRole("heading", { level: 1, name: "Страница не найдена" }).waitFor();
    expect((await page.goto("/schools/not-an-id"))?.status()).toBe(404);
  });

  test("reads its school page at 375 px", async () => {
    const page = await app().newPage(MOBILE);
    await signIn(page, "school.zhidka@demo.medk.ru");
    await page.getByRole("heading", { level: 1, name: "МКОУ «Жидкинская ООШ»" }).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, "school-mobile");
  });
});
