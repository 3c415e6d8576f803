// The federal coordinator's people work: an observer for a region, its lost invitation replaced by a new
// link, the account switched off and on again.
import { describe, expect, test } from "vitest";
import { screenshot, signIn, useE2E, openSection } from "./helpers/app.ts";

const app = useE2E();
const NAME = "Сергеева Инна Павловна";

describe("federal coordinator", () => {
  test("creates an observer, re-issues the invitation, deactivates and reactivates the account", async () => {
    const page = await app().newPage();
    await signIn(page, "fioco@demo.medk.ru");
    await openSection(page, "Люди");
    await page.getByRole("link", { name: "Добавить пользователя" }).click();
    await page.getByRole("heading", { level: 1, name: "Новый пользователь" }).waitFor();
    // Every role is the federal coordinator's to grant.
    expect(await page.getByRole("radio").count()).toBe(6);

    await page.getByLabel("Наблюдатель", { exact: true }).check();
    await page.getByLabel("ФИО").fill(NAME);
    const email = `sergeeva.${Date.now()}@demo.medk.ru`;
    await page.getByLabel("E-mail").fill(email);
    await page.getByLabel("Субъект РФ").selectOption({ label: "Рязанская область" });
    await page.getByLabel("Муниципалитет (необязательно)").waitFor();
    await page.getByRole("button", { name: "Создать и получить ссылку-приглашение" }).click();
    await page.getByText(`Учётная запись ${NAME} (${email}) создана`).waitFor();
    const first = await page.getByLabel(`Ссылка-приглашение для ${NAME}`).inputValue();

    // ---- in the list: not signed in yet
    await page.getByRole("link", { name: "К списку людей" }).click();
    await page.getByLabel("ФИО или e-mail").fill(email);
    await page.getByRole("button", { name: "Найти" }).click();
    await page.waitForURL(/q=/);
    const users = page.getByRole("table", { name: "Пользователи" });
    const row = users.getByRole("row").filter({ hasText: email });
    await row.getByText("Приглашение не принято").waitFor();
    await row.getByText("Рязанская область").waitFor();

    await row.getByRole("button", { name: `Новая ссылка-приглашение для ${NAME}` }).click();
    await users.getByText(`Новая ссылка-приглашение для ${NAME}: прежние ссылки больше не действуют.`).waitFor();
    const second = await users.getByRole("textbox", { name: `Ссылка-приглашение для ${NAME}` }).inputValue();
    expect(second).not.toBe(first);
    await screenshot(page, "people-federal-reissue");

    // The old link is dead, as the page said.
    const stranger = await app().newPage();
    await stranger.goto(first);
    await stranger.getByLabel("Новый пароль").fill("observer-password-1");
    await stranger.getByLabel("Пароль ещё раз").fill("observer-password-1");
    await stranger.getByRole("button", { name: "Сохранить пароль и войти" }).click();
    await stranger.getByText(/Ссылка-приглашение недействительна/).waitFor();

    // ---- off and on again
    page.once("dialog", (d) => void d.accept());
    await row.getByRole("button", { name: `Отключить учётную запись ${NAME}` }).click();
    await users.getByText(`Учётная запись ${NAME} отключена: все её сеансы завершены`).waitFor();
    await row.getByText("Отключён").waitFor();
    await row.getByRole("button", { name: `Включить учётную запись ${NAME}` }).click();
    await users.getByText(`Учётная запись ${NAME} снова включена`).waitFor();
    await row.getByText("Приглашение не принято").waitFor();
  });
});
