// Curator verification: two measures of Ундино-Посельская are reported done and «ожидают подтверждения»;
// the curator confirms one against its evidence and returns the other with a comment. The school, with
// its roadmap open, sees both change live and is notified.
import { describe, expect, test } from "vitest";
import { gid, MOBILE, screenshot, signIn, trackSockets, useE2E, waitLive } from "./helpers/app.ts";

const app = useE2E();

describe("curator", () => {
  test("confirms one measure reported done and returns another with a comment; the school sees it live", async () => {
    const db = app().db;
    const school = await db.school.findFirstOrThrow({ where: { shortName: "МКОУ «Ундино-Посельская СОШ»" } });
    const roadmap = await db.roadmap.findFirstOrThrow({ where: { participation: { schoolId: school.id, programmeYear: { year: 2026 } } } });
    // The last two measures (others' journeys use the first ones), reported done by the school.
    const [b, a] = await db.measure.findMany({ where: { roadmapId: roadmap.id, status: { not: "CANCELLED" } }, orderBy: { position: "desc" }, take: 2 });
    for (const m of [a!, b!])
      await db.measure.update({ where: { id: m.id }, data: { status: "DONE", completedAt: new Date(), confirmedAt: null, confirmedById: null, returnedAt: null, returnComment: null } });
    const url = `/schools/${gid("School", school.id)}/roadmap`;

    const schoolPage = await app().newPage();
    await trackSockets(schoolPage);
    await signIn(schoolPage, "school.undino@demo.medk.ru");
    await schoolPage.goto(url);
    await schoolPage.getByRole("heading", { level: 1, name: "Дорожная карта" }).waitFor();
    await waitLive(schoolPage);
    const rowOf = (page: typeof schoolPage, position: number) =>
      page
        .locator("tbody tr")
        .filter({ has: page.getByText(new RegExp(`^${position}$`)) })
        .first();
    await rowOf(schoolPage, a!.position).getByText("Ожидает подтверждения").waitFor();

    const page = await app().newPage();
    await signIn(page, "curator1@demo.medk.ru");
    await page.goto(url);
    await page.getByRole("heading", { level: 1, name: "Дорожная карта" }).waitFor();

    // Confirm the first.
    await page
      .getByRole("button", { name: new RegExp(`^Подробнее.*: мероприятие № ${a!.position}$`) })
      .first()
      .click();
    let dialog = page.getByRole("dialog", { name: `Мероприятие № ${a!.position}` });
    await dialog.getByText("Ожидает подтверждения").waitFor();
    await screenshot(page, "curator-measure-verification-pending");
    await dialog.getByRole("button", { name: "Подтвердить выполнение" }).click();
    await page.getByText(`Выполнение мероприятия № ${a!.position} подтверждено. Школа получила уведомление.`).waitFor();
    await dialog.getByRole("button", { name: "Закрыть" }).first().click();

    // Return the second with a comment; without one it is refused in words.
    await page
      .getByRole("button", { name: new RegExp(`^Подробнее.*: мероприятие № ${b!.position}$`) })
      .first()
      .click();
    dialog = page.getByRole("dialog", { name: `Мероприятие № ${b!.position}` });
    await dialog.getByRole("button", { name: "Вернуть на доработку" }).click();
    await dialog.getByText("Напишите, что нужно доработать").waitFor();
    const why = "Приложите протокол педсовета: по ссылке только анонс";
    await dialog.getByLabel("Комментарий проверяющего").fill(why);
    await dialog.getByRole("button", { name: "Вернуть на доработку" }).click();
    await page.getByText(`Мероприятие № ${b!.position} возвращено на доработку. Школа получила уведомление.`).waitFor();
    await dialog.getByText(why).first().waitFor();
    await screenshot(page, "curator-measure-verification-returned");

    expect(await db.measure.findUniqueOrThrow({ where: { id: a!.id } })).toMatchObject({ status: "DONE", confirmedAt: expect.any(Date) });
    expect(await db.measure.findUniqueOrThrow({ where: { id: b!.id } })).toMatchObject({ status: "IN_PROGRESS", returnComment: why });

    // The school's open roadmap follows live, and the notifications tell why.
    await rowOf(schoolPage, a!.position).getByText("Подтверждено").waitFor();
    await rowOf(schoolPage, b!.position).getByText("Возвращено на доработку").waitFor();
    await schoolPage.getByRole("button", { name: /^Уведомления/ }).click();
    const feed = schoolPage.getByRole("region", { name: "Уведомления" });
    await feed
      .getByText(/подтвердил\(а\) выполнение мероприятия/)
      .first()
      .waitFor();
    await feed
      .getByText(/вернул\(а\) мероприятие .* на доработку: Приложите протокол/)
      .first()
      .waitFor();
    await screenshot(schoolPage, "school-measure-verification-live");

    const mobile = await app().newPage(MOBILE);
    await signIn(mobile, "school.undino@demo.medk.ru");
    await mobile.goto(url);
    await mobile.getByRole("heading", { level: 1, name: "Дорожная карта" }).waitFor();
    await screenshot(mobile, "school-measure-verification-375");
  });
});
