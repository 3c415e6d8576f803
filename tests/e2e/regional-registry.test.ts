// A regional coordinator puts a programme year into service for its region in the browser: municipalities
// and the school registry from files (a deliberately bad row is rejected with its row, column and reason,
// then fixed), the decree's participant list, bulk onboarding with the downloadable invitations list — and a
// new school account signs in by its invitation and sees its year. Works in Владимирская область (code 33),
// which the demo world leaves empty, so other browser tests see their world unchanged.
import { randomUUID } from "node:crypto";
import { hash } from "@node-rs/argon2";
import { describe, expect, test } from "vitest";
import { innWithCheck } from "../../api/src/modules/registry/checksums.ts";
import { DEMO_PASSWORD, MOBILE, mainText, screenshot, signIn, useE2E, openSection } from "./helpers/app.ts";

const app = useE2E();
const tag = randomUUID().slice(0, 4);
const inn = (n: number) => innWithCheck(String(330_000_000 + n * 7919 + Number.parseInt(tag, 16)).slice(-9));
const SCHOOL = `МБОУ «Сельская СОШ ${tag}»`;
const HOST = `МАОУ «Лицей № 1 ${tag}»`;
const MUNI = `Суздальский район ${tag}`;
const INN = { school: inn(1), host: inn(2) };
const csv = (rows: string[][]) => Buffer.from("\uFEFF" + rows.map((r) => r.join(";")).join("\r\n") + "\r\n", "utf8");
const badInn = INN.school.slice(0, 9) + String((Number(INN.school[9]) + 1) % 10);
const registry = (schoolInn: string) =>
  csv([
    ["Муниципальное образование", "Полное наименование", "Краткое наименование", "ИНН", "ОГРН", "Адрес", "Школа кураторов"],
    [MUNI, `Муниципальное автономное общеобразовательное учреждение «Лицей № 1 ${tag}»`, HOST, INN.host, "", "г. Суздаль", "да"],
    [MUNI, `Муниципальное бюджетное общеобразовательное учреждение «Сельская СОШ ${tag}»`, SCHOOL, schoolInn, "", "с. Гавриловское", "нет"],
  ]);

describe("regional coordinator", () => {
  test("loads the registry, the decree list and onboards a school that then signs in by its invitation", async () => {
    const db = app().db;
    const region = await db.region.findUniqueOrThrow({ where: { code: 33 } });
    const email = `region33.${tag}@demo.medk.ru`;
    await db.user.create({ data: { email, fullName: `Соколова Анна ${tag}`, passwordHash: await hash(DEMO_PASSWORD), roles: { create: { role: "REGIONAL_COORDINATOR", regionId: region.id } } } });

    const page = await app().newPage();
    await signIn(page, email);
    await openSection(page, "Реестр");
    const nav = page.getByRole("navigation", { name: "Разделы реестра" });
    await page.getByRole("heading", { level: 1, name: "Реестр школ" }).waitFor();
    await page.getByText("В реестре субъекта пока нет школ").waitFor();
    await screenshot(page, "registry-empty");

    // ---- municipalities, then the registry with a bad ИНН
    const munis = page.getByRole("form", { name: "Загрузка муниципалитетов" });
    await munis.getByLabel("Файл (.xlsx или .csv)").setInputFiles({ name: "мо.csv", mimeType: "text/csv", buffer: csv([["Наименование"], [MUNI]]) });
    await munis.getByRole("button", { name: "Загрузить муниципалитеты" }).click();
    await page.getByRole("heading", { level: 1, name: "Проверка файла «мо.csv»" }).waitFor();
    await page.getByRole("button", { name: "Записать изменения (1)" }).click();
    await page.getByText("Изменения записаны: добавлено 1 строка.").waitFor();

    await page.goto("/registry");
    const schools = page.getByRole("form", { name: "Загрузка реестра школ" });
    await schools.getByLabel("Файл (.xlsx или .csv)").setInputFiles({ name: "реестр.csv", mimeType: "text/csv", buffer: registry(badInn) });
    await schools.getByRole("button", { name: "Загрузить и проверить" }).click();
    await page.getByRole("heading", { level: 1, name: "Проверка файла «реестр.csv»" }).waitFor();
    await page.getByRole("link", { name: "Отклонены (1)" }).click();
    await page.waitForURL(/outcome=REJECTED/);
    const rows = page.getByRole("table", { name: "Строки файла" });
    const bad = rows.getByRole("row").filter({ hasText: SCHOOL });
    await bad.getByText("Столбец «ИНН»: Неверная контрольная цифра ИНН").waitFor();
    expect(await bad.getByRole("cell").first().innerText()).toBe("3");
    expect(await rows.getByRole("row").count()).toBe(2);
    await screenshot(page, "registry-preview-rejected");
    // Nothing is written yet.
    expect(await db.school.count({ where: { municipality: { regionId: region.id } } })).toBe(0);

    // ---- fixed file
    await page.goto("/registry");
    await schools.getByLabel("Файл (.xlsx или .csv)").setInputFiles({ name: "реестр.csv", mimeType: "text/csv", buffer: registry(INN.school) });
    await schools.getByRole("button", { name: "Загрузить и проверить" }).click();
    await page.getByText("0 отклонено").waitFor();
    await page.getByRole("button", { name: "Записать изменения (2)" }).click();
    await page.getByText("Изменения записаны: добавлено 2 строки.").waitFor();
    await page.goto("/registry");
    await page.getByRole("table", { name: "Школы в реестре" }).getByRole("link", { name: SCHOOL, exact: true }).waitFor();

    // ---- the decree's participant list
    await nav.getByRole("link", { name: "Участники года" }).click();
    await page.getByRole("heading", { level: 1, name: "Участники года" }).waitFor();
    await page.getByText("Список участников пуст").waitFor();
    const decree = page.getByRole("form", { name: "Загрузка списка участников по приказу" });
    await decree.getByLabel("Номер приказа").fill("1186");
    await decree.getByLabel("Дата приказа").fill("2025-12-17");
    await decree.getByLabel("Файл (.xlsx или .csv)").setInputFiles({
      name: "приказ.csv",
      mimeType: "text/csv",
      buffer: csv([
        ["ИНН", "Наименование"],
        [INN.school, SCHOOL],
      ]),
    });
    await decree.getByRole("button", { name: "Загрузить и проверить" }).click();
    await page.getByText("приказ от 17.12.2025 № 1186").first().waitFor();
    await page.getByRole("button", { name: "Записать изменения (1)" }).click();
    await page.getByText("Изменения записаны: добавлено 1 строка.").waitFor();
    await page.getByRole("link", { name: "Вернуться: Участники года" }).click();
    const list = page.getByRole("table", { name: /^Участники \d{4} года$/ });
    await list.getByRole("row").filter({ hasText: SCHOOL }).getByText("приказ от 17.12.2025 № 1186").waitFor();
    await screenshot(page, "participants");

    // ---- the lyceum picked from the registry by another decree, then withdrawn with a reason
    const pick = page.getByRole("form", { name: "Добавить школы из реестра" });
    await pick.getByLabel(HOST).check();
    await pick.getByLabel("Номер приказа").fill("1187");
    await pick.getByLabel("Дата приказа").fill("2025-12-20");
    await pick.getByRole("button", { name: "Добавить отмеченные" }).click();
    await page.getByText(/Добавлено в список \d{4} года: 1 школа\./).waitFor();
    const hostRow = list.getByRole("row").filter({ hasText: HOST });
    await hostRow.getByText("приказ от 20.12.2025 № 1187").waitFor();
    await hostRow.getByText("Изменить статус").click();
    const status = hostRow.getByRole("form", { name: `Статус школы ${HOST}` });
    await status.getByLabel("Новый статус").selectOption({ label: "Выбыла из проекта" });
    await status.getByLabel("Причина или приказ").fill("Реорганизация (приказ № 15 от 01.03.2026)");
    await status.getByRole("button", { name: "Сохранить статус" }).click();
    await page.getByText(`Статус школы ${HOST} изменён`).waitFor();
    await hostRow.getByText("Выбыла из проекта", { exact: true }).waitFor();
    await hostRow
      .locator("p")
      .getByText(/Реорганизация \(приказ № 15 от 01\.03\.2026\)/)
      .waitFor();
    await hostRow.getByText("История", { exact: true }).click();
    await hostRow.getByText(/включена в список \(приказ от 20\.12\.2025 № 1187\)/).waitFor();
    await hostRow.getByText(/статус «Выбыла из проекта» — Реорганизация/).waitFor();
    await screenshot(page, "participants-status");

    // ---- bulk onboarding
    await nav.getByRole("link", { name: "Подключение школ" }).click();
    await page.getByRole("heading", { level: 1, name: "Подключение школ" }).waitFor();
    const schoolMail = `school.${tag}@demo.medk.ru`;
    const onboarding = page.getByRole("form", { name: "Загрузка файла подключения школ" });
    await onboarding.getByLabel("Файл (.xlsx или .csv)").setInputFiles({
      name: "подключение.csv",
      mimeType: "text/csv",
      buffer: csv([
        ["ИНН школы", "E-mail школы", "Руководитель школы", "E-mail куратора", "ФИО куратора", "ИНН школы куратора"],
        [INN.school, schoolMail, "Морозова Елена Викторовна", `curator.${tag}@demo.medk.ru`, "Лебедев Пётр Ильич", INN.host],
      ]),
    });
    await onboarding.getByRole("button", { name: "Загрузить и проверить" }).click();
    await page.getByRole("button", { name: "Записать изменения (1)" }).click();
    await page.getByText("Созданы учётные записи: 2 приглашения.").waitFor();
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Скачать список приглашений (CSV)" }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe("приглашения.csv");
    const text = (await import("node:fs")).readFileSync((await file.path())!, "utf8");
    expect(text).toContain(schoolMail);
    expect(text).toContain("Лебедев Пётр Ильич");
    const link = await page.getByLabel(`Ссылка-приглашение для ${schoolMail}`).inputValue();
    expect(text).toContain(link);
    await screenshot(page, "onboarding-invitations");

    // ---- the school, by its invitation
    const school = await app().newPage();
    await school.goto(link);
    await school.getByLabel("Новый пароль").fill("school-password-2026");
    await school.getByLabel("Пароль ещё раз").fill("school-password-2026");
    await school.getByRole("button", { name: "Сохранить пароль и войти" }).click();
    await school.getByRole("heading", { level: 1, name: SCHOOL }).waitFor();
    const year = (await db.programmeYear.findFirstOrThrow({ where: { programme: { regionId: null } }, orderBy: { year: "desc" } })).title;
    await school.getByRole("heading", { name: year, exact: true }).waitFor();
    await school.locator("main").getByText("Лебедев Пётр Ильич").first().waitFor();
  });

  test("reads the registry and its preview at 375 px without sideways scrolling", async () => {
    const db = app().db;
    const region = await db.region.findUniqueOrThrow({ where: { code: 33 } });
    const email = `region33m.${tag}@demo.medk.ru`;
    await db.user.create({ data: { email, fullName: `Орлова Ирина ${tag}`, passwordHash: await hash(DEMO_PASSWORD), roles: { create: { role: "REGIONAL_COORDINATOR", regionId: region.id } } } });
    const page = await app().newPage(MOBILE);
    await signIn(page, email);
    await page.goto("/registry");
    await page.getByRole("heading", { level: 1, name: "Реестр школ" }).waitFor();
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    await screenshot(page, "registry-mobile");
    expect(await overflow()).toBeLessThanOrEqual(0);
    const imp = await db.registryImport.findFirstOrThrow({ where: { regionId: region.id, kind: "SCHOOLS", appliedAt: null } });
    await page.goto(`/registry/imports/${imp.id}`);
    await page.getByRole("heading", { level: 1, name: /Проверка файла/ }).waitFor();
    expect(await mainText(page)).toContain("отклонено");
    expect(await overflow()).toBeLessThanOrEqual(0);
    await screenshot(page, "registry-preview-mobile");
  });
});
