// The curator reads its school's roadmap, cannot change it, and discusses a measure; the school sees the comment.
import { describe, expect, test } from "vitest";
import { gid, signIn, trackSockets, useE2E, waitLive } from "./helpers/app.ts";

const app = useE2E();

describe("curator", () => {
  test("comments on a measure of its school; the roadmap stays the school's to edit", async () => {
    const school = await app().db.school.findFirstOrThrow({ where: { shortName: "МКОУ «Ундино-Посельская СОШ»" } });
    const page = await app().newPage();
    await trackSockets(page);
    await signIn(page, "curator1@demo.medk.ru");
    await page.goto(`/schools/${gid("School", school.id)}/roadmap`);
    await page.getByRole("heading", { level: 1, name: "Дорожная карта" }).waitFor();
    await waitLive(page);
    expect(await page.getByRole("button", { name: "Добавить мероприятие" }).count()).toBe(0);
    expect(await page.getByRole("button", { name: /^Изменить/ }).count()).toBe(0);
    expect(await page.getByRole("button", { name: /^Отчитаться/ }).count()).toBe(0);

    await page
      .getByRole("button", { name: /^Подробнее.*: мероприятие № 1$/ })
      .first()
      .click();
    const dialog = page.getByRole("dialog", { name: "Мероприятие № 1" });
    const text = "Приложите, пожалуйста, протокол заседания: ссылка ведёт на общую новость.";
    await dialog.getByLabel("Ваш комментарий").fill(text);
    await dialog.getByRole("button", { name: "Отправить комментарий" }).click();
    await page.getByText("Комментарий добавлен. Участники получили уведомление.").waitFor();
    await dialog.getByText(text).waitFor();
    await dialog.getByText("Белова Татьяна Николаевна").first().waitFor();

    // The school is told, and the link leads to the roadmap.
    const schoolPage = await app().newPage();
    await signIn(schoolPage, "school.undino@demo.medk.ru");
    await schoolPage.getByRole("button", { name: /^Уведомления/ }).click();
    await schoolPage
      .getByRole("region", { name: "Уведомления" })
      .getByRole("link", { name: /прокомментировал\(а\) мероприятие/ })
      .first()
      .click();
    await schoolPage.waitForURL(/\/schools\/[^/]+\/roadmap/);
    await schoolPage.getByRole("heading", { level: 1, name: "Дорожная карта" }).waitFor();
  });
});
