// The regional coordinator's people work in the browser: a new curator account with its invitation link,
// the curator assigned to a school, and the curator, through the link, finding that school on its list.
// And the region's coordinator cannot open another region's page.
import { readFile } from "node:fs/promises";
import { describe, expect, test } from "vitest";
import { MOBILE, gid, mainText, screenshot, signIn, useE2E, viewerInfo, openSection } from "./helpers/app.ts";

const app = useE2E();
const CURATOR = "Новикова Дарья Олеговна";
const SCHOOL = "МКОУ «Жидкинская ООШ»";

describe("regional coordinator", () => {
  test("creates a curator, assigns it to a school, and the curator finds the school through the invitation", async () => {
    const page = await app().newPage();
    await signIn(page, "region75@demo.medk.ru");
    await screenshot(page, "dashboard-regional");

    await openSection(page, "Люди");
    await page.getByRole("heading", { level: 1, name: "Люди" }).waitFor();
    const users = page.getByRole("table", { name: "Пользователи" });
    await users.getByText("Чернова Галина Петровна").waitFor();
    // Only the region's people.
    expect(await mainText(page)).not.toContain("Гусев Андрей Павлович");
    await screenshot(page, "people-regional");

    await page.getByRole("link", { name: "Добавить пользователя" }).click();
    await page.getByRole("heading", { level: 1, name: "Новый пользователь" }).waitFor();
    // The roles the API lets a regional coordinator grant, and no others.
    const roles = await page.getByRole("radio").evaluateAll((rs) => rs.map((r) => (r as HTMLInputElement).value));
    expect(roles).toEqual(["MUNICIPAL_COORDINATOR", "CURATOR", "SCHOOL"]);
    await page.getByLabel("Куратор", { exact: true }).check();
    await page.getByLabel("ФИО").fill(CURATOR);
    const email = `novikova.${Date.now()}@demo.medk.ru`;
    await page.getByLabel("E-mail").fill("novikova@demo");
    await page.getByLabel("Муниципалитет", { exact: true }).selectOption({ label: "Балейский район" });
    await page.getByLabel("Школа, где работает куратор").selectOption({ label: "МКОУ «СОШ № 14» г. Балей (школа кураторов)" });
    await page.getByRole("button", { name: "Создать и получить ссылку-приглашение" }).click();
    // The API's refusal, beside the field; what was typed stays.
    await page.getByText("Неверный e-mail").first().waitFor();
    expect(await page.getByLabel("ФИО").inputValue()).toBe(CURATOR);
    await page.getByLabel("E-mail").fill(email);
    await page.getByRole("button", { name: "Создать и получить ссылку-приглашение" }).click();
    await page.getByText(`Учётная запись ${CURATOR} (${email}) создана`).waitFor();
    const link = await page.getByLabel(`Ссылка-приглашение для ${CURATOR}`).inputValue();
    expect(link).toMatch(new RegExp(`^${app().url}/invite/`));
    await screenshot(page, "people-invitation");

    // ---- assign the new curator to a school of the year
    await page.getByRole("link", { name: "Назначить куратора школам" }).click();
    await page.getByRole("heading", { level: 1, name: "Кураторы школ" }).waitFor();
    const row = page
      .getByRole("table", { name: /^Школы-участники \d{4} и их кураторы$/ })
      .getByRole("row")
      .filter({ has: page.getByRole("link", { name: SCHOOL }) });
    await row.getByText("Орлова Ксения Владимировна").waitFor();
    await row.getByLabel(`Куратор для школы ${SCHOOL}`).selectOption({ label: `${CURATOR} — МКОУ «СОШ № 14» г. Балей` });
    await row.getByRole("button", { name: `Назначить куратора школе ${SCHOOL}` }).click();
    await page.getByText(`${CURATOR} назначен(а) куратором школы ${SCHOOL}`).waitFor();
    await row.getByRole("listitem").filter({ hasText: CURATOR }).waitFor();
    await screenshot(page, "people-curators");

    // ---- the curator, from the link
    const curator = await app().newPage();
    await curator.goto(link);
    await curator.getByLabel("Новый пароль").fill("curator-password-2026");
    await curator.getByLabel("Пароль ещё раз").fill("curator-password-2026");
    await curator.getByRole("button", { name: "Сохранить пароль и войти" }).click();
    // A curator lands on «На проверку», the first item of its menu; its schools are one click away.
    await curator.getByRole("heading", { level: 1, name: "Документы на проверку" }).waitFor();
    await openSection(curator, "Мои школы");
    await curator.getByRole("heading", { level: 1, name: "Мои школы" }).waitFor();
    await viewerInfo(curator).getByText(CURATOR).waitFor();
    await curator.getByRole("link", { name: SCHOOL }).first().waitFor();

    // ---- and the assignment can be taken back
    await row.getByRole("button", { name: `Снять куратора ${CURATOR} со школы ${SCHOOL}` }).click();
    await page.getByText(`${CURATOR} больше не куратор школы ${SCHOOL}`).waitFor();
    expect(await row.getByRole("listitem").filter({ hasText: CURATOR }).count()).toBe(0);
  });

  test("of Забайкальский край cannot open a page of Рязанская область", async () => {
    const ryazan = await app().db.region.findUniqueOrThrow({ where: { code: 62 } });
    const kasimov = await app().db.municipality.findFirstOrThrow({ where: { name: "Касимовский район" } });
    const page = await app().newPage();
    await signIn(page, "region75@demo.medk.ru");

    for (const path of [`/regions/${gid("Region", ryazan.id)}`, `/municipalities/${gid("Municipality", kasimov.id)}`]) {
      const response = await page.goto(path);
      expect(response?.status()).toBe(403);
      await page.getByRole("heading", { level: 1, name: "Нет доступа" }).waitFor();
      const text = await mainText(page);
      expect(text).not.toContain("Рязанская область");
      expect(text).not.toContain("Касимовский район");
    }
    await screenshot(page, "regional-no-access");

    // The shell stays: the coordinator goes back to its own region.
    await openSection(page, "Мой субъект");
    await page.getByRole("heading", { level: 1, name: "Забайкальский край" }).waitFor();
  });

  test("works through the overdue list and the report builder, also on a phone", async () => {
    const page = await app().newPage();
    await signIn(page, "region75@demo.medk.ru");
    await openSection(page, "Просрочки");
    await page.getByRole("heading", { level: 1, name: "Просроченное" }).waitFor();
    const measures = page.getByRole("table", { name: /^Просроченные мероприятия/ });
    await measures.locator("tbody tr").first().waitFor();
    await page.getByLabel("Муниципалитет").selectOption({ label: "Балейский район" });
    await page.waitForURL(/municipality=/);
    await page.getByRole("heading", { level: 1, name: "Просроченное" }).waitFor();
    const schools = await measures.locator("tbody tr td:nth-child(2)").allInnerTexts();
    expect(schools.length).toBeGreaterThan(0);
    for (const s of schools) expect(s).toContain("Балейский район");
    await screenshot(page, "overdue-regional");

    await openSection(page, "Отчёты");
    await page.getByRole("heading", { level: 1, name: "Отчёты" }).waitFor();
    await page.getByRole("link", { name: "Концептуальные документы" }).click();
    await page.waitForURL(/report=DOCUMENTS/);
    await page.getByLabel("Группировка").selectOption("SCHOOL");
    await page.getByLabel("Медиана дней до решения").check();
    await page.getByRole("button", { name: "Построить отчёт" }).click();
    await page.waitForURL(/group=SCHOOL/);
    const report = page.getByRole("table", { name: "Концептуальные документы, по школам" });
    await report.getByRole("columnheader", { name: "Медиана дней до решения" }).waitFor();
    await report.getByRole("link", { name: SCHOOL }).waitFor();
    expect(await report.locator("tbody tr").count()).toBe(7);
    // Sorting by a column keeps the rest of the report.
    await report.getByRole("link", { name: "Просрочено" }).click();
    await page.waitForURL(/sort=overdue/);
    expect(new URL(page.url()).searchParams.get("group")).toBe("SCHOOL");
    // The export offers «как на экране» (the screen's figures, labels and order) and «все показатели».
    const csvOf = async (name: RegExp) => {
      const [d] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name }).click()]);
      expect(d.suggestedFilename()).toMatch(/^МЭДК — Концептуальные документы — \d{4}\.csv$/);
      const text = (await readFile((await d.path())!, "utf8")).replace(/^\uFEFF/, "");
      return text
        .split("\r\n")
        .filter(Boolean)
        .map((l) => l.split(";"));
    };
    const screenFile = await csvOf(/^Скачать CSV: как на экране/);
    const allFile = await csvOf(/^Скачать CSV: все показатели/);
    const shown = (await report.getByRole("columnheader").allInnerTexts()).map((h) => h.replace(/[↑↓▲▼]/g, "").trim());
    // The figures of the screen, in its order and under its labels, end the header of «как на экране».
    const figures = shown.slice(1);
    expect(screenFile[0]!.slice(-figures.length)).toEqual(figures);
    expect(screenFile[0]).not.toContain("Решений «принят»");
    expect(allFile[0]).toContain("Решений «принят»");
    expect(allFile[0]!.length).toBeGreaterThan(screenFile[0]!.length);
    expect(screenFile.length).toBe(allFile.length);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, "reports-regional");

    const phone = await app().newPage(MOBILE);
    await signIn(phone, "region75@demo.medk.ru");
    await phone
      .getByRole("img", { name: /по муниципалитетам$/ })
      .first()
      .locator("svg")
      .waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await screenshot(phone, "dashboard-regional-375");
  });
});
