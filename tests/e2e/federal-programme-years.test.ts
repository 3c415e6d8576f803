// The federal coordinator opens the next programme year by copying the last one (settings, deadlines,
// risk factors), edits that year's risk-factor list and a deadline with a reason kept in history, and —
// so the other browser tests keep 2026 as the current year — deletes the still empty year again.
import { afterAll, describe, expect, test } from "vitest";
import { MOBILE, mainText, screenshot, signIn, useE2E, openSection } from "./helpers/app.ts";

const app = useE2E();

// Should the journey stop half-way, the year it opened must not become the current year of the files after it.
afterAll(async () => {
  const y = await app().db.programmeYear.findFirst({ where: { year: 2027, programme: { regionId: null } }, include: { _count: { select: { participations: true } } } });
  if (!y || y._count.participations) return;
  for (const t of ["significanceRule", "scoringCriterion", "scoringZone", "regionScore", "riskFactor"] as const)
    await (app().db[t] as unknown as { deleteMany(a: object): Promise<unknown> }).deleteMany({ where: { programmeYearId: y.id } });
  await app().db.programmeYear.delete({ where: { id: y.id } });
});

describe("federal coordinator", () => {
  test("opens a new year by copying the last one, edits its list and deadline, then deletes it while empty", async () => {
    const page = await app().newPage();
    await signIn(page, "fioco@demo.medk.ru");
    await openSection(page, "Годы");
    await page.getByRole("heading", { level: 1, name: "Годы программы" }).waitFor();
    const form = page.getByRole("form", { name: "Открыть новый год" });
    expect(await form.getByLabel("Год").inputValue()).toBe("2027");
    expect(await form.getByLabel("Скопировать из").inputValue()).toBe("2026");
    await form.getByRole("button", { name: "Открыть год" }).click();
    await page.getByRole("heading", { level: 1, name: "500+ 2027" }).waitFor();
    await page.getByText("Скопированы настройки, сроки и перечень факторов риска 2026 года").waitFor();
    const factors = page.getByRole("list", { name: "Перечень факторов риска" });
    expect(await factors.getByRole("listitem").count()).toBe(10);
    await screenshot(page, "programme-year-copied");

    // The year's own list: rename factor 6, add an 11th.
    await factors.getByLabel("Фактор № 6", { exact: true }).fill("Высокая доля обучающихся с ОВЗ");
    await factors.getByRole("listitem").nth(5).getByRole("button", { name: "Сохранить" }).click();
    await page.getByText("Фактор № 6 сохранён").waitFor();
    const add = page.getByRole("form", { name: "Добавить фактор" });
    await add.getByLabel("Новый фактор").fill("Низкая цифровая грамотность");
    await add.getByRole("button", { name: "Добавить" }).click();
    await page.getByText("Фактор № 11 сохранён").waitFor();
    expect(await factors.getByRole("listitem").count()).toBe(11);
    const y2026 = await app().db.riskFactor.findFirstOrThrow({ where: { programmeYear: { year: 2026, programme: { regionId: null } }, number: 6 } });
    expect(y2026.title).not.toBe("Высокая доля обучающихся с ОВЗ");

    // A deadline with a reason.
    const settings = page.getByRole("form", { name: "Сроки и настройки" });
    await settings.getByLabel("Срок дорожной карты").fill("2027-06-30");
    await settings.getByRole("button", { name: "Сохранить с причиной" }).click();
    await page.getByText("Укажите причину изменения — она останется в истории").waitFor();
    await settings.getByLabel("Причина изменения").fill("Письмо Минпросвещения о переносе сроков");
    await settings.getByRole("button", { name: "Сохранить с причиной" }).click();
    await page.getByText("Настройки года сохранены; причина записана в историю").waitFor();
    await page.getByText("Причина: Письмо Минпросвещения о переносе сроков").waitFor();
    expect(await mainText(page)).toContain("Срок дорожной карты:");
    await screenshot(page, "programme-year-history");

    // Still empty: it can be deleted.
    page.once("dialog", (d) => void d.accept());
    await page.getByRole("button", { name: "Удалить 500+ 2027" }).click();
    await page.getByRole("heading", { level: 1, name: "Годы программы" }).waitFor();
    expect(await page.getByRole("table", { name: "Годы программы" }).getByText("500+ 2027").count()).toBe(0);
    expect(await app().db.programmeYear.count({ where: { year: 2027 } })).toBe(0);
  });

  test("a year with participants cannot be deleted, and the page reads at 375 px", async () => {
    const page = await app().newPage(MOBILE);
    await signIn(page, "fioco@demo.medk.ru");
    await page.goto("/programme-years/2026");
    await page.getByRole("heading", { level: 1, name: "500+ 2026" }).waitFor();
    await page.getByText(/Год нельзя удалить: в нём \d+ школ-участников/).waitFor();
    expect(await page.getByRole("button", { name: /Удалить/ }).count()).toBe(0);
    await screenshot(page, "programme-year-mobile");
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  });
});
