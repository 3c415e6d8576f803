// Lists for national use (issue 19, item 8): the federal school list filtered by region, municipality and
// participation and exported; «Дней просрочки» on the overdue list; «только участвующие» regions; one
// search box in the shell for schools, people and documents.
import { describe, expect, test } from "vitest";
import { MOBILE, mainText, screenshot, signIn, useE2E } from "./helpers/app.ts";

const app = useE2E();

describe("first-time user: lists for national use", () => {
  test("the federal school list filters by region, municipality and participation, and exports what it shows", async () => {
    const page = await app().newPage();
    await signIn(page, "fioco@demo.medk.ru");
    await page.goto("/schools");
    await page.getByLabel("Субъект РФ").selectOption({ label: "Забайкальский край" });
    await page.getByRole("button", { name: "Показать" }).click();
    await page.waitForURL(/region=/);
    await page.getByLabel("Муниципалитет").selectOption({ label: "Балейский район" });
    await page.getByLabel("Участие").selectOption({ label: "Участвует" });
    await page.getByRole("button", { name: "Показать" }).click();
    await page.waitForURL(/municipality=/);
    const text = await mainText(page);
    expect(text).toContain("МКОУ «Ундино-Посельская СОШ»");
    expect(text).not.toContain("Мирсановская");
    const excel = page.getByRole("link", { name: /^Скачать Excel: школы/ });
    const response = await page.request.get((await excel.getAttribute("href"))!);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toContain("spreadsheetml");
    await screenshot(page, "first-time-federal-schools-1280");
  });

  test("the overdue list says how many days each item is late", async () => {
    const page = await app().newPage(MOBILE);
    await signIn(page, "region75@demo.medk.ru");
    await page.goto("/overdue");
    const heads = await page.locator("thead th").allInnerTexts();
    expect(heads.filter((h) => h.trim() === "Дней просрочки").length).toBeGreaterThanOrEqual(1);
    const days = await page.locator('td[data-label="Дней просрочки"]').allInnerTexts();
    expect(days.length).toBeGreaterThan(0);
    for (const d of days) expect(Number(d.replace(/\s/g, ""))).toBeGreaterThanOrEqual(0);
    await screenshot(page, "first-time-overdue-375");
  });

  test("regions can be narrowed to the participating ones", async () => {
    const page = await app().newPage();
    await signIn(page, "fioco@demo.medk.ru");
    await page.goto("/regions");
    const table = page.getByRole("table", { name: /Все субъекты РФ/ });
    const all = await table.locator("tbody tr").count();
    await page.getByLabel(/Только участвующие/).check();
    await page.waitForURL(/participating=1/);
    const rows = page.getByRole("table", { name: /Все субъекты РФ/ }).locator("tbody tr");
    const n = await rows.count();
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThan(all);
    for (const cell of await rows.locator("td:last-child").allInnerTexts()) expect(Number(cell.replace(/\s/g, ""))).toBeGreaterThan(0);
  });

  test("one search box finds schools, people and documents of the viewer's territory", async () => {
    const wide = await app().newPage({ width: 1500, height: 900 });
    await signIn(wide, "region75@demo.medk.ru");
    await wide.getByRole("search", { name: "Поиск по МЭДК" }).getByRole("searchbox").fill("Ундино");
    await wide.keyboard.press("Enter");
    await wide.waitForURL(/\/search\?q=/);
    await wide.getByRole("link", { name: "МКОУ «Ундино-Посельская СОШ»" }).waitFor();

    const page = await app().newPage();
    await signIn(page, "region75@demo.medk.ru");
    await page.getByRole("search", { name: "Поиск по МЭДК" }).getByRole("button", { name: "Искать в МЭДК" }).click();
    await page.getByRole("heading", { level: 1, name: "Поиск" }).waitFor();
    await page.getByLabel("Что найти").fill("Белова");
    await page.getByLabel("Что найти").press("Enter");
    await page.getByRole("link", { name: "Белова Татьяна Николаевна" }).waitFor();
    await page.getByLabel("Что найти").fill("концепция");
    await page.getByLabel("Что найти").press("Enter");
    await page.getByRole("heading", { name: /^Документы:/ }).waitFor();
    // Another region's schools are not found.
    await page.getByLabel("Что найти").fill("Лашманская");
    await page.getByLabel("Что найти").press("Enter");
    await page.getByText("Ничего не нашлось по запросу «Лашманская»").waitFor();
    await screenshot(page, "first-time-search-1280");
  });
});
