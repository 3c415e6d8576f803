// The school's risk profile: ten factors with significance and how it was reached, the chosen risks,
// who has confirmed and who is still awaited.
import { describe, expect, test } from "vitest";
import { screenshot, signIn, useE2E } from "./helpers/app.ts";

const app = useE2E();

describe("school", () => {
  test("reads its risk profile: significance, «как получено», chosen risks and confirmations", async () => {
    const page = await app().newPage();
    await signIn(page, "school.undino@demo.medk.ru");
    const id = new URL(page.url()).pathname.split("/")[2];
    await page.getByRole("link", { name: "Рисковый профиль" }).click();
    await page.getByRole("heading", { level: 1, name: "Рисковый профиль" }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/schools/${id}/profile`);

    const rows = page.locator("tbody tr");
    expect(await rows.count()).toBe(10);
    await rows
      .first()
      .getByText(/^(Высокая|Средняя|Низкая)$/)
      .waitFor();
    await page.getByText("Не верифицирован").waitFor();
    // Ундино-Посельская: the school and the curator have confirmed, the municipality has not.
    const confirmations = page.locator("section").filter({ has: page.getByRole("heading", { name: "Подтверждения" }) });
    expect(await confirmations.innerText()).toMatch(/Ждём:\s*муниципальный координатор/);
    await confirmations.getByText("ещё не подтвердил(а)").waitFor();

    // The school may change its choice; the boxes show the saved one.
    const checked = page.getByRole("checkbox", { checked: true });
    expect(await checked.count()).toBeGreaterThan(0);
    const first = rows.first();
    await first.getByText("Как получено").click();
    expect((await first.locator(".explanation").innerText()).length).toBeGreaterThan(10);
    await screenshot(page, "school-risk-profile");

    // Ticking a box marks the choice unsaved until «Сохранить выбор рисков».
    const save = page.getByRole("button", { name: "Сохранить выбор рисков" });
    expect(await save.isDisabled()).toBe(true);
    await page.getByRole("checkbox", { checked: false }).first().check();
    expect(await save.isDisabled()).toBe(false);
    await page.getByText("(не сохранено)").waitFor();
  });

  test("the municipal coordinator is offered to confirm the profile", async () => {
    const page = await app().newPage();
    await signIn(page, "baley@demo.medk.ru");
    const school = await app().db.school.findFirstOrThrow({ where: { shortName: "МКОУ «Ундино-Посельская СОШ»" } });
    await page.goto(`/schools/${Buffer.from(`School:${school.id}`).toString("base64")}/profile`);
    await page.getByRole("heading", { level: 1, name: "Рисковый профиль" }).waitFor();
    await page.getByRole("button", { name: "Подтвердить профиль как муниципальный координатор" }).waitFor();
  });
});
