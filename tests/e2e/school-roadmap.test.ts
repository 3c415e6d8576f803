// The school's roadmap as an editable table: a measure added (after the API's validation message), its
// progress reported with an evidence link, the table exported to Excel with the rows the screen shows,
// and an import refused row by row.
import { readFile } from "node:fs/promises";
import ExcelJS from "exceljs";
import { describe, expect, test } from "vitest";
import type { Page } from "playwright-core";
import { minimalPdf } from "../../prisma/seed/lib/storage.ts";
import { MOBILE, gid, screenshot, signIn, useE2E } from "./helpers/app.ts";

const app = useE2E();
const SCHOOL = "МКОУ «Ундино-Посельская СОШ»";
const TITLE = "Педагогический совет «Индивидуальные образовательные маршруты для отстающих обучающихся»";

const schoolId = async () => gid("School", (await app().db.school.findFirstOrThrow({ where: { shortName: SCHOOL } })).id);

async function openRoadmap(page: Page) {
  await signIn(page, "school.undino@demo.medk.ru");
  await page.getByRole("link", { name: "Дорожная карта", exact: true }).first().click();
  await page.getByRole("heading", { level: 1, name: "Дорожная карта" }).waitFor();
}

describe("school", () => {
  test("adds a measure, reports its progress with an evidence link, and exports the table", async () => {
    const page = await app().newPage();
    await openRoadmap(page);
    expect(new URL(page.url()).pathname).toBe(`/schools/${await schoolId()}/roadmap`);
    const rowsBefore = await page.getByTestId("measure-row").count();
    expect(rowsBefore).toBeGreaterThan(0);
    await screenshot(page, "school-roadmap");

    // ---- a measure whose due date is before its start: the API says so by the field
    await page.getByRole("button", { name: "Добавить мероприятие" }).click();
    const dialog = page.getByRole("dialog", { name: "Новое мероприятие" });
    await dialog.getByLabel("Что будет сделано").fill(TITLE);
    await dialog.getByLabel("Дата начала").fill("2026-12-10");
    await dialog.getByLabel("Срок выполнения").fill("2026-12-01");
    await dialog.getByLabel("Ответственные").fill("Зам. директора по УВР Иванова О. П.");
    await dialog.getByLabel("Показатель", { exact: true }).fill("Доля обучающихся с индивидуальным маршрутом");
    await dialog.getByLabel("Единица").fill("%");
    await dialog.getByLabel("Базовое значение").fill("20");
    await dialog.getByLabel("Целевое значение").fill("80");
    await dialog.getByRole("button", { name: "Добавить мероприятие" }).click();
    await dialog.getByText("Срок выполнения (01.12.2026) раньше даты начала (10.12.2026)").waitFor();
    expect(await dialog.getByLabel("Срок выполнения").getAttribute("aria-invalid")).toBe("true");
    await screenshot(page, "school-roadmap-validation");

    await dialog.getByLabel("Срок выполнения").fill("2026-12-25");
    await dialog.getByRole("button", { name: "Добавить мероприятие" }).click();
    await page.getByText("Мероприятие добавлено в конец дорожной карты.").waitFor();
    const row = page.getByTestId("measure-row").filter({ hasText: TITLE });
    await row.waitFor();
    expect(await page.getByTestId("measure-row").count()).toBe(rowsBefore + 1);
    await row.getByText("Запланировано").waitFor();
    await row.getByText("10.12.2026 – 25.12.2026").waitFor();

    // ---- «Выполнено» with nothing to show for it is refused, with the reason
    await row.getByRole("button", { name: /^Отчитаться/ }).click();
    const report = page.getByRole("dialog", { name: "Отчёт о выполнении" });
    await report.getByLabel("Статус").selectOption("DONE");
    await report.getByLabel("Фактическое значение, %").fill("75");
    await report.getByRole("button", { name: "Сохранить отчёт" }).click();
    await report.getByText(/Чтобы отметить мероприятие выполненным, приложите подтверждение/).waitFor();

    // ---- with an evidence link it is accepted
    await report.getByLabel("Ссылка").fill("https://undino-school.example.ru/news/pedsovet-2026");
    await report.getByLabel("Что по ссылке (необязательно)").fill("Протокол педсовета на сайте школы");
    await report.getByLabel("Комментарий").fill("Маршруты составлены для 14 обучающихся.");
    await report.getByRole("button", { name: "Сохранить отчёт" }).click();
    await page.getByText(/Отчёт по мероприятию № \d+ сохранён/).waitFor();
    await row.getByText("Выполнено", { exact: true }).waitFor();
    await row.getByText("Подтверждений: 1").waitFor();
    await row.getByText("75", { exact: true }).waitFor();

    // The details show the evidence and the comment.
    await row.getByRole("button", { name: /^Подробнее/ }).click();
    const details = page.getByRole("dialog", { name: /^Мероприятие № \d+$/ });
    await details.getByRole("link", { name: "https://undino-school.example.ru/news/pedsovet-2026" }).waitFor();
    await details.getByText("Маршруты составлены для 14 обучающихся.").waitFor();
    await details.getByText("Отчёт о выполнении").first().waitFor();
    await details.getByRole("button", { name: "Закрыть" }).first().click();

    // ---- the Excel export has the rows of the screen, in its order
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Скачать в Excel" }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await readFile((await download.path())!)) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const header = sheet.getRow(findHeader(sheet)).values as unknown[];
    const titleCol = header.findIndex((v) => v === "Описание действий");
    const fileTitles: string[] = [];
    sheet.eachRow((r, n) => {
      if (n > findHeader(sheet)) {
        const v = r.getCell(titleCol).value;
        if (v) fileTitles.push(String(v));
      }
    });
    const screenTitles = await page.getByTestId("measure-row").locator(".title").allInnerTexts();
    expect(fileTitles).toEqual(screenTitles);
    expect(fileTitles.at(-1)).toBe(TITLE);
  });

  test("attaches an evidence file with its report, and cancels a measure with a reason", async () => {
    const page = await app().newPage();
    await openRoadmap(page);
    const first = page.getByTestId("measure-row").first();
    const before = Number(
      (
        await first
          .getByText(/Подтверждений: \d+/)
          .innerText()
          .catch(() => "Подтверждений: 0")
      ).match(/\d+/)![0],
    );
    await first.getByRole("button", { name: /^Отчитаться/ }).click();
    const report = page.getByRole("dialog", { name: "Отчёт о выполнении" });
    await report.getByLabel("Файл", { exact: true }).setInputFiles({ name: "Протокол.pdf", mimeType: "application/pdf", buffer: minimalPdf(["Protokol"]) });
    await report.getByLabel("Комментарий").fill("Протокол заседания приложен.");
    await report.getByRole("button", { name: "Сохранить отчёт" }).click();
    await page.getByText(/Отчёт по мероприятию № 1 сохранён/).waitFor();
    await first.getByText(`Подтверждений: ${before + 1}`).waitFor();
    await first.getByRole("button", { name: /^Подробнее/ }).click();
    await page.getByRole("dialog", { name: "Мероприятие № 1" }).getByRole("link", { name: "Протокол.pdf" }).waitFor();
    await page.getByRole("dialog", { name: "Мероприятие № 1" }).getByRole("button", { name: "Закрыть" }).first().click();

    // Cancelling needs a reason; the measure stays in the table, struck through.
    const row = page.getByTestId("measure-row").filter({ hasText: TITLE });
    await row.getByRole("button", { name: /^Подробнее/ }).click();
    const details = page.getByRole("dialog", { name: /^Мероприятие № \d+$/ });
    await details.getByRole("button", { name: "Отменить мероприятие…" }).click();
    const confirm = details.getByRole("button", { name: "Отменить мероприятие", exact: true });
    expect(await confirm.isDisabled()).toBe(true);
    await details.getByLabel("Причина отмены").fill("Перенесено в план следующего года по решению педсовета");
    await confirm.click();
    await page.getByText(/Мероприятие № \d+ отменено\./).waitFor();
    await details.getByText("Причина: Перенесено в план следующего года по решению педсовета").first().waitFor();
    await details.getByRole("button", { name: "Закрыть" }).first().click();
    await row.getByText("Отменено", { exact: true }).waitFor();
    expect(await row.getByRole("button", { name: /^Отчитаться/ }).count()).toBe(0);
  });

  test("moves a measure up and sees a bad import refused row by row", async () => {
    const page = await app().newPage();
    await openRoadmap(page);
    const titles = await page.getByTestId("measure-row").locator(".title").allInnerTexts();
    await page.getByRole("button", { name: "Переместить выше: мероприятие № 2" }).click();
    await page.waitForFunction((first) => document.querySelector('[data-testid="measure-row"] .title')?.textContent === first, titles[1]);
    const after = await page.getByTestId("measure-row").locator(".title").allInnerTexts();
    expect(after.slice(0, 2)).toEqual([titles[1], titles[0]]);

    // An import whose second data row has no description: nothing is written, the row is named.
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Дорожная карта");
    sheet.addRow(["№", "Описание действий", "Сроки реализации", "Показатель"]);
    sheet.addRow([1, "Открытые уроки учителей-наставников", "декабрь", "Проведено уроков"]);
    sheet.addRow([2, "", "январь", "Доля педагогов"]);
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    await page.getByRole("button", { name: "Загрузить таблицу" }).click();
    await page.getByLabel("Таблица Excel (.xlsx)").setInputFiles({
      name: "карта.xlsx",
      mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      buffer,
    });
    await page.getByRole("button", { name: "Импортировать" }).click();
    const problems = page.getByTestId("import-problems");
    await problems.waitFor();
    expect(await problems.innerText()).toMatch(/^Строка 3: /m);
    expect(await page.getByTestId("measure-row").count()).toBe(titles.length);
  });

  test("reads its roadmap at 375 px", async () => {
    const page = await app().newPage(MOBILE);
    await signIn(page, "school.undino@demo.medk.ru");
    const id = new URL(page.url()).pathname.split("/")[2];
    await page.goto(`/schools/${id}/roadmap`);
    await page.getByRole("heading", { level: 1, name: "Дорожная карта" }).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, "school-roadmap-mobile");
  });
});

/** The row of the column titles (the export may put a title line above the table). */
function findHeader(sheet: ExcelJS.Worksheet): number {
  for (let n = 1; n <= Math.min(sheet.rowCount, 10); n++) {
    if ((sheet.getRow(n).values as unknown[]).includes("Описание действий")) return n;
  }
  throw new Error("no header row in the export");
}
