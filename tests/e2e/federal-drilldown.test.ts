// A coordinator drills down the country: overview → region → municipality → school, downloading the Excel
// export on each level; the export's rows are the rows of the table on screen, figure for figure.
import { describe, expect, test } from "vitest";
import ExcelJS from "exceljs";
import type { Page } from "playwright-core";
import { MOBILE, screenshot, signIn, useE2E, openSection } from "./helpers/app.ts";

const app = useE2E();

/** Downloads the file behind the page's «Скачать Excel» link and opens it. */
async function downloadXlsx(page: Page): Promise<ExcelJS.Workbook> {
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page
      .getByRole("link", { name: /^Скачать Excel/ })
      .first()
      .click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^МЭДК — Мониторинг — \d{4}\.xlsx$/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(await download.path());
  return wb;
}

/** A sheet's table as objects keyed by the header row (the rows above it describe the filter). */
function sheetRows(wb: ExcelJS.Workbook, name: string, firstHeader: string): Record<string, unknown>[] {
  const ws = wb.getWorksheet(name);
  expect(ws, `sheet «${name}»`).toBeTruthy();
  let headers: string[] | null = null;
  const rows: Record<string, unknown>[] = [];
  ws!.eachRow((row) => {
    const values = (row.values as unknown[]).slice(1);
    if (!headers) {
      if (values[0] === firstHeader) headers = values.map(String);
      return;
    }
    rows.push(Object.fromEntries(headers.map((h, i) => [h, values[i] ?? null])));
  });
  expect(headers, `header row of «${name}»`).not.toBeNull();
  return rows;
}

/** The rows of a table on screen: each row's cells as the user reads them. */
const screenRows = (page: Page, caption: string) =>
  page
    .getByRole("table", { name: caption })
    .locator("tbody tr")
    .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => (td as HTMLElement).innerText.trim())));

/** «3 из 9\n33 % принято» → [3, 9]. */
const approvedOfOwed = (cell: string) => {
  const m = /^(\d+) из (\d+)/.exec(cell);
  expect(m, `«${cell}» reads «N из M»`).not.toBeNull();
  return [Number(m![1]), Number(m![2])];
};
const firstNumber = (cell: string) => Number(/\d+/.exec(cell)?.[0] ?? NaN);

describe("federal coordinator", () => {
  test("drills down region → municipality → school; each Excel export matches the table on screen", async () => {
    const page = await app().newPage();
    await signIn(page, "fioco@demo.medk.ru");
    await page.getByRole("heading", { level: 1, name: "Обзор проекта «500+»" }).waitFor();

    // The overview: charts drawn in the browser, the participating regions, their score.
    await page
      .getByRole("img", { name: /^Концептуальные документы \d{4} по статусам, по субъектам$/ })
      .locator("svg")
      .waitFor();
    await page
      .getByRole("img", { name: /^Выполнение дорожных карт \d{4}, по субъектам$/ })
      .locator("svg")
      .waitFor();
    await page
      .getByRole("img", { name: /^Факторы риска \d{4}/ })
      .locator("svg")
      .waitFor();
    const participants = page.getByRole("table", { name: /^Участники \d{4} по субъектам РФ$/ });
    await participants.getByRole("cell", { name: /зона/ }).first().waitFor();
    const overview = await downloadXlsx(page);
    expect(overview.worksheets.map((w) => w.name)).toEqual(["Субъекты", "Муниципалитеты", "Школы"]);
    const regionsOnScreen = await screenRows(page, "Участники 2026 по субъектам РФ");
    const regionSheet = sheetRows(overview, "Субъекты", "Код");
    expect(regionSheet.map((r) => r["Субъект РФ"])).toEqual(regionsOnScreen.map((r) => r[0].split("\n")[0]));
    await screenshot(page, "dashboard-federal");

    // ---- region
    await participants.getByRole("link", { name: "Забайкальский край" }).click();
    await page.getByRole("heading", { level: 1, name: "Забайкальский край" }).waitFor();
    await page.getByText("3 из 6 баллов, жёлтая зона").waitFor();
    await page
      .getByRole("img", { name: /по муниципалитетам$/ })
      .first()
      .locator("svg")
      .waitFor();
    const region = await downloadXlsx(page);
    expect(region.worksheets.map((w) => w.name)).toEqual(["Муниципалитеты", "Школы"]);
    const municipalitySheet = sheetRows(region, "Муниципалитеты", "Субъект РФ");
    const municipalitiesOnScreen = (await screenRows(page, "Муниципалитеты субъекта")).filter((r) => r[2] !== "—");
    expect(municipalitiesOnScreen.length).toBeGreaterThan(0);
    expect(municipalitySheet.map((r) => r["Муниципалитет"])).toEqual(municipalitiesOnScreen.map((r) => r[0]));
    for (const [i, row] of municipalitiesOnScreen.entries()) {
      const x = municipalitySheet[i]!;
      expect(x["Субъект РФ"]).toBe("Забайкальский край");
      expect(firstNumber(row[1])).toBe(x["Школ-участников"]);
      expect(approvedOfOwed(row[2])).toEqual([x["Документы: Принято"], x["Документы: Документов положено"]]);
      expect(firstNumber(row[4])).toBe(Number(x["Документы: Просрочено"]) + Number(x["Мероприятия: Просрочено"]) + Number(x["Мероприятия: Дорожных карт просрочено"]));
    }
    // No neighbour's figures in the file.
    expect(sheetRows(region, "Школы", "Субъект РФ").every((r) => r["Субъект РФ"] === "Забайкальский край")).toBe(true);

    // ---- municipality
    await page.getByRole("table", { name: "Муниципалитеты субъекта" }).getByRole("link", { name: "Балейский район" }).click();
    await page.getByRole("heading", { level: 1, name: "Балейский район" }).waitFor();
    await page
      .getByRole("img", { name: /по школам$/ })
      .first()
      .locator("svg")
      .waitFor();
    const municipality = await downloadXlsx(page);
    expect(municipality.worksheets.map((w) => w.name)).toEqual(["Школы"]);
    const schoolSheet = sheetRows(municipality, "Школы", "Субъект РФ");
    const table = "Школы муниципалитета Балейский район";
    const schoolsOnScreen = (await screenRows(page, table)).filter((r) => r[1].startsWith("Участвует"));
    expect(schoolsOnScreen.length).toBe(2);
    expect(schoolSheet.map((r) => r["Школа"])).toEqual(schoolsOnScreen.map((r) => r[0].split("\n")[0]));
    for (const [i, row] of schoolsOnScreen.entries()) {
      const x = schoolSheet[i]!;
      expect(x["Муниципалитет"]).toBe("Балейский район");
      expect(approvedOfOwed(row[3])).toEqual([x["Документы: Принято"], x["Документы: Документов положено"]]);
      const progress = x["Мероприятия: Прогресс дорожных карт"];
      expect(row[4]).toMatch(progress == null ? /^—/ : new RegExp(`^${Math.round(Number(progress) * 100)}\\s%`));
      expect(firstNumber(row[5])).toBe(Number(x["Документы: Просрочено"]) + Number(x["Мероприятия: Просрочено"]) + Number(x["Мероприятия: Дорожных карт просрочено"]));
    }

    // ---- school
    await page.getByRole("table", { name: table }).getByRole("link", { name: "МКОУ «Ундино-Посельская СОШ»" }).click();
    await page.getByRole("heading", { level: 1, name: "МКОУ «Ундино-Посельская СОШ»" }).waitFor();
    const crumbs = page.getByRole("navigation", { name: "Путь" });
    await crumbs.getByRole("link", { name: "Субъекты РФ" }).waitFor();
    await crumbs.getByRole("link", { name: "Балейский район" }).waitFor();
  });

  test("edits a scoring criterion and sees the regions' points follow", async () => {
    const page = await app().newPage();
    await signIn(page, "fioco@demo.medk.ru");
    await openSection(page, "Оценка");
    await page.getByRole("heading", { level: 1, name: "Оценка регионов" }).waitFor();
    const regions = page.getByRole("table", { name: /^Оценка регионов \d{4}: баллы по критериям$/ });
    const zabaikalye = regions.getByRole("row").filter({ hasText: "Забайкальский край" });
    await zabaikalye.getByText("3 из 6 баллов").waitFor();
    await screenshot(page, "scoring-federal");

    // «Доля утверждённых документов не ниже 90 %» → 20 %: Забайкальский край (29 %) now meets it.
    const criteria = page.getByRole("table", { name: /^Критерии оценки регионов \d{4}$/ });
    // Criteria are named by their wording; their codes stay inside the API.
    await criteria.getByRole("row").filter({ hasText: "Доля утверждённых концептуальных документов не ниже 90 %" }).getByRole("link", { name: "Изменить" }).click();
    await page.getByRole("heading", { name: "Изменить критерий «Доля утверждённых концептуальных документов не ниже 90 %»" }).waitFor();
    await page.getByLabel("Порог, %").fill("120");
    await page.getByRole("button", { name: "Сохранить критерий" }).click();
    // The API's refusal, in its words, next to the field.
    await page.getByText("Порог — доля от 0 до 1").first().waitFor();
    await page.getByLabel("Порог, %").fill("20");
    await page.getByLabel("Формулировка").fill("Доля утверждённых концептуальных документов не ниже 20 %");
    await page.getByRole("button", { name: "Сохранить критерий" }).click();
    await page.getByText("Критерий «Доля утверждённых концептуальных документов не ниже 20 %» сохранён").waitFor();
    await zabaikalye.getByText("4 из 6 баллов").waitFor();

    // Put it back, so that other journeys see the demo world's scores.
    await criteria.getByRole("row").filter({ hasText: "Доля утверждённых концептуальных документов не ниже 20 %" }).getByRole("link", { name: "Изменить" }).click();
    await page.getByLabel("Порог, %").fill("90");
    await page.getByLabel("Формулировка").fill("Доля утверждённых концептуальных документов не ниже 90 %");
    await page.getByRole("button", { name: "Сохранить критерий" }).click();
    await zabaikalye.getByText("3 из 6 баллов").waitFor();
  });

  test("reads the overview on a phone", async () => {
    const page = await app().newPage(MOBILE);
    await signIn(page, "fioco@demo.medk.ru");
    await page
      .getByRole("img", { name: /по субъектам$/ })
      .first()
      .locator("svg")
      .waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, "dashboard-federal-375");
  });
});
