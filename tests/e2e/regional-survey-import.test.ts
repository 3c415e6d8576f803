// Survey results and significance rules in the browser: the regional coordinator imports a file with one
// bad row, sees it rejected with its row, column and reason, applies the rest, and the school's profile
// shows the computed levels with «как получено»; then the federal coordinator raises a rule's threshold and
// the computed level on that profile changes.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, test } from "vitest";
import type { Page } from "playwright-core";
import { MOBILE, gid, openSection, screenshot, signIn, useE2E } from "./helpers/app.ts";
import { innWithCheck } from "../../api/src/modules/registry/checksums.ts";

const app = useE2E();
const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** Serious and critical axe findings (WCAG 2.1 A/AA) of the page as it is. */
async function audit(page: Page) {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: any[] }> } }).axe;
    const r = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] }, resultTypes: ["violations"] });
    return r.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map(
        (v) =>
          `${v.id}: ${v.nodes
            .slice(0, 3)
            .map((n: any) => n.target.join(" "))
            .join(", ")}`,
      );
  });
}
const SCHOOL = "МКОУ «Ундино-Посельская СОШ»";
const INDICATOR = "Доля неудовлетворённых потребностей в оборудовании";
const csv = (rows: string[][]) => Buffer.from("\uFEFF" + rows.map((r) => r.join(";")).join("\r\n") + "\r\n", "utf8");

async function schoolInn() {
  const db = app().db;
  const s = await db.school.findFirstOrThrow({ where: { shortName: SCHOOL } });
  if (s.inn) return { id: s.id, inn: s.inn };
  const inn = innWithCheck("750100777");
  await db.school.update({ where: { id: s.id }, data: { inn } });
  return { id: s.id, inn };
}

describe("survey results and significance rules", () => {
  test("regional coordinator imports results with one bad row; the profile shows the computed levels and how", async () => {
    const school = await schoolInn();
    const page = await app().newPage();
    await signIn(page, "region75@demo.medk.ru");
    await openSection(page, "Реестр");
    await page.getByRole("navigation", { name: "Разделы реестра" }).getByRole("link", { name: "Анкетирование" }).click();
    await page.getByRole("heading", { level: 1, name: "Результаты анкетирования" }).waitFor();
    await page.getByRole("link", { name: "шаблон файла" }).waitFor();
    await screenshot(page, "survey-import");
    expect(await audit(page)).toEqual([]);

    const form = page.getByRole("form", { name: "Загрузка результатов анкетирования" });
    const file = csv([
      ["ИНН", "Наименование", "Группа респондентов", "Код вопроса", "Значение"],
      [school.inn, SCHOOL, "учителя", "УЧ-31", "0,9"],
      [school.inn, SCHOOL, "руководители", "РУК-11", "0,8"],
      [school.inn, SCHOOL, "руководители", "РУК-12", "70 %"],
      [school.inn, SCHOOL, "учителя", "УЧ-14", "нет данных"],
    ]);
    await form.getByLabel("Файл (.xlsx или .csv)").setInputFiles({ name: "анкеты.csv", mimeType: "text/csv", buffer: file });
    await form.getByRole("button", { name: "Загрузить и проверить" }).click();
    await page.getByRole("heading", { level: 1, name: "Проверка файла «анкеты.csv»" }).waitFor();
    await page.getByText("Результаты анкетирования", { exact: true }).first().waitFor();
    await page.getByRole("link", { name: "Отклонены (1)" }).click();
    await page.waitForURL(/outcome=REJECTED/);
    const rows = page.getByRole("table", { name: "Строки файла" });
    const bad = rows.getByRole("row").filter({ hasText: "нет данных" });
    await bad.getByText("Столбец «Значение»: «нет данных» — не число").waitFor();
    expect(await bad.getByRole("cell").first().innerText()).toBe("5");
    await screenshot(page, "survey-preview-rejected");
    expect(await audit(page)).toEqual([]);
    expect(await app().db.surveyAnswer.count()).toBe(0);

    await page.getByRole("button", { name: "Записать изменения (3)" }).click();
    await page.getByText(/Изменения записаны: добавлено 3 строки/).waitFor();

    await page.goto(`/schools/${gid("School", school.id)}/profile`);
    await page.getByRole("heading", { level: 1, name: "Рисковый профиль" }).waitFor();
    const first = page.locator("tbody tr").first();
    await first.getByText("Высокая", { exact: true }).waitFor();
    await first.getByText("Как получено").click();
    const how = await first.locator(".explanation").first().innerText();
    // Mean of 0.9, 0.8, 0.7 = 80 %: высокая from 50 %.
    expect(how).toContain(`Показатель «${INDICATOR}» = 80 % — среднее по 3 вопросам анкет руководителей и учителей; пороги: высокая — от 50 %, средняя — от 30 % → высокая.`);
    expect(how).not.toMatch(/F\d\d_/);
    await screenshot(page, "survey-profile-computed");
    expect(await audit(page)).toEqual([]);
  });

  test("federal coordinator raises a threshold: the computed level on the school's profile changes", async () => {
    const school = await schoolInn();
    const page = await app().newPage();
    await signIn(page, "fioco@demo.medk.ru");
    await page.goto("/programme-years/2026");
    await page.getByRole("link", { name: "Правила значимости" }).click();
    await page.getByRole("heading", { level: 1, name: "Правила значимости" }).waitFor();
    const rule = page.getByRole("form", { name: `Показатель «${INDICATOR}»` });
    await rule.getByLabel("Высокая — от, %").fill("90");
    await rule.getByRole("button", { name: "Сохранить показатель" }).click();
    await page.getByText(`Показатель «${INDICATOR}» сохранён, профили школ пересчитаны.`).waitFor();
    await page.getByRole("list").filter({ hasText: "Изменён показатель" }).first().waitFor();
    await screenshot(page, "survey-rules");
    expect(await audit(page)).toEqual([]);

    await page.goto(`/schools/${gid("School", school.id)}/profile`);
    const first = page.locator("tbody tr").first();
    await first.getByText("Средняя", { exact: true }).waitFor();
    await first.getByText("Как получено").click();
    expect(await first.locator(".explanation").first().innerText()).toContain("пороги: высокая — от 90 %, средняя — от 30 % → средняя.");
    // The school, its curator and the municipal coordinator are asked to confirm again.
    const asked = await app().db.notification.count({ where: { kind: "PROFILE_RECOMPUTED", title: { contains: "высокая → средняя" } } });
    expect(asked).toBeGreaterThan(0);

    const narrow = await app().newPage(MOBILE);
    await signIn(narrow, "fioco@demo.medk.ru");
    await narrow.goto("/programme-years/2026/rules");
    await narrow.getByRole("heading", { level: 1, name: "Правила значимости" }).waitFor();
    expect(await narrow.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(MOBILE.width);
    await screenshot(narrow, "survey-rules-375");
    expect(await audit(narrow)).toEqual([]);
  });
});
