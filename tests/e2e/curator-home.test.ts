import { describe, expect, test } from "vitest";
import { mainText, screenshot, signIn, useE2E, viewerInfo, openSection } from "./helpers/app.ts";

const app = useE2E();

describe("curator", () => {
  test("lands on «На проверку», the first item of its menu; «Мои школы» lists the schools it curates, and only those", async () => {
    const page = await app().newPage();
    await signIn(page, "curator1@demo.medk.ru");

    expect(new URL(page.url()).pathname).toBe("/review");
    await page.getByRole("heading", { level: 1, name: "Документы на проверку" }).waitFor();
    await openSection(page, "Мои школы");
    await page.getByRole("heading", { level: 1, name: "Мои школы" }).waitFor();
    await viewerInfo(page).getByText("Куратор", { exact: true }).waitFor();
    await page.getByRole("link", { name: "МКОУ «Ундино-Посельская СОШ»" }).waitFor();
    await page.getByText("Всего: 1 школа").waitFor();
    expect(await mainText(page)).not.toContain("Жидкинская");
    await screenshot(page, "curator");

    await page.getByRole("link", { name: "МКОУ «Ундино-Посельская СОШ»" }).click();
    await page.getByRole("heading", { level: 1, name: "МКОУ «Ундино-Посельская СОШ»" }).waitFor();
    await page.getByRole("heading", { name: "Кураторы" }).first().waitFor();
    await page.locator("main").getByText("Белова Татьяна Николаевна").first().waitFor();
  });
});
