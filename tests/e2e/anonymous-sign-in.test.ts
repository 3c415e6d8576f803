import { describe, expect, test } from "vitest";
import { DEMO_PASSWORD, useE2E } from "./helpers/app.ts";

const app = useE2E();

describe("sign-in page", () => {
  test("a wrong password shows «Неверный e-mail или пароль» and keeps the e-mail", async () => {
    const page = await app().newPage();
    await page.goto("/login");
    await page.getByLabel("E-mail").fill("region75@demo.medk.ru");
    await page.getByLabel("Пароль", { exact: true }).fill("not-the-password");
    await page.getByRole("button", { name: "Войти" }).click();
    await page.getByRole("alert").filter({ hasText: "Неверный e-mail или пароль" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/login");
    expect(await page.getByLabel("E-mail").inputValue()).toBe("region75@demo.medk.ru");
    expect((await page.context().cookies()).find((c) => c.name === "medk_session")).toBeUndefined();
  });

  test("empty fields are named, without asking the server", async () => {
    const page = await app().newPage();
    await page.goto("/login");
    await page.getByRole("button", { name: "Войти" }).click();
    await page.getByText("Введите e-mail", { exact: true }).waitFor();
    await page.getByText("Введите пароль", { exact: true }).waitFor();
  });

  test("works with the keyboard alone and returns to the page asked for", async () => {
    const page = await app().newPage();
    await page.goto("/notifications");
    expect(new URL(page.url()).pathname).toBe("/login");
    await page.getByLabel("E-mail").focus();
    await page.keyboard.type("baley@demo.medk.ru");
    await page.keyboard.press("Tab");
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press("Enter");
    await page.waitForURL((u) => u.pathname === "/notifications");
    await page.getByRole("heading", { level: 1, name: "Уведомления" }).waitFor();
  });

  test("sets the session cookie as HttpOnly", async () => {
    const page = await app().newPage();
    await page.goto("/login");
    await page.getByLabel("E-mail").fill("fioco@demo.medk.ru");
    await page.getByLabel("Пароль", { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Войти" }).click();
    await page.waitForURL((u) => u.pathname === "/regions");
    const cookie = (await page.context().cookies()).find((c) => c.name === "medk_session");
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe("Lax");
  });

  test("an invalid invitation link says what to do", async () => {
    const page = await app().newPage();
    await page.goto("/invite/this-link-is-not-valid-at-all");
    await page.getByRole("heading", { level: 1, name: "Установка пароля" }).waitFor();
    await page.getByLabel("Новый пароль").fill("correct horse battery");
    await page.getByLabel("Пароль ещё раз").fill("correct horse battery");
    await page.getByRole("button", { name: "Сохранить пароль и войти" }).click();
    await page.getByRole("alert").filter({ hasText: "Ссылка-приглашение недействительна" }).waitFor();
  });
});
