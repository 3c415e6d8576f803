// Events in the browser: the Забайкальский край coordinator creates a webinar for the curators and schools
// of Балейский район at local time; the invited school sees it in «Мероприятия» with a notification; the
// coordinator checks a webinar platform's export (one row matches nobody and is listed with the reason),
// marks the matched, and reads the figures per municipality; the school then sees its participation.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { MOBILE, mainText, screenshot, signIn, useE2E, openSection } from "./helpers/app.ts";

const app = useE2E();
const TITLE = "Установочный вебинар для кураторов и школ Балейского района";

describe("regional coordinator and school", () => {
  test("create a webinar for a municipality → the school is invited → import attendance with an unmatched row → figures", async () => {
    const { newPage } = app();
    const region = await newPage();
    await signIn(region, "region75@demo.medk.ru");
    await openSection(region, "Мероприятия");
    await region.getByRole("heading", { level: 1, name: "Мероприятия" }).waitFor();
    await region.getByText("Предстоящих мероприятий нет").waitFor();

    const form = region.getByRole("form", { name: "Новое мероприятие" });
    await form.getByLabel("Название").fill(TITLE);
    await form.getByLabel("Дата").fill("2030-03-15");
    await form.getByLabel("Время начала").fill("10:00");
    await form.getByLabel("Ссылка на подключение").fill("https://webinar.example/room/75");
    await form.getByLabel("Школы").check();
    await form.getByLabel("Муниципалитет").selectOption({ label: "Балейский район" });
    await form.getByRole("button", { name: "Создать и пригласить" }).click();
    await form.getByText(/Мероприятие создано, приглашено: \d+/).waitFor();
    await region.getByRole("link", { name: TITLE }).waitFor();
    await screenshot(region, "regional-events");

    // ---- the school is invited: the event is in its list, and a notification says so
    const school = await newPage();
    await signIn(school, "school.undino@demo.medk.ru");
    await openSection(school, "Мероприятия");
    const item = school.getByRole("list", { name: "Предстоящие мероприятия" }).getByRole("listitem").filter({ hasText: TITLE });
    await item.getByText("вы приглашены").waitFor();
    expect(await item.innerText()).toContain("15 марта 2030 г. в 10:00 (по времени Забайкальского края)");
    await school.goto(new URL("/notifications", school.url()).toString());
    await school.getByText(`Приглашение: вебинар «${TITLE}»`).first().waitFor();

    // ---- the coordinator imports the platform's export: preview (one row unmatched), then marks
    await region.getByRole("link", { name: TITLE }).click();
    await region.getByRole("heading", { level: 1, name: TITLE }).waitFor();
    expect(await mainText(region)).toContain("Приняли участие 0 из");
    const dir = mkdtempSync(join(tmpdir(), "medk-e2e-attendance-"));
    const csv = join(dir, "webinar-participants.csv");
    writeFileSync(csv, ["Имя;Email;Минут", "Ундино;school.undino@demo.medk.ru;58", "Гость;guest.unknown@example.org;12"].join("\n"));
    await region.getByLabel("Файл выгрузки").setInputFiles(csv);
    await region.getByRole("button", { name: "Проверить файл" }).click();
    await region.getByRole("heading", { name: "Сопоставлено: 1", exact: true }).waitFor();
    await region.getByText("Строка 3: guest.unknown@example.org — нет пользователя с такой почтой").waitFor();
    await screenshot(region, "regional-event-import-preview");
    await region.getByRole("button", { name: "Отметить участников (1)" }).click();
    await region.getByText("Участие отмечено: 1 (впервые — 1).").waitFor();
    await region.getByText(/Приняли участие 1 из \d+ приглашённых/).waitFor();
    const byTerritory = region.getByRole("table", { name: "Участие по территориям" });
    expect(await byTerritory.innerText()).toContain("Балейский район");
    const row = region.getByRole("table", { name: "Приглашённые" }).getByRole("row").filter({ hasText: "school.undino@demo.medk.ru" });
    await row.getByText("да (из выгрузки)").waitFor();
    await screenshot(region, "regional-event-attendance");

    // ---- the school sees its participation
    await school.goto(new URL("/events", school.url()).toString());
    await school.getByRole("list", { name: "Предстоящие мероприятия" }).getByRole("listitem").filter({ hasText: TITLE }).getByText("участие отмечено").waitFor();

    // ---- on a phone
    const phone = await newPage(MOBILE);
    await signIn(phone, "region75@demo.medk.ru");
    await phone.goto(new URL("/events", phone.url()).toString());
    await phone.getByRole("link", { name: TITLE }).click();
    await phone.getByRole("heading", { level: 1, name: TITLE }).waitFor();
    await screenshot(phone, "regional-event-mobile");
  });
});
