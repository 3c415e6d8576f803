// People, as a first-time coordinator meets them (issue 19, item 7): «Новый пользователь» asks for the
// role instead of pre-selecting the most powerful one; an account can be edited (name, e-mail, role,
// territory); «Новая ссылка» is offered for an active account too (a person who lost the password).
import { describe, expect, test } from "vitest";
import { MOBILE, screenshot, signIn, useE2E } from "./helpers/app.ts";

const app = useE2E();

describe("first-time coordinator: people", () => {
  test("«Новый пользователь» pre-selects no role and asks for one", async () => {
    const page = await app().newPage();
    await signIn(page, "region75@demo.medk.ru");
    await page.goto("/people/new");
    await page.getByRole("heading", { level: 1, name: "Новый пользователь" }).waitFor();
    expect(await page.getByRole("radio", { checked: true }).count()).toBe(0);
    await page.getByLabel("ФИО").fill("Пробный Человек Иванович");
    await page.getByLabel("E-mail").fill(`probe.${Date.now()}@demo.medk.ru`);
    await page.getByRole("button", { name: "Создать и получить ссылку-приглашение" }).click();
    await page.getByText("Выберите роль").first().waitFor();
    expect(await page.getByLabel("ФИО").inputValue()).toBe("Пробный Человек Иванович");
  });

  test("a regional coordinator edits an account's name, e-mail, role and territory", async () => {
    const school = await app().db.school.findFirstOrThrow({ where: { shortName: "МОУ «Мирсановская СОШ»" } });
    const stamp = Date.now();
    const email = `edit.${stamp}@demo.medk.ru`;
    await app().db.user.create({ data: { email, fullName: "Ошибкин Пётр Петрович", roles: { create: { role: "SCHOOL", schoolId: school.id } } } });

    const page = await app().newPage();
    await signIn(page, "region75@demo.medk.ru");
    await page.goto(`/people?q=${encodeURIComponent(email)}`);
    await page.getByRole("link", { name: "Изменить учётную запись Ошибкин Пётр Петрович" }).click();
    await page.getByRole("heading", { level: 1, name: "Изменить учётную запись" }).waitFor();
    await page.getByLabel("ФИО").fill("Ошибкина Пелагея Петровна");
    const fixed = `fixed.${stamp}@demo.medk.ru`;
    await page.getByLabel("E-mail").fill(fixed);
    await page.getByLabel("Изменить роль или территорию").check();
    await page.getByLabel("Муниципальный координатор", { exact: true }).check();
    await page.getByLabel("Муниципалитет", { exact: true }).selectOption({ label: "Шилкинский район" });
    await screenshot(page, "first-time-people-edit-1280");
    await page.getByRole("button", { name: "Сохранить изменения" }).click();
    await page.getByText("Изменения сохранены: Ошибкина Пелагея Петровна").waitFor();
    const row = page.getByRole("row").filter({ hasText: fixed });
    await row.getByText("Муниципальный координатор").waitFor();
    await row.getByText("Шилкинский район").waitFor();
    const saved = await app().db.user.findUniqueOrThrow({ where: { email: fixed }, include: { roles: true } });
    expect(saved.roles.map((r) => r.role)).toEqual(["MUNICIPAL_COORDINATOR"]);
    expect(await app().db.auditEvent.count({ where: { entityId: saved.id, action: "user.update" } })).toBe(1);
  });

  test("«Новая ссылка» is offered for an active account that lost its password", async () => {
    const page = await app().newPage(MOBILE);
    await signIn(page, "region75@demo.medk.ru");
    await page.goto(`/people?q=${encodeURIComponent("baley@demo.medk.ru")}`);
    const row = page.getByRole("row").filter({ hasText: "baley@demo.medk.ru" });
    await row.getByText("Активен").waitFor();
    await row.getByRole("button", { name: "Новая ссылка для нового пароля: Чернова Галина Петровна" }).click();
    await page.getByText("Новая ссылка-приглашение для Чернова Галина Петровна").first().waitFor();
    await screenshot(page, "first-time-people-new-link-375");
  });
});
