// The observer reads the same dashboards as the coordinators of its region, and nothing in them offers
// to change anything: the API's viewerCan… fields and grantable roles say so, and the page follows.
import { describe, expect, test } from "vitest";
import { MOBILE, screenshot, signIn, useE2E, openSection } from "./helpers/app.ts";

const app = useE2E();

/** Buttons that would change something, anywhere on the page. */
const EDIT = /Добавить|Назначить|Снять|Отключить|Включить|Изменить|Удалить|Сохранить|Новая ссылка/;

describe("observer", () => {
  test("sees the region's dashboards, overdue items and reports with no edit controls", async () => {
    const page = await app().newPage();
    await signIn(page, "observer@demo.medk.ru");
    await page.getByRole("heading", { level: 1, name: "Забайкальский край" }).waitFor();
    await page
      .getByRole("img", { name: /^Концептуальные документы \d{4} по статусам, по муниципалитетам$/ })
      .locator("svg")
      .waitFor();
    await page
      .getByRole("img", { name: /^Факторы риска/ })
      .locator("svg")
      .waitFor();
    await page.getByRole("link", { name: /^Скачать Excel/ }).waitFor();
    // The region's score, to read.
    await page.getByText("3 из 6 баллов, жёлтая зона").waitFor();
    expect(await page.getByRole("button", { name: EDIT }).count()).toBe(0);
    await screenshot(page, "dashboard-observer");

    const nav = page.getByRole("navigation", { name: "Разделы" });
    const sections = await nav.getByRole("link").allInnerTexts();
    // At 1280 px «Уведомления» is the bell beside the sections (the menu item returns in «Меню» on phones);
    // the other sections are in their groups, read-only ones included.
    expect(sections).toEqual(["Мой субъект"]);
    expect(await nav.getByRole("button").allInnerTexts()).toEqual(["Мониторинг", "Поддержка"]);
    const grouped = await page.locator("#main-nav > ul a").evaluateAll((as) => as.map((a) => a.textContent!.trim()));
    expect(grouped).toEqual(["Мой субъект", "Школы", "Просрочки", "Отчёты", "Оценка", "Вопросы и ответы", "Методические материалы", "Банк практик", "Мероприятия", "Справка", "Уведомления"]);
    await page
      .getByRole("button", { name: /Уведомления/ })
      .first()
      .waitFor();

    // A municipality of the region: the same charts, read-only.
    await page.getByRole("table", { name: "Муниципалитеты субъекта" }).getByRole("link", { name: "Шилкинский район" }).click();
    await page.getByRole("heading", { level: 1, name: "Шилкинский район" }).waitFor();
    await page
      .getByRole("img", { name: /по школам$/ })
      .first()
      .locator("svg")
      .waitFor();
    expect(await page.getByRole("button", { name: EDIT }).count()).toBe(0);

    await openSection(page, "Просрочки");
    await page.getByRole("heading", { level: 1, name: "Просроченное" }).waitFor();
    await page
      .getByRole("table", { name: /^Просроченные мероприятия/ })
      .locator("tbody tr")
      .first()
      .waitFor();
    expect(await page.getByRole("button", { name: EDIT }).count()).toBe(0);

    await openSection(page, "Оценка");
    await page.getByRole("heading", { level: 1, name: "Оценка регионов" }).waitFor();
    await page.getByRole("table", { name: "Критерии оценки: Забайкальский край" }).waitFor();
    expect(await page.getByRole("button", { name: EDIT }).count()).toBe(0);
    expect(await page.getByRole("textbox").count()).toBe(0);

    await openSection(page, "Отчёты");
    await page.getByRole("heading", { level: 1, name: "Отчёты" }).waitFor();
    await page.getByRole("table", { name: "Мониторинг, по муниципалитетам" }).getByRole("link", { name: "Балейский район" }).waitFor();

    // The people pages, opened by address, list no one to manage and offer no action.
    await page.goto("/people");
    await page.getByRole("heading", { level: 1, name: "Люди" }).waitFor();
    expect(await page.getByRole("link", { name: "Добавить пользователя" }).count()).toBe(0);
    expect(await page.getByRole("button", { name: EDIT }).count()).toBe(0);
    await page.goto("/people/curators");
    await page.getByRole("heading", { level: 1, name: "Кураторы школ" }).waitFor();
    await page.getByText("Назначает региональный координатор").first().waitFor();
    expect(await page.getByRole("button", { name: EDIT }).count()).toBe(0);
  });

  test("reads the dashboard on a phone", async () => {
    const page = await app().newPage(MOBILE);
    await signIn(page, "observer@demo.medk.ru");
    await page
      .getByRole("img", { name: /по муниципалитетам$/ })
      .first()
      .locator("svg")
      .waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await screenshot(page, "dashboard-observer-375");
  });
});
