// The municipal roadmap, end to end: the municipal coordinator keeps it with the schools' editor — adds
// a measure, reports it done with a link and a file, exports it to Excel and imports a table — and the
// region's coordinator finds it on the dashboard and in the list of the region's municipal roadmaps,
// opens it and confirms the measure, the dialog showing the decision at once.
import { readFile } from "node:fs/promises";
import ExcelJS from "exceljs";
import { describe, expect, test } from "vitest";
import type { Page } from "playwright-core";
import { minimalPdf } from "../../prisma/seed/lib/storage.ts";
import { MOBILE, gid, screenshot, signIn, useE2E } from "./helpers/app.ts";

const app = useE2E();
const TITLE = "Муниципальный семинар «Работа с обучающимися с рисками учебной неуспешности»";
const IMPORTED = ["Совещание с руководителями школ-участников по итогам полугодия", "Выездной методический день в школах проекта"];

/** No sideways scroll: the page fits the viewport. */
const fits = async (page: Page) => expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);

describe("the municipal roadmap", () => {
  test("the municipal coordinator adds a measure, reports it with evidence, exports and imports", async () => {
    const page = await app().newPage();
    await signIn(page, "baley@demo.medk.ru");
    await page.getByRole("heading", { level: 1, name: "Балейский район" }).waitFor();
    await page.getByTestId("municipal-roadmap").getByRole("link", { name: "Открыть и вести карту" }).click();
    await page.getByRole("heading", { level: 1, name: "Муниципальная дорожная карта" }).waitFor();
    const rows = page.getByTestId("measure-row");
    const before = await rows.count();

    await page.getByRole("button", { name: "Добавить мероприятие" }).click();
    const dialog = page.getByRole("dialog", { name: "Новое мероприятие" });
    await dialog.getByLabel("Что будет сделано").fill(TITLE);
    await dialog.getByLabel("Срок выполнения").fill("2026-12-20");
    await dialog.getByLabel("Ответственные").fill("Муниципальный координатор Петрова А. С.");
    await dialog.getByLabel("Фактор риска").selectOption({ label: "6. Высокая доля обучающихся с рисками учебной неуспешности" });
    await dialog.getByLabel("Показатель", { exact: true }).fill("Доля школ проекта, принявших участие");
    await dialog.getByLabel("Единица").fill("%");
    await dialog.getByLabel("Целевое значение").fill("100");
    await dialog.getByRole("button", { name: "Добавить мероприятие" }).click();
    await page.getByText("Мероприятие добавлено в конец дорожной карты.").waitFor();
    const row = rows.filter({ hasText: TITLE });
    await row.waitFor();
    expect(await rows.count()).toBe(before + 1);

    await row.getByRole("button", { name: /^Отчитаться/ }).click();
    const report = page.getByRole("dialog", { name: "Отчёт о выполнении" });
    await report.getByLabel("Статус").selectOption("DONE");
    await report.getByLabel("Фактическое значение, %").fill("100");
    await report.getByLabel("Ссылка").fill("https://baley-edu.example.ru/news/seminar-500");
    await report.getByLabel("Файл", { exact: true }).setInputFiles({ name: "Протокол семинара.pdf", mimeType: "application/pdf", buffer: minimalPdf(["Protokol seminara"]) });
    await report.getByLabel("Комментарий").fill("Семинар проведён, участвовали все школы проекта.");
    await report.getByRole("button", { name: "Сохранить отчёт" }).click();
    await row.getByText("Ожидает подтверждения").waitFor();
    await row.getByText("Подтверждений: 2").waitFor();
    await screenshot(page, "municipal-roadmap-1280");

    // Export: the measure is in the file.
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Скачать в Excel" }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const exported = new ExcelJS.Workbook();
    await exported.xlsx.load((await readFile((await download.path())!)) as unknown as ArrayBuffer);
    const cells: string[] = [];
    exported.worksheets[0]!.eachRow((r) => r.eachCell((c) => cells.push(String(c.value ?? ""))));
    expect(cells).toContain(TITLE);

    // Import: two rows of the committee's own table go to the end of the roadmap.
    const table = new ExcelJS.Workbook();
    const sheet = table.addWorksheet("План");
    sheet.addRow(["№", "Описание действий", "Сроки реализации", "Показатель"]);
    IMPORTED.forEach((t, i) => sheet.addRow([i + 1, t, "декабрь", "Проведено"]));
    await page.getByRole("button", { name: "Загрузить таблицу" }).click();
    await page.getByLabel("Таблица Excel (.xlsx)").setInputFiles({
      name: "план комитета.xlsx",
      mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      buffer: Buffer.from(await table.xlsx.writeBuffer()),
    });
    await page.getByRole("button", { name: "Импортировать" }).click();
    await page.getByText("Импортировано: 2 мероприятия").waitFor();
    await rows.filter({ hasText: IMPORTED[1]! }).waitFor();
    expect(await rows.count()).toBe(before + 3);
    expect((await rows.locator(".title").allInnerTexts()).slice(-2)).toEqual(IMPORTED);
  });

  test("keeps it on a phone", async () => {
    const page = await app().newPage(MOBILE);
    await signIn(page, "baley@demo.medk.ru");
    await page.getByTestId("municipal-roadmap").getByRole("link", { name: "Открыть и вести карту" }).click();
    await page.getByRole("heading", { level: 1, name: "Муниципальная дорожная карта" }).waitFor();
    await page.getByTestId("measure-row").filter({ hasText: TITLE }).waitFor();
    await fits(page);
    await screenshot(page, "municipal-roadmap-375");
  });

  test("the region's coordinator sees it on the dashboard and in the region's list, and confirms the measure", async () => {
    const page = await app().newPage();
    await signIn(page, "region75@demo.medk.ru");
    await page.getByRole("heading", { level: 1, name: "Забайкальский край" }).waitFor();
    const figures = page.getByTestId("municipal-roadmap-figures");
    await figures.getByText("Муниципалитетов ведут карту").waitFor();
    await screenshot(page, "regional-dashboard-municipal-roadmaps-1280");
    await figures.getByRole("link", { name: "Все муниципальные карты →" }).click();
    await page.getByRole("heading", { level: 1, name: "Муниципальные дорожные карты" }).waitFor();
    const baley = page.getByTestId("municipal-roadmap-row").filter({ hasText: "Балейский район" });
    await baley.waitFor();
    // No other region's municipality is listed.
    expect(await page.getByTestId("municipal-roadmap-row").filter({ hasText: "Касимов" }).count()).toBe(0);
    await screenshot(page, "regional-municipal-roadmaps-1280");

    await baley.getByRole("link", { name: "Балейский район" }).click();
    await page.getByRole("heading", { level: 1, name: "Муниципальная дорожная карта" }).waitFor();
    // The region reads and decides; it does not keep the plan.
    expect(await page.getByRole("button", { name: "Добавить мероприятие" }).count()).toBe(0);
    const row = page.getByTestId("measure-row").filter({ hasText: TITLE });
    await row.getByRole("button", { name: /^Подробнее/ }).click();
    const details = page.getByRole("dialog", { name: /^Мероприятие № \d+$/ });
    await details.getByRole("link", { name: "Протокол семинара.pdf" }).waitFor();
    await details.getByRole("button", { name: "Подтвердить выполнение" }).click();
    // The dialog shows the decision at once: no buttons of the pending state, the confirmed badge.
    const verification = details.getByTestId("measure-verification");
    await verification.getByText("Подтверждено", { exact: true }).waitFor();
    expect(await details.getByRole("button", { name: "Подтвердить выполнение" }).count()).toBe(0);
    await details.getByRole("button", { name: "Закрыть" }).first().click();
    await row.getByText("Подтверждено", { exact: true }).waitFor();

    const m = await app().db.measure.findFirstOrThrow({ where: { title: TITLE } });
    expect(m.confirmedAt).not.toBeNull();
  });

  test("the region's list on a phone", async () => {
    const page = await app().newPage(MOBILE);
    await signIn(page, "region75@demo.medk.ru");
    await page.goto("/municipal-roadmaps");
    await page.getByTestId("municipal-roadmap-row").filter({ hasText: "Балейский район" }).waitFor();
    await fits(page);
    await screenshot(page, "regional-municipal-roadmaps-375");
  });

  // On the way (the same coordinator's work): the profile's confirmation button used to run off a phone.
  test("the profile's «Подтвердить профиль как муниципальный координатор» fits a 375 px phone", async () => {
    const { db } = app();
    const school = await db.school.findFirstOrThrow({ where: { shortName: "МКОУ «Ундино-Посельская СОШ»" } });
    const profile = await db.riskProfile.findFirstOrThrow({ where: { participation: { schoolId: school.id } }, orderBy: { participation: { programmeYear: { year: "desc" } } } });
    // The button shows only while the municipality has not confirmed: this file's own copy of the demo world.
    await db.riskProfileConfirmation.deleteMany({ where: { profileId: profile.id, party: "MUNICIPALITY" } });
    const page = await app().newPage(MOBILE);
    await signIn(page, "baley@demo.medk.ru");
    await page.goto(`/schools/${gid("School", school.id)}/profile`);
    const button = page.getByRole("button", { name: "Подтвердить профиль как муниципальный координатор" });
    await button.waitFor();
    const box = (await button.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(MOBILE.width);
    await fits(page);
    await screenshot(page, "profile-confirm-375");
  });
});
